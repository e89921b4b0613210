"""Cross-file rules: what no single file can check on its own.

Each rule is a small function registered under its code; it receives the
validated entries and yields problems. Shape errors (models.py) are reported
first and stop the run, so a broken file never causes follow-on noise here.
"""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from .loading import Entry
from .problems import RULES, Problem

if TYPE_CHECKING:
    from .catalog import Atlas


@dataclass(frozen=True)
class Loaded:
    """Validated entries of every kind, before anything is derived."""

    techniques: list[Entry]
    regions: list[Entry]
    references: list[Entry]
    comparisons: list[Entry] = field(default_factory=list)
    glossary: list[Entry] = field(default_factory=list)  # GlossaryTerm or TechniqueTermNote entries
    figures: list[Entry] = field(default_factory=list)
    claims: list[Entry] = field(default_factory=list)
    benefits: list[Entry] = field(default_factory=list)
    guides: list[Entry] = field(default_factory=list)
    exam_map: Entry | None = None  # data/exam-map.yml, optional (study mode)


CrossRule = Callable[[Loaded], Iterator[Problem]]
# A code may have several checks, one per kind of file it applies to (for
# example MTA203 for technique relations and for the techniques a claim names).
CROSS_RULES: dict[str, list[CrossRule]] = {}
# Rules that need what the build derives (which pages the site will have, for
# example). They run on the derived atlas, only after every cross rule passed.
AtlasRule = Callable[[Loaded, "Atlas", Path], Iterator[Problem]]
ATLAS_RULES: dict[str, list[AtlasRule]] = {}


def rule(code: str, registry: dict | None = None):
    """Register a cross rule under its code (``registry``: another phase's table)."""
    registry = CROSS_RULES if registry is None else registry
    other = ATLAS_RULES if registry is CROSS_RULES else CROSS_RULES
    assert code in RULES and code not in other, f"{code} is registered in both rule phases"

    def register(func):
        registry.setdefault(code, []).append(func)
        return func

    return register


@rule("MTA201")
def id_matches_file_name(data: Loaded) -> Iterator[Problem]:
    for entry in [*data.techniques, *data.figures, *data.claims, *data.guides]:
        stem = Path(entry.file).stem
        if entry.model.id != stem:
            yield Problem("MTA201", entry.file, "id",
                          f"The id `{entry.model.id}` differs from the file name `{stem}`.", entry.line("id"))


@rule("MTA202")
def ids_are_unique(data: Loaded) -> Iterator[Problem]:
    for entries in (data.techniques, data.regions, data.references, data.claims, data.benefits, data.guides):
        first: dict[str, Entry] = {}
        for entry in entries:
            earlier = first.setdefault(entry.model.id, entry)
            if earlier is not entry:
                yield Problem("MTA202", entry.file, entry.field("id"),
                              f"The id `{entry.model.id}` is already used by {earlier.file}.", entry.line("id"))


def _unknown_ids(data: Loaded, code: str, field: str, known: set[str], what: str) -> Iterator[Problem]:
    for entry in data.techniques:
        for i, value in enumerate(getattr(entry.model, field)):
            if value not in known:
                yield Problem(code, entry.file, entry.field(field, i), f"No {what} has the id `{value}`.",
                              entry.line(field, i))


@rule("MTA203")
def related_techniques_exist(data: Loaded) -> Iterator[Problem]:
    known = {e.model.id for e in data.techniques}
    yield from _unknown_ids(data, "MTA203", "related", known, "technique")


@rule("MTA206")
def regions_exist(data: Loaded) -> Iterator[Problem]:
    known = {e.model.id for e in data.regions}
    yield from _unknown_ids(data, "MTA206", "regions", known, "region")
    # figures draw only known regions, and a region's `avoid` is near known ones
    for entry in data.figures:
        for i, drawn in enumerate(entry.model.regions):
            if drawn.region not in known:
                yield Problem("MTA206", entry.file, entry.field("regions", i, "region"),
                              f"No region has the id `{drawn.region}`; a figure draws only regions "
                              "from data/regions.yml.", entry.line("regions", i, "region"))
    for entry in data.regions:
        for i, near in enumerate(entry.model.avoid.near if entry.model.avoid else []):
            if near not in known:
                yield Problem("MTA206", entry.file, entry.field("avoid", "near", i),
                              f"No region has the id `{near}`.", entry.line("avoid", "near", i))


@rule("MTA207")
def references_exist(data: Loaded) -> Iterator[Problem]:
    yield from _unknown_ids(data, "MTA207", "sources", {e.model.id for e in data.references}, "reference")


@rule("MTA204")
def not_related_to_itself(data: Loaded) -> Iterator[Problem]:
    for entry in data.techniques:
        for i, other in enumerate(entry.model.related):
            if other == entry.model.id:
                yield Problem("MTA204", entry.file, entry.field("related", i),
                              "A technique cannot be related to itself.", entry.line("related", i))


@rule("MTA205")
def relation_written_once(data: Loaded) -> Iterator[Problem]:
    edges = {(e.model.id, other) for e in data.techniques for other in e.model.related}
    for entry in data.techniques:
        for i, other in enumerate(entry.model.related):
            # Report on the alphabetically later side only, so each pair is named once.
            if (other, entry.model.id) in edges and entry.model.id > other:
                yield Problem("MTA205", entry.file, entry.field("related", i),
                              f"`{other}` already lists `{entry.model.id}` as related.", entry.line("related", i))


@rule("MTA208")
def names_are_unique(data: Loaded) -> Iterator[Problem]:
    owners: dict[str, set[str]] = defaultdict(set)
    for entry in data.techniques:
        for name in [entry.model.name, *(a.name for a in entry.model.aliases)]:
            owners[name.casefold()].add(entry.model.id)
    for entry in data.techniques:
        for i, alias in enumerate(entry.model.aliases):
            others = owners[alias.name.casefold()] - {entry.model.id}
            if others:
                yield Problem("MTA208", entry.file, entry.field("aliases", i, "name"),
                              f"`{alias.name}` also names {', '.join(sorted(others))}.",
                              entry.line("aliases", i, "name"))


_LIST_FIELDS = ("hand_parts", "pressure", "pace", "regions", "session_place", "related", "sources", "steps")


@rule("MTA209")
def no_repeated_list_values(data: Loaded) -> Iterator[Problem]:
    for entry in data.techniques:
        for field in _LIST_FIELDS:
            seen = set()
            for i, value in enumerate(getattr(entry.model, field)):
                if value in seen:
                    yield Problem("MTA209", entry.file, entry.field(field, i),
                                  f"`{value}` is already listed in `{field}`.", entry.line(field, i))
                seen.add(value)
    for entry in data.figures:
        drawn = set()
        for i, region in enumerate(r.region for r in entry.model.regions):
            if region in drawn:
                yield Problem("MTA209", entry.file, entry.field("regions", i, "region"),
                              f"`{region}` is already drawn on this figure; give one entry all its shapes.",
                              entry.line("regions", i, "region"))
            drawn.add(region)


# --- linking: old ids keep published URLs working (MTA7xx) --------------------

# Kinds whose ids are in URLs and may carry `old_ids` (the name of the list on
# Loaded, and of the collection in Atlas.moved); each kind is its own URL space.
RENAMABLE: tuple[str, ...] = ("techniques", "guides", "regions", "benefits")


def _renamable(data: Loaded) -> tuple[list[Entry], ...]:
    return tuple(getattr(data, name) for name in RENAMABLE)


@rule("MTA701")
def old_ids_are_not_current(data: Loaded) -> Iterator[Problem]:
    for entries in _renamable(data):
        current = {e.model.id: e for e in entries}
        for entry in entries:
            for i, old in enumerate(entry.model.old_ids):
                owner = current.get(old)
                if owner is not None and owner is not entry:
                    yield Problem("MTA701", entry.file, entry.field("old_ids", i),
                                  f"`{old}` is the current id of {owner.file}.", entry.line("old_ids", i))


@rule("MTA702")
def old_ids_are_unique(data: Loaded) -> Iterator[Problem]:
    for entries in _renamable(data):
        claimed: dict[str, Entry] = {}
        for entry in entries:
            for i, old in enumerate(entry.model.old_ids):
                earlier = claimed.setdefault(old, entry)
                if earlier is not entry or entry.model.old_ids.index(old) != i:
                    yield Problem("MTA702", entry.file, entry.field("old_ids", i),
                                  f"The old id `{old}` is already claimed by {earlier.file}.", entry.line("old_ids", i))


@rule("MTA703")
def old_ids_are_not_own_id(data: Loaded) -> Iterator[Problem]:
    for entries in _renamable(data):
        for entry in entries:
            for i, old in enumerate(entry.model.old_ids):
                if old == entry.model.id:
                    yield Problem("MTA703", entry.file, entry.field("old_ids", i),
                                  f"`{old}` is this entry's own id.", entry.line("old_ids", i))


def unused_entries(entries: list[Entry], used: set[str], code: str, message: str) -> Iterator[Problem]:
    """Shared vocabularies report the entries nothing uses; `message` has `{id}` for the entry's id."""
    for entry in entries:
        if entry.model.id not in used:
            yield Problem(code, entry.file, entry.field("id"), message.format(id=entry.model.id), entry.line("id"))


def check(data: Loaded) -> list[Problem]:
    return [problem for funcs in CROSS_RULES.values() for func in funcs for problem in func(data)]


def atlas_rule(code: str):
    """Register a rule that runs on the derived atlas; it also gets the project root."""
    return rule(code, ATLAS_RULES)


def check_atlas(data: Loaded, atlas: "Atlas", root: Path) -> list[Problem]:
    return [problem for funcs in ATLAS_RULES.values() for func in funcs for problem in func(data, atlas, root)]
