-- Writes a change that the caller decided on in Java from the job as it read it, only if the job
-- is still exactly as read (compare-and-set): the rules themselves live in iris-core.
-- ARGV[3] tenant, ARGV[4] job id, ARGV[5] '1' to move the job's children on afterwards (as after
-- any state change), ARGV[6] n, then the n field/value pairs of the job as read, then field/value
-- pairs to write ('' removes the field).
-- Reply: {'OK', job} | {'NOTFOUND'} | {'STALE'} (the job changed since it was read).
local j = owned(ARGV[3], ARGV[4])
if not j then
  return { 'NOTFOUND' }
end
local n = tonumber(ARGV[6])
local stored = 0
for _ in pairs(j) do
  stored = stored + 1
end
if stored ~= n then
  return { 'STALE' }
end
local i = 7
for _ = 1, n do
  if j[ARGV[i]] ~= ARGV[i + 1] then
    return { 'STALE' }
  end
  i = i + 2
end
local changes = {}
while i < #ARGV do
  local v = ARGV[i + 1]
  if v == '' then
    v = false
  end
  changes[ARGV[i]] = v
  i = i + 2
end
change(j, changes)
if ARGV[5] == '1' then
  after_state_change(j)
end
done()
return { 'OK', flat(j) }
