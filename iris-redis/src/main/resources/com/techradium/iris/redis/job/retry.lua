-- Makes a job due now. ARGV[3] tenant, ARGV[4] job id.
-- Reply: {'OK', job} | {'NOTFOUND'} | {'CONFLICT', message}.
local j = owned(ARGV[3], ARGV[4])
if not j then
  return { 'NOTFOUND' }
end
if j.st == 'BLOCKED' or j.st == 'RUNNING' or j.st == 'COMPLETED' then
  return { 'CONFLICT', 'job ' .. j.id .. ' is ' .. j.st .. ' and cannot be retried' }
end
change(j, {
  st = 'QUEUED',
  ra = ms(NOW),
  cr = '0',
  fa = false,
  ma = ms(math.max(tonumber(j.ma), tonumber(j.at) + 1)),
})
done()
return { 'OK', flat(j) }
