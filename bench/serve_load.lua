-- The request loop of bench/serve_load.py's `--client wrk` (see its docstring): wrk calls
-- these functions; each of its threads runs its own copy of this script.
--   wrk ... -s bench/serve_load.lua URL -- PATHS_FILE RECORD_PREFIX
-- PATHS_FILE holds one request path a line. Each answer's status and Server-Timing header go
-- to RECORD_PREFIX.N (N: the thread), a line each, so the Python side can count statuses
-- exactly and read the library's own time for the very same requests.

local threads = 0

-- Runs in wrk's main thread once per worker thread: numbers them, so each starts at another
-- place in the query mix and writes its own record file.
function setup(thread)
    threads = threads + 1
    thread:set("number", threads)
end

local paths, next_index, record = {}, 0, nil

function init(args)
    for line in io.lines(args[1]) do
        paths[#paths + 1] = line
    end
    next_index = (number or 1) * 7
    record = io.open(args[2] .. "." .. (number or 1), "w")
    -- Line-buffered: wrk ends its threads without closing their Lua states, so a full buffer
    -- would lose the last lines.
    record:setvbuf("line")
end

function request()
    next_index = next_index + 1
    return wrk.format("GET", paths[(next_index % #paths) + 1])
end

function response(status, headers, body)
    local timing = headers["Server-Timing"] or headers["server-timing"] or ""
    record:write(status, " ", timing, "\n")
end
