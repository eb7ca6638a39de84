-- Adds ARGV[1] to KEYS[1] and to KEYS[2], returning both new values.
local a = redis.call('INCRBY', KEYS[1], ARGV[1])
local b = redis.call('INCRBY', KEYS[2], ARGV[1])
return {a, b}
