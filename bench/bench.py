#!/usr/bin/python3
"""Dossier benchmark (run it through `bash bench/run`; see bench/README.md).

Feeds the same deterministic passages (../shared/baseline/gen_corpus.py) to Dossier, the
C++ Xapian baseline (the "physical limit"), python-xapian and SQLite FTS5, in one run, and
prints one table of figures with each figure's ratio to the C++ baseline. Nothing here
asserts a timing: it measures and reports. Standard library only.
"""
import argparse
import datetime as dt
import json
import os
import random
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
PY = "/usr/bin/python3"  # Debian's interpreter: python3-xapian is built for it only


def log(msg):
    print("[bench] " + msg, file=sys.stderr, flush=True)


def loadavg():
    with open("/proc/loadavg") as f:
        return tuple(float(x) for x in f.read().split()[:3])


class Bench:
    def __init__(self, a):
        self.a = a
        self.work = a.work or tempfile.mkdtemp(prefix="dossier-bench-")
        os.makedirs(self.work, exist_ok=True)
        self.loads = [loadavg()]
        self.rows = []
        self.notes = []
        self.agreement = []

    # ---------- helpers ----------

    def path(self, *parts):
        return os.path.join(self.work, *parts)

    def timed(self, cmd, stdout=None, env=None):
        """Runs cmd under /usr/bin/time; returns (wall seconds, peak RSS MB, stderr text)."""
        wall, rss, _, err = self.timed_cpu(cmd, stdout=stdout, env=env)
        return wall, rss, err

    def timed_cpu(self, cmd, stdout=None, env=None):
        """Runs cmd under /usr/bin/time; returns (wall s, peak RSS MB, CPU s = user + system, stderr)."""
        tfile = self.path("time.out")
        out = open(stdout, "wb") if stdout else subprocess.DEVNULL
        try:
            p = subprocess.run(["/usr/bin/time", "-f", "%e %M %U %S", "-o", tfile] + cmd, stdout=out,
                               stderr=subprocess.PIPE, env=env)
        finally:
            if stdout:
                out.close()
        self.loads.append(loadavg())
        err = p.stderr.decode("utf-8", "replace")
        if p.returncode not in (0, 1):
            raise SystemExit("failed (%d): %s\n%s" % (p.returncode, " ".join(cmd), err[-2000:]))
        with open(tfile) as f:
            wall, rss_kb, user, system = f.read().split()[-4:]
        return float(wall), int(rss_kb) / 1024.0, float(user) + float(system), err

    @staticmethod
    def median_p95(err):
        m = re.search(r"median ([0-9.]+) ms, p95 ([0-9.]+) ms", err)
        if not m:
            raise SystemExit("no timing in output:\n" + err[-1000:])
        return float(m.group(1)), float(m.group(2))

    @staticmethod
    def size_mb(path):
        if os.path.isfile(path):
            total = os.path.getsize(path)
            for suffix in ("-wal", "-shm"):
                if os.path.exists(path + suffix):
                    total += os.path.getsize(path + suffix)
            return total / 1e6
        total = 0
        for d, _, files in os.walk(path):
            for f in files:
                total += os.path.getsize(os.path.join(d, f))
        return total / 1e6

    def rm(self, path):
        if os.path.isdir(path):
            shutil.rmtree(path)
        elif os.path.exists(path):
            os.remove(path)

    def row(self, measure, unit, better, cpp=None, dossier=None, py=None, sqlite=None, note=""):
        self.rows.append(dict(measure=measure, unit=unit, better=better, cpp=cpp, dossier=dossier, py=py,
                              sqlite=sqlite, note=note))

    # ---------- setup ----------

    def build(self):
        # The release build as README installs it: Swift's runtime and Foundation linked in
        # statically (start-up 23 -> 16 ms here), in its own scratch folder.
        flags = ["-c", "release"] + ([] if self.a.dynamic else ["--static-swift-stdlib", "--scratch-path",
                                                                 os.path.join(ROOT, ".build", "static")])
        if self.a.dossier:
            self.dossier = os.path.abspath(self.a.dossier)
        else:
            if not self.a.no_build:
                log("building dossier (swift build %s)" % " ".join(flags))
                subprocess.run(["swift", "build", "--product", "dossier"] + flags, cwd=ROOT, check=True,
                               stdout=subprocess.DEVNULL)
            bin_dir = subprocess.run(["swift", "build", "--show-bin-path"] + flags, cwd=ROOT, check=True,
                                     capture_output=True, text=True).stdout.strip()
            self.dossier = os.path.join(bin_dir, "dossier")
        log("building the C++ baseline (g++ -O2 -std=c++17)")
        self.cpp = self.path("xapian_baseline")
        subprocess.run(["g++", "-O2", "-std=c++17", "-o", self.cpp,
                        os.path.join(self.a.baseline, "xapian_baseline.cpp"), "-lxapian"], check=True)

    def corpus(self):
        data = self.path("data")
        log("generating %d passages (gen_corpus.py, seed 42)" % self.a.size)
        subprocess.run([PY, os.path.join(self.a.baseline, "gen_corpus.py"), "--n", str(self.a.size), data],
                       check=True, stdout=subprocess.DEVNULL)
        self.passages = os.path.join(data, "passages.jsonl")
        self.queries = {"filtered": os.path.join(data, "queries.jsonl"),
                        "broad": os.path.join(data, "queries_broad.jsonl"),
                        "phrase": os.path.join(data, "queries_phrase.jsonl")}
        # Phrase queries: 50 two-word phrases taken from the passages (deterministic).
        rng = random.Random(7)
        pairs = []
        with open(self.passages, encoding="utf-8") as f:
            for i, line in enumerate(f):
                if i >= 500:
                    break
                words = re.findall(r"[A-Za-z]+|\S", json.loads(line)["text"])
                for x, y in zip(words, words[1:]):
                    if len(x) >= 4 and len(y) >= 4 and x.isalpha() and y.isalpha():
                        pairs.append("%s %s" % (x.lower(), y.lower()))
        pairs = sorted(set(pairs))
        with open(self.queries["phrase"], "w", encoding="utf-8") as out:
            for i, p in enumerate(rng.sample(pairs, min(50, len(pairs))), 1):
                out.write(json.dumps({"id": "ph%03d" % i, "text": '"%s"' % p, "actor": None, "actor_slug": None,
                                      "date_from": None, "date_to": None}) + "\n")
        # The same passages as news articles (the articles JSONL format the readers take):
        # 4 consecutive passages per article, separated by blank lines, titled by the first words.
        self.articles = os.path.join(data, "articles.jsonl")
        with open(self.passages, encoding="utf-8") as f, open(self.articles, "w", encoding="utf-8") as out:
            group = []

            def flush():
                if not group:
                    return
                first = group[0]
                out.write(json.dumps({
                    "id": "a" + first["id"], "title": " ".join(first["text"].split()[:8]),
                    "published": first.get("date"), "source": "synthetic", "url": None,
                    "text": "\n\n".join(p["text"] for p in group)}, ensure_ascii=False) + "\n")
                group.clear()

            for line in f:
                group.append(json.loads(line))
                if len(group) == 4:
                    flush()
            flush()

    # ---------- indexing ----------

    def indexing(self):
        n = self.a.size
        runs = {k: [] for k in ("cpp", "dossier", "dossier_seq", "py", "sqlite", "full")}
        for rep in range(self.a.reps):
            log("indexing, round %d of %d" % (rep + 1, self.a.reps))
            steps = [
                ("cpp", [self.cpp, "index", self.path("db_cpp"), self.passages], self.path("db_cpp")),
                ("dossier", [self.dossier, "index", "--passages", "-q", self.passages, "--index", self.path("db_dossier")],
                 self.path("db_dossier")),
                ("dossier_seq", [self.dossier, "index", "--passages", "--sequential", "-q", self.passages, "--index",
                                 self.path("db_dossier_seq")], self.path("db_dossier_seq")),
                ("full", [self.dossier, "index", "-q", self.articles, "--index", self.path("db_full")], self.path("db_full")),
                ("sqlite", [PY, os.path.join(self.a.baseline, "sqlite_fts5_baseline.py"), "index", self.path("fts.sqlite"),
                            self.passages], self.path("fts.sqlite")),
            ]
            if not self.a.skip_python:
                steps.append(("py", [PY, os.path.join(self.a.baseline, "py_xapian_baseline.py"), "index",
                                     self.path("db_py"), self.passages], self.path("db_py")))
            for key, cmd, target in steps:
                self.rm(target)
                wall, rss, _ = self.timed(cmd)
                runs[key].append((wall, rss))
                log("  %-12s %8.2f s  %7.1f MB" % (key, wall, rss))
            if rep + 1 < self.a.reps:
                self.rm(self.path("db_dossier_seq"))
        med = {k: (statistics.median(w for w, _ in v), max(r for _, r in v)) for k, v in runs.items() if v}
        rate = {k: n / v[0] for k, v in med.items()}
        self.index_seconds = {k: v[0] for k, v in med.items()}
        self.row("Indexing, same passages and actors (Xapian-equal work)", "passages/s", "higher",
                 cpp=rate["cpp"], dossier=rate["dossier"], py=rate.get("py"), sqlite=rate["sqlite"],
                 note="Dossier: `index --passages`, pipeline on")
        self.row("Indexing, Dossier pipeline off (one thread)", "passages/s", "higher", cpp=rate["cpp"],
                 dossier=rate["dossier_seq"])
        self.row("Indexing, full pipeline (articles JSONL reader + `dossier index`'s tagger)", "input passages/s",
                 "higher", cpp=rate["cpp"], dossier=rate["full"],
                 note="4 passages per article plus a title passage each")
        self.row("Peak RSS while indexing", "MB", "lower", cpp=med["cpp"][1], dossier=med["dossier"][1],
                 py=med.get("py", (None, None))[1], sqlite=med["sqlite"][1])
        self.dossier_vs_sqlite_time = med["dossier"][0] / med["sqlite"][0]
        self.full_vs_sqlite_time = med["full"][0] / med["sqlite"][0]

        sizes = dict(cpp=self.size_mb(self.path("db_cpp")), dossier=self.size_mb(self.path("db_dossier")),
                     sqlite=self.size_mb(self.path("fts.sqlite")))
        if not self.a.skip_python:
            sizes["py"] = self.size_mb(self.path("db_py"))
        self.row("Index size on disk", "MB", "lower", **sizes)
        compacted = self.path("db_dossier_compact")
        self.rm(compacted)
        t0 = time.perf_counter()
        subprocess.run(["xapian-compact", "-m", self.path("db_dossier"), compacted], check=True,
                       stdout=subprocess.DEVNULL)
        compact_s = time.perf_counter() - t0
        cpp_compacted = self.path("db_cpp_compact")
        self.rm(cpp_compacted)
        subprocess.run(["xapian-compact", "-m", self.path("db_cpp"), cpp_compacted], check=True, stdout=subprocess.DEVNULL)
        self.row("Index size after `xapian-compact`", "MB", "lower", cpp=self.size_mb(cpp_compacted),
                 dossier=self.size_mb(compacted), sqlite=sizes["sqlite"],
                 note="compacting Dossier's index took %.1f s" % compact_s)
        self.rm(compacted)
        self.rm(cpp_compacted)
        self.rm(self.path("db_dossier_seq"))

    # ---------- queries ----------

    def querying(self):
        labels = {"filtered": "Queries: keyword + actor filter (+ date range on 1 in 3), exact actor facets",
                  "broad": "Queries: broad keyword, exact actor facets over every match",
                  "phrase": "Queries: two-word phrase, exact actor facets"}
        for name, qfile in self.queries.items():
            res = {k: [] for k in ("cpp", "cppv", "py", "sqlite", "dossier")}
            outs = {}
            for rep in range(self.a.qreps):
                cmds = {
                    "cpp": [self.cpp, "query", self.path("db_cpp"), qfile, self.path("out_cpp_%s.tsv" % name)],
                    "cppv": [self.cpp, "query", self.path("db_cpp"), qfile, self.path("out_cppv_%s.tsv" % name),
                             "--value-facets"],
                    "sqlite": [PY, os.path.join(self.a.baseline, "sqlite_fts5_baseline.py"), "query",
                               self.path("fts.sqlite"), qfile, self.path("out_sqlite_%s.tsv" % name)],
                    # BM25, as the baselines rank, so that the top-10 agreement table compares
                    # the same kind of ranking (Dossier's default is IneB2: Docs/ranking.md).
                    "dossier": [self.dossier, "batch", qfile, "--index", self.path("db_dossier"), "--hit-id", "article",
                                "--weighting", "bm25", "--timings", "-o", self.path("out_dossier_%s.tsv" % name)],
                }
                if not self.a.skip_python:
                    cmds["py"] = [PY, os.path.join(self.a.baseline, "py_xapian_baseline.py"), "query",
                                  self.path("db_py"), qfile, self.path("out_py_%s.tsv" % name)]
                for key, cmd in cmds.items():
                    _, _, err = self.timed(cmd)
                    res[key].append(self.median_p95(err))
                    outs[key] = cmd[-1] if key != "cppv" else cmd[-2]
            med = {k: (statistics.median(m for m, _ in v), statistics.median(p for _, p in v)) for k, v in res.items() if v}
            log("  %-8s " % name + "  ".join("%s %.2f/%.2f ms" % (k, m, p) for k, (m, p) in med.items()))
            g = lambda k, i: med[k][i] if k in med else None
            self.row(labels[name] + ": median", "ms", "lower", cpp=g("cpp", 0), dossier=g("dossier", 0), py=g("py", 0),
                     sqlite=g("sqlite", 0), note="C++ `--value-facets`: %.2f ms" % g("cppv", 0))
            self.row(labels[name] + ": p95", "ms", "lower", cpp=g("cpp", 1), dossier=g("dossier", 1), py=g("py", 1),
                     sqlite=g("sqlite", 1), note="C++ `--value-facets`: %.2f ms" % g("cppv", 1))
            self.value_facets = getattr(self, "value_facets", {})
            self.value_facets[name] = (g("cppv", 0), g("dossier", 0), g("sqlite", 0), g("py", 0))
            self.agree(name, outs["dossier"], outs["cpp"], "Dossier")
            if "py" in outs:
                self.agree(name, outs["py"], outs["cpp"], "python-xapian")
            self.agree(name, outs["sqlite"], outs["cpp"], "SQLite FTS5")

    def agree(self, name, mine, ref, who):
        self.agreement.append((name, who) + self.compare_rows(mine, ref))

    @staticmethod
    def compare_rows(mine, ref):
        """Batch rows (`id, count, top-10 ids, top-10 facets`) of `mine` against `ref`: (rows in ref, rows in
        mine, equal counts, equal facets, same top-10 order, same top-10 set, first ids whose counts differ)."""
        def load(p):
            return [l.rstrip("\n").split("\t") + ["", "", ""] for l in open(p, encoding="utf-8")]
        A, B = load(mine), load(ref)
        pairs = list(zip(A, B))
        return (len(B), len(A), sum(x[1] == y[1] for x, y in pairs), sum(x[3] == y[3] for x, y in pairs),
                sum(x[2] == y[2] for x, y in pairs), sum(set(x[2].split(",")) == set(y[2].split(",")) for x, y in pairs),
                [y[0] for x, y in pairs if x[1] != y[1]][:5])

    # ---------- process start-up, export ----------

    def startup(self):
        log("whole-process search on the seeds")
        seeds = os.path.join(ROOT, "seeds")
        idx = self.path("seeds_dossier")
        self.rm(idx)
        subprocess.run([self.dossier, "index", "-q", seeds, "--index", idx], check=True)
        # The same seed paragraphs as baseline passages (one per non-empty line).
        sp = self.path("seeds_passages.jsonl")
        with open(sp, "w", encoding="utf-8") as out:
            for name in sorted(os.listdir(seeds)):
                with open(os.path.join(seeds, name), encoding="utf-8") as f:
                    for i, line in enumerate(l.strip() for l in f):
                        if line:
                            out.write(json.dumps({"id": "%s-%d" % (name[:3], i), "text": line, "actors": [],
                                                  "date": None}, ensure_ascii=False) + "\n")
        cdb = self.path("seeds_cpp")
        self.rm(cdb)
        subprocess.run([self.cpp, "index", cdb, sp], check=True, stderr=subprocess.DEVNULL)
        q1 = self.path("q1.jsonl")
        with open(q1, "w") as f:
            f.write(json.dumps({"id": "q1", "text": "extradition", "actor_slug": None, "date_from": None,
                                "date_to": None}) + "\n")
        cmds = {"cpp": [self.cpp, "query", cdb, q1],
                "dossier": [self.dossier, "search", "extradition", "--index", idx],
                "py": [PY, os.path.join(self.a.baseline, "py_xapian_baseline.py"), "query", self.path("seeds_py"), q1]}
        if not self.a.skip_python:
            subprocess.run([PY, os.path.join(self.a.baseline, "py_xapian_baseline.py"), "index", self.path("seeds_py"),
                            sp], check=True, stderr=subprocess.DEVNULL)
        else:
            del cmds["py"]
        times = {k: [] for k in cmds}
        for _ in range(3):  # warm-up
            for cmd in cmds.values():
                subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        for _ in range(self.a.startup_runs):
            for k, cmd in cmds.items():
                t0 = time.perf_counter()
                subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
                times[k].append((time.perf_counter() - t0) * 1000)
        med = {k: statistics.median(v) for k, v in times.items()}
        self.row("`dossier search` whole process on the seeds index (one query, text output)", "ms", "lower",
                 cpp=med["cpp"], dossier=med["dossier"], py=med.get("py"),
                 note="median of %d runs each, interleaved" % self.a.startup_runs)

    def export(self):
        n = min(100_000, self.a.size)
        log("export of %d hits" % n)
        idx = self.path("db_dossier")
        small = max(1, n // 10)
        base = [self.dossier, "search", "--index", idx, "--format", "jsonl", "-o", "/dev/null"]
        w_all, rss_all, _ = self.timed(base + ["--limit", "all" if n == self.a.size else str(n),
                                               "--fields", "passage_id,published,actors,text"])
        w_small, rss_small, _ = self.timed(base + ["--limit", str(small), "--fields", "passage_id,published,actors,text"])
        w_snip, rss_snip, _ = self.timed(base + ["--limit", str(n)])
        self.row("Export of %d hits as JSONL (passage_id, published, actors, text)" % n, "hits/s", "higher",
                 dossier=n / w_all, note="peak RSS %.0f MB (%.0f MB for %d hits): constant memory" % (rss_all, rss_small, small))
        self.row("Export of %d hits as JSONL, every field (with snippets)" % n, "hits/s", "higher", dossier=n / w_snip,
                 note="peak RSS %.0f MB" % rss_snip)

    def reuters(self):
        src = os.path.join(self.a.corpora, "reuters21578")
        if not os.path.isdir(src):
            self.notes.append("Reuters-21578 skipped: %s is absent." % src)
            log("Reuters-21578 absent at %s; skipped" % src)
            return
        files = sorted(os.path.join(src, f) for f in os.listdir(src) if re.match(r"reut2-\d+\.sgm(\.gz)?$", f))
        idx = self.path("reuters_dossier")
        self.rm(idx)
        wall, rss, _ = self.timed([self.dossier, "index", "--json", "--index", idx] + files,
                                  stdout=self.path("reuters.json"))
        try:
            summary = json.load(open(self.path("reuters.json")))
            passages, articles = summary.get("passages"), summary.get("articles")
        except Exception:
            passages, articles = None, None
        self.notes.append("Reuters-21578 (%d files, full pipeline): %s articles, %s passages in %.1f s (%s passages/s), "
                          "peak RSS %.0f MB, index %.0f MB." % (
                              len(files), articles, passages, wall,
                              "%.0f" % (passages / wall) if passages else "?", rss, self.size_mb(idx)))
        self.rm(idx)

    # ---------- shards (issue 15) ----------

    def sharding(self):
        """`--shards 1,2,4`: the full pipeline's indexing wall time and CPU for each shard count
        beside the C++ baseline, interleaved in one round; query latency over 1 vs 2 local vs 2
        remote shards (stock xapian-tcpsrv on loopback, started and stopped here), with the
        batch rows compared; and a projection, labelled as such, for 10M passages on 16 cores."""
        if not self.a.shard_queries:
            self.shard_indexing()
        self.shard_queries()

    def shard_indexing(self):
        """The full pipeline's indexing wall time and CPU for each `--shards` count beside the
        C++ baseline, and the projection's indexing figures."""
        n = self.a.size
        counts = self.a.shards
        log("sharding: indexing with %s shards beside the C++ baseline" % ",".join(map(str, counts)))
        index = {}
        cpp_db = self.path("db_cpp_shards")
        self.rm(cpp_db)
        index["cpp"] = self.timed_cpu([self.cpp, "index", cpp_db, self.passages])
        self.rm(cpp_db)
        for count in counts:
            db = self.path("db_full_s%d" % count)
            self.rm(db)
            index[count] = self.timed_cpu([self.dossier, "index", "-q", self.articles, "--index", db,
                                           "--shards", str(count)])
            log("  %d shard(s): %.2f s wall, %.2f s CPU" % (count, index[count][0], index[count][2]))
            self.rm(db)
        cpp_wall, _, cpp_cpu, _ = index["cpp"]
        self.shard_lines = ["| index | wall s | CPU s (user + sys) | CPU / wall | peak RSS MB | input passages/s | "
                            "wall vs 1 shard | passages/s vs C++ |", "|---|---|---|---|---|---|---|---|"]
        self.shard_lines.append("| C++ baseline (`xapian_baseline index`, its passages) | %.2f | %.2f | %.2f | %.0f | %.0f | | 1.00× |"
                                % (cpp_wall, cpp_cpu, cpp_cpu / cpp_wall, index["cpp"][1], n / cpp_wall))
        one = index[counts[0]][0] if counts[0] == 1 else None
        for count in counts:
            wall, rss, cpu, _ = index[count]
            self.shard_lines.append("| Dossier full pipeline, `--shards %d` | %.2f | %.2f | %.2f | %.0f | %.0f | %s | %.2f× |" % (
                count, wall, cpu, cpu / wall, rss, n / wall, "%.2f×" % (wall / one) if one else "", cpp_wall / wall))

        self.shard_index = index

    def shard_queries(self):
        """Query latency over one database, 2 local and 2 remote shards, with the batch rows
        compared; with `--before DOSSIER`, that earlier build too, interleaved in the same
        rounds, so that before and after ratios come from the same minutes of a shared machine."""
        n = self.a.size
        # Queries: the passages index of the main table (one database), the same passages in
        # two local shards, and those two shards behind two stock servers.
        log("sharding: query latency, one database vs 2 local vs 2 remote shards")
        builds = [("", self.dossier)] + ([("before: ", os.path.abspath(self.a.before))] if self.a.before else [])
        one_db, two = self.path("db_dossier_s1"), self.path("db_dossier_s2")
        for db, count in ((one_db, 1), (two, 2)):
            self.rm(db)
            subprocess.run([self.dossier, "index", "--passages", "-q", self.passages, "--index", db, "--shards", str(count)],
                           check=True)
        servers = [self.serve_shard(os.path.join(two, "shard%d" % i)) for i in range(2)]
        remote = self.path("remote.stub")
        with open(remote, "w") as f:
            f.write("".join("remote 127.0.0.1:%d\n" % port for _, port in servers))
        indexes = [("one database", one_db), ("2 local shards", two), ("2 remote shards (xapian-tcpsrv, loopback)", remote)]
        labels = {"filtered": "selective (keyword + actor)", "broad": "broad, actor facets", "phrase": "phrase, actor facets"}
        latency = {}
        try:
            for name, qfile in self.queries.items():
                for build, binary in builds:
                    latency[build + name] = {}
                runs = {(build, label): [] for build, _ in builds for label, _ in indexes}
                for rep in range(self.a.qreps):
                    for label, db in indexes:  # interleaved rounds
                        for number, (build, binary) in enumerate(builds):
                            out = self.path("out_shards_%s_%d_%d.tsv" % (name, number, indexes.index((label, db))))
                            _, _, err = self.timed([binary, "batch", qfile, "--index", db, "--hit-id", "article",
                                                    "--weighting", "bm25", "--timings", "-o", out])
                            runs[(build, label)].append(self.median_p95(err))
                for number, (build, _) in enumerate(builds):
                    key = build + name
                    latency[key] = {label: (statistics.median(m for m, _ in runs[(build, label)]),
                                            statistics.median(p for _, p in runs[(build, label)]))
                                    for label, _ in indexes}
                    # Every build's rows are compared with this build's one database.
                    ref = self.path("out_shards_%s_%d_0.tsv" % (name, number))
                    latency[key]["same rows"] = [self.compare_rows(self.path("out_shards_%s_%d_%d.tsv" % (name, number, i)), ref)
                                                 for i in (1, 2)]
                    log("  %s%-8s " % (build, name) + "  ".join("%s %.2f ms" % (k, v[0]) for k, v in latency[key].items()
                                                               if k != "same rows"))
        finally:
            for process, _ in servers:
                self.stop_shard(process)
        self.rm(two)
        self.rm(one_db)
        self.query_lines = ["| query set | one database, median / p95 ms | 2 local shards | 2 remote shards | "
                            "local / one | remote / one | equal to one database's rows: counts, facets, top-10 order, "
                            "top-10 set (local; remote) |", "|---|---|---|---|---|---|---|"]
        for name in self.queries:
            for build, _ in builds:
                l = latency[build + name]
                a, b, c = (l[label] for label, _ in indexes)
                self.query_lines.append("| %s%s | %.2f / %.2f | %.2f / %.2f | %.2f / %.2f | %.2f× | %.2f× | %s |" % (
                    build, labels[name], a[0], a[1], b[0], b[1], c[0], c[1], b[0] / a[0], c[0] / a[0],
                    "; ".join("%d, %d, %d, %d of %d" % (r[2], r[3], r[4], r[5], r[0]) for r in l["same rows"])))
        if self.a.shard_queries:
            return
        index, counts, cpp_wall = self.shard_index, self.a.shards, self.shard_index["cpp"][0]

        # The projection: from the per-shard figures measured above, assuming what is stated.
        target, cores = 10_000_000, 16
        best = max(counts)
        per_passage_cpu = index[best][2] / n
        proj_index = target * per_passage_cpu / cores
        cpp_proj = target * cpp_wall / n
        broad_one = latency["broad"]["one database"][0]
        remote_overhead = latency["broad"][indexes[2][0]][0] - latency["broad"][indexes[1][0]][0]
        proj = []
        proj.append("PROJECTION, not a measurement: 10,000,000 passages on %d cores (one shard per core), from this run's %d-passage figures." % (cores, n))
        proj.append("Indexing: T = 10M × (CPU s per passage at %d shards = %.3f ms) / %d cores = %.0f s (%.1f min); "
                    "the C++ baseline, one writer, 10M × %.3f ms = %.0f s (%.1f min). Assumes CPU per passage stays as "
                    "measured (Xapian's merge cost grows with each shard's size, so this is a lower bound) and that "
                    "%d writers scale without contention (disk, memory bandwidth)." % (
                        best, per_passage_cpu * 1000, cores, proj_index, proj_index / 60, cpp_wall / n * 1000, cpp_proj,
                        cpp_proj / 60, cores))
        proj.append("Broad faceted query (every match examined, so time grows with the matches, i.e. with passages): "
                    "%d local shards in one process are searched one after another: %.2f ms × 10M / %d = %.0f ms; "
                    "%d remote shards, one server per core, search in parallel: %.2f ms × (10M / %d) / %d + the measured "
                    "remote overhead %.2f ms = %.0f ms. Assumes latency linear in passages per shard and the "
                    "coordinator's merge of %d facet tables negligible." % (
                        cores, broad_one, n, broad_one * target / n, cores, broad_one, cores, n, remote_overhead,
                        broad_one * (target / cores) / n + remote_overhead, cores))
        proj.append("Selective queries (a few dozen matches) are not linear in passages: over remote shards they cost "
                    "round trips (measured here %.2f ms over 2 remote shards against %.2f ms in one database); how that "
                    "grows with 16 servers was not measured." % (
                        latency["filtered"][indexes[2][0]][0], latency["filtered"]["one database"][0]))
        self.projection = proj

    def serve_shard(self, db):
        """Starts stock xapian-tcpsrv for `db` on a free loopback port; returns (process, port)."""
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            port = s.getsockname()[1]
        process = subprocess.Popen(["xapian-tcpsrv", "--interface", "127.0.0.1", "--port", str(port), "--quiet", db],
                                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        for _ in range(200):
            with socket.socket() as s:
                if s.connect_ex(("127.0.0.1", port)) == 0:
                    return process, port
            time.sleep(0.05)
        process.kill()
        raise SystemExit("xapian-tcpsrv for %s did not start on port %d" % (db, port))

    @staticmethod
    def stop_shard(process):
        """Stops a server started by serve_shard and the children it forked for connections."""
        try:
            with open("/proc/%d/task/%d/children" % (process.pid, process.pid)) as f:
                children = [int(c) for c in f.read().split()]
        except OSError:
            children = []
        for child in children:
            try:
                os.kill(child, signal.SIGKILL)
            except ProcessLookupError:
                pass
        process.kill()
        process.wait()

    # ---------- report ----------

    def report(self):
        def fmt(v):
            if v is None:
                return "–"
            return "%.0f" % v if v >= 100 else ("%.1f" % v if v >= 10 else "%.2f" % v)

        def ratio(v, ref):
            if v is None or not ref:
                return ""
            return " (%.2f×)" % (v / ref)

        cpu = ""
        with open("/proc/cpuinfo") as f:
            m = re.search(r"model name\s*:\s*(.*)", f.read())
            cpu = m.group(1) if m else "?"
        loads = self.loads
        lines = []
        lines.append("# Dossier benchmark, %d passages" % self.a.size)
        lines.append("")
        lines.append("- Date: %s; machine: %d cores (%s), %.0f GB RAM; Xapian %s." % (
            dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%d %H:%M UTC"), os.cpu_count(), cpu,
            os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30,
            subprocess.run(["xapian-config", "--version"], capture_output=True, text=True).stdout.split()[-1]
            if shutil.which("xapian-config") else "?"))
        lines.append("- Load average (1 min) during the run: min %.1f, median %.1f, max %.1f (%d samples; "
                     "above %d means other work competed for the cores)." % (
                         min(l[0] for l in loads), statistics.median(l[0] for l in loads), max(l[0] for l in loads),
                         len(loads), os.cpu_count()))
        lines.append("- Command: `bash bench/run %s`" % " ".join(self.a.argv))
        lines.append("- Ratios are to the C++ baseline, measured in the same run; for time-like figures "
                     "(ms, MB) lower is better, for rates higher is better.")
        lines.append("")
        if self.rows:  # not with --only-shards
            lines.append("| measure | unit | C++ Xapian | Dossier | python-xapian | SQLite FTS5 | note |")
            lines.append("|---|---|---|---|---|---|---|")
            for r in self.rows:
                c = r["cpp"]
                lines.append("| %s | %s | %s | %s%s | %s%s | %s%s | %s |" % (
                    r["measure"], r["unit"], fmt(c), fmt(r["dossier"]), ratio(r["dossier"], c), fmt(r["py"]),
                    ratio(r["py"], c), fmt(r["sqlite"]), ratio(r["sqlite"], c), r["note"]))
            lines.append("")
            lines.append("Targets:")
            lines.append("")
            if hasattr(self, "dossier_vs_sqlite_time"):
                lines.append("- Indexing time against SQLite FTS5's: Dossier %.1f× (Xapian-equal), %.1f× (full pipeline); "
                             "target at most 3×." % (self.dossier_vs_sqlite_time, self.full_vs_sqlite_time))
            for name, (cppv, dossier, sqlite, py) in getattr(self, "value_facets", {}).items():
                lines.append("- %s: Dossier median %.2f× C++ `--value-facets` (%.2f ms); SQLite FTS5 is %.1f× Dossier's "
                             "time%s." % (name, dossier / cppv if cppv else 0, cppv, sqlite / dossier if dossier else 0,
                                          "; python-xapian %.1f×" % (py / dossier) if py and dossier else ""))
            lines.append("")
            lines.append("Agreement with the C++ baseline's OUT.tsv (same query file, same passages):")
            lines.append("")
            lines.append("| query set | tool | rows | exact counts equal | facets equal | top-10 same order | "
                         "top-10 same set | first differing counts |")
            lines.append("|---|---|---|---|---|---|---|---|")
            for name, who, n, m, counts, facets, top_exact, top_set, differing in self.agreement:
                lines.append("| %s | %s | %d/%d | %d | %d | %d | %d | %s |" % (
                    name, who, m, n, counts, facets, top_exact, top_set, ", ".join(differing) or "–"))
        if hasattr(self, "shard_lines"):
            lines.append("")
            lines.append("Sharded indexing (full pipeline, the articles JSONL, one round, interleaved with the C++ "
                         "baseline indexing its passages):")
            lines.append("")
            lines.extend(self.shard_lines)
        if hasattr(self, "query_lines"):
            lines.append("")
            lines.append("Queries over shards (`dossier batch --timings`, BM25, %d interleaved rounds, median of the "
                         "per-round medians and p95s):" % self.a.qreps)
            lines.append("")
            lines.extend(self.query_lines)
            lines.append("")
            for line in getattr(self, "projection", []):
                lines.append("- " + line)
        if self.notes:
            lines.append("")
            for note in self.notes:
                lines.append("- " + note)
        text = "\n".join(lines) + "\n"
        print(text)
        os.makedirs(os.path.join(ROOT, "bench", "results"), exist_ok=True)
        out = os.path.join(ROOT, "bench", "results", "results-%d%s.md" % (self.a.size, "-shards" if self.a.only_shards else ""))
        with open(out, "w", encoding="utf-8") as f:
            f.write(text)
        log("wrote " + out)

    def cleanup(self):
        if self.a.keep:
            log("kept " + self.work)
        else:
            shutil.rmtree(self.work, ignore_errors=True)


def preflight(a):
    """Checks every tool the run needs before its first step, and names all that are missing
    with the Debian package that provides it (`bash scripts/bootstrap` installs them all)."""
    missing = []
    for tool, package in (("swift", "Swift 6 from swift.org"), ("g++", "g++"),
                          ("xapian-config", "libxapian-dev"), ("xapian-compact", "xapian-tools"),
                          ("xapian-tcpsrv", "xapian-tools")):
        if not shutil.which(tool) and not (tool == "swift" and a.dossier):
            missing.append("%s (%s)" % (tool, package))
    modules = ["sqlite3"] + ([] if a.skip_python else ["xapian"])
    for module in modules:
        if subprocess.run([PY, "-c", "import " + module], stderr=subprocess.DEVNULL).returncode != 0:
            missing.append("the %s module of %s (%s)" % (module, PY, "python3-xapian, or --skip-python"
                                                        if module == "xapian" else "python3"))
    if missing:
        raise SystemExit("bench: missing before the first step: %s. Run `bash scripts/bootstrap --bench`, "
                         "or install them yourself." % "; ".join(missing))


def main():
    ap = argparse.ArgumentParser(prog="bench/run", description=__doc__.split("\n\n")[0])
    ap.add_argument("--size", type=int, default=20000, help="passages to generate (default 20000)")
    ap.add_argument("--baseline", default=os.path.join(ROOT, "..", "shared", "baseline"),
                    help="folder of the baseline programs (default ../shared/baseline)")
    ap.add_argument("--corpora", default=os.environ.get("DOSSIER_CORPORA") or os.path.join(ROOT, "..", "shared", "corpora"),
                    help="research corpora (Reuters-21578); skipped with a message when absent")
    ap.add_argument("--reps", type=int, default=1, help="indexing rounds (median taken; default 1)")
    ap.add_argument("--qreps", type=int, default=3, help="query rounds per tool and set (median; default 3)")
    ap.add_argument("--startup-runs", type=int, default=30, help="whole-process runs per tool (default 30)")
    ap.add_argument("--skip-python", action="store_true", help="leave out python-xapian (slowest indexer)")
    ap.add_argument("--skip-reuters", action="store_true")
    ap.add_argument("--no-build", action="store_true", help="use the existing release build")
    ap.add_argument("--dynamic", action="store_true", help="build without --static-swift-stdlib")
    ap.add_argument("--dossier", help="use this dossier binary instead of building one")
    ap.add_argument("--work", help="work folder (default: a new temporary folder, removed at the end)")
    ap.add_argument("--keep", action="store_true", help="keep the work folder")
    ap.add_argument("--shards", help="also measure sharding: comma-separated shard counts for full-pipeline indexing "
                                     "(e.g. 1,2,4), plus queries over 1 vs 2 local vs 2 remote shards and a projection")
    ap.add_argument("--only-shards", action="store_true",
                    help="with --shards: run the sharding figures only (no main table)")
    ap.add_argument("--shard-queries", action="store_true",
                    help="with --only-shards: only the query latency over shards (no sharded indexing, no projection)")
    ap.add_argument("--before", metavar="DOSSIER",
                    help="with --shards: also run this earlier dossier build in the shard query rounds, interleaved, "
                         "its rows marked 'before:'")
    a = ap.parse_args()
    if (a.shard_queries or a.before) and not a.shards:
        raise SystemExit("bench: --shard-queries and --before need --shards")
    if a.shard_queries and not a.only_shards:
        raise SystemExit("bench: --shard-queries needs --only-shards")
    if a.shards:
        try:
            a.shards = sorted({int(x) for x in a.shards.split(",")})
        except ValueError:
            raise SystemExit("bench: --shards takes comma-separated shard counts, e.g. 1,2,4")
        if a.shards[0] < 1:
            raise SystemExit("bench: --shards counts must be 1 or more")
    elif a.only_shards:
        raise SystemExit("bench: --only-shards needs --shards")
    a.argv = sys.argv[1:]
    a.baseline = os.path.abspath(a.baseline)
    for f in ("xapian_baseline.cpp", "gen_corpus.py", "py_xapian_baseline.py", "sqlite_fts5_baseline.py"):
        if not os.path.exists(os.path.join(a.baseline, f)):
            raise SystemExit("bench: %s not found in %s (use --baseline DIR)" % (f, a.baseline))
    preflight(a)
    b = Bench(a)
    try:
        b.build()
        b.corpus()
        if not a.only_shards:
            b.indexing()
            b.querying()
            b.startup()
            b.export()
            if not a.skip_reuters:
                b.reuters()
        if a.shards:
            b.sharding()
        b.report()
    finally:
        b.cleanup()


if __name__ == "__main__":
    main()
