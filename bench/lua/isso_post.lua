-- Comments posted to Isso: POST /new?uri=<uri> with a JSON body (what Isso's embed.js sends).
--   wrk ... -s bench/lua/isso_post.lua URL -- <uri> <run tag> <origin>
-- done() prints: BENCH {"accepted": N, "refused": N}
local threads = {}
local next_id = 0

function setup(thread)
  next_id = next_id + 1
  thread:set("tid", next_id)
  table.insert(threads, thread)
end

function init(args)
  uri, tag, origin = args[1], args[2], args[3]
  n, accepted, refused = 0, 0, 0
  post_headers = {["Content-Type"] = "application/json", ["Origin"] = origin, ["Referer"] = origin .. uri}
end

function request()
  n = n + 1
  local body = string.format(
    '{"author": "Reader %d", "text": "Remark %s-%d-%d: the exchange sounds worthwhile, thank you for the details.", "title": "Bench"}',
    tid, tag, tid, n)
  return wrk.format("POST", "/new?uri=" .. uri, post_headers, body)
end

function response(status, headers, body)
  if status == 201 then
    accepted = accepted + 1
  else
    refused = refused + 1
  end
end

function done(summary, latency, requests)
  local a, r = 0, 0
  for _, thread in ipairs(threads) do
    a = a + thread:get("accepted")
    r = r + thread:get("refused")
  end
  io.write(string.format('BENCH {"accepted": %d, "refused": %d}\n', a, r))
end
