"""Headless Chromium driven through the DevTools protocol over a pipe (--remote-debugging-pipe), with Python's
standard library only: open pages, wait for a condition, evaluate JavaScript, take screenshots and collect what the
browser console reports. Used by scripts/ui-e2e-pages.py."""

import base64
import json
import os
import subprocess
import tempfile
import threading
import time


class Chromium:
    """A headless Chromium process; commands go to its fd 3 and replies and events come from its fd 4, each a JSON
    message ended by a NUL byte."""

    def __init__(self, binary, log_path):
        to_browser_r, self._to_browser = os.pipe()
        self._from_browser, from_browser_w = os.pipe()

        def child_pipes():
            command, reply = os.dup(to_browser_r), os.dup(from_browser_w)
            os.dup2(command, 3)
            os.dup2(reply, 4)

        self._profile = tempfile.TemporaryDirectory(prefix="ui-e2e-chromium-")
        self._log = open(log_path, "w")
        self._process = subprocess.Popen(
            [binary, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-quic",
             "--disable-background-networking", "--disable-component-update", "--disable-sync",
             "--remote-debugging-pipe", "--user-data-dir=" + self._profile.name, "about:blank"],
            preexec_fn=child_pipes, pass_fds=(3, 4), stdin=subprocess.DEVNULL, stdout=self._log,
            stderr=subprocess.STDOUT)
        os.close(to_browser_r)
        os.close(from_browser_w)
        self._next_id = 0
        self._replies = {}
        self.events = []
        self._changed = threading.Condition()
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self):
        pending = b""
        while True:
            chunk = os.read(self._from_browser, 1 << 16)
            if not chunk:
                break
            pending += chunk
            while b"\0" in pending:
                raw, pending = pending.split(b"\0", 1)
                message = json.loads(raw)
                with self._changed:
                    if "id" in message:
                        self._replies[message["id"]] = message
                    else:
                        self.events.append(message)
                    self._changed.notify_all()

    def send(self, method, params=None, session=None, timeout=60):
        self._next_id += 1
        call = {"id": self._next_id, "method": method, "params": params or {}}
        if session:
            call["sessionId"] = session
        os.write(self._to_browser, json.dumps(call).encode() + b"\0")
        with self._changed:
            if not self._changed.wait_for(lambda: call["id"] in self._replies, timeout):
                raise TimeoutError(f"Chromium did not answer {method} within {timeout} s")
            reply = self._replies.pop(call["id"])
        if "error" in reply:
            raise RuntimeError(f"{method}: {reply['error']}")
        return reply["result"]

    def page(self, url, ready, timeout=60):
        """A new tab showing url, once the JavaScript expression ready is true."""
        return Page(self, url, ready, timeout)

    def close(self):
        try:
            self.send("Browser.close", timeout=10)
        except (OSError, RuntimeError, TimeoutError):
            pass
        try:
            self._process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self._process.kill()
        self._log.close()
        self._profile.cleanup()


class Page:
    """One tab, with what its console reported."""

    def __init__(self, browser, url, ready, timeout):
        self._browser = browser
        self._target = browser.send("Target.createTarget", {"url": "about:blank"})["targetId"]
        self._session = browser.send("Target.attachToTarget", {"targetId": self._target, "flatten": True})[
            "sessionId"]
        for domain in ("Page", "Runtime", "Log"):
            self.call(domain + ".enable")
        self.call("Emulation.setDeviceMetricsOverride",
                  {"width": 1280, "height": 900, "deviceScaleFactor": 1, "mobile": False})
        self.call("Page.navigate", {"url": url})
        self.url = url
        self.wait(ready, timeout)

    def call(self, method, params=None):
        return self._browser.send(method, params, self._session)

    def eval(self, expression):
        result = self.call("Runtime.evaluate",
                           {"expression": expression, "returnByValue": True, "awaitPromise": True})
        if "exceptionDetails" in result:
            raise RuntimeError(f"{self.url}: {expression}: {result['exceptionDetails']}")
        return result["result"].get("value")

    def wait(self, expression, timeout):
        """Waits until expression is true; its errors before that (e.g. the page still loading) are retried."""
        deadline = time.time() + timeout
        while True:
            try:
                if self.eval(expression):
                    return
            except RuntimeError:
                pass
            if time.time() > deadline:
                raise TimeoutError(f"{self.url}: not true after {timeout} s: {expression}")
            time.sleep(0.25)

    def screenshot(self, path):
        size = self.call("Page.getLayoutMetrics")["cssContentSize"]
        shot = self.call("Page.captureScreenshot", {
            "format": "png", "captureBeyondViewport": True,
            "clip": {"x": 0, "y": 0, "width": size["width"], "height": size["height"], "scale": 1}})
        with open(path, "wb") as f:
            f.write(base64.b64decode(shot["data"]))

    def console_errors(self):
        """Errors the console showed: console.error and console.assert calls, uncaught exceptions, and the
        browser's own error entries (a failed request, a blocked script)."""
        errors = []
        for event in list(self._browser.events):
            if event.get("sessionId") != self._session:
                continue
            method, params = event["method"], event.get("params", {})
            if method == "Runtime.consoleAPICalled" and params.get("type") in ("error", "assert"):
                errors.append("console." + params["type"] + ": " + " ".join(
                    str(a.get("value", a.get("description", ""))) for a in params.get("args", [])))
            elif method == "Runtime.exceptionThrown":
                details = params["exceptionDetails"]
                errors.append("uncaught: " + details.get("exception", {}).get("description", details.get("text", "")))
            elif method == "Log.entryAdded" and params["entry"]["level"] == "error":
                errors.append("log: " + params["entry"]["text"] + " " + params["entry"].get("url", ""))
        return errors

    def close(self):
        self._browser.send("Target.closeTarget", {"targetId": self._target})
