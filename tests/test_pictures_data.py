"""Body-map figures and regions as data, without MkDocs: every region is
drawn, every drawn shape is a region, the rules figures reuse, which regions
a technique must avoid and which figures a map needs."""
from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
import yaml

from conftest import FIXTURES, PROJECT
from macros.atlas import figures as F
from macros.atlas.catalog import load_atlas
from macros.atlas.problems import DataError
from macros.atlas.rendering import Renderer

ATLAS = load_atlas(PROJECT / "data", PROJECT)
renderer = Renderer(PROJECT / "overrides" / "partials" / "atlas")


def defs_region_ids(drawings) -> set[tuple[str, str]]:
    """(figure, region) of every region shape written into a page's <defs>."""
    html = renderer.render("figure-defs.html", drawings=drawings)
    return {(m[0], m[1]) for m in re.findall(r'<path id="atlas-(back|front|[a-z-]+?)-([a-z-]+)" d=', html)
            if m[0] != "outline"}


def test_every_region_is_drawn_and_every_drawn_shape_is_a_region():
    drawn = defs_region_ids(tuple(ATLAS.drawings.values()))
    assert {region for _, region in drawn} == set(ATLAS.regions)
    for region, views in ATLAS.region_views.items():
        assert views, f"{region} is on no figure"


def test_figures_show_the_expected_regions():
    back, front, close = (set(ATLAS.views[v].shows) for v in ("back", "front", "neck-and-shoulders"))
    assert {"spine", "kidney-area", "shoulder-blades", "lower-back", "calves"} <= back
    assert {"face", "chest", "abdomen", "neck-front"} <= front and not {"spine", "calves"} & front
    # the close-up shows the neck and shoulders, not what its view box only grazes
    assert {"neck-back", "neck-sides", "shoulders", "shoulder-blades", "upper-back", "spine"} <= close
    assert not {"mid-back", "lower-back", "arms", "thighs"} & close


def test_regions_sit_where_the_body_has_them():
    """Anatomical order on the back view, top to bottom, and sides mirrored."""
    back = ATLAS.drawings["back"]

    def y(region):
        return sum(p.centroid[1] for p in back.regions[region].parts) / len(back.regions[region].parts)

    order = ["scalp", "neck-back", "shoulders", "upper-back", "mid-back", "lower-back", "buttocks",
             "thighs", "calves", "feet"]
    assert sorted(order, key=y) == order
    assert y("shoulder-blades") < y("kidney-area") < y("buttocks")
    for region in ("shoulder-blades", "kidney-area", "arms", "hands", "thighs"):
        left, right = back.regions[region].parts
        assert left.centroid[0] + right.centroid[0] == pytest.approx(2 * back.axis)
        assert {left.side, right.side} == {"left", "right"}
    assert [p.side for p in back.regions["spine"].parts] == ["centre"]


def test_avoid_depends_on_pressure_family_and_nearness():
    regions = ATLAS.regions
    assert F.avoided(regions, ["upper-back"], ["light"], "gliding") == ("spine",)
    assert F.avoided(regions, ["lower-back"], ["light"], "gliding") == ("spine",)
    assert F.avoided(regions, ["lower-back"], ["moderate", "firm"], "kneading") == ("spine", "kidney-area")
    assert F.avoided(regions, ["mid-back"], ["light"], "percussion") == ("spine", "kidney-area")
    assert F.avoided(regions, ["thighs", "calves"], ["deep"], "kneading") == ()
    assert F.avoided(regions, ["neck-sides"], ["firm"], "friction") == ("neck-front",)
    # unknown pressure (a guide step): only the unconditional rule applies
    assert F.avoided(regions, ["lower-back"]) == ("spine",)


def test_real_techniques_mark_spine_and_kidneys_as_the_data_says():
    for t in ATLAS.techniques.values():
        avoid = F.avoided(ATLAS.regions, t.regions, t.pressure, t.family)
        assert "spine" in avoid, t.id  # every technique here works on the back
        strong = {"firm", "deep"} & set(t.pressure) or t.family in ("percussion", "vibration")
        near_kidneys = {"mid-back", "lower-back", "flanks"} & set(t.regions)
        assert ("kidney-area" in avoid) == bool(strong and near_kidneys), t.id


def test_choose_views_prefers_the_closest_single_view_then_fewest():
    views = ATLAS.views
    assert F.choose_views(views, ["neck-back", "shoulders", "spine"]) == ["neck-and-shoulders"]
    assert F.choose_views(views, ["neck-back", "lower-back"]) == ["back"]
    assert F.choose_views(views, ["chest", "abdomen"]) == ["front"]
    assert F.choose_views(views, ["face", "upper-back", "spine"]) == ["back", "front"]


def test_geometry_mirrors_and_passes_through_points():
    shape = F.Shape(points=[[100, 0], [80, 10], [80, 40], [100, 50]], mirror="whole")
    (points,) = F.expand(shape, 100)
    assert [(x, y) for x, y, _ in points] == [(100, 0), (80, 10), (80, 40), (100, 50), (120, 40), (120, 10)]
    pair = F.expand(F.Shape(points=[[10, 0], [20, 0], [15, 5]], mirror="pair"), 50)
    assert [(x, y) for x, y, _ in pair[1]] == [(85, 5), (80, 0), (90, 0)]
    area, centroid = F.polygon_area_centroid([(0, 0), (10, 0), (10, 20), (0, 20)])
    assert area == 200 and centroid == pytest.approx((5, 10))
    smooth = F.path_data([(0, 0, False), (10, 0, False), (10, 10, True), (0, 10, False)], smooth=True)
    start, segments = cubic_segments(smooth)
    assert [start] + [end for _, _, end in segments][:3] == [(0, 0), (10, 0), (10, 10), (0, 10)]
    assert segments[-1][2] == (0, 0)  # closed
    # the corner keeps its handles on itself: the curve turns sharply there
    assert segments[1][1] == (10, 10) and segments[2][0] == (10, 10)
    assert segments[0][1] != (10, 0)  # a smooth point has real handles
    assert F.path_data([(0, 0, False), (10.04, 0.5, False), (3, -2.25, False)], smooth=False) == "M0 0l10 .5-7-2.7z"


def cubic_segments(d: str):
    """Parse "Mx y c..." (relative cubics) into a start point and absolute (c1, c2, end) triples."""
    numbers = [float(n) for n in re.findall(r"-?(?:\d+\.?\d*|\.\d+)", d)]
    x, y = numbers[0], numbers[1]
    start, segments = (x, y), []
    for i in range(2, len(numbers), 6):
        c1x, c1y, c2x, c2y, ex, ey = numbers[i:i + 6]
        segments.append(((round(x + c1x, 1), round(y + c1y, 1)), (round(x + c2x, 1), round(y + c2y, 1)),
                         (round(x + ex, 1), round(y + ey, 1))))
        x, y = segments[-1][2]
    return start, segments


# --- the rules that figures reuse, on the valid fixture ---------------------------


def fixture_with(tmp_path: Path, files: dict[str, object]) -> Path:
    data = tmp_path / "data"
    shutil.copytree(FIXTURES / "valid", data)
    for name, content in files.items():
        path = data / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(content if isinstance(content, str) else yaml.safe_dump(content, sort_keys=False))
    return data


def valid_figure() -> dict:
    return yaml.safe_load((FIXTURES / "valid" / "figures" / "back.yml").read_text())


def problems(tmp_path, files) -> list:
    with pytest.raises(DataError) as caught:
        load_atlas(fixture_with(tmp_path, files), tmp_path)
    return caught.value.problems


def test_unknown_region_on_a_figure_is_MTA206(tmp_path):
    figure = valid_figure()
    figure["regions"].append({"region": "elbow", "shapes": figure["regions"][0]["shapes"]})
    (problem,) = problems(tmp_path, {"figures/back.yml": figure})
    assert (problem.code, problem.file, problem.field) == ("MTA206", "data/figures/back.yml", "regions[1].region")
    assert "elbow" in problem.message and problem.line


def test_unknown_region_in_avoid_is_MTA206(tmp_path):
    regions = [{"id": "upper-back", "name": "Upper back", "group": "back",
                "avoid": {"near": ["upper-bak"], "pressure": ["deep"], "reason": "A test."}}]
    (problem,) = problems(tmp_path, {"regions.yml": regions})
    assert (problem.code, problem.field) == ("MTA206", "[0].avoid.near[0]")


def test_figure_file_name_and_repeated_region(tmp_path):
    figure = valid_figure()
    figure["regions"].append(figure["regions"][0])
    found = problems(tmp_path, {"figures/rear.yml": figure, "figures/back.yml": valid_figure()})
    assert {(p.code, p.file) for p in found} == {("MTA201", "data/figures/rear.yml"),
                                                  ("MTA209", "data/figures/rear.yml")}


def test_a_figure_is_exactly_one_kind(tmp_path):
    figure = valid_figure()
    figure["close_up_of"] = "back"
    (problem,) = problems(tmp_path, {"figures/back.yml": figure})
    assert problem.code == "MTA103" and "exactly one of" in problem.message


def test_figure_files_link_their_schema():
    for path in (PROJECT / "data" / "figures").glob("*.yml"):
        assert path.read_text().startswith("# yaml-language-server: $schema=../schema/figure.schema.json\n"), path
