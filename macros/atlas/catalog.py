"""The loaded atlas: validated entries plus what the build derives from them.

Derived data (never written by authors) lives only on :class:`Atlas`:

- ``related``: technique id -> ids of related techniques, mirrored from
  whichever side wrote the relation, sorted by name.
- ``files``: technique id -> the data file it came from (for messages and
  "edit this page" links).
- ``used_in``: technique id -> the guide steps that use it (``StepRef``: guide
  id, variant id or None, 1-based step number; its ``anchor`` is the step's
  link target), in guide order then step order; empty for unused techniques.
- ``guide_techniques``: guide id -> ids of the techniques its steps use, in
  the order they first appear.
- ``guide_files``: guide id -> the data file it came from.

- ``drawings``: figure id -> the artwork (SVG path data) of each figure that
  draws regions; ``views``: figure id -> what each figure shows, close-ups
  included; ``region_views``: region id -> ids of the figures that show it
  (see :mod:`macros.atlas.figures`).
- ``comparisons``: the pairs of data/comparisons.yml as :class:`~.comparing.Pair`
  (page source path and title derived, old technique ids resolved);
  ``comparisons_of``: technique id -> the pairs it is part of.
- ``glossary``: every glossary :class:`~.glossary.Term`, sorted: each
  technique's name and aliases (defined by its summary) plus data/glossary.yml.
- ``moved``: collection (``techniques``, ``guides``, ``regions``, ``benefits``:
  ``rules.RENAMABLE``) -> old id -> current id, from the entries' ``old_ids``;
  the old URLs of every page keyed by those ids redirect to the current ones
  (:mod:`macros.atlas.redirects`).
- ``claims_by_technique``: technique id -> ids of the claims made for it.
- ``claims_by_benefit``: benefit id -> ids of its claims, those about massage
  in general first.
- ``general_claims``: ids of the claims about massage in general.
- ``cited_by``: reference id -> every :class:`~macros.atlas.evidence.Citation`
  of it (technique sources, claims, and whatever other feature registers a citer).
- ``claim_mentions``: claim id -> where guides name it
  (:class:`~macros.atlas.guide_evidence.Mention`: the guide, and the step or
  None for the whole guide), from the guides' and steps' ``claims``.

``claims`` are ordered by benefit, evidence-backed first; ``benefits`` by group;
``guides`` by audience, then title.

Study mode derives its quizzes, flashcards and key terms from the atlas with
pure functions in :mod:`macros.atlas.study` rather than storing them here.
"""
from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

from . import figure_rules, guide_rules  # noqa: F401  (register the figure and guide rules)
from .guide_evidence import Mention, claim_mentions
from .comparing import Pair, derive_pairs, pairs_by_technique
from .evidence import Citation, derive_evidence
from .figures import Drawing, View, draw
from .glossary import Term, glossary_terms
from .guides import StepRef, derive_guides
from .loading import Entry, load_list, load_one
from .models import Benefit, Claim, Comparison, ExamMap, Figure, Guide, Reference, Region, Technique, glossary_item_model
from .problems import DataError, Problem
from .rules import RENAMABLE, Loaded, check, check_atlas
from .study import exam_rules  # noqa: F401  (registers the MTA6xx rules)

T = TypeVar("T")

ENTRY_FILE_SUFFIXES = (".yml", ".yaml")


@dataclass(frozen=True)
class Atlas:
    techniques: dict[str, Technique]  # in display order (by name)
    regions: dict[str, Region]
    references: dict[str, Reference]
    claims: dict[str, Claim] = field(default_factory=dict)
    benefits: dict[str, Benefit] = field(default_factory=dict)
    exam_map: ExamMap | None = None  # data/exam-map.yml: the exam's content areas (study mode)
    guides: dict[str, Guide] = field(default_factory=dict)  # in display order
    # --- derived -------------------------------------------------------------
    related: dict[str, tuple[str, ...]] = field(default_factory=dict)
    files: dict[str, str] = field(default_factory=dict)
    used_in: dict[str, tuple[StepRef, ...]] = field(default_factory=dict)
    guide_techniques: dict[str, tuple[str, ...]] = field(default_factory=dict)
    guide_files: dict[str, str] = field(default_factory=dict)
    figures: dict[str, Figure] = field(default_factory=dict)
    drawings: dict[str, Drawing] = field(default_factory=dict)
    views: dict[str, View] = field(default_factory=dict)
    region_views: dict[str, tuple[str, ...]] = field(default_factory=dict)
    comparisons: tuple[Pair, ...] = ()
    comparisons_of: dict[str, tuple[Pair, ...]] = field(default_factory=dict)
    glossary: tuple[Term, ...] = ()
    claims_by_technique: dict[str, tuple[str, ...]] = field(default_factory=dict)
    claims_by_benefit: dict[str, tuple[str, ...]] = field(default_factory=dict)
    general_claims: tuple[str, ...] = ()
    cited_by: dict[str, tuple[Citation, ...]] = field(default_factory=dict)
    claim_mentions: dict[str, tuple[Mention, ...]] = field(default_factory=dict)
    moved: dict[str, dict[str, str]] = field(default_factory=dict)
    # What is worked out from the data once and needed by many pages (remember()).
    # Kept on the atlas, so a changed data file (a new atlas) starts it afresh.
    memo: dict[tuple, object] = field(default_factory=dict, init=False, compare=False, repr=False)

    def remember(self, key: tuple, make: Callable[[], T]) -> T:
        """``make()``, worked out the first time ``key`` is asked for on this atlas:
        for what many pages need and costs more than a lookup (the quizzes, a
        step diagram the rules have already drawn, the glossary's matcher)."""
        if key not in self.memo:
            self.memo[key] = make()
        return self.memo[key]

    def technique(self, technique_id: str) -> Technique:
        return _lookup(self.techniques, technique_id, "technique")

    def guide(self, guide_id: str) -> Guide:
        return _lookup(self.guides, guide_id, "guide")


def _lookup(entries: dict, entry_id: str, kind: str):
    """An entry by id, or a KeyError that lists the known ids (shown when a macro is given a bad id)."""
    try:
        return entries[entry_id]
    except KeyError:
        raise KeyError(f"Unknown {kind} id `{entry_id}`. Known ids: {', '.join(entries)}.") from None


def _rel(path: Path, root: Path) -> str:
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return path.as_posix()


def _read_folder(folder: Path, root: Path, model) -> tuple[list[Entry], list[Problem]]:
    """Every one-entry file in a folder such as data/techniques or data/guides; none if it is missing."""
    entries: list[Entry] = []
    problems: list[Problem] = []
    for path in sorted(folder.iterdir()) if folder.is_dir() else []:
        if path.suffix in ENTRY_FILE_SUFFIXES and not path.name.startswith("."):
            entry, found = load_one(path, _rel(path, root), model)
            problems += found
            if entry:
                entries.append(entry)
    return entries, problems


def read(data_dir: Path, root: Path) -> tuple[Loaded, list[Problem]]:
    """Read and validate every data file; return entries and shape problems."""
    techniques, problems = _read_folder(data_dir / "techniques", root, Technique)
    figures, found = _read_folder(data_dir / "figures", root, Figure)
    problems += found
    claims, found = _read_folder(data_dir / "claims", root, Claim)
    problems += found
    guides, found = _read_folder(data_dir / "guides", root, Guide)
    problems += found
    vocabularies = {}
    for name, model in (("regions", Region), ("references", Reference), ("benefits", Benefit)):
        path = data_dir / f"{name}.yml"
        if path.exists():
            vocabularies[name], found = load_list(path, _rel(path, root), model)
            problems += found
        else:
            vocabularies[name] = []
            problems.append(Problem("MTA002", _rel(path, root), "", "This vocabulary file is missing."))
    exam_map = None
    path = data_dir / "exam-map.yml"
    if path.exists():  # optional: without it the site has no exam map page
        exam_map, found = load_one(path, _rel(path, root), ExamMap)
        problems += found
    # Optional files: a site without comparisons or extra glossary terms is fine.
    optional = {}
    for name, model in (("comparisons", Comparison), ("glossary", glossary_item_model)):
        path = data_dir / f"{name}.yml"
        optional[name], found = load_list(path, _rel(path, root), model) if path.exists() else ([], [])
        problems += found
    return Loaded(techniques, vocabularies["regions"], vocabularies["references"], figures=figures,
                  comparisons=optional["comparisons"], glossary=optional["glossary"],
                  claims=claims, benefits=vocabularies["benefits"], guides=guides, exam_map=exam_map), problems


def derive(loaded: Loaded) -> Atlas:
    by_name = sorted(loaded.techniques, key=lambda e: (e.model.name.casefold(), e.model.id))
    techniques = {e.model.id: e.model for e in by_name}
    mirrored: dict[str, set[str]] = {tid: set() for tid in techniques}
    for t in techniques.values():
        for other in t.related:
            mirrored[t.id].add(other)
            mirrored[other].add(t.id)
    order = {tid: i for i, tid in enumerate(techniques)}
    guides = derive_guides(loaded, techniques)
    figures = {e.model.id: e.model for e in loaded.figures}
    drawings, views = draw(figures)
    moved = {name: {old: e.model.id for e in getattr(loaded, name) for old in e.model.old_ids} for name in RENAMABLE}
    pairs = derive_pairs((e.model for e in loaded.comparisons), techniques, moved["techniques"])
    return Atlas(
        techniques=techniques,
        regions={e.model.id: e.model for e in loaded.regions},
        references={e.model.id: e.model for e in loaded.references},
        exam_map=loaded.exam_map.model if loaded.exam_map else None,
        related={tid: tuple(sorted(ids, key=order.__getitem__)) for tid, ids in mirrored.items()},
        files={e.model.id: e.file for e in loaded.techniques},
        guides=guides.guides,
        used_in=guides.used_in,
        guide_techniques=guides.guide_techniques,
        guide_files=guides.guide_files,
        figures=figures,
        drawings=drawings,
        views=views,
        region_views={e.model.id: tuple(v for v in views if e.model.id in views[v].shows) for e in loaded.regions},
        comparisons=pairs,
        comparisons_of=pairs_by_technique(pairs, techniques),
        glossary=glossary_terms(techniques, (e.model for e in loaded.glossary), moved["techniques"]),
        **derive_evidence(loaded, list(techniques)),
        claim_mentions=claim_mentions(guides.guides),
        moved=moved,
    )


def load_atlas(data_dir: Path | str, root: Path | str | None = None) -> Atlas:
    """Load, validate and derive. Raises DataError listing every problem."""
    data_dir = Path(data_dir)
    root = Path(root) if root is not None else data_dir.parent
    loaded, problems = read(data_dir, root)
    if not problems:
        problems = check(loaded)
    if problems:
        raise DataError(problems)
    atlas = derive(loaded)
    problems = check_atlas(loaded, atlas, root)
    if problems:
        raise DataError(problems)
    return atlas


_cache: dict[str, tuple[tuple, Atlas]] = {}


def load_atlas_cached(data_dir: Path | str, root: Path | str | None = None) -> Atlas:
    """Like load_atlas, but reuses the result while no data file has changed.

    The MkDocs hook and the macros both need the atlas in one build; during
    `mkdocs serve` a changed file changes the signature and forces a reload.
    """
    data_dir = Path(data_dir)
    signature = tuple(sorted(
        (str(p), p.stat().st_mtime_ns, p.stat().st_size)
        for p in data_dir.rglob("*") if p.is_file()
    ))
    key = os.fspath(data_dir.resolve())
    cached = _cache.get(key)
    if cached and cached[0] == signature:
        return cached[1]
    atlas = load_atlas(data_dir, root)
    _cache[key] = (signature, atlas)
    return atlas
