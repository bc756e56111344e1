"""Built pages in a real browser: headless Chromium loads each page from a file:// URL and the
test reads the rendered DOM and the fonts Chromium drew the text with.

Needs the Debian packages ``chromium`` and ``fonts-noto-cjk`` (``.ci/run`` installs them);
skipped, saying so, only where Chromium is not installed.
"""

from __future__ import annotations

import base64
import http.server
import re
import shutil
import struct
import threading

import pytest
from conftest import REPO, l10n_ok
from conftest import STEM as STEM_SEED
from test_build import STEM, TRANSLATIONS, Tree, make_article, out, run_build, run_l10n, write_po

from pipeline.browser import DESKTOP, PHONE, Browser, find_chromium

pytestmark = pytest.mark.skipif(
    find_chromium() is None,
    reason="Chromium is not installed (Debian: apt-get install chromium fonts-noto-cjk)",
)

HANGUL = re.compile(r"[\uac00-\ud7a3]")
HAN = re.compile(r"[\u4e00-\u9fff]")
LATIN = re.compile(r"[A-Za-z]")


def test_each_built_page_renders_in_its_language_and_script(make_project):
    # the html check would withhold the hostile line: off, to see the page escape it
    settings = 'min_build_coverage = 50\n\n[tool.l10n.checks]\nhtml = "off"\n'
    root = make_article(make_project, settings=settings)
    partial = dict(TRANSLATIONS["ko"])
    del partial["Trade will grow."]
    partial["They will share data."] = '<script>document.title="pwned"</script>" onload="x'
    write_po(root, "ko", partial)
    run_build(root)
    expected = {
        "en": ("en", LATIN),
        "ko": ("ko", HANGUL),
        "zh_Hans": ("zh-Hans", HAN),
        "ms": ("ms", LATIN),
    }

    with Browser() as browser:
        for code, (tag, script) in expected.items():
            browser.open(root / "build" / code / f"{STEM}.html", PHONE)
            dom = Tree(browser.dom())
            assert dom.one("html")["attrs"]["lang"] == tag
            title = browser.evaluate("document.title")
            h1 = Tree.text(dom.one("h1"))
            assert title == h1 and script.search(h1), (code, h1)
            assert browser.evaluate("document.documentElement.scrollWidth") <= PHONE.width
            if code in ("ko", "zh_Hans"):
                # the font stack found a font with Hangul / Han glyphs: no boxes of tofu
                assert any("CJK" in font for font in browser.fonts("h1")), browser.fonts("h1")

        browser.open(root / "build" / "ko" / f"{STEM}.html", DESKTOP)
        dom = Tree(browser.dom())
        english = [Tree.text(e) for e in dom.all("span", dom.one("article"), lang="en")]
        assert english == ["Trade will grow."]
        # the hostile translation is text: no script ran, no element was made of it
        assert browser.evaluate("document.title") == "서울과 싱가포르, 녹색 해운 협정 체결"
        assert browser.evaluate("document.scripts.length") == 0
        assert '<script>document.title="pwned"</script>" onload="x' in Tree.text(dom.one("article"))
        assert browser.evaluate(
            "getComputedStyle(document.querySelector('article [lang=en]')).fontFamily"
        ).startswith("system-ui")
        notice = browser.evaluate("document.querySelector('.notice').innerText")
        assert notice == "이 기사의 13%는 아직 번역되지 않아 영어로 표시됩니다."

        browser.open(root / "build" / "index.html", PHONE)
        names = browser.evaluate(
            "[...document.querySelectorAll('.language .name [lang]')]"
            ".map(e => [e.lang, e.innerText])"
        )
        assert names == [
            ["en", "English"],
            ["ko", "한국어"],
            ["zh-Hans", "中文 (简体)"],
            ["ms", "Melayu"],
        ]
        widths = browser.evaluate(
            "[...document.querySelectorAll('.bar .fill')].map(e => e.style.width)"
        )
        assert widths == ["87.5%", "100%", "100%"]


# a picture one pixel square (PNG)
PIXEL = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg=="
)


def test_a_picture_on_the_articles_site_is_shown_in_the_built_page(make_project):
    """An imported article's pictures stay on its site (absolute addresses): the page's
    security policy lets the browser load them, and nothing else."""

    class Pictures(http.server.BaseHTTPRequestHandler):
        def do_GET(self):
            self.send_response(200)
            self.send_header("Content-Type", "image/png")
            self.end_headers()
            self.wfile.write(PIXEL)

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Pictures)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        picture = f"http://127.0.0.1:{server.server_port}/cranes.png"
        article = (
            "# Cranes at work\n\nThe port is busy today and its cranes move containers.\n\n"
            f"![Cranes at the port]({picture})\n\nMore ships will call here next week.\n"
        )
        root = make_project(sources={"pics.md": article})
        run_l10n(root, "extract")
        run_build(root)
        page = root / "build" / "en" / "pics.html"
        assert picture in page.read_text(encoding="utf-8")
        with Browser() as browser:
            browser.open(page, DESKTOP)
            assert browser.evaluate("document.images.length") == 1
            assert browser.evaluate("document.images[0].naturalWidth") == 1
    finally:
        server.shutdown()


def test_a_picture_kept_with_the_source_is_shown_in_the_built_page(make_project):
    """A picture beside the article's source, named by a relative address: the page shows it
    from its copy beside the page (``pipeline.pictures``), opened from the disk."""
    article = (
        "# Cranes at work\n\nThe port is busy today and its cranes move containers.\n\n"
        "![Cranes at the port](images/cranes.png)\n\nMore ships will call here next week.\n"
    )
    root = make_project(sources={"2026/12/pics.md": article, "2026/12/images/cranes.png": PIXEL})
    run_l10n(root, "extract")
    run_build(root)
    page = root / "build" / "en" / "2026" / "12" / "pics.html"
    with Browser() as browser:
        browser.open(page, DESKTOP)
        assert browser.evaluate("document.images.length") == 1
        assert browser.evaluate("document.images[0].naturalWidth") == 1


def test_preview_writes_a_screenshot_of_every_page_at_phone_and_desktop_width(make_project):
    root = make_article(make_project)
    run_build(root)
    run_l10n(root, "preview")
    shots = sorted(
        p.relative_to(root / "build" / "preview").as_posix()
        for p in (root / "build" / "preview").rglob("*.png")
    )
    pages = ["index"] + [f"{code}/{STEM}" for code in ("en", "ko", "ms", "zh_Hans")]
    assert shots == sorted(f"{p}-{v}.png" for p in pages for v in ("desktop", "phone"))
    for shot in shots:
        data = (root / "build" / "preview" / shot).read_bytes()
        assert data[:8] == b"\x89PNG\r\n\x1a\n"
        width, height = struct.unpack(">II", data[16:24])
        viewport = PHONE if shot.endswith("-phone.png") else DESKTOP
        assert width == viewport.width * viewport.scale
        assert height >= viewport.height * viewport.scale  # the whole page, not one screen


def test_preview_takes_again_only_the_screenshots_of_pages_rebuilt_or_asked_for(make_project):
    root = make_article(make_project)
    run_build(root)
    first = run_l10n(root, "preview", "--lang", "ko")
    assert first.output.splitlines() == [
        "2 written, 0 unchanged",
        f"written: build/preview/ko/{STEM}-phone.png",
        f"written: build/preview/ko/{STEM}-desktop.png",
    ]
    assert not (root / "build" / "preview" / "index-phone.png").exists()
    assert run_l10n(root, "preview", "--lang", "ko").output == "0 written, 2 unchanged\n"
    everything = run_l10n(root, "preview").output.splitlines()
    assert everything[0] == "8 written, 2 unchanged"
    page = out(root, "ko", "html")
    page.write_text(page.read_text(encoding="utf-8") + "\n", encoding="utf-8")  # rebuilt
    again = run_l10n(root, "preview").output.splitlines()
    assert again[0] == "2 written, 8 unchanged"
    assert run_l10n(root, "preview", "--doc", STEM, "--all").output.startswith("8 written,")


def test_the_ai_summary_label_is_shown_above_the_key_points_and_names_them(make_project):
    """The seed project as published: the disclosure over the AI-written key points is a
    visible label in every language, and the list's accessible name."""
    root = make_project()
    for part in ("locales", "pyproject.toml"):
        source = REPO / part
        (shutil.copytree if source.is_dir() else shutil.copy)(source, root / part)
    l10n_ok("build")
    labels = {
        "en": "AI generated",
        "ko": "AI 생성 요약",
        "zh_Hans": "AI生成摘要",
        "ms": "Ringkasan dijana AI",
    }
    with Browser() as browser:
        for code, label in labels.items():
            browser.open(root / "build" / code / f"{STEM_SEED}.html", PHONE)
            shown = browser.evaluate(
                "(() => { const ul = document.querySelector('ul.key-points');"
                " const label = document.getElementById(ul.getAttribute('aria-labelledby'));"
                " const above = label.getBoundingClientRect().bottom"
                " <= ul.getBoundingClientRect().top;"
                " return [label.textContent, above, label.offsetHeight > 0,"
                " ul.querySelectorAll('li').length,"
                " label.nextElementSibling === ul]; })()"
            )
            assert shown == [label, True, True, 3, True], code
