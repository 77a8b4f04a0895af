-- One webhook step of a node, atomic: renews the lease of the records it is still sending, takes
-- back records whose lease ran out (their node died or froze mid-send), then claims up to N due events
-- (held leaves whose delay passed included). A claim is a lease, not a removal: the record moves to
-- the in-flight set scored by its deadline and stays until ack-webhooks.lua removes it after sending,
-- so a node dying mid-send loses nothing (at-least-once).
-- ARGV: prefix, N, lease ms, ids to renew... Returns [id, record, id, record, …], records being
-- "app SEP event JSON SEP hold key".
local limit = tonumber(ARGV[2])
local now = now_ms()
local deadline = now + tonumber(ARGV[3])
for i = 4, #ARGV do
  redis.call('ZADD', P .. 'wh:flight', 'XX', deadline, ARGV[i])
end
local claimed = {}
local expired = redis.call('ZRANGEBYSCORE', P .. 'wh:flight', '-inf', now, 'LIMIT', 0, limit)
for _, id in ipairs(expired) do
  local record = redis.call('HGET', P .. 'wh:ev', id)
  if record then
    redis.call('ZADD', P .. 'wh:flight', deadline, id)
    claimed[#claimed + 1] = id
    claimed[#claimed + 1] = record
  else
    redis.call('ZREM', P .. 'wh:flight', id)
  end
end
local ids = redis.call('ZRANGEBYSCORE', P .. 'wh:due', '-inf', now, 'LIMIT', 0, limit - #expired)
for _, id in ipairs(ids) do
  redis.call('ZREM', P .. 'wh:due', id)
  local record = redis.call('HGET', P .. 'wh:ev', id)
  if record then
    redis.call('ZADD', P .. 'wh:flight', deadline, id)
    local app, event_json = string.match(record, '^([^\31]*)\31([^\31]*)\31')
    local hold = string.sub(record, #app + #event_json + 3)
    if hold ~= '' and redis.call('HGET', P .. 'wh:hold', hold) == id then redis.call('HDEL', P .. 'wh:hold', hold) end
    claimed[#claimed + 1] = id
    claimed[#claimed + 1] = record
  end
end
return claimed
