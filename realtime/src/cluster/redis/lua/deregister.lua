-- A node leaving for good (shutdown): whatever subscriptions it still holds are removed, then its lease.
-- ARGV: prefix, node. Returns how many subscriptions were left.
local node = ARGV[2]
local now = now_ms()
local count = leave_all(node, now)
redis.call('ZREM', P .. 'nodes', node)
return count
