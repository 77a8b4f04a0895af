-- Member lists of presence channels, sent to the asking node's inbox (not returned), so the node
-- compares them with what its clients were shown at exactly this point of the event stream.
-- ARGV: prefix, node, then (app, channel) pairs.
local node = ARGV[2]
local lists = {}
for i = 3, #ARGV, 2 do
  local app, channel = ARGV[i], ARGV[i + 1]
  lists[#lists + 1] = { app, channel, redis.call('HGETALL', channel_key(app, channel) .. 'info') }
end
redis.call('PUBLISH', P .. 'inbox:' .. node, 'M' .. SEP .. cjson.encode(lists))
return #lists
