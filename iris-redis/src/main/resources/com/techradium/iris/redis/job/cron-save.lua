-- Stores a cron schedule. ARGV[3] tenant, ARGV[4] name, ARGV[5] 1 to store only if absent,
-- ARGV[6] definition (JSON), ARGV[7] nextFireAt, ARGV[8] lastFiredAt ('' for none).
-- Reply: 1 if stored, 0 if it existed and ARGV[5] was 1.
local tenant, name = ARGV[3], ARGV[4]
local key = k('cron', tenant, name)
if ARGV[5] == '1' and redis.call('EXISTS', key) == 1 then
  return 0
end
redis.call('DEL', key)
redis.call('HSET', key, 'def', ARGV[6], 'nx', ARGV[7])
if ARGV[8] ~= '' then
  redis.call('HSET', key, 'ls', ARGV[8])
end
redis.call('ZADD', k('t', tenant, 'crons'), 0, name)
redis.call('ZADD', k('cron-due'), tonumber(ARGV[7]), tenant .. '|' .. name)
return 1
