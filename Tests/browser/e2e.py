#!/usr/bin/env python3
"""End-to-end test of `dossier serve`'s web page in headless Chromium.

Starts `dossier serve` on a free loopback port over a fresh index of seeds/, drives Debian's
`chromium` over its DevTools protocol on a pipe (--remote-debugging-pipe: no websocket
library, no open debugging port), and checks what a user does:

  load the page; run a search; click an actor facet and check the page's count equals
  `dossier count` for the same filter; click it again to remove it; drag across the published
  histogram and check the count against `dossier count --from --to`; open a hit's neighbouring
  paragraphs; download the CSV export and parse it back (one row per hit, formula-safe); save
  screenshots (desktop and phone width) with facets applied.

Usage: e2e.py DOSSIER_BINARY SCREENSHOT_DIR. Exits 0 on success, 1 on a failed check, and 77
(skip) with a message when Chromium is not installed.
"""
import csv
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
import base64

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def fail(message):
    print(f"e2e: FAIL: {message}", file=sys.stderr)
    sys.exit(1)


class Chromium:
    """One headless Chromium driven over the DevTools protocol on fds 3 (in) and 4 (out)."""

    def __init__(self, binary, profile):
        to_browser_r, self.to_browser = os.pipe()
        self.from_browser, from_browser_w = os.pipe()
        # The child sees our pipe ends as its fds 3 and 4 (moved out of the way first, so that
        # neither dup2 overwrites the other end; subprocess closes the rest after this runs).
        def arrange():
            reading, writing = os.dup(to_browser_r), os.dup(from_browser_w)
            os.dup2(reading, 3)
            os.dup2(writing, 4)
        self.process = subprocess.Popen(
            [binary, "--headless=new", "--no-sandbox", "--disable-gpu", "--remote-debugging-pipe",
             "--no-first-run", "--no-default-browser-check", "--disable-extensions",
             "--disable-background-networking", f"--user-data-dir={profile}", "about:blank"],
            preexec_fn=arrange, pass_fds=(3, 4),
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        os.close(to_browser_r)
        os.close(from_browser_w)
        self.buffer = b""
        self.next_id = 0
        self.events = []
        self.session = None

    def send(self, method, params=None, session=True, timeout=30):
        self.next_id += 1
        message = {"id": self.next_id, "method": method, "params": params or {}}
        if session and self.session:
            message["sessionId"] = self.session
        os.write(self.to_browser, json.dumps(message).encode() + b"\0")
        deadline = time.time() + timeout
        while time.time() < deadline:
            reply = self.read()
            if reply.get("id") == self.next_id:
                if "error" in reply:
                    raise RuntimeError(f"{method}: {reply['error']}")
                return reply.get("result", {})
            self.events.append(reply)
        raise RuntimeError(f"{method}: no answer in {timeout} s")

    def read(self):
        while b"\0" not in self.buffer:
            chunk = os.read(self.from_browser, 1 << 16)
            if not chunk:
                raise RuntimeError("Chromium closed the pipe")
            self.buffer += chunk
        message, self.buffer = self.buffer.split(b"\0", 1)
        return json.loads(message)

    def open(self, url):
        target = self.send("Target.createTarget", {"url": "about:blank"}, session=False)["targetId"]
        self.session = self.send("Target.attachToTarget", {"targetId": target, "flatten": True}, session=False)["sessionId"]
        self.send("Page.enable")
        self.send("Runtime.enable")
        self.send("Page.navigate", {"url": url})

    def evaluate(self, expression):
        result = self.send("Runtime.evaluate", {"expression": expression, "returnByValue": True, "awaitPromise": True})
        if "exceptionDetails" in result:
            raise RuntimeError(f"{expression}: {result['exceptionDetails']}")
        return result["result"].get("value")

    def wait_for(self, expression, timeout=20, what=None):
        deadline = time.time() + timeout
        while time.time() < deadline:
            try:
                if self.evaluate(expression):
                    return
            except RuntimeError:
                pass
            time.sleep(0.1)
        problems = [e["params"] for e in self.events if e.get("method") in ("Runtime.exceptionThrown", "Log.entryAdded")]
        fail(f"timed out waiting for {what or expression}; page errors: {json.dumps(problems)[:2000]}")

    def wait_ready(self, previous_url=None):
        if previous_url is not None:
            self.wait_for(f"location.href !== {json.dumps(previous_url)}", what="the URL to change")
        self.wait_for("document.body.dataset.state === 'ready' || document.body.dataset.state === 'error'", what="the page to load")
        state = self.evaluate("document.body.dataset.state")
        if state != "ready":
            fail("the page shows an error: " + str(self.evaluate("document.getElementById('error').textContent")))

    def centre(self, selector):
        box = self.evaluate(f"""(() => {{ const e = document.querySelector({json.dumps(selector)});
            if (!e) return null; e.scrollIntoView({{block: 'center'}}); const r = e.getBoundingClientRect();
            return [r.left + r.width / 2, r.top + r.height / 2, r.left, r.right]; }})()""")
        if box is None:
            fail(f"no element {selector}")
        return box

    def click(self, selector):
        """A real mouse click (pressed and released at the element's centre)."""
        x, y, _, _ = self.centre(selector)
        for kind in ("mouseMoved", "mousePressed", "mouseReleased"):
            self.send("Input.dispatchMouseEvent", {"type": kind, "x": x, "y": y, "button": "left", "clickCount": 1})

    def press_enter(self, selector):
        """Focuses the element and presses Enter, as a keyboard user does."""
        self.evaluate(f"document.querySelector({json.dumps(selector)}).focus()")
        for kind in ("keyDown", "keyUp"):
            self.send("Input.dispatchKeyEvent", {"type": kind, "key": "Enter", "code": "Enter",
                                                 "windowsVirtualKeyCode": 13, "text": "\r" if kind == "keyDown" else ""})

    def drag(self, selector, start_fraction, end_fraction):
        _, y, left, right = self.centre(selector)
        xs = [left + (right - left) * f for f in (start_fraction, (start_fraction + end_fraction) / 2, end_fraction)]
        self.send("Input.dispatchMouseEvent", {"type": "mouseMoved", "x": xs[0], "y": y})
        self.send("Input.dispatchMouseEvent", {"type": "mousePressed", "x": xs[0], "y": y, "button": "left", "clickCount": 1})
        for x in xs[1:]:
            self.send("Input.dispatchMouseEvent", {"type": "mouseMoved", "x": x, "y": y, "button": "left", "buttons": 1})
        self.send("Input.dispatchMouseEvent", {"type": "mouseReleased", "x": xs[-1], "y": y, "button": "left", "clickCount": 1})

    def screenshot(self, path, width, height, mobile=False, showing=None):
        """The viewport at the top of the page, or scrolled to the element `showing` selects."""
        self.send("Emulation.setDeviceMetricsOverride",
                  {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": mobile})
        if showing:
            self.evaluate(f"document.querySelector({json.dumps(showing)}).scrollIntoView()")
        else:
            self.evaluate("window.scrollTo(0, 0)")
        time.sleep(0.3)
        data = self.send("Page.captureScreenshot", {"format": "png", "captureBeyondViewport": False})["data"]
        with open(path, "wb") as out:
            out.write(base64.b64decode(data))
        print(f"e2e: screenshot {path}")

    def close(self):
        try:
            self.send("Browser.close", session=False, timeout=5)
        except Exception:
            pass
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()


def total_on_page(browser):
    return int(browser.evaluate("document.getElementById('total').dataset.total"))


def dossier_count(binary, index, *arguments):
    out = subprocess.run([binary, "count", *arguments, "--format", "json", "--index", index],
                         capture_output=True, text=True, check=True).stdout
    return json.loads(out)["total"]


def check_heatmap(browser, binary, index, query, shots):
    shown = json.loads(browser.evaluate("""JSON.stringify((() => {
        const table = document.querySelector('#heatmap table');
        if (!table) return null;
        const months = [...table.querySelectorAll('thead th')].slice(1).map((th) => th.textContent);
        return { months, rows: [...table.querySelectorAll('tbody tr')].map((tr) => ({
            actor: tr.querySelector('th').textContent,
            cells: [...tr.querySelectorAll('td')].map((td) => Number(td.textContent || 0)) })) };
    })())"""))
    if not shown or not shown["rows"]:
        fail("the heat map shows no table")
    out = subprocess.run([binary, "count", query, "--by", "actor", "--by", "published-month", "--format", "json",
                          "--index", index], capture_output=True, text=True, check=True).stdout
    matrix = json.loads(out)
    months = [c["value"] for c in matrix["columns"]]
    expected = {row["value"]: dict(zip(months, row["cells"])) for row in matrix["rows"]}
    passages = {row["value"]: row["count"] for row in matrix["rows"]}
    if len(shown["rows"]) != min(12, len(expected)):
        fail(f"the heat map shows {len(shown['rows'])} actors; dossier count has {len(expected)} (the page shows 12 at most)")
    totals = sorted(passages.values(), reverse=True)
    for row in shown["rows"]:
        if row["actor"] not in expected:
            fail(f"the heat map shows {row['actor']}, which dossier count does not list")
        want = [expected[row["actor"]].get(month, 0) for month in shown["months"]]
        if row["cells"] != want:
            fail(f"heat map row {row['actor']}: page {row['cells']}, dossier count {want} over {shown['months']}")
        if passages[row["actor"]] < totals[len(shown["rows"]) - 1]:
            fail(f"the heat map shows {row['actor']} ({passages[row['actor']]} passages), not one of the {len(shown['rows'])} busiest")
    browser.screenshot(os.path.join(shots, "serve-heatmap-desktop.png"), 1280, 700, showing="#heatmap")
    browser.send("Emulation.setDeviceMetricsOverride", {"width": 1280, "height": 1000, "deviceScaleFactor": 1, "mobile": False})
    print(f"e2e: heat map: {len(shown['rows'])} actors x {len(shown['months'])} months, every cell as dossier count --by actor --by published-month")


def main():
    if len(sys.argv) != 3:
        print(__doc__, file=sys.stderr)
        sys.exit(64)
    binary, shots = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2])
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if not chromium:
        print("e2e: SKIP: Chromium is not installed (bash scripts/bootstrap --browser installs Debian's chromium)", file=sys.stderr)
        sys.exit(77)
    os.makedirs(shots, exist_ok=True)
    work = tempfile.mkdtemp(prefix="dossier-e2e-")
    index = os.path.join(work, "news.idx")
    subprocess.run([binary, "index", os.path.join(ROOT, "seeds"), "--index", index, "--quiet"], check=True)
    server = subprocess.Popen([binary, "serve", "--index", index, "--port", "0"], stderr=subprocess.PIPE, text=True)
    browser = None
    try:
        line = server.stderr.readline()
        if "http://" not in line:
            fail(f"dossier serve did not start: {line}")
        base = line.split("http://", 1)[1].split("/", 1)[0]
        url = f"http://{base}/"
        browser = Chromium(chromium, os.path.join(work, "profile"))
        downloads = os.path.join(work, "downloads")
        os.makedirs(downloads)
        browser.send("Browser.setDownloadBehavior", {"behavior": "allow", "downloadPath": downloads}, session=False)
        browser.open(url)
        browser.wait_ready()
        everything = total_on_page(browser)
        if everything != dossier_count(binary, index):
            fail(f"the page counts {everything} passages, dossier count says otherwise")

        # Run a search from the box, as a user types it.
        before = browser.evaluate("location.href")
        browser.evaluate("document.getElementById('q').value = 'extradition'")
        browser.click("#search button[type=submit]")
        browser.wait_ready(before)
        searched = total_on_page(browser)
        expected = dossier_count(binary, index, "extradition")
        if searched != expected:
            fail(f"search: the page says {searched}, dossier count extradition says {expected}")
        print(f"e2e: search 'extradition': {searched} passages, as dossier count")

        # The actor x month heat map: every cell the page shows equals dossier count's matrix
        # for the same search (months the page fills in between are 0 there too).
        check_heatmap(browser, binary, index, "extradition", shots)

        # Click the first person facet: the count must equal `dossier count --actor NAME`.
        name = browser.evaluate("document.querySelector('[data-facet=person] button').dataset.value")
        facet_count = int(browser.evaluate("document.querySelector('[data-facet=person] button').dataset.count"))
        before = browser.evaluate("location.href")
        browser.click("[data-facet=person] button")
        browser.wait_ready(before)
        filtered = total_on_page(browser)
        expected = dossier_count(binary, index, "extradition", "--actor", name)
        if not (filtered == expected == facet_count):
            fail(f"actor facet {name}: page {filtered}, facet said {facet_count}, dossier count {expected}")
        if "actor=" not in browser.evaluate("location.search"):
            fail("the actor filter is not in the URL")
        pressed = browser.evaluate(f"document.querySelector('[data-facet=person] button[data-value={json.dumps(name)}]').getAttribute('aria-pressed')")
        if pressed != "true":
            fail("the applied facet is not shown as pressed")
        print(f"e2e: actor facet {name}: {filtered} passages, as dossier count --actor")

        # A second actor, from another type, with both applied: the screenshot state.
        second = browser.evaluate("(() => { const b = document.querySelector('[data-facet=country] button[aria-pressed=false]'); return b ? b.dataset.value : null; })()")
        if second:
            before = browser.evaluate("location.href")
            browser.click(f"[data-facet=country] button[data-value={json.dumps(second)}]")
            browser.wait_ready(before)
            both = total_on_page(browser)
            expected = dossier_count(binary, index, "extradition", "--actor", name, "--actor", second)
            if both != expected:
                fail(f"two actors: page {both}, dossier count {expected}")
            print(f"e2e: actors {name} + {second}: {both} passages, as dossier count")

        # Neighbouring paragraphs on demand.
        # With the keyboard: focus the button and press Enter.
        browser.press_enter(".hit .context-button")
        browser.wait_for("!!document.querySelector('.hit .neighbours:not([hidden]) p')", what="neighbouring paragraphs")
        paragraphs = browser.evaluate("document.querySelectorAll('.hit .neighbours:not([hidden]) p').length")
        if paragraphs < 2:
            fail(f"neighbouring paragraphs: {paragraphs} shown")

        browser.screenshot(os.path.join(shots, "serve-facets-desktop.png"), 1280, 1000)
        browser.screenshot(os.path.join(shots, "serve-facets-phone.png"), 390, 1200, mobile=True)
        browser.send("Emulation.setDeviceMetricsOverride", {"width": 1280, "height": 1000, "deviceScaleFactor": 1, "mobile": False})

        # Download the CSV export of the whole hit list and parse it back.
        browser.click("#export-csv")
        deadline = time.time() + 20
        files = []
        while time.time() < deadline:
            files = [f for f in os.listdir(downloads) if f.endswith(".csv")]
            if files:
                break
            time.sleep(0.2)
        if not files:
            fail("the CSV export was not downloaded")
        with open(os.path.join(downloads, files[0]), newline="", encoding="utf-8") as handle:
            rows = list(csv.reader(handle))
        header, body = rows[0], rows[1:]
        if header[:3] != ["rank", "score", "passage_id"]:
            fail(f"CSV header {header}")
        if len(body) != total_on_page(browser):
            fail(f"the CSV has {len(body)} rows, the page counts {total_on_page(browser)}")
        for row in body:
            if len(row) != len(header):
                fail(f"a CSV row has {len(row)} cells for {len(header)} columns")
            if any(cell[:1] in ("=", "+", "-", "@") for cell in row):
                fail(f"a CSV cell would run as a formula: {row}")
        print(f"e2e: CSV export: {len(body)} rows parsed back, as the page's count")

        # Remove the actor filters by clicking the facets again.
        for value in [v for v in (second, name) if v]:
            before = browser.evaluate("location.href")
            browser.click(f"button[aria-pressed=true][data-value={json.dumps(value)}]")
            browser.wait_ready(before)
        if total_on_page(browser) != searched:
            fail(f"after removing the facets: {total_on_page(browser)}, not {searched}")
        print("e2e: clicking a facet again removes it")

        # Drag across the whole published histogram: a from/to filter equal to dossier count.
        browser.evaluate("document.getElementById('q').value = ''")
        before = browser.evaluate("location.href")
        browser.click("#search button[type=submit]")
        browser.wait_ready(before)
        before = browser.evaluate("location.href")
        browser.drag("#published-chart", 0.02, 0.98)
        browser.wait_ready(before)
        low = browser.evaluate("new URLSearchParams(location.search).get('from')")
        high = browser.evaluate("new URLSearchParams(location.search).get('to')")
        if not low or not high:
            fail("dragging the histogram set no date range")
        expected = dossier_count(binary, index, "--from", low, "--to", high)
        if total_on_page(browser) != expected:
            fail(f"histogram range {low}..{high}: page {total_on_page(browser)}, dossier count {expected}")
        print(f"e2e: histogram drag {low}..{high}: {expected} passages, as dossier count --from --to")

        # Every state is in the URL: reloading it shows the same search.
        shown = total_on_page(browser)
        browser.send("Page.reload")
        time.sleep(0.3)
        browser.wait_ready()
        if total_on_page(browser) != shown:
            fail("reloading the URL did not restore the search")
        browser.screenshot(os.path.join(shots, "serve-dates-desktop.png"), 1280, 1000)
        print("e2e: all checks passed")
    finally:
        if browser:
            browser.close()
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
