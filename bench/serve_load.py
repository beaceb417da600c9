#!/usr/bin/env python3
"""Bounded loopback load on `dossier serve`, against `dossier batch --timings` in-process.

    python3 bench/serve_load.py --dossier .build/release/dossier --index IDX --queries queries.jsonl \
        [--clients 32] [--seconds 60]

Reads the batch query mix (the benchmark's queries.jsonl, or any batch file of JSON lines),
starts `dossier serve --port 0`, and has CLIENTS threads send the queries as
`/api/search?...&limit=10&facet=actor` (what a batch row computes, plus the hits) in a loop for
SECONDS, each on its own keep-alive connection. Prints requests/s, p50/p99 latency, errors,
answers over the server's time limit and the server's peak RSS; then the library's own time for
the very same requests, read from each answer's `Server-Timing` header (the worker's search and
writing, and the wait for a worker), and the in-process median and p95 of `dossier batch
--timings` for the same queries, with the ratios. `--fields passage_id` asks for what a batch
row holds (totals, facets, the top ids; no snippets), the same work as `batch`.
A benchmark, not a test: nothing fails.
"""
import argparse, http.client, json, subprocess, threading, time, urllib.parse


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--dossier", required=True)
    parser.add_argument("--index", required=True)
    parser.add_argument("--queries", required=True)
    parser.add_argument("--clients", type=int, default=32)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--timeout", type=float, default=10, help="the server's --request-timeout")
    parser.add_argument("--fields", help="the hits' fields (default: the API's, with snippets)")
    args = parser.parse_args()

    paths = []
    for line in open(args.queries, encoding="utf-8"):
        line = line.strip()
        if not line.startswith("{"):
            continue
        q = json.loads(line)
        params = [("q", q.get("text") or q.get("query") or ""), ("limit", "10"), ("facet", "actor")]
        if args.fields:
            params.append(("fields", args.fields))
        actor = q.get("actor") or q.get("actor_slug")
        if actor:
            params.append(("actor", actor))
        for key, name in (("date_from", "from"), ("date_to", "to")):
            if q.get(key):
                params.append((name, q[key]))
        paths.append("/api/search?" + urllib.parse.urlencode(params))

    server = subprocess.Popen([args.dossier, "serve", "--index", args.index, "--port", "0",
                               "--request-timeout", str(args.timeout), "--max-queued", "1024"],
                              stderr=subprocess.PIPE, text=True)
    host, port = server.stderr.readline().split("http://", 1)[1].split("/", 1)[0].split(":")
    # errors: failures (5xx, dropped connections); refused: 400 answers to queries the
    # library rejects (a lone stop word), which `dossier batch` skips as well.
    latencies, errors, refused, lock = [], [0], [0], threading.Lock()
    worked, waited = [], []  # Server-Timing of the 200 answers, in ms
    stop = time.time() + args.seconds
    peak = [0]

    def client(offset):
        connection = http.client.HTTPConnection(host, int(port), timeout=60)
        i = offset
        mine, mine_worked, mine_waited = [], [], []
        while time.time() < stop:
            path = paths[i % len(paths)]
            i += 1
            started = time.perf_counter()
            try:
                connection.request("GET", path)
                response = connection.getresponse()
                response.read()
                ok = response.status == 200
                header = response.getheader("Server-Timing")
                if ok and header:  # servers before it have none
                    timing = dict(part.strip().split(";dur=") for part in header.split(","))
                    mine_worked.append(float(timing["search"]))
                    mine_waited.append(float(timing["queue"]))
                if response.status == 400:
                    ok = True
                    with lock:
                        refused[0] += 1
            except Exception:
                ok = False
                connection = http.client.HTTPConnection(host, int(port), timeout=60)
            mine.append(time.perf_counter() - started)
            if not ok:
                with lock:
                    errors[0] += 1
        with lock:
            latencies.extend(mine)
            worked.extend(mine_worked)
            waited.extend(mine_waited)

    def watch_rss():
        while time.time() < stop:
            for line in open(f"/proc/{server.pid}/status"):
                if line.startswith("VmRSS:"):
                    peak[0] = max(peak[0], int(line.split()[1]))
            time.sleep(0.5)

    threads = [threading.Thread(target=client, args=(n * 7,)) for n in range(args.clients)]
    threads.append(threading.Thread(target=watch_rss))
    began = time.time()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    elapsed = time.time() - began
    server.terminate()
    server.wait()
    latencies.sort()
    p = lambda f: latencies[min(len(latencies) - 1, int(len(latencies) * f))] * 1000
    median = lambda xs: sorted(xs)[len(xs) // 2] if xs else float("nan")
    over = sum(1 for x in latencies if x > args.timeout)
    print(f"serve: {len(latencies)} requests in {elapsed:.1f} s by {args.clients} clients: "
          f"{len(latencies) / elapsed:.0f} req/s, p50 {p(0.5):.2f} ms, p99 {p(0.99):.2f} ms, "
          f"{errors[0]} errors, {refused[0]} refused (400), {over} over {args.timeout:.0f} s, peak RSS {peak[0] / 1024:.0f} MB")
    library = median(worked) if worked else float("nan")
    print(f"in the server (Server-Timing, the same requests): search and writing p50 {library:.2f} ms, "
          f"wait for a worker p50 {median(waited):.2f} ms; client p50 / library p50 = {p(0.5) / library:.2f}")
    batch = subprocess.run([args.dossier, "batch", args.queries, "--timings", "--index", args.index],
                           capture_output=True, text=True)
    line = batch.stderr.strip().splitlines()[-1]
    in_process = float(line.split("median ")[1].split(" ms")[0])
    print(f"in-process: {line}; client p50 / batch median = {p(0.5) / in_process:.2f}")


if __name__ == "__main__":
    main()
