-- Changes a job that is neither running nor finished. ARGV[3] tenant, ARGV[4] job id,
-- ARGV[5] priority, ARGV[6] runAt, ARGV[7] payload ('' for unchanged).
-- Reply: {'OK', job} | {'NOTFOUND'} | {'CONFLICT', message}.
local j = owned(ARGV[3], ARGV[4])
if not j then
  return { 'NOTFOUND' }
end
if j.st == 'RUNNING' or TERMINAL[j.st] then
  return { 'CONFLICT', 'job ' .. j.id .. ' is ' .. j.st .. ' and cannot change' }
end
local changes = {}
if ARGV[5] ~= '' then
  changes.pr = ARGV[5]
end
if ARGV[7] ~= '' then
  changes.pl = ARGV[7]
end
if ARGV[6] ~= '' then
  changes.ra = ARGV[6]
  if j.st == 'SCHEDULED' or j.st == 'QUEUED' then
    if tonumber(ARGV[6]) > NOW then
      changes.st = 'SCHEDULED'
    else
      changes.st = 'QUEUED'
    end
  end
end
change(j, changes)
done()
return { 'OK', flat(j) }
