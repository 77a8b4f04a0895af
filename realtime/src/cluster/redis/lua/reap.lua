-- Claims one node whose lease has expired and removes its subscriptions (member_removed for the
-- users it was the last connection of). Whichever node runs it first wins; the rest find nothing.
-- ARGV: prefix, tombstone ms, outage ms (see forgive_outage). Returns the reaped node id and its subscription count, or false.
local tombstone_ms = tonumber(ARGV[2])
local now = now_ms()
forgive_outage(now, tonumber(ARGV[3]))
local dead = redis.call('ZRANGEBYSCORE', P .. 'nodes', '-inf', '(' .. now, 'LIMIT', 0, 1)
if #dead == 0 then return false end
local node = dead[1]
redis.call('ZREM', P .. 'nodes', node)
redis.call('SET', P .. 'reaped:' .. node, '1', 'PX', tombstone_ms)
return { node, leave_all(node, now) }
