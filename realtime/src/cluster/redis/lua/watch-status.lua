-- The initial status of a watchlist: the number of the last transition decided so far, then 1/0 per
-- user id (online or not) as of that transition. ARGV: prefix, app, user ids...
local app = ARGV[2]
local seq = tonumber(redis.call('GET', P .. 'wl:seq') or '0')
local result = { seq }
for i = 3, #ARGV do
  local count = tonumber(redis.call('HGET', P .. 'wl:on:' .. app, ARGV[i]) or '0')
  result[#result + 1] = count > 0 and 1 or 0
end
return result
