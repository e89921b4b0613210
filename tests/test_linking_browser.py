"""Linking from another website, in Chromium: a practice's page on its own
port deep-links into the atlas and embeds two cards with the code copied from
the atlas's technique pages; an old id redirects; cards stay small, local
and readable at 320 px in light and dark."""
from __future__ import annotations

from urllib.parse import urlparse

import pytest

from conftest import RENAMED, serve_directory
from tools.practice_site import EMBEDDED, write_practice_site

EMBED_BUDGET = 50 * 1024  # bytes transferred for one card, everything included


@pytest.fixture(scope="module")
def practice(server, browser, tmp_path_factory):
    """The fixture practice website, served from a second local port."""
    url, httpd = serve_directory(write_practice_site(browser, server, tmp_path_factory.mktemp("practice")))
    yield url
    httpd.shutdown()


def in_view(page, element_id: str) -> bool:
    """Whether the element is on screen, below the sticky header, after the jump."""
    return page.evaluate("""id => {
        const el = document.getElementById(id);
        if (!el) return false;
        const top = el.getBoundingClientRect().top;
        return top >= 0 && top < window.innerHeight / 2;
    }""", element_id)


def test_copied_embed_code_names_the_atlas_absolutely(practice, server, browser):
    page = browser.new_page()
    page.goto(practice)
    sources = page.eval_on_selector_all("iframe", "frames => frames.map(f => f.getAttribute('src'))")
    assert sources == [f"{server}/embed/techniques/{tid}/" for tid in EMBEDDED]
    page.close()


@pytest.mark.parametrize("width", [1280, 360])
def test_deep_links_land_on_their_section(practice, server, browser, width):
    page = browser.new_page(viewport={"width": width, "height": 800})
    page.goto(practice)
    hrefs = page.eval_on_selector_all("#deep-links a", "links => links.map(a => a.href)")
    assert len(hrefs) == 3
    for i, href in enumerate(hrefs):
        page.goto(practice)
        page.locator("#deep-links a").nth(i).click()
        page.wait_for_url(href, wait_until="load")
        anchor = urlparse(href).fragment
        page.wait_for_function("id => { const el = document.getElementById(id); "
                               "return el && Math.abs(el.getBoundingClientRect().top) < window.innerHeight; }", arg=anchor)
        assert in_view(page, anchor), href
        assert page.locator(f"h2#{anchor}").count() == 1
    page.close()


def test_embedded_cards_show_and_open_the_full_page_in_a_new_tab(practice, server, browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(practice, wait_until="networkidle")
    names = {"kneading": "Kneading", "cupping": "Cupping"}
    for i, tid in enumerate(EMBEDDED):
        frame = page.frame_locator("iframe").nth(i)
        assert frame.locator("h1").inner_text().strip() == names[tid]
        assert "Do not use it" in frame.locator(".atlas-card__safety").text_content()
        assert page.locator("iframe").nth(i).bounding_box()["width"] == 320
        link = frame.locator("a.atlas-card__more")
        assert link.get_attribute("target") == "_blank" and link.get_attribute("rel") == "noopener"
        with context.expect_page() as opened:
            link.click()
        full = opened.value
        full.wait_for_load_state()
        assert full.url == f"{server}/techniques/{tid}/"
        assert full.locator("h1").inner_text().startswith(names[tid])
        full.close()
        assert page.url.startswith(practice)  # the practice's page stays where it was
    context.close()


def test_cards_are_small_and_ask_only_the_atlas(practice, server, browser):
    page = browser.new_page()
    requests = []
    page.on("requestfinished", lambda r: requests.append(r))
    page.goto(practice, wait_until="networkidle")
    atlas, home = urlparse(server).netloc, urlparse(practice).netloc
    card_bytes: dict[str, int] = {}
    for request in requests:
        host = urlparse(request.url).netloc
        assert host in (atlas, home), request.url
        if request.frame != page.main_frame:
            assert host == atlas, f"a card asked {request.url}"
            sizes = request.sizes()
            card = request.frame.url
            card_bytes[card] = card_bytes.get(card, 0) + sizes["responseBodySize"] + sizes["responseHeadersSize"]
    assert set(card_bytes) == {f"{server}/embed/techniques/{tid}/" for tid in EMBEDDED}
    for card, size in card_bytes.items():
        assert 0 < size <= EMBED_BUDGET, (card, size)
    page.close()


@pytest.mark.parametrize("scheme, background", [("light", "rgb(255, 255, 255)"), ("dark", "rgb(30, 33, 41)")])
def test_card_is_readable_at_320px_in_light_and_dark(server, browser, scheme, background):
    page = browser.new_page(viewport={"width": 320, "height": 640}, color_scheme=scheme)
    page.goto(f"{server}/embed/techniques/cupping/")
    assert page.evaluate("getComputedStyle(document.body).backgroundColor") == background
    assert page.evaluate("document.documentElement.scrollWidth") <= 320, "no sideways scrolling"
    smallest = page.evaluate("""() => Math.min(...[...document.querySelectorAll('p, li, dt, dd, h1, h2, h3, a')]
        .filter(el => el.offsetParent !== null).map(el => parseFloat(getComputedStyle(el).fontSize)))""")
    assert smallest >= 12
    page.close()


def test_old_id_redirects_with_its_anchor(renamed_site, browser):
    old, new = RENAMED
    url, httpd = serve_directory(renamed_site)
    page = browser.new_page(viewport={"width": 1280, "height": 800})
    page.goto(f"{url}/techniques/{old}/#safety")
    page.wait_for_url(f"{url}/techniques/{new}/#safety")
    page.wait_for_function("() => document.getElementById('safety') !== null")
    assert page.locator("h1").inner_text().startswith("Stroking")
    page.wait_for_function("() => Math.abs(document.getElementById('safety').getBoundingClientRect().top) < 400")
    assert in_view(page, "safety")
    page.goto(f"{url}/embed/techniques/{old}/")
    page.wait_for_url(f"{url}/embed/techniques/{new}/")
    assert page.locator("h1").inner_text().strip() == "Stroking"
    page.close()
    httpd.shutdown()


def test_technique_page_copy_button_copies_the_absolute_code(server, browser):
    context = browser.new_context(permissions=["clipboard-read", "clipboard-write"])
    page = context.new_page()
    page.goto(f"{server}/techniques/kneading/", wait_until="networkidle")
    share = page.locator("details.atlas-share")
    share.locator("summary").click()
    assert page.locator("details.atlas-share code[data-atlas-url]").inner_text() == f"{server}/techniques/kneading/"
    share.locator("button.atlas-snippet__copy").click()
    page.wait_for_function("() => document.querySelector('.atlas-snippet__copy').textContent === 'Copied'")
    copied = page.evaluate("navigator.clipboard.readText()")
    assert copied.startswith(f'<iframe src="{server}/embed/techniques/kneading/"')
    context.close()
