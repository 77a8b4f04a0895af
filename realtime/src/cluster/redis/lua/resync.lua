-- Registers a node (or renews it) and makes Redis hold exactly the subscriptions it really has:
-- at start (none), and after Redis comes back (possibly empty). Missing ones are joined (publishing
-- member_added where the user was gone), stale ones left (member_removed where it was the last).
-- ARGV: prefix, node, lease ms, outage ms (see forgive_outage), webhook app count N, then N (app, leave delay ms) pairs, then
-- (app, channel, socket, user, user_info JSON) repeated. Returns 'ok', 'expired' or 'reaped'.
local node, lease, webhook_apps = ARGV[2], tonumber(ARGV[3]), tonumber(ARGV[5])
local now = now_ms()
forgive_outage(now, tonumber(ARGV[4]))
if redis.call('EXISTS', P .. 'reaped:' .. node) == 1 then return 'reaped' end
local expiry = lease_of(node)
if expiry ~= nil and expiry < now then return 'expired' end
redis.call('ZADD', P .. 'nodes', now + lease, node)
local first = 6
for i = 1, webhook_apps do
  redis.call('HSET', P .. 'wh:apps', ARGV[first], ARGV[first + 1])
  first = first + 2
end
local wanted = {}
for i = first, #ARGV, 5 do
  local app, channel, socket, user, info = ARGV[i], ARGV[i + 1], ARGV[i + 2], ARGV[i + 3], ARGV[i + 4]
  wanted[entry_of(app, channel, socket, user)] = true
  join_socket(node, app, channel, socket, user, info, now)
end
for _, entry in ipairs(redis.call('SMEMBERS', P .. 'node:' .. node)) do
  if not wanted[entry] then
    local app, channel, socket, user = split_entry(entry)
    leave_socket(node, app, channel, socket, user, now)
  end
end
return 'ok'
