"""What only a browser shows, in Debian's Chromium driven by Playwright
(executable_path; no browser is ever downloaded)."""
from __future__ import annotations

from urllib.parse import urlparse

import pytest


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
