-- Claims up to a limit of due jobs of some queues, of one tenant or all, in rank order.
-- ARGV[3] tenant ('' for all), ARGV[4] limit, ARGV[5] owner, ARGV[6] lease ms, ARGV[7] queue
-- count, then the queue names, then one fresh lease token per job that may be claimed.
-- Reply: the claimed jobs in rank order.
local tenant = ARGV[3]
local limit = tonumber(ARGV[4])
local owner = ARGV[5]
local lease_ms = tonumber(ARGV[6])
local nq = tonumber(ARGV[7])
local PROMOTE_BATCH = 1000

local candidates = {}
for qi = 1, nq do
  local q = ARGV[7 + qi]
  -- Move jobs whose time has come from the delayed set to the ready set (bounded per call).
  local due = redis.call('ZRANGEBYSCORE', k('delayed', q), '-inf', NOW, 'LIMIT', 0, PROMOTE_BATCH)
  for _, id in ipairs(due) do
    local f = redis.call('HMGET', k('job', id), 'pr', 'ra')
    redis.call('ZADD', k('ready', q), tonumber(f[2]) - tonumber(f[1]) * STEP, id)
    redis.call('ZREM', k('delayed', q), id)
  end
  if tenant == '' then
    local top = redis.call('ZRANGE', k('ready', q), 0, limit - 1, 'WITHSCORES')
    for i = 1, #top, 2 do
      candidates[#candidates + 1] = { id = top[i], score = tonumber(top[i + 1]) }
    end
  else
    local offset, taken, chunk = 0, 0, 200
    while taken < limit do
      local page = redis.call('ZRANGE', k('ready', q), offset, offset + chunk - 1, 'WITHSCORES')
      if #page == 0 then
        break
      end
      for i = 1, #page, 2 do
        if taken < limit and redis.call('HGET', k('job', page[i]), 't') == tenant then
          candidates[#candidates + 1] = { id = page[i], score = tonumber(page[i + 1]) }
          taken = taken + 1
        end
      end
      offset = offset + chunk
    end
  end
end

table.sort(candidates, function(a, b)
  if a.score ~= b.score then
    return a.score < b.score
  end
  return a.id < b.id
end)

local claimed = {}
local token_base = 7 + nq
for i = 1, math.min(limit, #candidates) do
  local j = load(candidates[i].id)
  change(j, {
    st = 'RUNNING',
    at = ms(tonumber(j.at) + 1),
    sa = ms(NOW),
    lo = owner,
    lt = ARGV[token_base + i],
    le = ms(NOW + lease_ms),
  })
  claimed[#claimed + 1] = flat(j)
end
done()
return claimed
