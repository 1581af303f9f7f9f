-- wrk script: clients inside open sessions. Each line of MPP_CREDENTIALS is one client's voucher
-- (its own channel, covering the whole deposit); requests take the lines in turn, so concurrent
-- requests mostly pay from different channels. Every request is checked and charged.
local credentials = {}
for line in io.lines(os.getenv("MPP_CREDENTIALS")) do
  table.insert(credentials, line)
end
local next_credential = 0

function request()
  next_credential = next_credential % #credentials + 1
  return wrk.format("GET", nil, { ["Authorization"] = credentials[next_credential] })
end
