-- Shared by every job script; RedisJobStore puts it in front of each script's own text.
-- KEYS[1] is the store's key prefix ("iris:{jobs}:"): every key below starts with it, so every
-- key of the store shares one hash tag and one Redis Cluster slot.
-- ARGV[1] is the caller's "now" in epoch milliseconds, ARGV[2] the aging step in milliseconds.
-- Job hash fields: id t(enant) q(ueue) ty(pe) pl(payload) pr(iority) st(ate) ra(runAt) at(tempts)
-- ma(xAttempts) to(timeout) bi bm (backoff) ik ie (idempotency key, expiry) pa(rents, comma
-- separated) pp (parent policy) cr (cancel requested 0/1) lo lt le (lease owner, token, expiry)
-- er(ror) rs (result) ca ua sa fa (created, updated, started, finished) gp gm gt (progress
-- percent, message, time). Absent = null.

local P = KEYS[1]
local NOW = tonumber(ARGV[1])
local STEP = tonumber(ARGV[2])
local signals = {}
local count_deltas = {}

local CLAIMABLE = { SCHEDULED = true, QUEUED = true, FAILED = true }
local TERMINAL = { COMPLETED = true, DEAD = true, CANCELLED = true }

-- A key name: the prefix, then up to four parts separated by ':'.
local function k(a, b, c, d)
  if d then
    return P .. a .. ':' .. b .. ':' .. c .. ':' .. d
  elseif c then
    return P .. a .. ':' .. b .. ':' .. c
  elseif b then
    return P .. a .. ':' .. b
  end
  return P .. a
end

local function ms(n)
  return string.format('%d', n)
end

local function load(id)
  local raw = redis.call('HGETALL', k('job', id))
  if #raw == 0 then
    return nil
  end
  local j = {}
  for i = 1, #raw, 2 do
    j[raw[i]] = raw[i + 1]
  end
  return j
end

local function owned(tenant, id)
  local j = load(id)
  if j and j.t == tenant then
    return j
  end
  return nil
end

local function flat(j)
  local out = {}
  for f, v in pairs(j) do
    out[#out + 1] = f
    out[#out + 1] = v
  end
  return out
end

local function rank(j)
  return tonumber(j.ra) - tonumber(j.pr) * STEP
end

local function parents(j)
  local list = {}
  if j.pa then
    for pid in string.gmatch(j.pa, '[^,]+') do
      list[#list + 1] = pid
    end
  end
  return list
end

-- Index maintenance: every job sits in its tenant's state index and the per-queue and
-- per-tenant counters; claimable jobs in ready (by rank, due) or delayed (by runAt, not yet due)
-- plus the waiting indexes by runAt (oldest due job); running jobs in the lease index by expiry;
-- finished jobs in the per-queue cleanup index by finish time.
-- Counter changes are summed here and written once by done().
local function count(q, t, s, delta)
  local key = q .. '|' .. t .. '|' .. s
  count_deltas[key] = (count_deltas[key] or 0) + delta
end

-- Puts a due claimable job in its queue's ready set and its tenant's ready set of the queue
-- ("t:<tenant>:ready:<queue>", by rank), and its tenant in the queue's set of tenants with due
-- jobs ("rtenants:<queue>"): a claim scheduled by tenant reads those two.
local function make_ready(q, t, id, score)
  redis.call('ZADD', k('ready', q), score, id)
  redis.call('ZADD', k('t', t, 'ready', q), score, id)
  redis.call('SADD', k('rtenants', q), t)
  signals[q] = true
end

local function unindex(j)
  local id, q, t, s = j.id, j.q, j.t, j.st
  redis.call('ZREM', k('t', t, 's', s), id)
  count(q, t, s, -1)
  if CLAIMABLE[s] then
    redis.call('ZREM', k('ready', q), id)
    if redis.call('ZREM', k('t', t, 'ready', q), id) == 1 and redis.call('ZCARD', k('t', t, 'ready', q)) == 0 then
      redis.call('SREM', k('rtenants', q), t)
    end
    redis.call('ZREM', k('delayed', q), id)
    redis.call('ZREM', k('waiting', q), id)
    redis.call('ZREM', k('t', t, 'waiting', q), id)
  elseif s == 'RUNNING' then
    redis.call('ZREM', k('leases'), id)
  elseif TERMINAL[s] then
    redis.call('ZREM', k('finished', q), id)
  end
end

local function index(j)
  local id, q, t, s = j.id, j.q, j.t, j.st
  redis.call('ZADD', k('t', t, 's', s), 0, id)
  count(q, t, s, 1)
  if CLAIMABLE[s] then
    local ra = tonumber(j.ra)
    if ra > NOW then
      redis.call('ZADD', k('delayed', q), ra, id)
    else
      make_ready(q, t, id, rank(j))
    end
    redis.call('ZADD', k('waiting', q), ra, id)
    redis.call('ZADD', k('t', t, 'waiting', q), ra, id)
  elseif s == 'RUNNING' then
    redis.call('ZADD', k('leases'), tonumber(j.le), id)
  elseif TERMINAL[s] then
    redis.call('ZADD', k('finished', q), tonumber(j.fa), id)
  end
end

-- Applies changes (field -> string, or false to remove) to a stored job, keeping indexes right.
local function change(j, changes)
  unindex(j)
  local sets, dels = {}, {}
  changes.ua = ms(NOW)
  for f, v in pairs(changes) do
    if v == false then
      if j[f] ~= nil then
        dels[#dels + 1] = f
      end
      j[f] = nil
    else
      j[f] = v
      sets[#sets + 1] = f
      sets[#sets + 1] = v
    end
  end
  local key = k('job', j.id)
  redis.call('HSET', key, unpack(sets))
  if #dels > 0 then
    redis.call('HDEL', key, unpack(dels))
  end
  index(j)
  return j
end

-- Writes a new job (a table of fields) and indexes it; the caller adds its queue to queue-names.
local function create(j)
  local key = k('job', j.id)
  redis.call('HSET', key, unpack(flat(j)))
  redis.call('ZADD', k('t', j.t, 'ids'), 0, j.id)
  for _, pid in ipairs(parents(j)) do
    redis.call('SADD', k('children', pid), j.id)
  end
  index(j)
  return j
end

-- A new job's fields from 14 arguments starting after ARGV[base]:
-- id queue type payload priority runAt maxAttempts timeout backoffInitial backoffMax
-- idempotencyKey idempotencyExpiresAt parents policy ('' for null).
local NEW_JOB_ARGS = 14
local NEW_JOB_FIELDS = { 'id', 'q', 'ty', 'pl', 'pr', 'ra', 'ma', 'to', 'bi', 'bm', 'ik', 'ie', 'pa', 'pp' }
local function new_job(tenant, base)
  local names = NEW_JOB_FIELDS
  local j = { t = tenant, at = '0', cr = '0', ca = ms(NOW), ua = ms(NOW) }
  for i, name in ipairs(names) do
    local v = ARGV[base + i]
    if v ~= '' then
      j[name] = v
    end
  end
  return j
end

local function ready_state(j)
  if tonumber(j.ra) > NOW then
    return 'SCHEDULED'
  end
  return 'QUEUED'
end

-- Appends an attempt of a running job to its history and to the queue's attempt log.
local function record(j, outcome, err)
  local a = {
    s = redis.call('INCR', k('seq')),
    n = tonumber(j.at),
    o = j.lo,
    sa = j.sa,
    fa = ms(NOW),
    oc = outcome,
    e = err,
    t = j.t,
  }
  local text = cjson.encode(a)
  redis.call('RPUSH', k('att', j.id), text)
  redis.call('ZADD', k('alog', j.q), NOW, text)
end

local function parent_failure(p)
  return 'parent ' .. p.id .. ' is ' .. string.lower(p.st)
end

-- A dead or cancelled job fails or cancels its blocked children, transitively.
local function fail_children(parent)
  local stack = { parent }
  while #stack > 0 do
    local p = table.remove(stack)
    for _, cid in ipairs(redis.call('SMEMBERS', k('children', p.id))) do
      local c = load(cid)
      if c and c.st == 'BLOCKED' then
        local st = 'CANCELLED'
        if c.pp == 'FAIL' then
          st = 'DEAD'
        end
        change(c, { st = st, er = parent_failure(p), fa = ms(NOW) })
        stack[#stack + 1] = c
      end
    end
  end
end

-- A completed job releases each blocked child whose parents all completed.
local function release_children(parent)
  for _, cid in ipairs(redis.call('SMEMBERS', k('children', parent.id))) do
    local c = load(cid)
    if c and c.st == 'BLOCKED' then
      local ready = true
      for _, pid in ipairs(parents(c)) do
        local ps = redis.call('HGET', k('job', pid), 'st')
        if ps and ps ~= 'COMPLETED' then
          ready = false
          break
        end
      end
      if ready then
        local ra = math.max(tonumber(c.ra), NOW)
        local st = 'QUEUED'
        if ra > NOW then
          st = 'SCHEDULED'
        end
        change(c, { st = st, ra = ms(ra) })
      end
    end
  end
end

local function after_state_change(j)
  if j.st == 'COMPLETED' then
    release_children(j)
  elseif j.st == 'DEAD' or j.st == 'CANCELLED' then
    fail_children(j)
  end
end

-- The job if it is running under the lease token, else nil.
local function held(tenant, id, token)
  local j = owned(tenant, id)
  if j and j.st == 'RUNNING' and j.lt == token then
    return j
  end
  return nil
end

-- Ends the running attempt of j, which the caller found held under its lease: kind is the
-- outcome (C completed, R retry, D dead, X cancelled), text the result, error or reason (or nil),
-- retry_at_arg the retry time and consumes '1' if the retry consumes the attempt. Records the
-- attempt, changes the job and moves its children on.
local function finish_held(j, kind, text, retry_at_arg, consumes)
  local changes = { lo = false, lt = false, le = false }
  local outcome
  if kind == 'C' then
    changes.st = 'COMPLETED'
    changes.rs = text or false
    changes.fa = ms(NOW)
    outcome = 'SUCCEEDED'
  elseif kind == 'R' then
    local retry_at = tonumber(retry_at_arg)
    changes.ra = retry_at_arg
    changes.er = text
    if consumes == '1' then
      changes.st = 'FAILED'
      outcome = 'FAILED'
    else
      if retry_at > NOW then
        changes.st = 'SCHEDULED'
      else
        changes.st = 'QUEUED'
      end
      changes.at = ms(tonumber(j.at) - 1)
      outcome = 'RESCHEDULED'
    end
  elseif kind == 'D' then
    changes.st = 'DEAD'
    changes.er = text
    changes.fa = ms(NOW)
    outcome = 'FAILED'
  else
    changes.st = 'CANCELLED'
    changes.fa = ms(NOW)
    if text then
      changes.er = text
    end
    outcome = 'CANCELLED'
  end
  local recorded_error = text
  if kind == 'C' then
    recorded_error = nil
  end
  record(j, outcome, recorded_error)
  change(j, changes)
  after_state_change(j)
end

-- Writes the summed counter changes and announces queues whose jobs became due. Every script
-- that changes jobs calls it last.
local function done()
  for key, delta in pairs(count_deltas) do
    if delta ~= 0 then
      local q, t, s = string.match(key, '^([^|]+)|([^|]+)|([^|]+)$')
      redis.call('HINCRBY', k('counts', q), t .. '|' .. s, delta)
      redis.call('HINCRBY', k('t', t, 'counts'), q .. '|' .. s, delta)
    end
  end
  for q in pairs(signals) do
    redis.call('PUBLISH', k('signal'), q)
  end
end

