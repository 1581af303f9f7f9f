-- wrk script: every request carries a different, never-used credential read from a file
-- (one Authorization value per line). Thread i of n uses lines i, i+n, i+2n, ...
-- Requests are formatted once in init(), so that the load generator's per-request work is a table
-- lookup, close to the static request of the unpaid cases.
-- MPP_PATH (default /api/fortune) is the path requested; with MPP_CYCLE=1 the credentials are sent
-- again from the first once used up (case (h) sends them to GET /free, where nothing checks them).
local threads = {}
local counter = 0

function setup(thread)
  thread:set("index", counter)
  counter = counter + 1
  table.insert(threads, thread)
end

function init(args)
  local file = os.getenv("MPP_CREDENTIALS")
  local count = tonumber(os.getenv("MPP_THREADS"))
  local path = os.getenv("MPP_PATH") or "/api/fortune"
  cycle = os.getenv("MPP_CYCLE") == "1"
  credentials = {}
  local line_number = 0
  for line in io.lines(file) do
    if line_number % count == index then
      table.insert(credentials, wrk.format("GET", path, { ["Authorization"] = line }))
    end
    line_number = line_number + 1
  end
  next_credential = 1
end

function request()
  local formatted = credentials[next_credential]
  if formatted == nil and cycle then
    next_credential = 1
    formatted = credentials[1]
  end
  if formatted == nil then
    formatted = wrk.format("GET", "/api/fortune", { ["Authorization"] = "Payment exhausted" })
  end
  next_credential = next_credential + 1
  return formatted
end
