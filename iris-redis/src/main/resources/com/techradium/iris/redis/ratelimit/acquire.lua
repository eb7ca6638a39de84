-- Decides every rule of one request atomically and takes its permits from all or none.
-- The algorithms are those of com.techradium.iris.ratelimit.spi (Gcra, TokenBucket,
-- SlidingWindowCounter, SlidingWindowLog), in the same arithmetic, held to the same results by the
-- counter contract suite. Times are microseconds since the epoch.
--
-- KEYS[i]  the counter key of check i (all under one tenant's hash tag)
-- ARGV[1]  now, or -1 to read the server's TIME
-- ARGV[2]  1 to take the permits when every check allows, 0 to answer only
-- then per check, 5 values: algorithm (1 counter, 2 log, 3 bucket, 4 gcra), limit,
--   window (GCRA: the emission interval), burst, cost
-- Returns: now, then per check 4 integers: allowed (1/0), remaining, resetAt, retryAfter.

local now = tonumber(ARGV[1])
if now < 0 then
  local t = redis.call('TIME')
  now = tonumber(t[1]) * 1000000 + tonumber(t[2])
end
local consume = ARGV[2] == '1'
local n = #KEYS
local results = {}
local writes = {}
local all = true

local function ttl_ms(micros)
  return math.floor(micros / 1000) + 1
end

for i = 1, n do
  local base = 2 + (i - 1) * 5
  local algorithm = tonumber(ARGV[base + 1])
  local limit = tonumber(ARGV[base + 2])
  local window = tonumber(ARGV[base + 3])
  local burst = tonumber(ARGV[base + 4])
  local cost = tonumber(ARGV[base + 5])
  local key = KEYS[i]
  local allowed, remaining, reset, retry

  if algorithm == 4 then
    local interval = window
    local tat = tonumber(redis.call('GET', key) or '0')
    local start = math.max(tat, now)
    local nxt = start + cost * interval
    if nxt - now <= burst * interval then
      allowed, remaining, reset, retry = 1, math.floor((burst * interval - (nxt - now)) / interval), nxt, 0
      writes[i] = function()
        redis.call('SET', key, string.format('%d', nxt), 'PX', ttl_ms(nxt - now))
      end
    else
      allowed = 0
      remaining = math.max(0, math.floor((burst * interval - (start - now)) / interval))
      reset = start
      retry = math.max(1, nxt - burst * interval - now)
    end
  elseif algorithm == 3 then
    local state = redis.call('HMGET', key, 't', 'l')
    local tokens = burst
    if state[1] then
      local elapsed = math.max(0, now - tonumber(state[2]))
      tokens = math.min(burst, tonumber(state[1]) + elapsed * limit / window)
    end
    local after = tokens
    if tokens >= cost then
      allowed, after, retry = 1, tokens - cost, 0
    else
      allowed = 0
      retry = math.max(1, math.ceil((cost - tokens) * window / limit))
    end
    remaining = math.floor(after)
    reset = now + math.ceil((burst - after) * window / limit)
    local last = now
    if state[2] then
      last = math.max(tonumber(state[2]), now)
    end
    writes[i] = function()
      redis.call('HSET', key, 't', string.format('%.17g', after), 'l', string.format('%d', last))
      redis.call('PEXPIRE', key, ttl_ms((burst - after) * window / limit + window))
    end
  elseif algorithm == 1 then
    local state = redis.call('HMGET', key, 's', 'p', 'c')
    local start = now - (now % window)
    local previous, current = 0, 0
    if state[1] then
      local old = tonumber(state[1])
      if old == start then
        previous, current = tonumber(state[2]), tonumber(state[3])
      elseif start - old == window then
        previous = tonumber(state[3])
      end
    end
    local estimate = previous * ((window - (now - start)) / window) + current
    if estimate + cost <= limit then
      allowed, retry = 1, 0
      remaining = math.max(0, math.floor(limit - estimate - cost))
    else
      allowed = 0
      remaining = math.max(0, math.floor(limit - estimate))
      if current + cost > limit then
        local needed = 0
        if current > 0 then
          needed = window * (1 - (limit - cost) / current)
        end
        retry = start + window - now + math.ceil(math.max(0, needed))
      else
        local elapsed = window - (limit - current - cost) * window / previous
        retry = start + math.ceil(elapsed) - now
      end
      retry = math.max(1, retry)
    end
    reset = start + window
    writes[i] = function()
      redis.call('HSET', key, 's', string.format('%d', start), 'p', string.format('%d', previous),
        'c', string.format('%d', current + cost))
      redis.call('PEXPIRE', key, ttl_ms(2 * window))
    end
  else
    redis.call('ZREMRANGEBYSCORE', key, '-inf', string.format('%d', now - window))
    local count = redis.call('ZCARD', key)
    local newest = now
    if count > 0 then
      newest = tonumber(redis.call('ZRANGE', key, -1, -1, 'WITHSCORES')[2])
    end
    if count + cost <= limit then
      allowed, remaining, reset, retry = 1, limit - count - cost, now + window, 0
      writes[i] = function()
        local seq = redis.call('INCRBY', key .. ':seq', cost)
        for k = 1, cost do
          redis.call('ZADD', key, string.format('%d', now), string.format('%d:%d', now, seq - k))
        end
        redis.call('PEXPIRE', key, ttl_ms(window))
        redis.call('PEXPIRE', key .. ':seq', ttl_ms(window))
      end
    else
      allowed = 0
      remaining = math.max(0, limit - count)
      reset = newest + window
      if cost > limit then
        retry = window
      else
        local needed = count + cost - limit
        local oldest = tonumber(redis.call('ZRANGE', key, needed - 1, needed - 1, 'WITHSCORES')[2])
        retry = math.max(1, oldest + window - now)
      end
    end
  end

  if allowed == 0 then
    all = false
  end
  results[#results + 1] = allowed
  results[#results + 1] = remaining
  results[#results + 1] = reset
  results[#results + 1] = retry
end

if consume and all then
  for i = 1, n do
    if writes[i] then
      writes[i]()
    end
  end
end
if not all then
  -- Nothing was taken: an allowed check reports what it would have left, and no wait.
  for i = 1, n do
    if results[(i - 1) * 4 + 1] == 1 then
      results[(i - 1) * 4 + 4] = 0
    end
  end
end
table.insert(results, 1, now)
return results
