"""Step diagrams for guide steps, from plain data shaped like a guide step's
`regions` and `direction`: which figure, what is highlighted, and where the
arrows run for each movement."""
from __future__ import annotations

import re
from types import SimpleNamespace

import pytest
from bs4 import BeautifulSoup

from conftest import PROJECT
from macros.atlas import figures as F
from macros.atlas.catalog import load_atlas
from macros.atlas.rendering import Renderer

ATLAS = load_atlas(PROJECT / "data", PROJECT)
renderer = Renderer(PROJECT / "overrides" / "partials" / "atlas")


def diagram(regions, movement, words="a test movement", **ends):
    direction = {"words": words, "movement": movement, **ends}
    return F.step_diagram(ATLAS, regions, direction, "step-1")


def box(region, side="left", view="back"):
    drawing = ATLAS.drawings[ATLAS.views[view].drawing]
    parts = drawing.regions[region].parts
    part = [p for p in parts if p.side == side] or parts
    return part[0].box


def inside(point, b, margin=0.0):
    return b[0] - margin <= point[0] <= b[2] + margin and b[1] - margin <= point[1] <= b[3] + margin


def test_up_from_the_waist_to_the_neck_runs_beside_the_spine_on_both_sides():
    d = diagram(["lower-back", "mid-back", "upper-back", "neck-back"], "up",
                "from the waist up to the neck, beside the spine, never on it",
                **{"from": "lower-back", "to": "neck-back"})
    (panel,) = d.panels
    assert panel.view.id == "back"
    assert set(panel.worked) == {"lower-back", "mid-back", "upper-back", "neck-back"}
    assert panel.avoid == ("spine",)  # back work: the spine is marked, kidneys only under pressure
    spine = box("spine", "centre")
    left, right = panel.arrows
    for arrow in (left, right):
        assert arrow.start[1] > arrow.end[1]  # up = towards the head = smaller y
        assert inside(arrow.start, box("lower-back", "centre"))
        assert inside(arrow.end, box("neck-back", "centre"))
        for x, _ in (arrow.start, arrow.end):
            assert not spine[0] <= x <= spine[2], "the arrow runs on the spine"
        assert len(arrow.heads) == 1
    assert left.start[0] < panel.drawing.axis < right.start[0]
    assert left.start[0] + right.start[0] == pytest.approx(2 * panel.drawing.axis)


def test_down_reverses_and_a_contradicting_from_to_is_an_error():
    d = diagram(["neck-back", "upper-back"], "down", **{"from": "neck-back", "to": "upper-back"})
    assert all(a.start[1] < a.end[1] for a in d.panels[0].arrows)
    with pytest.raises(F.DiagramError, match="goes the other way"):
        diagram(["neck-back", "lower-back"], "up", **{"from": "neck-back", "to": "lower-back"})


def test_without_from_and_to_the_arrow_runs_along_the_highlighted_regions():
    d = diagram(["thighs", "calves"], "up")
    arrows = d.panels[0].arrows
    assert len(arrows) == 2  # one per leg
    for arrow in arrows:
        side = "left" if arrow.start[0] < 100 else "right"
        assert inside(arrow.start, box("calves", side)) and inside(arrow.end, box("thighs", side))


def test_a_single_region_gets_an_arrow_across_its_own_length():
    (arrow,) = [a for a in diagram(["abdomen"], "up").panels[0].arrows]
    b = box("abdomen", "centre", view="front")
    assert arrow.start[1] > arrow.end[1] and inside(arrow.start, b) and inside(arrow.end, b)
    assert arrow.start[0] == pytest.approx(100, abs=1)  # nothing to avoid on the midline: one arrow


def test_outward_and_inward_move_away_from_and_towards_the_midline():
    axis = 100
    out = diagram(["upper-back", "mid-back", "lower-back"], "outward").panels[0].arrows
    assert len(out) == 6  # both sides of each of three regions
    assert all(abs(a.end[0] - axis) > abs(a.start[0] - axis) for a in out)
    assert all(a.start[1] == pytest.approx(a.end[1]) for a in out)  # horizontal
    inward = diagram(["flanks", "lower-back"], "inward", **{"from": "flanks", "to": "lower-back"}).panels[0].arrows
    assert len(inward) == 2 and all(abs(a.end[0] - axis) < abs(a.start[0] - axis) for a in inward)
    with pytest.raises(F.DiagramError):
        diagram(["flanks", "lower-back"], "outward", **{"from": "flanks", "to": "lower-back"})


def test_across_goes_from_one_side_to_the_other():
    (arrow,) = diagram(["upper-back"], "across").panels[0].arrows
    b = box("upper-back", "centre")
    assert arrow.start[0] < 100 < arrow.end[0] and inside(arrow.start, b) and inside(arrow.end, b)


def test_up_and_down_has_a_head_at_each_end():
    arrows = diagram(["arms"], "up-and-down").panels[0].arrows
    assert len(arrows) == 2 and all(len(a.heads) == 2 for a in arrows)


def test_circles_are_circular_arrows_beside_the_spine_or_on_the_midline():
    back = diagram(["mid-back"], "circles").panels[0]
    assert len(back.arrows) == 2 and all(" 0 1 " in a.path and "A" in a.path for a in back.arrows)
    belly = diagram(["abdomen"], "circles").panels[0]
    assert len(belly.arrows) == 1
    travel = diagram(["lower-back", "mid-back", "upper-back"], "circles",
                     **{"from": "lower-back", "to": "upper-back"}).panels[0].arrows
    dashed = [a for a in travel if a.dashed]
    assert len(travel) == 3 * 2 + 2 and len(dashed) == 2
    assert all(a.start[1] > a.end[1] for a in dashed)  # the circles work upwards


def test_still_is_a_dot_on_each_region_and_no_arrow():
    panel = diagram(["shoulder-blades"], "still").panels[0]
    assert not panel.arrows and len(panel.dots) == 2
    assert panel.view.id == "neck-and-shoulders"  # the close-up shows it all
    for dot in panel.dots:
        side = "left" if dot.at[0] < 100 else "right"
        assert inside(dot.at, box("shoulder-blades", side))


def test_unknown_movement_or_region_is_an_error():
    with pytest.raises(F.DiagramError, match="unknown movement `sideways`"):
        diagram(["upper-back"], "sideways")
    with pytest.raises(F.DiagramError, match="`elbow`"):
        diagram(["upper-back"], "up", to="elbow")
    with pytest.raises(F.DiagramError, match="single figure"):
        diagram(["chest", "calves"], "up")


def test_a_model_with_from_underscore_works_like_plain_data():
    as_dict = diagram(["neck-back", "upper-back"], "down", **{"from": "neck-back", "to": "upper-back"})
    model = SimpleNamespace(words="a test movement", movement="down", from_="neck-back", to="upper-back")
    as_model = F.step_diagram(ATLAS, ["neck-back", "upper-back"], model, "step-1")
    assert as_model == as_dict


def test_the_partial_renders_an_accessible_figure_with_its_arrows():
    d = diagram(["lower-back", "mid-back", "upper-back"], "up", "from the waist up to the shoulders",
                **{"from": "lower-back", "to": "upper-back"})
    defs = renderer.render("figure-defs.html", drawings=F.page_drawings([d]))
    html = renderer.render("step-diagram.html", diagram=d, all_regions=ATLAS.regions, title="Step 2")
    soup = BeautifulSoup(defs + html, "html.parser")
    svg = soup.select_one('figure#step-1 svg[role="img"]')
    title = soup.find(id=svg["aria-labelledby"])
    desc = soup.find(id=svg["aria-describedby"])
    assert title.get_text() == "Step 2: back view"
    # in the region vocabulary's order, not the order the step lists them
    assert "Highlighted: upper back, middle back, lower back." in desc.get_text()
    assert "Movement: from the waist up to the shoulders." in desc.get_text()
    assert "Avoid" in desc.get_text() and "the spine itself" in desc.get_text()
    assert {u["data-region"] for u in svg.select("use.is-worked")} == {"lower-back", "mid-back", "upper-back"}
    assert {u["data-region"] for u in svg.select("use.is-avoid")} == {"spine"}
    assert len(svg.select(".atlas-fig__arrow")) == 2
    ids = {tag["id"] for tag in soup.select("[id]")}
    for use in svg.select("use"):
        assert use["href"].lstrip("#") in ids
    assert soup.select_one("figcaption").get_text() == "From the waist up to the shoulders"
    assert re.search(r'<polygon points="[\d., -]+"/>', html)


def test_a_scene_built_before_the_atlas_draws_the_same_diagram():
    """Rules check guide steps before the atlas is derived; they draw from a Scene."""
    scene = F.scene(ATLAS.figures, ATLAS.regions)
    direction = {"words": "down the neck", "movement": "down", "from": "neck-back", "to": "shoulders"}
    assert F.step_diagram(scene, ["neck-back"], direction, "s") == F.step_diagram(ATLAS, ["neck-back"], direction, "s")
