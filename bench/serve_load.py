#!/usr/bin/env python3
"""Bounded loopback load on `dossier serve`, against `dossier batch --timings` in-process.

    python3 bench/serve_load.py --dossier .build/release/dossier --index IDX --queries queries.jsonl \
        [--clients 32] [--seconds 60] [--client wrk|python] [--fields passage_id]

Reads the batch query mix (the benchmark's queries.jsonl, or any batch file of JSON lines),
starts `dossier serve --port 0`, and has CLIENTS keep-alive connections send the queries as
`/api/search?...&limit=10&facet=actor` (what a batch row computes, plus the hits) in a loop for
SECONDS. Prints requests/s, p50/p99 latency, errors, answers over the server's time limit and
the server's peak RSS; then the library's own time for the very same requests, read from each
answer's `Server-Timing` header (the worker's search and writing, and the wait for a worker),
and the in-process median and p95 of `dossier batch --timings` for the same queries, with the
ratios. `--fields passage_id` asks for what a batch row holds (totals, facets, the top ids; no
snippets), the same work as `batch`.

The load comes from `wrk` (Debian's package; `scripts/bootstrap --bench` installs it) where it
is on PATH, else from Python threads (`--client` chooses). Python's HTTP client spends about
as long on a request as the server does (its own time is in every latency it measures), so its
figures are the server's plus a large client share; wrk, written in C on an event loop, adds
little. Both clients' latencies are closed-loop: each connection sends its next request when
the answer to the last one is in.
A benchmark, not a test: nothing fails.
"""
import argparse, glob, http.client, json, os, re, shutil, subprocess, tempfile, threading, time, urllib.parse


def request_paths(queries, fields):
    """The batch query file as API request paths, one per query, in the file's order."""
    paths = []
    for line in open(queries, encoding="utf-8"):
        line = line.strip()
        if not line.startswith("{"):
            continue
        q = json.loads(line)
        params = [("q", q.get("text") or q.get("query") or ""), ("limit", "10"), ("facet", "actor")]
        if fields:
            params.append(("fields", fields))
        actor = q.get("actor") or q.get("actor_slug")
        if actor:
            params.append(("actor", actor))
        for key, name in (("date_from", "from"), ("date_to", "to")):
            if q.get(key):
                params.append((name, q[key]))
        paths.append("/api/search?" + urllib.parse.urlencode(params))
    return paths


def server_timing(header):
    """(search, queue, handler) ms of a Server-Timing header (handler NaN from a server before
    it had one), or None from a server before the header."""
    if not header:
        return None
    timing = dict(part.strip().split(";dur=") for part in header.split(","))
    return float(timing["search"]), float(timing["queue"]), float(timing.get("handler", "nan"))


class Tally:
    """What the load saw: latencies in seconds, Server-Timing pairs, failures and 400s."""

    def __init__(self):
        self.latencies, self.timings = [], []
        # errors: failures (5xx, dropped connections); refused: 400 answers to queries the
        # library rejects (a lone stop word), which `dossier batch` skips as well.
        self.errors = self.refused = 0
        self.requests = 0

    def count(self, status, timing):
        self.requests += 1
        if status == 400:
            self.refused += 1
        elif status != 200:
            self.errors += 1
        elif timing:
            self.timings.append(timing)


def python_load(host, port, paths, clients, seconds):
    """CLIENTS Python threads, each on its own keep-alive connection, for SECONDS."""
    tally, lock = Tally(), threading.Lock()
    stop = time.time() + seconds

    def client(offset):
        connection = http.client.HTTPConnection(host, int(port), timeout=60)
        i, mine = offset, []
        while time.time() < stop:
            path = paths[i % len(paths)]
            i += 1
            started = time.perf_counter()
            try:
                connection.request("GET", path)
                response = connection.getresponse()
                response.read()
                status, timing = response.status, server_timing(response.getheader("Server-Timing"))
            except Exception:
                status, timing = 0, None
                connection = http.client.HTTPConnection(host, int(port), timeout=60)
            mine.append((time.perf_counter() - started, status, timing))
        with lock:
            for latency, status, timing in mine:
                tally.latencies.append(latency)
                tally.count(status, timing)

    threads = [threading.Thread(target=client, args=(n * 7,)) for n in range(clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return tally


def wrk_duration(text):
    """Seconds of one of wrk's printed durations ("635.12us", "1.04ms", "2.00s", "1.50m")."""
    number, unit = re.fullmatch(r"([0-9.]+)(us|ms|s|m)", text).groups()
    return float(number) * {"us": 1e-6, "ms": 1e-3, "s": 1.0, "m": 60.0}[unit]


def wrk_load(host, port, paths, clients, seconds):
    """wrk with CLIENTS connections for SECONDS; its percentiles stand in for the latency list."""
    work = tempfile.mkdtemp(prefix="serve-load-")
    try:
        with open(os.path.join(work, "paths"), "w", encoding="utf-8") as f:
            f.write("\n".join(paths) + "\n")
        script = os.path.join(os.path.dirname(os.path.abspath(__file__)), "serve_load.lua")
        threads = max(1, min(clients, os.cpu_count() or 1))
        run = subprocess.run(["wrk", "-t", str(threads), "-c", str(clients), "-d", f"{seconds:g}s",
                              "--latency", "--timeout", "60s", "-s", script, f"http://{host}:{port}",
                              "--", os.path.join(work, "paths"), os.path.join(work, "record")],
                             capture_output=True, text=True, check=True)
        tally = Tally()
        for name in glob.glob(os.path.join(work, "record.*")):
            for line in open(name, encoding="utf-8"):
                status, _, header = line.rstrip("\n").partition(" ")
                tally.count(int(status), server_timing(header))
        percentiles = dict(re.findall(r"^\s+(50|99)%\s+(\S+)$", run.stdout, re.M))
        socket_errors = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", run.stdout)
        if socket_errors:
            tally.errors += sum(int(n) for n in socket_errors.groups())
        return tally, {p: wrk_duration(v) for p, v in percentiles.items()}
    finally:
        shutil.rmtree(work, ignore_errors=True)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--dossier", required=True)
    parser.add_argument("--index", required=True)
    parser.add_argument("--queries", required=True)
    parser.add_argument("--clients", type=int, default=32)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--timeout", type=float, default=10, help="the server's --request-timeout")
    parser.add_argument("--fields", help="the hits' fields (default: the API's, with snippets)")
    parser.add_argument("--client", choices=("wrk", "python"),
                        help="the load generator (default: wrk where it is on PATH, else python)")
    args = parser.parse_args()
    client = args.client or ("wrk" if shutil.which("wrk") else "python")
    if client == "wrk" and not shutil.which("wrk"):
        parser.error("wrk is not on PATH: `bash scripts/bootstrap --bench` installs it, or use --client python")

    paths = request_paths(args.queries, args.fields)
    server = subprocess.Popen([args.dossier, "serve", "--index", args.index, "--port", "0",
                               "--request-timeout", str(args.timeout), "--max-queued", "1024"],
                              stderr=subprocess.PIPE, text=True)
    host, port = server.stderr.readline().split("http://", 1)[1].split("/", 1)[0].split(":")
    peak, stop_watch = [0], threading.Event()

    def watch_rss():
        while not stop_watch.is_set():
            for line in open(f"/proc/{server.pid}/status"):
                if line.startswith("VmRSS:"):
                    peak[0] = max(peak[0], int(line.split()[1]))
            stop_watch.wait(0.5)

    watcher = threading.Thread(target=watch_rss)
    watcher.start()
    began = time.time()
    if client == "wrk":
        tally, percentiles = wrk_load(host, port, paths, args.clients, args.seconds)
        p50, p99 = percentiles["50"] * 1000, percentiles["99"] * 1000
        over = "none reported" if p99 / 1000 <= args.timeout else "some"
    else:
        tally = python_load(host, port, paths, args.clients, args.seconds)
        latencies = sorted(tally.latencies)
        p = lambda f: latencies[min(len(latencies) - 1, int(len(latencies) * f))] * 1000
        p50, p99 = p(0.5), p(0.99)
        over = str(sum(1 for x in latencies if x > args.timeout))
    elapsed = time.time() - began
    stop_watch.set()
    watcher.join()
    server.terminate()
    server.wait()
    median = lambda xs: sorted(xs)[len(xs) // 2] if xs else float("nan")
    print(f"serve ({client} client): {tally.requests} requests in {elapsed:.1f} s by {args.clients} clients: "
          f"{tally.requests / elapsed:.0f} req/s, p50 {p50:.2f} ms, p99 {p99:.2f} ms, "
          f"{tally.errors} errors, {tally.refused} refused (400), over {args.timeout:.0f} s: {over}, "
          f"peak RSS {peak[0] / 1024:.0f} MB")
    library = median([t[0] for t in tally.timings])
    handler = median([t[2] for t in tally.timings])
    print(f"in the server (Server-Timing, the same requests): search and writing p50 {library:.2f} ms, "
          f"wait for a worker p50 {median([t[1] for t in tally.timings]):.2f} ms, "
          f"the whole handler p50 {handler:.2f} ms; client p50 / library p50 = {p50 / library:.2f}, "
          f"client p50 / handler p50 = {p50 / handler:.2f}")
    batch = subprocess.run([args.dossier, "batch", args.queries, "--timings", "--index", args.index],
                           capture_output=True, text=True)
    line = batch.stderr.strip().splitlines()[-1]
    in_process = float(line.split("median ")[1].split(" ms")[0])
    print(f"in-process: {line}; client p50 / batch median = {p50 / in_process:.2f}")


if __name__ == "__main__":
    main()
