-- Webhook records a node has finished with (sent, or given up after its retries): removed from the
-- in-flight set and the record store. ARGV: prefix, ids... Returns how many were still held.
local acked = 0
for i = 2, #ARGV do
  acked = acked + redis.call('ZREM', P .. 'wh:flight', ARGV[i])
  redis.call('HDEL', P .. 'wh:ev', ARGV[i])
end
return acked
