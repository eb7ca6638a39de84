-- Ends a running attempt. ARGV[3] tenant, ARGV[4] job id, ARGV[5] token, ARGV[6] outcome
-- (C completed, R retry, D dead, X cancelled), ARGV[7] 1 if ARGV[8] holds a text (result, error
-- or reason), ARGV[9] retry time, ARGV[10] 1 if the retry consumes the attempt.
-- Reply: the job after the change, or false if the lease is no longer held.
local j = held(ARGV[3], ARGV[4], ARGV[5])
if not j then
  return false
end
local text = nil
if ARGV[7] == '1' then
  text = ARGV[8]
end
finish_held(j, ARGV[6], text, ARGV[9], ARGV[10])
done()
return flat(j)
