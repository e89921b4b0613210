"""Body maps in the real built site: each technique page's highlighted and
hatched regions equal its data, the figures are labelled for screen readers,
ids are unique (every <use> resolving is the link gate's), and the map stays small."""
from __future__ import annotations

from bs4 import BeautifulSoup

from conftest import PROJECT
from macros.atlas import figures as F
from macros.atlas.catalog import load_atlas

ATLAS = load_atlas(PROJECT / "data", PROJECT)
# The body map's share of a page: one or two figures, their shared artwork and the key.
MAP_BUDGET = 16_000


def page(site, path):
    return BeautifulSoup((site / path / "index.html").read_text(), "html.parser")


def test_each_technique_map_highlights_exactly_its_regions_and_hatches_what_to_avoid(built_site):
    for tid, t in ATLAS.techniques.items():
        body_map = page(built_site, f"techniques/{tid}").select_one("article figure#body-map")
        assert body_map is not None, tid
        figures = body_map.select('svg.atlas-fig[role="img"]')
        assert figures, tid
        worked = {u["data-region"] for svg in figures for u in svg.select("use.is-worked")}
        avoid = {u["data-region"] for svg in figures for u in svg.select("use.is-avoid")}
        assert worked == set(t.regions), tid
        expected_avoid = set(F.avoided(ATLAS.regions, t.regions, t.pressure, t.family))
        assert avoid == expected_avoid, tid
        # each hatched region shown on a figure has a label pointing at it: "Avoid" and its name
        for svg in figures:
            labels = svg.select("g.atlas-fig__label")
            labelled = {g["data-region"] for g in labels if g.select_one("text").get_text() == "Avoid"}
            assert labelled == {u["data-region"] for u in svg.select("use.is-avoid")}, tid
            for g in labels:
                name = g.select_one("text.atlas-fig__label-name")
                assert " ".join(t.get_text() for t in name.select("tspan")) == \
                    ATLAS.regions[g["data-region"]].name.lower(), tid
        # the visible key lists the same regions, by name
        key = body_map.select_one("figcaption")
        listed = [li["data-region"] for li in key.select(".atlas-map__list:not(.atlas-map__list--avoid) li")]
        assert listed == [r for r in ATLAS.regions if r in t.regions], tid
        assert [li.get_text() for li in key.select(".atlas-map__list:not(.atlas-map__list--avoid) li")] == \
            [ATLAS.regions[r].name for r in listed]
        hatched = key.select(".atlas-map__list--avoid li")
        assert {li["data-region"] for li in hatched} == expected_avoid, tid
        for li in hatched:
            assert ATLAS.regions[li["data-region"]].avoid.reason in li.get_text()


def test_kneading_shows_the_back_view_and_effleurage_adds_the_front(built_site):
    def views(tid):
        return [svg.find("title").get_text() for svg in
                page(built_site, f"techniques/{tid}").select("#body-map svg.atlas-fig")]

    assert views("kneading") == ["Where kneading is used: back view"]
    assert views("effleurage") == ["Where effleurage is used: back view", "Where effleurage is used: front view"]


def test_figures_have_title_and_description_from_the_data(built_site):
    soup = page(built_site, "techniques/kneading")
    (svg,) = soup.select("#body-map svg.atlas-fig")
    title, desc = soup.find(id=svg["aria-labelledby"]), soup.find(id=svg["aria-describedby"])
    assert title.name == "title" and title.parent is svg
    text = desc.get_text()
    assert text.startswith("Back view. Highlighted: back of the neck, tops of the shoulders, upper back, middle back")
    assert "Hatched and labelled “Avoid”: the spine itself, kidney area." in text
    # the defs holding the shared artwork are hidden from assistive technology
    assert soup.select_one("svg.atlas-figdefs")["aria-hidden"] == "true"


def test_ids_are_unique(built_site):
    # That every <use> and clip-path resolves in its own page is the link gate's,
    # over every page (test_quality_links.py::test_every_svg_reference_resolves_in_its_own_page).
    for tid in ATLAS.techniques:
        soup = page(built_site, f"techniques/{tid}")
        ids = [tag["id"] for tag in soup.select("[id]")]
        assert len(ids) == len(set(ids)), tid


def test_body_map_stays_small(built_site):
    for tid in ATLAS.techniques:
        html = (built_site / "techniques" / tid / "index.html").read_text()
        start = html.index('<figure class="atlas-map"')
        end = html.index("</figure>", start)
        assert end - start <= MAP_BUDGET, f"{tid}: the body map takes {end - start} bytes"
