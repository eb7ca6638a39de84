-- Deletes finished jobs of a queue that finished before a cutoff, with their histories.
-- ARGV[3] queue, ARGV[4] cutoff, ARGV[5] limit. Reply: how many jobs were deleted.
local q = ARGV[3]
local doomed = redis.call('ZRANGEBYSCORE', k('finished', q), '-inf', '(' .. ARGV[4], 'LIMIT', 0, tonumber(ARGV[5]))
for _, id in ipairs(doomed) do
  local j = load(id)
  unindex(j)
  for _, a in ipairs(redis.call('LRANGE', k('att', id), 0, -1)) do
    redis.call('ZREM', k('alog', q), a)
  end
  redis.call('DEL', k('job', id), k('att', id), k('children', id))
  redis.call('ZREM', k('t', j.t, 'ids'), id)
  for _, pid in ipairs(parents(j)) do
    redis.call('SREM', k('children', pid), id)
  end
  if j.ik and redis.call('GET', k('idem', j.t, j.ik)) == id then
    redis.call('DEL', k('idem', j.t, j.ik))
  end
end
done()
return #doomed
