-- Enqueues one occurrence of a cron schedule, exactly once: only if the schedule's next fire
-- time still equals the occurrence. ARGV[3] tenant, ARGV[4] schedule name, ARGV[5] fireAt,
-- ARGV[6] nextFireAt, then NEW_JOB_ARGS arguments of the job.
-- Reply: {'OK', job} | {'NONE'} | {'CONFLICT', message}.
local tenant, name = ARGV[3], ARGV[4]
local member = tenant .. '|' .. name
local next_at = redis.call('ZSCORE', k('cron-due'), member)
if not next_at or tonumber(next_at) ~= tonumber(ARGV[5]) then
  return { 'NONE' }
end
local j = new_job(tenant, 6)
if redis.call('EXISTS', k('job', j.id)) == 1 then
  return { 'CONFLICT', 'job id ' .. j.id .. ' is already used' }
end
redis.call('HSET', k('cron', tenant, name), 'nx', ARGV[6], 'ls', ARGV[5])
redis.call('ZADD', k('cron-due'), tonumber(ARGV[6]), member)
j.pa = nil
j.st = ready_state(j)
redis.call('SADD', k('queue-names'), j.q)
create(j)
done()
return { 'OK', flat(j) }
