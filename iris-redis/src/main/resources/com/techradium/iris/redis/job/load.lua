-- The operator view: waiting (claimable and due) and running jobs per queue and tenant, read from
-- the per-queue counters (fields "tenant|STATE") or the tenant's counters (fields "queue|STATE")
-- and the tenant's waiting set per queue (claimable jobs by run-at). Changes nothing.
-- ARGV[3] tenant ('' for every tenant), ARGV[4] queue ('' for every queue).
-- Reply: one {queue, tenant, waiting, running, oldest run-at or false} per row with jobs.
local tenant, only = ARGV[3], ARGV[4]
local rows = {}

local function add(q, t, s, n)
  if n <= 0 or not (CLAIMABLE[s] or s == 'RUNNING') then
    return
  end
  local key = q .. '|' .. t
  local row = rows[key] or { q = q, t = t, running = 0 }
  if s == 'RUNNING' then
    row.running = row.running + n
  end
  rows[key] = row
end

if tenant ~= '' then
  local counts = redis.call('HGETALL', k('t', tenant, 'counts'))
  for i = 1, #counts, 2 do
    local q, s = string.match(counts[i], '^(.*)|([^|]+)$')
    if only == '' or q == only then
      add(q, tenant, s, tonumber(counts[i + 1]))
    end
  end
else
  local queues = { only }
  if only == '' then
    queues = redis.call('SMEMBERS', k('queue-names'))
  end
  for _, q in ipairs(queues) do
    local counts = redis.call('HGETALL', k('counts', q))
    for i = 1, #counts, 2 do
      local t, s = string.match(counts[i], '^(.*)|([^|]+)$')
      add(q, t, s, tonumber(counts[i + 1]))
    end
  end
end

local out = {}
for _, row in pairs(rows) do
  local waiting_key = k('t', row.t, 'waiting', row.q)
  local waiting = redis.call('ZCOUNT', waiting_key, '-inf', NOW)
  if waiting > 0 or row.running > 0 then
    local oldest = false
    if waiting > 0 then
      oldest = redis.call('ZRANGEBYSCORE', waiting_key, '-inf', NOW, 'WITHSCORES', 'LIMIT', 0, 1)[2]
    end
    out[#out + 1] = { row.q, row.t, waiting, row.running, oldest }
  end
end
return out
