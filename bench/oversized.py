#!/usr/bin/env python3
"""Peak memory of `dossier index` on oversized input (issue 10 item 7).

Generates, in one temporary folder, inputs of SIZE megabytes that no news archive has but a
scrape or a broken export can: one line of text (`.txt`), one JSON-lines record of that text,
one SGML story of it, and many ordinary records (`.jsonl`, and the same gzipped). Each is indexed with the default
record limit and, where that refuses it, with the limit raised past the input, and the table
gives exit status, maximum resident set size (`/usr/bin/time -v`) and wall time.

Use a release build (`swift build -c release`), as every figure in BENCHMARKS.md is.
"""
import argparse
import gzip
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time

SENTENCES = [
    "OPEC ministers met in Vienna on Monday to discuss output quotas.",
    "Saudi Arabia said it would keep production at eight million barrels a day.",
    "Texaco and Chrysler shares rose in New York after the Federal Reserve held rates.",
    "Japan's trade surplus with the United States widened in March, officials said.",
]


def text_of(megabytes):
    """About `megabytes` MB of sentences with no line break."""
    target = megabytes * 1_000_000
    unit = " ".join(SENTENCES) + " "
    return unit * (target // len(unit) + 1)


def generate(folder, megabytes):
    """Writes the inputs; returns [(label, path, needs a raised limit)]."""
    text = text_of(megabytes)
    inputs = []
    path = os.path.join(folder, "one-line.txt")
    with open(path, "w") as f:
        f.write("A dump\n" + text + "\n")
    inputs.append((f"{megabytes} MB one-line .txt", path, True))

    path = os.path.join(folder, "one-record.jsonl")
    with open(path, "w") as f:
        f.write(json.dumps({"id": "big", "title": "A dump", "text": text}) + "\n")
        f.write(json.dumps({"id": "small", "title": "Small", "text": SENTENCES[0]}) + "\n")
    inputs.append((f"{megabytes} MB one-record .jsonl", path, True))

    path = os.path.join(folder, "one-story.sgm")
    with open(path, "w") as f:
        f.write('<REUTERS TOPICS="NO" NEWID="1">\n<DATE>26-FEB-1987 15:01:01.79</DATE>\n<TEXT>\n'
                f"<TITLE>A DUMP</TITLE>\n<BODY>{text}\n</BODY></TEXT>\n</REUTERS>\n")
        f.write('<REUTERS TOPICS="NO" NEWID="2">\n<DATE>26-FEB-1987 15:02:00.00</DATE>\n<TEXT>\n'
                f"<TITLE>SMALL</TITLE>\n<BODY>{SENTENCES[0]}\n</BODY></TEXT>\n</REUTERS>\n")
    inputs.append((f"{megabytes} MB one-story .sgm", path, True))

    path = os.path.join(folder, "many-records.jsonl")
    record = " ".join(SENTENCES * 8)  # about 2 KB, a short news story
    count = megabytes * 1_000_000 // (len(record) + 60)
    with open(path, "w") as f:
        for n in range(count):
            f.write(json.dumps({"id": f"r{n}", "title": f"Story {n}", "text": record}) + "\n")
    inputs.append((f"{megabytes} MB of {count:,} records, .jsonl", path, False))
    zipped = os.path.join(folder, "many-records-gz.jsonl.gz")
    with open(path, "rb") as src, gzip.open(zipped, "wb") as dst:
        shutil.copyfileobj(src, dst)
    inputs.append((f"same, .jsonl.gz ({os.path.getsize(zipped) // 1_000_000} MB)", zipped, False))
    return inputs


def measure(dossier, path, index, extra):
    """Runs one index; returns (status, peak MB, seconds)."""
    shutil.rmtree(index, ignore_errors=True)
    command = ["/usr/bin/time", "-v", dossier, "index", path, "--index", index, "--quiet"] + extra
    started = time.monotonic()
    run = subprocess.run(command, capture_output=True, text=True)
    seconds = time.monotonic() - started
    peak = re.search(r"Maximum resident set size \(kbytes\): (\d+)", run.stderr)
    return run.returncode, (int(peak.group(1)) // 1024 if peak else -1), seconds


def main():
    ap = argparse.ArgumentParser(prog="bench/oversized.py", description=__doc__.split("\n\n")[0])
    ap.add_argument("--dossier", required=True, help="the dossier binary (a release build)")
    ap.add_argument("--size", type=int, default=200, help="megabytes per input (default 200)")
    ap.add_argument("--work", help="work folder (default: a new temporary folder, removed at the end)")
    a = ap.parse_args()
    if not os.access("/usr/bin/time", os.X_OK):
        sys.exit("bench/oversized.py: /usr/bin/time is missing: sudo apt-get install time")
    work = a.work or tempfile.mkdtemp(prefix="dossier-oversized-")
    os.makedirs(work, exist_ok=True)
    try:
        inputs = generate(work, a.size)
        raised = f"{a.size * 2}M"
        print(f"| input | limit | exit | peak RSS | wall |")
        print(f"|---|---|---|---|---|")
        for label, path, needs_raise in inputs:
            runs = [("default (16 MiB)", [])] + ([(f"--max-record-size {raised}", ["--max-record-size", raised])] if needs_raise else [])
            for limit, extra in runs:
                status, peak, seconds = measure(a.dossier, path, os.path.join(work, "idx"), extra)
                print(f"| {label} | {limit} | {status} | {peak:,} MB | {seconds:.1f} s |", flush=True)
    finally:
        if not a.work:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
