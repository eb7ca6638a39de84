-- Reads several jobs in one round trip. ARGV[3..] job ids. Reply: one job (or false) per id.
local out = {}
for i = 3, #ARGV do
  local j = load(ARGV[i])
  if j then
    out[#out + 1] = flat(j)
  else
    out[#out + 1] = false
  end
end
return out
