-- Gives a claimed job back unrun. ARGV[3] tenant, ARGV[4] job id, ARGV[5] token.
-- Reply: 1 if the lease was held (and the job released), else 0.
local j = held(ARGV[3], ARGV[4], ARGV[5])
if not j then
  return 0
end
change(j, { st = 'QUEUED', at = ms(tonumber(j.at) - 1), lo = false, lt = false, le = false })
done()
return 1
