-- Helpers prepended to every script of this directory (see ../scripts.ts). Each script still runs
-- atomically on its own; these are only shared definitions. ARGV[1] is always the key prefix.
local P = ARGV[1]
-- Field separator of entries and pub/sub messages: never in app ids, channel names, socket ids or JSON.
local SEP = '\31'
-- Separator inside webhook hold keys (which are themselves one field of a queued record).
local HOLD_SEP = '\30'

local function now_ms()
  local t = redis.call('TIME')
  return tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
end

local function lease_of(node)
  local expiry = redis.call('ZSCORE', P .. 'nodes', node)
  if expiry then return tonumber(expiry) end
  return nil
end

-- Redis was out of every node's reach (a failover, a restart) when no script of any node ran for
-- longer than `outage` ms (two heartbeats). Leases that were valid when the silence began are then
-- extended by its length, so no node is reaped or fenced for Redis's absence. Below that, a dead
-- node's lease is never moved (the live nodes' heartbeats keep the silences short).
local function forgive_outage(now, outage)
  local last = tonumber(redis.call('GET', P .. 'alive-at') or '')
  redis.call('SET', P .. 'alive-at', now)
  if last == nil or now - last <= outage then return end
  local gap = now - last
  local live = redis.call('ZRANGEBYSCORE', P .. 'nodes', last, '+inf', 'WITHSCORES')
  for i = 1, #live, 2 do
    redis.call('ZADD', P .. 'nodes', tonumber(live[i + 1]) + gap, live[i])
  end
end

local function node_is_live(node, now)
  local expiry = lease_of(node)
  return expiry ~= nil and expiry >= now
end

local function channel_key(app, channel)
  return P .. 'ch:' .. app .. ':' .. channel .. ':'
end

-- The pub/sub channel of one channel's events (member events included): only nodes with local
-- subscribers on it listen. Must match busOf() in ../node-context.ts.
local function bus_of(app, channel)
  return P .. 'bus:' .. app .. SEP .. channel
end

-- The last event of a cache channel (its message text), expiring after Pusher's 30 minutes.
local function cache_key(app, channel)
  return P .. 'cache:' .. app .. SEP .. channel
end

-- One subscription of one socket of a node: app, channel, socket id, user id ('' unless presence).
local function entry_of(app, channel, socket, user)
  return app .. SEP .. channel .. SEP .. socket .. SEP .. user
end

local function split_entry(entry)
  local app, channel, socket = string.match(entry, '^([^\31]*)\31([^\31]*)\31([^\31]*)\31')
  return app, channel, socket, string.sub(entry, #app + #channel + #socket + 4)
end

-- Webhooks: a queue of events with due times (sorted set), claimed atomically by any node.
-- A queued record is "app SEP event JSON SEP hold key": the hold key (which holds a user id) comes last.
local function enqueue_webhook(app, hold_key, event_json, due)
  local id = redis.call('INCR', P .. 'wh:seq')
  redis.call('HSET', P .. 'wh:ev', id, app .. SEP .. event_json .. SEP .. hold_key)
  redis.call('ZADD', P .. 'wh:due', due, id)
  return id
end

-- member_added / channel_occupied: cancels a held leave of the same member or channel (both vanish).
local function webhook_join(app, hold_key, event_json, now)
  if not redis.call('HGET', P .. 'wh:apps', app) then return end
  local held = redis.call('HGET', P .. 'wh:hold', hold_key)
  if held then
    redis.call('HDEL', P .. 'wh:hold', hold_key)
    redis.call('ZREM', P .. 'wh:due', held)
    redis.call('HDEL', P .. 'wh:ev', held)
    return
  end
  enqueue_webhook(app, '', event_json, now)
end

-- member_removed / channel_vacated: held for the app's leave delay.
local function webhook_leave(app, hold_key, event_json, now)
  local delay = redis.call('HGET', P .. 'wh:apps', app)
  if not delay then return end
  local previous = redis.call('HGET', P .. 'wh:hold', hold_key)
  if previous then redis.call('ZADD', P .. 'wh:due', now, previous) end
  local id = enqueue_webhook(app, hold_key, event_json, now + tonumber(delay))
  redis.call('HSET', P .. 'wh:hold', hold_key, id)
end

local function channel_hold(app, channel)
  return 'c' .. HOLD_SEP .. app .. HOLD_SEP .. channel
end

local function member_hold(app, channel, user)
  return 'm' .. HOLD_SEP .. app .. HOLD_SEP .. channel .. HOLD_SEP .. user
end

-- Adds one socket to a channel. For presence, the user's first socket anywhere makes it a member:
-- its user_info is kept and member_added is published in this same step. Returns true then.
local function join_socket(node, app, channel, socket, user, info, now)
  local base = channel_key(app, channel)
  if redis.call('HSETNX', base .. 'socks', node .. '/' .. socket, user) == 0 then return false end
  redis.call('SADD', P .. 'node:' .. node, entry_of(app, channel, socket, user))
  if redis.call('HLEN', base .. 'socks') == 1 then
    redis.call('SADD', P .. 'chans:' .. app, channel)
    webhook_join(app, channel_hold(app, channel), cjson.encode({ name = 'channel_occupied', channel = channel }), now)
  end
  if user == '' then return false end
  if redis.call('HINCRBY', base .. 'users', user, 1) ~= 1 then return false end
  redis.call('HSET', base .. 'info', user, info)
  redis.call('PUBLISH', bus_of(app, channel), 'A' .. SEP .. app .. SEP .. channel .. SEP .. socket .. SEP .. info .. SEP .. user)
  webhook_join(app, member_hold(app, channel, user), cjson.encode({ name = 'member_added', channel = channel, user_id = user }), now)
  return true
end

-- Removes one socket from a channel; the user's last socket anywhere publishes member_removed.
-- Returns true when the user stopped being a member.
local function leave_socket(node, app, channel, socket, user, now)
  local base = channel_key(app, channel)
  if redis.call('HDEL', base .. 'socks', node .. '/' .. socket) == 0 then return false end
  redis.call('SREM', P .. 'node:' .. node, entry_of(app, channel, socket, user))
  local removed = false
  if user ~= '' and redis.call('HINCRBY', base .. 'users', user, -1) <= 0 then
    redis.call('HDEL', base .. 'users', user)
    redis.call('HDEL', base .. 'info', user)
    redis.call('PUBLISH', bus_of(app, channel), 'R' .. SEP .. app .. SEP .. channel .. SEP .. user)
    webhook_leave(app, member_hold(app, channel, user), cjson.encode({ name = 'member_removed', channel = channel, user_id = user }), now)
    removed = true
  end
  if redis.call('HLEN', base .. 'socks') == 0 then
    redis.call('SREM', P .. 'chans:' .. app, channel)
    redis.call('DEL', base .. 'users', base .. 'info')
    webhook_leave(app, channel_hold(app, channel), cjson.encode({ name = 'channel_vacated', channel = channel }), now)
  end
  return removed
end

-- Removes every subscription a node still holds (reaped, or leaving for good).
local function leave_all(node, now)
  local entries = redis.call('SMEMBERS', P .. 'node:' .. node)
  for _, entry in ipairs(entries) do
    local app, channel, socket, user = split_entry(entry)
    leave_socket(node, app, channel, socket, user, now)
  end
  redis.call('DEL', P .. 'node:' .. node)
  return #entries
end

-- The subscription_succeeded data of a presence channel, built from the stored JSON as it is.
local function presence_json(base)
  local flat = redis.call('HGETALL', base .. 'info')
  local ids, hash = {}, {}
  for i = 1, #flat, 2 do
    local id = cjson.encode(flat[i])
    ids[#ids + 1] = id
    hash[#hash + 1] = id .. ':' .. flat[i + 1]
  end
  return '{"presence":{"ids":[' .. table.concat(ids, ',') .. '],"hash":{' .. table.concat(hash, ',') .. '},"count":' .. #ids .. '}}'
end

-- Watchlists: one visible signed-in connection less; the user's last one publishes `offline`.
-- Returns 1 when the user went offline.
local function watch_signout(node, app, socket, user)
  if redis.call('SREM', P .. 'wl:node:' .. node, app .. SEP .. socket .. SEP .. user) == 0 then return 0 end
  if redis.call('HINCRBY', P .. 'wl:on:' .. app, user, -1) > 0 then return 0 end
  redis.call('HDEL', P .. 'wl:on:' .. app, user)
  local seq = redis.call('INCR', P .. 'wl:seq')
  redis.call('PUBLISH', P .. 'wl:events', app .. SEP .. seq .. SEP .. '0' .. SEP .. user)
  return 1
end
