-- An event on a cache channel: kept as the channel's last event (Pusher's 30-minute TTL) and
-- published in the same step, so a join decided before it gets it live and a join after it gets it
-- from the cache — never both, never neither.
-- ARGV: prefix, app, channel, bus message (bytes), message text, ttl ms. Returns the subscriber count.
local app, channel, message, text, ttl = ARGV[2], ARGV[3], ARGV[4], ARGV[5], ARGV[6]
redis.call('SET', cache_key(app, channel), text, 'PX', ttl)
return redis.call('PUBLISH', bus_of(app, channel), message)
