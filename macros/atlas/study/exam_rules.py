"""Validation rules for the exam map (MTA6xx), registered into the cross-file
rules, and its citation of the exam outline, registered as a citer so the
unused-reference rule (MTA309) and the bibliography count it."""
from __future__ import annotations

from collections.abc import Iterator

from ..evidence import Citation, citer
from ..problems import Problem
from ..rules import Loaded, rule


@citer("exam map")
def exam_map_citations(data: Loaded) -> Iterator[Citation]:
    if data.exam_map:
        yield Citation(data.exam_map.model.source, "exam map", "exam-map", data.exam_map.file, "source")


def _links(data: Loaded) -> Iterator[tuple[int, int, object]]:
    """(area index, link index, link) for every link of the exam map, if there is one."""
    if data.exam_map:
        for a, area in enumerate(data.exam_map.model.areas):
            for i, link in enumerate(area.links):
                yield a, i, link


@rule("MTA601")
def exam_sections_exist(data: Loaded) -> Iterator[Problem]:
    from .terms import TECHNIQUE_SECTIONS  # late: terms imports the catalog, which imports this module
    entry = data.exam_map
    for a, i, link in _links(data):
        if link.section is not None and link.section not in TECHNIQUE_SECTIONS:
            yield Problem("MTA601", entry.file, entry.field("areas", a, "links", i, "section"),
                          f"Technique pages have no section `{link.section}`; "
                          f"they have: {', '.join(TECHNIQUE_SECTIONS)}.",
                          entry.line("areas", a, "links", i, "section"))


@rule("MTA602")
def exam_pages_exist(data: Loaded) -> Iterator[Problem]:
    entry = data.exam_map
    known = {e.model.id for e in data.techniques}
    for a, i, link in _links(data):
        for j, technique in enumerate(link.techniques):
            if technique not in known:
                yield Problem("MTA602", entry.file, entry.field("areas", a, "links", i, "techniques", j),
                              f"No technique has the id `{technique}`, so it has no page to link.",
                              entry.line("areas", a, "links", i, "techniques", j))


@rule("MTA603")
def exam_source_exists(data: Loaded) -> Iterator[Problem]:
    if data.exam_map and data.exam_map.model.source not in {e.model.id for e in data.references}:
        entry = data.exam_map
        yield Problem("MTA603", entry.file, "source", f"No reference has the id `{entry.model.source}`.",
                      entry.line("source"))


@rule("MTA604")
def exam_areas_unique(data: Loaded) -> Iterator[Problem]:
    if not data.exam_map:
        return
    entry = data.exam_map
    seen: dict[str, int] = {}
    for a, area in enumerate(entry.model.areas):
        for field, value in (("id", area.id), ("name", area.name.casefold())):
            earlier = seen.setdefault(f"{field}:{value}", a)
            if earlier != a:
                yield Problem("MTA604", entry.file, entry.field("areas", a, field),
                              f"areas[{earlier}] already has this {field}.", entry.line("areas", a, field))


@rule("MTA605")
def exam_areas_explained(data: Loaded) -> Iterator[Problem]:
    if not data.exam_map:
        return
    entry = data.exam_map
    for a, area in enumerate(entry.model.areas):
        if not area.links and not area.gaps:
            yield Problem("MTA605", entry.file, entry.field("areas", a),
                          f"The area `{area.id}` links no page and has no `gaps`; say honestly that it is not covered.",
                          entry.line("areas", a))
