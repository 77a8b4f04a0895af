-- A visible signed-in connection of a user: the user's first one anywhere makes them online, and
-- that transition is numbered and published in this same step. ARGV: prefix, node, app, socket, user.
-- Returns 1 when the user came online, else 0.
local node, app, socket, user = ARGV[2], ARGV[3], ARGV[4], ARGV[5]
if redis.call('SADD', P .. 'wl:node:' .. node, app .. SEP .. socket .. SEP .. user) == 0 then return 0 end
redis.call('SADD', P .. 'wl:nodes', node)
if redis.call('HINCRBY', P .. 'wl:on:' .. app, user, 1) ~= 1 then return 0 end
local seq = redis.call('INCR', P .. 'wl:seq')
redis.call('PUBLISH', P .. 'wl:events', app .. SEP .. seq .. SEP .. '1' .. SEP .. user)
return 1
