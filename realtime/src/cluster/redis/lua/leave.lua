-- Sockets of one node leave channels (an unsubscribe, or a connection closing).
-- ARGV: prefix, node, then (app, channel, socket, user) repeated.
-- Returns the users that stopped being members as (app, channel, user) triples, or 'fenced' when
-- the node is no longer live (the reaper owns its subscriptions then).
local node = ARGV[2]
local now = now_ms()
if not node_is_live(node, now) then return 'fenced' end
local removed = {}
for i = 3, #ARGV, 4 do
  local app, channel, socket, user = ARGV[i], ARGV[i + 1], ARGV[i + 2], ARGV[i + 3]
  if leave_socket(node, app, channel, socket, user, now) then
    removed[#removed + 1] = app
    removed[#removed + 1] = channel
    removed[#removed + 1] = user
  end
end
return removed
