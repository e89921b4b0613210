"""What only a browser shows about the "What the evidence says" boxes on guide
pages (the shared Chromium): on a 360 px phone, in both colour schemes, every
badge and claim link is on screen, readable, and the page does not scroll sideways."""
from __future__ import annotations

import pytest

from test_evidence_browser import CONTRAST_JS


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("where, selector", [
    ("guides/back-massage-for-fatigue/#evidence", "#evidence"),
    ("guides/basic-back-massage/#step-3", "li.atlas-step:has(#step-3) .atlas-evidence--step"),
])
def test_evidence_boxes_fit_and_read_on_a_phone(server, browser, scheme, where, selector):
    page = browser.new_page(viewport={"width": 360, "height": 800}, color_scheme=scheme)
    page.goto(f"{server}/{where}", wait_until="networkidle")
    box = page.locator(selector)
    assert box.is_visible()
    items = box.locator("li")
    assert items.count() >= 2
    for i in range(items.count()):
        for part in (".atlas-badge", ".atlas-grade", "a"):
            element = items.nth(i).locator(part).first
            assert element.is_visible(), (where, i, part)
            bounds = element.bounding_box()
            assert bounds["x"] >= 0 and bounds["x"] + bounds["width"] <= 360, (where, i, part, bounds)
            assert element.evaluate("el => parseFloat(getComputedStyle(el).fontSize)") >= 12, (where, i, part)
            assert element.evaluate(CONTRAST_JS) >= 4.5, (scheme, where, i, part)
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    page.close()
