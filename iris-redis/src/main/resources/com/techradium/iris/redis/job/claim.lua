-- Claims up to a limit of due jobs of some queues, of one tenant or all, in rank order.
-- ARGV[3] tenant ('' for all), ARGV[4] limit, ARGV[5] owner, ARGV[6] lease ms, ARGV[7] queue
-- count, then the queue names, then the number of queues scheduled by tenant and for each: its
-- name, 1 for fair share (else 0), the per-tenant cap ('' for none), the queue rate's limit and
-- emission interval in microseconds ('' '' for none), the tenant rate's likewise, the number of
-- tenant weights and the tenant/weight pairs; then now in microseconds, then one fresh lease
-- token per job that may be claimed.
-- Reply: the claimed jobs in rank order.
-- A queue scheduled by tenant (claimed only when ARGV[3] is '') is claimed as TenantClaims.plan
-- does, over each tenant's ready set of the queue; its state is the hash "sched:<queue>": 'clock'
-- and 'qtat' (fair-share clock, queue rate TAT), 'v|<tenant>' and 'g|<tenant>' (virtual time,
-- tenant rate TAT), 'indexed' once the queue's due jobs are all in the per-tenant ready sets.
-- Running counts are the queue's counters ("counts:<queue>", '<tenant>|RUNNING'), which every
-- script that moves a job out of RUNNING lowers.
local tenant = ARGV[3]
local limit = tonumber(ARGV[4])
local owner = ARGV[5]
local lease_ms = tonumber(ARGV[6])
local nq = tonumber(ARGV[7])
local PROMOTE_BATCH = 1000
local HMGET_BATCH = 500

local a = 8 + nq
local scheduled = {}
local ns = tonumber(ARGV[a])
a = a + 1
for _ = 1, ns do
  local cfg = { name = ARGV[a], fair = ARGV[a + 1] == '1', weights = {} }
  cfg.cap = tonumber(ARGV[a + 2])
  cfg.ql, cfg.qi = tonumber(ARGV[a + 3]), tonumber(ARGV[a + 4])
  cfg.tl, cfg.ti = tonumber(ARGV[a + 5]), tonumber(ARGV[a + 6])
  local nw = tonumber(ARGV[a + 7])
  a = a + 8
  for _ = 1, nw do
    cfg.weights[ARGV[a]] = tonumber(ARGV[a + 1])
    a = a + 2
  end
  scheduled[cfg.name] = cfg
end
local NOW_US = tonumber(ARGV[a])
local token_base = a

-- The generic cell rate algorithm of the rate limiter (Gcra.admit), for a cost of 1: the state
-- after admitting a start at NOW_US, or -1 when it is denied.
local function admit(tat, interval, burst)
  local nxt = math.max(tat, NOW_US) + interval
  if nxt - NOW_US <= burst * interval then
    return nxt
  end
  return -1
end

local function hmget_many(key, fields)
  local out = {}
  for i = 1, #fields, HMGET_BATCH do
    local part = {}
    for f = i, math.min(i + HMGET_BATCH - 1, #fields) do
      part[#part + 1] = fields[f]
    end
    local vals = redis.call('HMGET', key, unpack(part))
    for f = 1, #part do
      out[i + f - 1] = vals[f]
    end
  end
  return out
end

local function num(s)
  return string.format('%.17g', s)
end

-- The jobs (id, score) a claim of up to room jobs starts in the scheduled queue cfg, in the order
-- chosen, with the queue's state saved.
local function claim_scheduled(cfg, room, out)
  if room <= 0 then
    return
  end
  local q = cfg.name
  local sk = k('sched', q)
  local head = redis.call('HMGET', sk, 'clock', 'qtat', 'indexed')
  if not head[3] then
    -- The first scheduled claim of the queue puts jobs that became due before the per-tenant
    -- ready sets existed (data of an earlier version) into them, once.
    local offset = 0
    while true do
      local page = redis.call('ZRANGE', k('ready', q), offset, offset + PROMOTE_BATCH - 1, 'WITHSCORES')
      if #page == 0 then
        break
      end
      for i = 1, #page, 2 do
        local t = redis.call('HGET', k('job', page[i]), 't')
        redis.call('ZADD', k('t', t, 'ready', q), page[i + 1], page[i])
        redis.call('SADD', k('rtenants', q), t)
      end
      offset = offset + PROMOTE_BATCH
    end
    redis.call('HSET', sk, 'indexed', '1')
  end
  local tenants = redis.call('SMEMBERS', k('rtenants', q))
  if #tenants == 0 then
    return
  end
  table.sort(tenants)
  local fields = {}
  local running = {}
  for i, t in ipairs(tenants) do
    fields[2 * i - 1] = 'v|' .. t
    fields[2 * i] = 'g|' .. t
    running[i] = t .. '|RUNNING'
  end
  local vals = hmget_many(sk, fields)
  local counts = hmget_many(k('counts', q), running)
  local clock = tonumber(head[1]) or 0
  local qtat = tonumber(head[2]) or 0
  local states = {}
  for i, t in ipairs(tenants) do
    states[i] = {
      t = t,
      v = tonumber(vals[2 * i - 1]) or 0,
      g = tonumber(vals[2 * i]) or 0,
      r = tonumber(counts[i]) or 0,
      off = 0,
    }
  end
  -- The tenant's best ready job not yet chosen, or false.
  local function peek(s)
    if s.head == nil then
      local r = redis.call('ZRANGE', k('t', s.t, 'ready', q), s.off, s.off, 'WITHSCORES')
      if #r == 0 then
        s.head = false
      else
        s.head = { id = r[1], score = tonumber(r[2]) }
      end
    end
    return s.head
  end
  local changed = {}
  local taken = 0
  while taken < room do
    local next_qtat = qtat
    if cfg.qi then
      next_qtat = admit(qtat, cfg.qi, cfg.ql)
      if next_qtat < 0 then
        break
      end
    end
    local best, best_tag = nil, 0
    for _, s in ipairs(states) do
      local h = peek(s)
      if h and not (cfg.cap and s.r >= cfg.cap) and not (cfg.ti and admit(s.g, cfg.ti, cfg.tl) < 0) then
        local tag = math.max(s.v, clock)
        local wins
        if best == nil then
          wins = true
        elseif cfg.fair and tag ~= best_tag then
          wins = tag < best_tag
        elseif h.score ~= best.head.score then
          wins = h.score < best.head.score
        else
          wins = h.id < best.head.id
        end
        if wins then
          best, best_tag = s, tag
        end
      end
    end
    if not best then
      break
    end
    out[#out + 1] = best.head
    best.off = best.off + 1
    best.head = nil
    if cfg.ti then
      best.g = admit(best.g, cfg.ti, cfg.tl)
    end
    if cfg.fair then
      -- The n-th job after a tenant's first in this claim has the tag start + n / weight, computed
      -- so (as TenantClaims and the PostgreSQL claim do) rather than by adding 1 / weight n times.
      clock = best_tag
      if best.started == nil then
        best.start, best.started = best_tag, 0
      end
      best.started = best.started + 1
      best.v = best.start + best.started / (cfg.weights[best.t] or 1)
    end
    best.r = best.r + 1
    changed[best.t] = best
    qtat = next_qtat
    taken = taken + 1
  end
  if taken > 0 then
    local sets = { 'clock', num(clock), 'qtat', ms(qtat) }
    for t, s in pairs(changed) do
      sets[#sets + 1] = 'v|' .. t
      sets[#sets + 1] = num(s.v)
      sets[#sets + 1] = 'g|' .. t
      sets[#sets + 1] = ms(s.g)
    end
    redis.call('HSET', sk, unpack(sets))
  end
end

local candidates = {}
local chosen = {}
for qi = 1, nq do
  local q = ARGV[7 + qi]
  -- Move jobs whose time has come from the delayed set to the ready sets (bounded per call).
  local due = redis.call('ZRANGEBYSCORE', k('delayed', q), '-inf', NOW, 'LIMIT', 0, PROMOTE_BATCH)
  for _, id in ipairs(due) do
    local f = redis.call('HMGET', k('job', id), 'pr', 'ra', 't')
    local score = tonumber(f[2]) - tonumber(f[1]) * STEP
    redis.call('ZADD', k('ready', q), score, id)
    redis.call('ZADD', k('t', f[3], 'ready', q), score, id)
    redis.call('SADD', k('rtenants', q), f[3])
    redis.call('ZREM', k('delayed', q), id)
  end
end
-- Queues scheduled by tenant first, as many as they give up to the limit; then the others by rank.
if tenant == '' then
  for qi = 1, nq do
    local cfg = scheduled[ARGV[7 + qi]]
    if cfg then
      claim_scheduled(cfg, limit - #chosen, chosen)
    end
  end
end
for qi = 1, nq do
  local q = ARGV[7 + qi]
  if tenant == '' then
    if not scheduled[q] then
      local top = redis.call('ZRANGE', k('ready', q), 0, limit - 1, 'WITHSCORES')
      for i = 1, #top, 2 do
        candidates[#candidates + 1] = { id = top[i], score = tonumber(top[i + 1]) }
      end
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

local function by_rank(x, y)
  if x.score ~= y.score then
    return x.score < y.score
  end
  return x.id < y.id
end
table.sort(candidates, by_rank)
for i = 1, math.min(limit - #chosen, #candidates) do
  chosen[#chosen + 1] = candidates[i]
end
table.sort(chosen, by_rank)

local claimed = {}
for i = 1, #chosen do
  local j = load(chosen[i].id)
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
