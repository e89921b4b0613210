"""Body maps in real Chromium: exposed to assistive technology with their
names, drawn (the hatch really fills), themed by the colour scheme, fitting a
phone, and clean under axe-core (pinned in package-lock.json, installed by
`make test`; no network at test time)."""
from __future__ import annotations

import pytest

from conftest import PROJECT

AXE = PROJECT / "node_modules" / "axe-core" / "axe.min.js"


def accessible_images(page) -> dict[str, str]:
    """Name -> description of every image in Chromium's own accessibility tree."""
    cdp = page.context.new_cdp_session(page)
    try:
        nodes = cdp.send("Accessibility.getFullAXTree")["nodes"]
    finally:
        cdp.detach()
    return {n["name"]["value"]: n.get("description", {}).get("value", "")
            for n in nodes if n.get("role", {}).get("value") == "image" and n.get("name", {}).get("value")}


@pytest.mark.parametrize("width", [1280, 360])
def test_figures_are_exposed_with_their_names_and_fit_the_screen(server, browser, width):
    page = browser.new_page(viewport={"width": width, "height": 900})
    page.goto(f"{server}/techniques/effleurage/", wait_until="networkidle")
    images = accessible_images(page)
    assert images["Where effleurage is used: back view"].startswith("Back view. Highlighted: back of the neck")
    assert "Hatched and labelled “Avoid”: front of the neck." in images["Where effleurage is used: front view"]
    for name in ("Where effleurage is used: back view", "Where effleurage is used: front view"):
        figure = page.get_by_role("img", name=name)
        box = figure.bounding_box()
        # side by side, within the screen, and not shrunk to a thumbnail
        assert box["x"] >= 0 and box["x"] + box["width"] <= width
        assert box["width"] >= (120 if width == 360 else 200), box
        # drawn to its view box's proportions, not squashed by the layout
        _, _, w, h = (float(v) for v in figure.get_attribute("viewBox").split())
        assert box["height"] / box["width"] == pytest.approx(h / w, rel=0.02)
    page.close()


def test_hatch_and_highlight_are_painted_and_follow_the_colour_scheme(server, browser):
    colours = {}
    for scheme in ("light", "dark"):
        page = browser.new_page(viewport={"width": 1280, "height": 900}, color_scheme=scheme)
        page.goto(f"{server}/techniques/kneading/", wait_until="networkidle")
        style = page.evaluate("""() => {
            const fill = s => getComputedStyle(document.querySelector(s)).fill;
            const pattern = document.getElementById('atlas-avoid-hatch').getBoundingClientRect();
            return {
              avoid: fill('#body-map use.is-avoid'),
              worked: fill('#body-map use.is-worked'),
              body: fill('#body-map .atlas-fig__body'),
              line: getComputedStyle(document.querySelector('.atlas-hatch__line')).stroke,
              label: getComputedStyle(document.querySelector('.atlas-fig__label text')).fill,
            };
        }""")
        assert 'url("#atlas-avoid-hatch")' in style["avoid"]
        assert style["worked"].startswith("rgb")
        colours[scheme] = style
        # what is on top where the spine is drawn, and where the upper back is: those regions
        # (fractions of each region's bounding box: the left kidney, the left half of the middle back)
        hits = page.evaluate("""() => [['spine', .5, .25], ['mid-back', .25, .3], ['kidney-area', .25, .5],
                                       ['mid-back', .5, .5]].map(([region, fx, fy]) => {
            const box = document.querySelector(`#body-map use[data-region="${region}"]`).getBoundingClientRect();
            const hit = document.elementFromPoint(box.x + box.width * fx, box.y + box.height * fy);
            return hit.closest('use') && hit.closest('use').dataset.region;
        })""")
        assert hits == ["spine", "mid-back", "kidney-area", "spine"]  # the spine runs down the middle of the back
        page.close()
    assert colours["light"]["body"] != colours["dark"]["body"]
    assert colours["light"]["line"] != colours["dark"]["line"]
    assert colours["light"]["label"] == colours["light"]["line"]  # label and hatch share the warning colour


@pytest.mark.parametrize("path", ["techniques/kneading/", "techniques/effleurage/"])
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_finds_no_violation_in_the_body_map(server, browser, path, scheme):
    assert AXE.exists(), "axe-core is installed by `make test` (npm ci)"
    page = browser.new_page(viewport={"width": 1280, "height": 900}, color_scheme=scheme)
    page.goto(f"{server}/{path}", wait_until="networkidle")
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("""() => axe.run({include: [['#body-map']]}, {resultTypes: ['violations']})""")
    assert result["passes"] or result["incomplete"] or result["inapplicable"]  # axe really ran
    checked = {rule["id"] for rule in result["passes"]}
    assert {"svg-img-alt", "role-img-alt"} & checked, checked
    assert result["violations"] == [], [(v["id"], [n["target"] for n in v["nodes"]]) for v in result["violations"]]
    page.close()
