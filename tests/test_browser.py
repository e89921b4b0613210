"""What only a browser shows, in Debian's Chromium driven by Playwright
(executable_path; no browser is ever downloaded)."""
from __future__ import annotations

import functools
import http.server
import shutil
import threading
from urllib.parse import urlparse

import pytest

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]


@pytest.fixture(scope="module")
def server(built_site):
    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args):
            pass

    handler = functools.partial(Quiet, directory=str(built_site))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield b
        b.close()


@pytest.mark.parametrize("width", [1280, 360])
def test_technique_page_requests_only_its_own_host(server, browser, width):
    page = browser.new_page(viewport={"width": width, "height": 900})
    hosts = []
    page.on("request", lambda r: hosts.append(urlparse(r.url).netloc))
    page.goto(f"{server}/techniques/cupping/", wait_until="networkidle")
    assert page.locator("h1").inner_text().startswith("Cupping")
    assert hosts and set(hosts) == {urlparse(server).netloc}
    page.close()


def test_search_for_alias_finds_page(server, browser):
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(f"{server}/", wait_until="networkidle")
    query = page.locator("input[data-md-component=search-query]")
    query.click()  # on a desktop width the search field sits in the header
    query.press_sequentially("petrissage", delay=30)
    results = page.locator(".md-search-result__item a")
    results.first.wait_for(timeout=15000)
    hrefs = [results.nth(i).get_attribute("href") for i in range(results.count())]
    assert any("techniques/kneading/" in h for h in hrefs), hrefs
    page.close()
