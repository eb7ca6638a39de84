-- Inserts a batch of jobs for one tenant, all or nothing.
-- ARGV[3] tenant, ARGV[4] count, then NEW_JOB_ARGS arguments per job (see new_job).
-- Reply: {'OK', result1, result2, ...} with per input job {1, state, error or false} if it was
-- created (the caller knows the rest), {0, job} if an idempotency key matched a stored job, or
-- {2, n} if it matched the n-th job of this batch; or {'CONFLICT', message} or
-- {'INVALID', field, message}, in which case nothing was written.
local tenant = ARGV[3]
local count = tonumber(ARGV[4])

local input = {}
for i = 1, count do
  input[i] = new_job(tenant, 4 + (i - 1) * NEW_JOB_ARGS)
end

local function live_key_holder(key)
  local id = redis.call('GET', k('idem', tenant, key))
  if not id then
    return nil
  end
  local j = owned(tenant, id)
  if j and j.ie and tonumber(j.ie) > NOW then
    return j
  end
  return nil
end

local function same_content(n, other)
  return n.q == other.q and n.ty == other.ty and n.pl == other.pl
end

-- Check everything first.
local fresh = {}
local batch_keys = {}
local deduped = {}
for i, n in ipairs(input) do
  local match = nil
  if n.ik then
    local existing = live_key_holder(n.ik)
    local earlier = batch_keys[n.ik]
    if existing then
      match = { content = existing, reply = { 0, flat(existing) } }
    elseif earlier then
      match = { content = input[earlier], reply = { 2, earlier } }
    else
      batch_keys[n.ik] = i
    end
    if match and not same_content(n, match.content) then
      return { 'CONFLICT', 'idempotency key ' .. n.ik .. ' was used for a job with other content' }
    end
  end
  if not match then
    if fresh[n.id] or redis.call('EXISTS', k('job', n.id)) == 1 then
      return { 'CONFLICT', 'job id ' .. n.id .. ' is already used' }
    end
    fresh[n.id] = n
  end
  deduped[i] = match
end

for _, n in ipairs(input) do
  if fresh[n.id] == n then
    for _, pid in ipairs(parents(n)) do
      if not fresh[pid] and redis.call('HGET', k('job', pid), 't') ~= tenant then
        return { 'INVALID', 'parentIds', 'unknown parent job ' .. pid }
      end
    end
  end
end

-- Initial states, parents first; a parent's state may itself be new. The caller has checked that
-- the batch holds no dependency cycle (DependencyCycles in iris-core). This is the rule of
-- JobInitialStates, kept here so that the enqueue stays one round trip reading parents atomically.
local states = {}
local function initial(n)
  if states[n.id] then
    return states[n.id]
  end
  local err, blocked = nil, false
  for _, pid in ipairs(parents(n)) do
    local ps
    if fresh[pid] then
      ps = initial(fresh[pid]).st
    else
      ps = redis.call('HGET', k('job', pid), 'st')
    end
    if ps == 'DEAD' or ps == 'CANCELLED' then
      if not err then
        err = 'parent ' .. pid .. ' is ' .. string.lower(ps)
      end
    elseif ps ~= 'COMPLETED' then
      blocked = true
    end
  end
  local result
  if err then
    local st = 'CANCELLED'
    if n.pp == 'FAIL' then
      st = 'DEAD'
    end
    result = { st = st, er = err }
  elseif blocked then
    result = { st = 'BLOCKED' }
  else
    result = { st = ready_state(n) }
  end
  states[n.id] = result
  return result
end

for _, n in ipairs(input) do
  if fresh[n.id] == n then
    initial(n)
  end
end

-- Apply.
local queues = {}
for _, n in ipairs(input) do
  if fresh[n.id] == n and not queues[n.q] then
    queues[n.q] = true
    redis.call('SADD', k('queue-names'), n.q)
  end
end
for _, n in ipairs(input) do
  if fresh[n.id] == n then
    local s = states[n.id]
    n.st = s.st
    n.er = s.er
    if TERMINAL[n.st] then
      n.fa = ms(NOW)
    end
    create(n)
    if n.ik then
      local ttl = tonumber(n.ie) - NOW
      if ttl > 0 then
        redis.call('SET', k('idem', tenant, n.ik), n.id, 'PX', ms(ttl))
      end
    end
  end
end

local reply = { 'OK' }
for i, n in ipairs(input) do
  local match = deduped[i]
  if match then
    reply[#reply + 1] = match.reply
  else
    reply[#reply + 1] = { 1, n.st, n.er or false }
  end
end
done()
return reply
