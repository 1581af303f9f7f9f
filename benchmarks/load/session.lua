-- wrk script: clients inside open sessions. Each line of MPP_CREDENTIALS is one client's voucher
-- (its own channel, covering the whole deposit); requests take the lines in turn, so concurrent
-- requests mostly pay from different channels. Every request is checked and charged. Requests are
-- formatted once, in init(), so the load generator's per-request work stays a table lookup.
local requests = {}
local next_request = 0

function init(args)
  for line in io.lines(os.getenv("MPP_CREDENTIALS")) do
    table.insert(requests, wrk.format("GET", nil, { ["Authorization"] = line }))
  end
end

function request()
  next_request = next_request % #requests + 1
  return requests[next_request]
end
