-- REST: subscription and user counts of named channels of an app.
-- ARGV: prefix, app, names... Returns (subscription count, user count) per name, in order.
local app = ARGV[2]
local out = {}
for i = 3, #ARGV do
  local base = channel_key(app, ARGV[i])
  out[#out + 1] = redis.call('HLEN', base .. 'socks')
  out[#out + 1] = redis.call('HLEN', base .. 'users')
end
return out
