-- Takes back running jobs whose lease expired before now. ARGV[3] limit.
-- Reply: how many jobs were taken back.
local expired = redis.call('ZRANGEBYSCORE', k('leases'), '-inf', '(' .. ms(NOW), 'LIMIT', 0, tonumber(ARGV[3]))
for _, id in ipairs(expired) do
  local j = load(id)
  record(j, 'LEASE_EXPIRED', 'lease expired')
  local changes = { lo = false, lt = false, le = false, er = 'lease expired' }
  if j.cr == '1' then
    changes.st = 'CANCELLED'
    changes.fa = ms(NOW)
  elseif tonumber(j.at) >= tonumber(j.ma) then
    changes.st = 'DEAD'
    changes.fa = ms(NOW)
  else
    changes.st = 'QUEUED'
    changes.ra = ms(NOW)
  end
  change(j, changes)
  after_state_change(j)
end
done()
return #expired
