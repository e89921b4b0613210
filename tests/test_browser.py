"""What only a browser shows, in Debian's Chromium driven by Playwright
(executable_path; no browser is ever downloaded)."""
from __future__ import annotations

from urllib.parse import urlparse

import pytest

from sitecrawl import representatives


@pytest.mark.parametrize("width", [1280, 360])
def test_every_page_type_requests_only_its_own_host(built_site, server, browser, width):
    # One page of every type found in the built site (home, indexes, techniques,
    # and whatever page sets features add), so new templates are covered too.
    page = browser.new_page(viewport={"width": width, "height": 900})
    requests, errors = [], []
    page.on("request", lambda r: requests.append(r.url))
    # ...and runs without a script error or a failed load in the console.
    page.on("pageerror", lambda e: errors.append(f"{page.url}: {e}"))
    page.on("console", lambda m: errors.append(f"{page.url}: {m.text}") if m.type == "error" else None)
    paths = representatives(built_site)
    assert "techniques/" in paths and any(p.startswith("techniques/") and p != "techniques/" for p in paths)
    overflowing = []
    for path in paths:
        page.goto(f"{server}/{path}", wait_until="networkidle")
        assert page.locator("h1").count() >= 1, path
        # Wide content scrolls in its own box; the page itself never scrolls sideways.
        if page.evaluate("document.documentElement.scrollWidth") > width:
            overflowing.append(path)
    assert overflowing == [], f"pages wider than {width} px: {overflowing}"
    hosts = {urlparse(url).netloc for url in requests if urlparse(url).scheme not in ("data", "blob")}
    assert hosts == {urlparse(server).netloc}, sorted(u for u in requests if urlparse(server).netloc not in u)
    assert errors == []
    page.close()


@pytest.mark.parametrize("alias", ["petrissage", "pétrissage"])
def test_search_for_alias_finds_page(server, browser, alias):
    # The technique the alias names comes first, not the index that lists it
    # nor a page that mentions the word (the alias is a search tag of its page).
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(f"{server}/", wait_until="networkidle")
    query = page.locator("input[data-md-component=search-query]")
    query.click()  # on a desktop width the search field sits in the header
    query.press_sequentially(alias, delay=30)
    results = page.locator(".md-search-result__item > a")
    results.first.wait_for(timeout=15000)
    page.wait_for_function(
        "q => new URL(document.querySelector('.md-search-result__item > a').href).searchParams.get('h') === q",
        arg=alias, timeout=15000)  # the list shown is the one for the whole word
    hrefs = [urlparse(results.nth(i).get_attribute("href")).path for i in range(results.count())]
    assert hrefs[0].endswith("/techniques/kneading/"), hrefs
    # the first result's preview is the technique's summary, not its body map's text
    preview = results.first.inner_text()
    assert "Lifting a muscle away from the bone" in preview and "Hatched" not in preview, preview
    page.close()
