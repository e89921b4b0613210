"""Rules for the body-map figures (data/figures) and the regions' `avoid` (MTA8xx).

Where a figure breaks a rule that already exists for techniques (an unknown
region id, a repeated entry, an id that differs from its file name), the
existing rule in rules.py checks figures too and reports its own code.
"""
from __future__ import annotations

from collections.abc import Iterator
from .figures import avoided, expand
from .problems import Problem
from .rules import Loaded, rule


@rule("MTA801")
def every_region_is_drawn(data: Loaded) -> Iterator[Problem]:
    drawn = {r.region for e in data.figures for r in e.model.regions}
    for entry in data.regions:
        if entry.model.id not in drawn:
            yield Problem("MTA801", entry.file, entry.field("id"),
                          f"No figure draws the region `{entry.model.id}`.", entry.line("id"))


@rule("MTA802")
def figures_refer_to_drawings(data: Loaded) -> Iterator[Problem]:
    figures = {e.model.id: e.model for e in data.figures}
    for entry in data.figures:
        f = entry.model
        for name, target, ok in (
            ("outline_of", f.outline_of, lambda g: g.outline is not None),
            ("close_up_of", f.close_up_of, lambda g: g.close_up_of is None),
        ):
            if target is not None and not (target in figures and target != f.id and ok(figures[target])):
                what = "a figure with an `outline` of its own" if name == "outline_of" else "a figure that is not a close-up"
                yield Problem("MTA802", entry.file, name,
                              f"`{target}` is not {what} in data/figures.", entry.line(name))


@rule("MTA803")
def techniques_keep_off_avoided_regions(data: Loaded) -> Iterator[Problem]:
    regions = {e.model.id: e.model for e in data.regions}
    for entry in data.techniques:
        t = entry.model
        for region in avoided(regions, t.regions, t.pressure, t.family):
            if region in t.regions:
                i = t.regions.index(region)
                yield Problem("MTA803", entry.file, entry.field("regions", i),
                              f"`{region}` is a region to avoid here: {regions[region].avoid.reason}",
                              entry.line("regions", i))


@rule("MTA804")
def points_inside_view_box(data: Loaded) -> Iterator[Problem]:
    for entry in data.figures:
        f = entry.model
        x, y, w, h = f.view_box
        shapes = [("outline", (), f.outline)] if f.outline else []
        shapes += [("landmarks", (i,), s) for i, s in enumerate(f.landmarks)]
        shapes += [("regions", (i, "shapes", j), s) for i, r in enumerate(f.regions) for j, s in enumerate(r.shapes)]
        for name, path, shape in shapes:
            outside = [(px, py) for points in expand(shape, f.axis) for px, py, _ in points
                       if not (x <= px <= x + w and y <= py <= y + h)]
            if outside:
                px, py = outside[0]
                yield Problem("MTA804", entry.file, entry.field(name, *path, "points"),
                              f"The point [{px:g}, {py:g}] lies outside the view box {list(f.view_box)}.",
                              entry.line(name, *path, "points"))
