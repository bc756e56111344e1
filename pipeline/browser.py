"""Headless Chromium for looking at built pages: PNG screenshots and the rendered DOM.

Talks the DevTools protocol over ``--remote-debugging-pipe`` (NUL-separated JSON on file
descriptors 3 and 4): no port, no network, one browser for every page. Used by
``l10n preview`` and by the browser test; nothing else in the pipeline needs a browser.
"""

from __future__ import annotations

import base64
import fcntl
import json
import os
import select
import shutil
import subprocess
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Self

from pipeline.errors import L10nError

CANDIDATES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-extensions",
    "--hide-scrollbars",
    "--mute-audio",
    "--force-color-profile=srgb",
    "--remote-debugging-pipe",
)


@dataclass(frozen=True)
class Viewport:
    name: str
    width: int
    height: int
    scale: float = 1.0
    mobile: bool = False


PHONE = Viewport("phone", 390, 844, 2.0, mobile=True)
DESKTOP = Viewport("desktop", 1280, 900)


def find_chromium() -> str | None:
    """The Chromium executable on PATH (``$CHROMIUM`` first), or None."""
    named = os.environ.get("CHROMIUM")
    if named:
        return shutil.which(named)
    for name in CANDIDATES:
        found = shutil.which(name)
        if found:
            return found
    return None


def _pipe_fds(commands: int, replies: int):
    """In the child: put the pipe ends on fds 3 (commands in) and 4 (replies out), where
    ``--remote-debugging-pipe`` looks for them; via fds >= 10 so neither overwrites the other."""

    def arrange() -> None:
        high_commands = fcntl.fcntl(commands, fcntl.F_DUPFD, 10)
        high_replies = fcntl.fcntl(replies, fcntl.F_DUPFD, 10)
        os.dup2(high_commands, 3)
        os.dup2(high_replies, 4)

    return arrange


class Browser:
    """One headless Chromium process with one tab; ``with Browser() as b: b.open(path)``."""

    def __init__(self, executable: str | None = None, timeout: float = 30.0):
        self.executable = executable or find_chromium()
        if not self.executable:
            raise L10nError(
                "Chromium not found: install it (Debian: apt-get install chromium fonts-noto-cjk)"
            )
        self.timeout = timeout
        self._next_id = 0
        self._buffer = b""
        self._events: list[dict] = []

    def __enter__(self) -> Self:
        self.profile = tempfile.mkdtemp(prefix="l10n-chromium-")
        to_browser_r, self._to_browser = os.pipe()
        self._from_browser, from_browser_w = os.pipe()
        args = [*FLAGS, f"--user-data-dir={self.profile}", "about:blank"]
        self.process = subprocess.Popen(
            [self.executable, *args],
            pass_fds=(3, 4),
            preexec_fn=_pipe_fds(to_browser_r, from_browser_w),  # noqa: PLW1509 (no threads)
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        os.close(to_browser_r)
        os.close(from_browser_w)
        try:
            target = self._call("Target.createTarget", {"url": "about:blank"})["targetId"]
            self.session = self._call(
                "Target.attachToTarget", {"targetId": target, "flatten": True}
            )["sessionId"]
            self.send("Page.enable")
            self.send("Runtime.enable")
        except BaseException:
            self.__exit__(None, None, None)
            raise
        return self

    def __exit__(self, *exc) -> None:
        try:
            self._call("Browser.close", {}, wait=False)
        except (OSError, L10nError):
            pass
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        for fd in (self._to_browser, self._from_browser):
            try:
                os.close(fd)
            except OSError:
                pass
        shutil.rmtree(self.profile, ignore_errors=True)

    # ---- protocol ------------------------------------------------------------------------

    def _call(self, method: str, params: dict, session: str | None = None, wait: bool = True):
        self._next_id += 1
        message = {"id": self._next_id, "method": method, "params": params}
        if session:
            message["sessionId"] = session
        os.write(self._to_browser, json.dumps(message).encode() + b"\0")
        if not wait:
            return None
        wanted = self._next_id
        while True:
            reply = self._read()
            if reply.get("id") == wanted:
                if "error" in reply:
                    raise L10nError(f"Chromium: {method}: {reply['error'].get('message')}")
                return reply.get("result", {})
            if "method" in reply:
                self._events.append(reply)

    def _read(self) -> dict:
        deadline = time.monotonic() + self.timeout
        while b"\0" not in self._buffer:
            left = deadline - time.monotonic()
            ready, _, _ = select.select([self._from_browser], [], [], max(left, 0))
            if not ready:
                raise L10nError(f"Chromium did not answer within {self.timeout:g} s")
            chunk = os.read(self._from_browser, 1 << 20)
            if not chunk:
                raise L10nError("Chromium exited unexpectedly")
            self._buffer += chunk
        message, self._buffer = self._buffer.split(b"\0", 1)
        return json.loads(message)

    def send(self, method: str, params: dict | None = None) -> dict:
        """A DevTools command to the tab; its result."""
        return self._call(method, params or {}, self.session)

    def _wait_event(self, method: str) -> dict:
        while True:
            for i, event in enumerate(self._events):
                if event["method"] == method and event.get("sessionId") == self.session:
                    return self._events.pop(i)
            message = self._read()
            if "method" in message:
                self._events.append(message)

    # ---- pages ---------------------------------------------------------------------------

    def open(self, page: str | Path, viewport: Viewport = DESKTOP) -> None:
        """Load a local file (or URL) at ``viewport`` and wait until it and its fonts are ready."""
        url = page if isinstance(page, str) and "://" in page else Path(page).resolve().as_uri()
        self._viewport(viewport, viewport.height)
        self._events.clear()
        result = self.send("Page.navigate", {"url": url})
        if result.get("errorText"):
            raise L10nError(f"Chromium cannot open {url}: {result['errorText']}")
        self._wait_event("Page.loadEventFired")
        self.evaluate("document.fonts.ready.then(() => true)")

    def _viewport(self, viewport: Viewport, height: int) -> None:
        self.send(
            "Emulation.setDeviceMetricsOverride",
            {
                "width": viewport.width,
                "height": height,
                "deviceScaleFactor": viewport.scale,
                "mobile": viewport.mobile,
            },
        )

    def evaluate(self, expression: str):
        """The JSON value of a JavaScript expression in the page (promises awaited)."""
        result = self.send(
            "Runtime.evaluate",
            {"expression": expression, "returnByValue": True, "awaitPromise": True},
        )
        if "exceptionDetails" in result:
            raise L10nError(f"Chromium: {result['exceptionDetails'].get('text')}")
        return result["result"].get("value")

    def dom(self) -> str:
        """The rendered document as HTML (what ``chromium --dump-dom`` prints)."""
        return self.evaluate("document.documentElement.outerHTML")

    def fonts(self, selector: str) -> list[str]:
        """The font families Chromium actually drew the first ``selector`` element's text with."""
        self.send("DOM.enable")
        self.send("CSS.enable")
        root = self.send("DOM.getDocument", {"depth": 0})["root"]["nodeId"]
        node = self.send("DOM.querySelector", {"nodeId": root, "selector": selector})["nodeId"]
        if not node:
            return []
        used = self.send("CSS.getPlatformFontsForNode", {"nodeId": node})["fonts"]
        return [font["familyName"] for font in used]

    def screenshot(self, viewport: Viewport = DESKTOP) -> bytes:
        """A PNG of the whole page (not only the first screen) at ``viewport``'s width."""
        height = int(self.evaluate("document.documentElement.scrollHeight"))
        self._viewport(viewport, max(height, viewport.height))
        data = self.send("Page.captureScreenshot", {"format": "png"})["data"]
        self._viewport(viewport, viewport.height)
        return base64.b64decode(data)


def pages(build_dir: Path) -> list[Path]:
    """Every built HTML page, sorted: the index, then its folders' pages
    (``index/2026/12/index.html``) and each language's pages, those of documents in folders
    (``ko/2026/12/slug.html``) included; the review pages (``review/<lang>/…``) are not built
    pages."""
    from pipeline.files import below

    build = Path(build_dir)
    found = list(build.glob("*/*.html"))
    for folder in build.iterdir() if build.is_dir() else ():
        if folder.is_dir() and not folder.is_symlink() and folder.name != "review":
            found += [folder / p for p in below(folder, (".html",)) if "/" in p]
    return sorted(build.glob("*.html")) + sorted(found)


@dataclass(frozen=True)
class Shot:
    """A screenshot of a built page at one viewport, and whether this run took it."""

    path: Path
    taken: bool


def preview(
    build_dir: Path,
    out_dir: Path,
    viewports: tuple[Viewport, ...] = (PHONE, DESKTOP),
    langs: tuple[str, ...] = (),
    docs: tuple[str, ...] = (),
    every: bool = False,
) -> list[Shot]:
    """Screenshot the built pages at each viewport: ``out_dir/<page>-<viewport>.png``. Only
    the pages of ``langs`` and ``docs`` where given (the index only when neither is); a
    screenshot newer than its page is kept (the build rewrites a page only when it changes),
    unless ``every``. Chromium starts only when there is something to take."""
    from pipeline import files

    found = pages(build_dir)
    if not found:
        raise L10nError("no built pages: run `l10n build` first", build_dir)
    shots, todo = [], []
    for page in found:
        relative = page.relative_to(build_dir).with_suffix("")
        if not _selected(relative, langs, docs):
            continue
        for viewport in viewports:
            target = Path(out_dir) / f"{relative}-{viewport.name}.png"
            fresh = not every and _newer(target, page)
            shots.append(Shot(target, not fresh))
            if not fresh:
                todo.append((page, viewport, target))
    if todo:
        with Browser() as browser:
            for page, viewport, target in todo:
                browser.open(page, viewport)
                files.write_bytes(target, browser.screenshot(viewport))
    return shots


def _selected(relative: Path, langs: tuple[str, ...], docs: tuple[str, ...]) -> bool:
    """Whether a page (``index``, a folder's ``index/<folder>/index``, or ``<lang>/<doc>``,
    relative to the build) is asked for: the index's pages only when no language or document
    is named."""
    if len(relative.parts) == 1 or relative.parts[0] == "index":
        return not langs and not docs
    lang, doc = relative.parts[0], "/".join(relative.parts[1:])
    return (not langs or lang in langs) and (not docs or doc in docs)


def _newer(target: Path, page: Path) -> bool:
    try:
        return target.stat().st_mtime_ns > page.stat().st_mtime_ns
    except FileNotFoundError:
        return False
