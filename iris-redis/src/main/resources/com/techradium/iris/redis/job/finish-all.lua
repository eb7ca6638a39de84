-- Ends many running attempts, each as finish.lua does. From ARGV[3] on, eight arguments per
-- entry: tenant, job id, token, outcome, 1 if a text follows, the text, retry time, 1 if the retry
-- consumes the attempt.
-- Reply: per entry, the job after the change, or false if its lease is no longer held (a job
-- named twice is finished by its first entry).
local out = {}
local n = (#ARGV - 2) / 8
for i = 0, n - 1 do
  local b = 3 + i * 8
  local j = held(ARGV[b], ARGV[b + 1], ARGV[b + 2])
  if j then
    local text = nil
    if ARGV[b + 4] == '1' then
      text = ARGV[b + 5]
    end
    finish_held(j, ARGV[b + 3], text, ARGV[b + 6], ARGV[b + 7])
    out[i + 1] = flat(j)
  else
    out[i + 1] = false
  end
end
done()
return out
