-- Comments posted as the page script does (pressroom/comments/static/comments/comments.js):
-- a fresh time-trap token from /api/releases/<id>/token/, then a POST of the comment
-- to /api/releases/<id>/comments/ with that token. Each token is used once.
--   wrk ... -s bench/lua/pressroom_post.lua URL -- <page id> <run tag>
-- done() prints: BENCH {"accepted": N, "refused": N, "tokens": N}
local threads = {}
local next_id = 0

function setup(thread)
  next_id = next_id + 1
  thread:set("tid", next_id)
  table.insert(threads, thread)
end

function init(args)
  page, tag = args[1], args[2]
  token_path = "/api/releases/" .. page .. "/token/"
  post_path = "/api/releases/" .. page .. "/comments/"
  pool, n, accepted, refused, tokens = {}, 0, 0, 0, 0
  headers = {["Sec-Fetch-Site"] = "same-origin"}
  post_headers = {["Content-Type"] = "application/json", ["Sec-Fetch-Site"] = "same-origin"}
end

function request()
  local token = table.remove(pool)
  if token == nil then
    return wrk.format("GET", token_path, headers)
  end
  n = n + 1
  local body = string.format(
    '{"name": "Reader %d", "text": "Remark %s-%d-%d: the exchange sounds worthwhile, thank you for the details.", "token": "%s", "website": ""}',
    tid, tag, tid, n, token)
  return wrk.format("POST", post_path, post_headers, body)
end

function response(status, headers, body)
  local token = body:match('^{"token": "([^"]+)"}')
  if token then
    tokens = tokens + 1
    table.insert(pool, token)
  elseif status == 201 then
    accepted = accepted + 1
  else
    refused = refused + 1
  end
end

function done(summary, latency, requests)
  local a, r, t = 0, 0, 0
  for _, thread in ipairs(threads) do
    a = a + thread:get("accepted")
    r = r + thread:get("refused")
    t = t + thread:get("tokens")
  end
  io.write(string.format('BENCH {"accepted": %d, "refused": %d, "tokens": %d}\n', a, r, t))
end
