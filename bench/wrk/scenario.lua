-- One wrk script for every scenario: `wrk ... -s scenario.lua URL -- <scenario> <users file>`.
-- Each line of the users file is "<access token> <column id>,<column id>,... <task id> <task id> ...":
-- requests go out as many different users, each touching only its own board and tasks.
local scenario
local users = {}
local reads = { "list", "get" }
local writes = { "create", "patch", "move" }

function init(args)
  scenario = args[1]
  for line in io.lines(args[2]) do
    local user = { ids = {}, columns = {} }
    for field in line:gmatch("%S+") do
      if user.token == nil then
        user.token = field
      elseif #user.columns == 0 then
        for column in field:gmatch("[^,]+") do user.columns[#user.columns + 1] = column end
      else
        user.ids[#user.ids + 1] = field
      end
    end
    users[#users + 1] = user
  end
  -- Threads must not all draw the same sequence.
  math.randomseed(os.time() + tonumber(tostring(users):match("0x(%x+)") or "0", 16))
end

function request()
  local user = users[math.random(#users)]
  local headers = { ["Authorization"] = "Bearer " .. user.token, ["Content-Type"] = "application/json" }
  local kind = scenario
  if kind == "mixed" then
    kind = math.random() < 0.8 and reads[math.random(#reads)] or writes[math.random(#writes)]
  end
  local id = user.ids[math.random(#user.ids)]
  if kind == "list" then
    return wrk.format("GET", "/api/tasks?columnId=" .. user.columns[1] .. "&limit=50", headers)
  elseif kind == "get" then
    return wrk.format("GET", "/api/tasks/" .. id, headers)
  elseif kind == "create" then
    return wrk.format("POST", "/api/tasks", headers, '{"title":"Created by the benchmark"}')
  elseif kind == "patch" then
    return wrk.format("PATCH", "/api/tasks/" .. id, headers, '{"title":"Patched ' .. math.random(1000000) .. '"}')
  else
    return wrk.format("POST", "/api/tasks/" .. id .. "/move", headers, '{"columnId":"' .. user.columns[math.random(#user.columns)] .. '"}')
  end
end

function done(summary, latency, requests)
  local errors = summary.errors
  io.write(string.format("RESULT %d %d %d %d %d %d\n", summary.requests, summary.duration,
    latency:percentile(50), latency:percentile(99), errors.status, errors.connect + errors.read + errors.write + errors.timeout))
end
