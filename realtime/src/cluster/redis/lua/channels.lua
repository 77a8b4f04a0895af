-- REST: occupied channels of an app whose name starts with a prefix, with their counts.
-- ARGV: prefix, app, name prefix. Returns (name, subscription count, user count) repeated.
local app, name_prefix = ARGV[2], ARGV[3]
local out = {}
for _, name in ipairs(redis.call('SMEMBERS', P .. 'chans:' .. app)) do
  if string.sub(name, 1, #name_prefix) == name_prefix then
    local base = channel_key(app, name)
    out[#out + 1] = name
    out[#out + 1] = redis.call('HLEN', base .. 'socks')
    out[#out + 1] = redis.call('HLEN', base .. 'users')
  end
end
return out
