-- Renews a node's lease. ARGV: prefix, node, lease ms, outage ms (see forgive_outage).
-- Returns 'ok'; 'expired' (frozen past its lease: dead to the cluster), 'reaped' (another node
-- already removed its members) or 'unknown' (Redis lost the registration: re-assert).
local node, lease = ARGV[2], tonumber(ARGV[3])
local now = now_ms()
forgive_outage(now, tonumber(ARGV[4]))
local expiry = lease_of(node)
if expiry ~= nil then
  if expiry < now then return 'expired' end
  redis.call('ZADD', P .. 'nodes', now + lease, node)
  return 'ok'
end
if redis.call('EXISTS', P .. 'reaped:' .. node) == 1 then return 'reaped' end
return 'unknown'
