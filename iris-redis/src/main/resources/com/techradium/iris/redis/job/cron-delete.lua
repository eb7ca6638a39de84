-- Deletes a cron schedule. ARGV[3] tenant, ARGV[4] name. Reply: 1 if it existed, else 0.
local tenant, name = ARGV[3], ARGV[4]
local existed = redis.call('DEL', k('cron', tenant, name))
redis.call('ZREM', k('t', tenant, 'crons'), name)
redis.call('ZREM', k('cron-due'), tenant .. '|' .. name)
return existed
