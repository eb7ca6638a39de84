-- Cancels a job. ARGV[3] tenant, ARGV[4] job id.
-- Reply: {'OK', job} | {'NOTFOUND'} | {'CONFLICT', message}.
local j = owned(ARGV[3], ARGV[4])
if not j then
  return { 'NOTFOUND' }
end
if j.st == 'CANCELLED' then
  return { 'OK', flat(j) }
elseif j.st == 'COMPLETED' or j.st == 'DEAD' then
  return { 'CONFLICT', 'job ' .. j.id .. ' is ' .. j.st .. ' already' }
elseif j.st == 'RUNNING' then
  change(j, { cr = '1' })
else
  change(j, { st = 'CANCELLED', fa = ms(NOW) })
  fail_children(j)
end
done()
return { 'OK', flat(j) }
