-- Takes up to N webhook events that are due (held leaves whose delay passed included); each is
-- claimed by exactly one node. ARGV: prefix, N. Returns records "app SEP event JSON SEP hold key".
local limit = tonumber(ARGV[2])
local now = now_ms()
local ids = redis.call('ZRANGEBYSCORE', P .. 'wh:due', '-inf', now, 'LIMIT', 0, limit)
local records = {}
for _, id in ipairs(ids) do
  redis.call('ZREM', P .. 'wh:due', id)
  local record = redis.call('HGET', P .. 'wh:ev', id)
  redis.call('HDEL', P .. 'wh:ev', id)
  if record then
    local app, event_json = string.match(record, '^([^\31]*)\31([^\31]*)\31')
    local hold = string.sub(record, #app + #event_json + 3)
    if hold ~= '' and redis.call('HGET', P .. 'wh:hold', hold) == id then redis.call('HDEL', P .. 'wh:hold', hold) end
    records[#records + 1] = record
  end
end
return records
