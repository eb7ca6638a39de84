-- Extends a held lease. ARGV[3] tenant, ARGV[4] job id, ARGV[5] token, ARGV[6] new expiry.
-- Reply: the job, or false if the lease is no longer held.
local j = held(ARGV[3], ARGV[4], ARGV[5])
if not j then
  return false
end
change(j, { le = ARGV[6] })
done()
return flat(j)
