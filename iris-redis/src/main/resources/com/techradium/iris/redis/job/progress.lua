-- Stores the progress of a running job, only under its current lease. ARGV[1] (now) is the time
-- of the report; ARGV[3] tenant, ARGV[4] job id, ARGV[5] token, ARGV[6] percent, ARGV[7] '1' if
-- a message follows, ARGV[8] the message. Reads three fields, not the job (its payload may be
-- large), and touches no index or counter.
-- Reply: 1 if stored, 0 if the lease is no longer held.
local key = k('job', ARGV[4])
local f = redis.call('HMGET', key, 't', 'st', 'lt')
if f[1] ~= ARGV[3] or f[2] ~= 'RUNNING' or f[3] ~= ARGV[5] then
  return 0
end
if ARGV[7] == '1' then
  redis.call('HSET', key, 'gp', ARGV[6], 'gm', ARGV[8], 'gt', ARGV[1])
else
  redis.call('HSET', key, 'gp', ARGV[6], 'gt', ARGV[1])
  redis.call('HDEL', key, 'gm')
end
return 1
