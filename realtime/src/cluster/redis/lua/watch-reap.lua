-- Signs out every connection of nodes whose lease has expired or that are gone (the same test as
-- reap.lua's), so their users go offline. ARGV: prefix. Returns how many connections were signed out.
local now = now_ms()
local count = 0
for _, node in ipairs(redis.call('SMEMBERS', P .. 'wl:nodes')) do
  if not node_is_live(node, now) then
    for _, entry in ipairs(redis.call('SMEMBERS', P .. 'wl:node:' .. node)) do
      local app, socket = string.match(entry, '^([^\31]*)\31([^\31]*)\31')
      watch_signout(node, app, socket, string.sub(entry, #app + #socket + 3))
      count = count + 1
    end
    redis.call('DEL', P .. 'wl:node:' .. node)
    redis.call('SREM', P .. 'wl:nodes', node)
  end
end
return count
