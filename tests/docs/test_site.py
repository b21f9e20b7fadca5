"""The built documentation site in a real browser: navigation, search, the API reference.

Headless Debian ``chromium`` driven by playwright (its own browser download is not used). The
site is ``$NINOXKIT_DOCS_SITE`` when ``./scripts/test`` has just built it, else built here;
it is served on 127.0.0.1 only. Skipped, with the reason, when no chromium is installed.
"""

from __future__ import annotations

import functools
import os
import shutil
import subprocess
import sys
import threading
from collections.abc import Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]
LOOPBACK = [r"127\.0\.0\.1", r"::1", r"localhost"]
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")

pytestmark = [
    pytest.mark.slow,
    pytest.mark.block_network(allowed_hosts=LOOPBACK),
    pytest.mark.skipif(
        CHROMIUM is None,
        reason="no chromium on this machine (apt-get install chromium); the site was not opened",
    ),
]


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    given = os.environ.get("NINOXKIT_DOCS_SITE")
    if given and (Path(given) / "index.html").exists():
        return Path(given)
    out = tmp_path_factory.mktemp("site")
    mkdocs = [sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet"]
    done = subprocess.run(
        [*mkdocs, "-f", str(ROOT / "docs/mkdocs.yml"), "-d", str(out)],
        capture_output=True,
        text=True,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        check=False,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    return out


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


@pytest.fixture(scope="module")
def base_url(site: Path) -> Iterator[str]:
    handler = functools.partial(_QuietHandler, directory=str(site))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="module")
def browser_page(base_url: str) -> Iterator[tuple[Any, list[str]]]:
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as pw:
        browser = pw.chromium.launch(
            executable_path=CHROMIUM, args=["--no-sandbox", "--disable-dev-shm-usage"]
        )
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        problems: list[str] = []

        def failed(request: Any) -> None:
            # A load cut short by the next navigation (the search worker) is not a failure.
            if "ERR_ABORTED" not in (request.failure or ""):
                problems.append(f"request failed: {request.url} ({request.failure})")

        page.on("requestfailed", failed)
        page.on("pageerror", lambda e: problems.append(f"script error: {e}"))
        try:
            yield page, problems
        finally:
            browser.close()


def test_every_navigation_link_opens_a_page(
    browser_page: tuple[Any, list[str]], base_url: str
) -> None:
    page, problems = browser_page
    page.goto(base_url)
    assert page.title() == "ninoxkit"
    hrefs = page.eval_on_selector_all(
        "nav.md-nav--primary a.md-nav__link[href]", "links => links.map(a => a.href)"
    )
    pages = sorted({h.split("#")[0] for h in hrefs if h.startswith(base_url)})
    assert len(pages) >= 15, pages
    for url in pages:
        response = page.goto(url)
        assert response is not None, url
        assert response.status == 200, url
        assert page.locator("article h1").count() == 1, url
    assert problems == []


def test_search_finds_the_pager_guide(browser_page: tuple[Any, list[str]], base_url: str) -> None:
    page, problems = browser_page
    page.goto(base_url)
    page.keyboard.press("s")  # Material's search shortcut
    page.type("input.md-search__input", "to_list", delay=20)
    page.wait_for_selector(".md-search-result__item", timeout=15_000)
    results = page.inner_text(".md-search-result__list")
    assert "Pagination" in results
    assert "matching document" in page.inner_text(".md-search-result__meta")
    assert problems == []


def test_the_api_reference_renders_signatures_and_docstrings(
    browser_page: tuple[Any, list[str]], base_url: str, tmp_path: Path
) -> None:
    page, problems = browser_page
    page.goto(base_url + "reference/client/")
    headings = page.inner_text("article")
    assert "Client for the Ninox REST API." in headings  # the sync docstring (issue #16)
    assert "Async client for the Ninox REST API." in headings
    assert page.locator(".doc-heading").count() > 20
    assert page.locator(".doc-signature").count() > 5
    page.goto(base_url + "reference/errors/")
    assert "BatchWriteError" in page.inner_text("article")
    shot = tmp_path / "reference.png"
    page.goto(base_url + "reference/client/")
    page.screenshot(path=str(shot))
    assert shot.stat().st_size > 10_000
    assert problems == []


def test_the_reference_names_objects_by_their_public_paths(site: Path) -> None:
    # Ids, anchors and link titles: `ninoxkit.Records`, never the twin module that defines it.
    for page in sorted((site / "reference").glob("*/index.html")):
        text = page.read_text(encoding="utf-8")
        for private in ("ninoxkit._sync", "ninoxkit._async"):
            assert private not in text, f"{page.parent.name}: {private}…"
