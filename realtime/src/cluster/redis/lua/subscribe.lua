-- One socket subscribes to one channel (any kind). Decides membership, the member cap (counted over
-- the whole cluster) and member_added atomically, then acknowledges through the node's inbox, so
-- the node attaches the socket exactly between what its member list includes and what follows.
-- A cache channel's last event travels in the acknowledgement ('' when there is none), read in this
-- same step: the socket gets it, then every later event.
-- ARGV: prefix, node, app, channel, socket, user ('' unless presence), user_info JSON, max members,
-- '1' for a cache channel
-- Returns 'added' (new member), 'ok', 'full' (cap reached) or 'fenced' (this node is not live).
local node, app, channel, socket, user, info = ARGV[2], ARGV[3], ARGV[4], ARGV[5], ARGV[6], ARGV[7]
local max_members = tonumber(ARGV[8])
local is_cache = ARGV[9] == '1'
local now = now_ms()
if not node_is_live(node, now) then return 'fenced' end
local base = channel_key(app, channel)
if user ~= '' and redis.call('HEXISTS', base .. 'users', user) == 0 and redis.call('HLEN', base .. 'users') >= max_members then
  return 'full'
end
local added = join_socket(node, app, channel, socket, user, info, now)
local members = ''
if user ~= '' then members = presence_json(base) end
local cached = ''
if is_cache then cached = redis.call('GET', cache_key(app, channel)) or '' end
redis.call('PUBLISH', P .. 'inbox:' .. node, 'K' .. SEP .. app .. SEP .. channel .. SEP .. socket .. SEP .. cached .. SEP .. members)
if added then return 'added' end
return 'ok'
