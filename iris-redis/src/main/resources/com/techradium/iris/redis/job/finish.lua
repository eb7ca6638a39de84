-- Ends a running attempt. ARGV[3] tenant, ARGV[4] job id, ARGV[5] token, ARGV[6] outcome
-- (C completed, R retry, D dead, X cancelled), ARGV[7] 1 if ARGV[8] holds a text (result, error
-- or reason), ARGV[9] retry time, ARGV[10] 1 if the retry consumes the attempt.
-- Reply: the job after the change, or false if the lease is no longer held.
local j = held(ARGV[3], ARGV[4], ARGV[5])
if not j then
  return false
end
local kind = ARGV[6]
local text = nil
if ARGV[7] == '1' then
  text = ARGV[8]
end
local changes = { lo = false, lt = false, le = false }
local outcome
if kind == 'C' then
  changes.st = 'COMPLETED'
  changes.rs = text or false
  changes.fa = ms(NOW)
  outcome = 'SUCCEEDED'
elseif kind == 'R' then
  local retry_at = tonumber(ARGV[9])
  changes.ra = ARGV[9]
  changes.er = text
  if ARGV[10] == '1' then
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
done()
return flat(j)
