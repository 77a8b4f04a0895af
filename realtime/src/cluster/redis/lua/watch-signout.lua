-- A visible signed-in connection is gone: the user's last one anywhere makes them offline.
-- ARGV: prefix, node, app, socket, user. Returns 1 when the user went offline, else 0.
local node, app, socket, user = ARGV[2], ARGV[3], ARGV[4], ARGV[5]
return watch_signout(node, app, socket, user)
