"""The glossary: terms the site explains on /glossary/ and, as a tooltip,
wherever they appear on any page.

Terms come from two places, and authors never write one twice:

- every technique's name and aliases are terms by themselves, defined by the
  technique's summary and pointing to its page (so "petrissage" explains
  itself as kneading on every page);
- data/glossary.yml adds the other terms (hacking, Swedish massage...) and may
  adjust a technique's term (pages where its name means something else).

This module derives the term list, checks it (MTA504-MTA506) and finds terms
in plain text (:class:`TermMatcher`); it knows nothing of Markdown or MkDocs.
"""
from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from .models import FAMILY_LABELS, GlossaryTerm, Technique, TechniqueTermNote
from .problems import Problem
from .rules import Loaded, atlas_rule, rule

if TYPE_CHECKING:
    from .catalog import Atlas


def page_src(ref: str, moved: dict[str, str]) -> str:
    """A page reference from the data (`kneading` or `compare/index.md`) as a source path.

    An old technique id (``moved``: old -> current) means the renamed technique.
    """
    from .rendering import technique_src  # late: rendering imports the catalog, which imports us
    return ref if ref.endswith(".md") else technique_src(moved.get(ref, ref))


@dataclass(frozen=True)
class Term:
    """One glossary entry as the site shows it (derived)."""

    id: str  # anchor #term-<id> on the glossary page
    term: str
    definition: str
    aliases: tuple[str, ...] = ()
    related: str | None = None  # source path of the page that explains it
    not_on: frozenset[str] = field(default_factory=frozenset)  # source paths
    technique: str | None = None  # set when the term is a technique's own name
    old_ids: tuple[str, ...] = ()  # earlier ids: their anchors #term-<old id> keep working

    @property
    def anchor(self) -> str:
        return f"term-{self.id}"

    @property
    def words(self) -> tuple[str, ...]:
        return (self.term, *self.aliases)

    def tooltip(self, word: str) -> str:
        """The definition as a tooltip for ``word``: the term or one of its aliases, as defined."""
        if word == self.term:
            return f"{self.term}: {self.definition}"
        name = self.term.lower() if self.technique else self.term
        return f"{word}: another name for {name}. {self.definition}"


def glossary_terms(techniques: dict[str, Technique], items: Iterable[GlossaryTerm | TechniqueTermNote],
                   moved: dict[str, str]) -> tuple[Term, ...]:
    """Technique terms plus authored terms, sorted by term."""
    items = list(items)
    not_on: dict[str, set[str]] = {}
    for item in items:
        if isinstance(item, TechniqueTermNote):
            not_on.setdefault(moved.get(item.technique, item.technique), set()).update(
                page_src(ref, moved) for ref in item.not_on)
    terms = [
        Term(t.id, t.name, t.summary, tuple(a.name for a in t.aliases), page_src(t.id, moved),
             frozenset(not_on.get(t.id, ())), technique=t.id, old_ids=tuple(t.old_ids))
        for t in techniques.values()
    ]
    terms += [
        Term(g.id, g.term, g.definition, tuple(g.aliases), page_src(g.related, moved) if g.related else None,
             frozenset(page_src(ref, moved) for ref in g.not_on))
        for g in items if isinstance(g, GlossaryTerm)
    ]
    return tuple(sorted(terms, key=lambda t: (t.term.casefold(), t.id)))


# --- finding terms in text ---------------------------------------------------------

def _is_acronym(word: str) -> bool:
    return len(word) > 1 and word.isupper()


def _key(word: str) -> str:
    return word if _is_acronym(word) else word.casefold()


def trie_pattern(words: Iterable[str]) -> str:
    """A regular expression matching any of ``words``, the longest that fits
    first, like their alternation sorted longest first; but written as a trie
    (words that share a start share it in the pattern), so matching costs about
    the same for 40 terms or 4,000: every technique's names are terms, and each
    page's text is searched for all of them. Matches nothing when there are none."""
    trie: dict = {}
    for word in words:
        node = trie
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}  # a word ends here

    def pattern(node: dict) -> str:
        branches = [re.escape(char) + pattern(child) for char, child in sorted(node.items()) if char]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else f"(?:{'|'.join(branches)})"
        # greedy: the longer words through this point are tried before the one ending here
        return f"(?:{body})?" if "" in node else body

    return pattern(trie) or "(?!)"


@dataclass(frozen=True)
class Match:
    start: int
    end: int
    term: Term
    word: str  # the term or alias as defined (the text may differ in case or plural)

    @property
    def tooltip(self) -> str:
        return self.term.tooltip(self.word)


class TermMatcher:
    """Finds glossary terms in plain text.

    A term matches as a whole word in any case (all-capital acronyms such as
    NCCIH only exactly) and with a plural -s or -es; the longest term wins
    ("wet cupping" before "cupping"). Text that quotes a definition (a
    technique's summary in a list, say) is left alone: a definition is not
    decorated with tooltips of its own words. So is a text that is only a
    vocabulary label.
    """

    def __init__(self, terms: Iterable[Term], labels: Iterable[str] = FAMILY_LABELS.values()):
        self.terms = tuple(terms)
        # Vocabulary labels ("Gliding strokes" in a Family cell) name a category,
        # not the term they happen to contain; a text that is just a label is skipped.
        self.labels = frozenset(labels)
        self._by_key: dict[str, tuple[Term, str]] = {}
        for term in self.terms:
            for word in term.words:
                self._by_key.setdefault(_key(word), (term, word))
        words = {w for t in self.terms for w in t.words}
        # Acronyms match as written, other words in any case; the longest word
        # that fits wins. Hyphens count as word characters, so "self-massage" is not "massage".
        spelled = trie_pattern(w.lower() for w in words if not _is_acronym(w))
        acronyms = trie_pattern(w for w in words if _is_acronym(w))
        self._words = re.compile(rf"(?<![\w-])(?:(?i:{spelled})|{acronyms})(?:e?s)?(?![\w-])")
        self._definitions = re.compile(trie_pattern(t.definition for t in self.terms))

    def _lookup(self, text: str) -> tuple[Term, str] | None:
        # Acronyms are keyed as written, everything else case-folded; try the
        # word itself before its singular, so a term ending in s still matches.
        for candidate in (text, text[:-1], text[:-2]):
            found = self._by_key.get(candidate) or self._by_key.get(candidate.casefold())
            if found:
                return found
        return None

    def find(self, text: str) -> Iterator[Match]:
        if text.strip() in self.labels:
            return
        quoted = [m.span() for m in self._definitions.finditer(text)]
        for m in self._words.finditer(text):
            if any(start <= m.start() < end for start, end in quoted):
                continue
            found = self._lookup(m.group(0))
            if found:
                yield Match(m.start(), m.end(), *found)

    def applies_on(self, term: Term, page: str) -> bool:
        """A term gets no tooltip on the page that explains it, nor where it means something else."""
        return page != term.related and page not in term.not_on


# --- rules -----------------------------------------------------------------------

@rule("MTA504")
def each_term_once(data: Loaded) -> Iterator[Problem]:
    owners: dict[str, str] = {}  # word or id -> where it is defined
    for entry in data.techniques:
        t = entry.model
        for tid in (t.id, *t.old_ids):  # old ids keep their glossary anchors too
            owners.setdefault(f"id:{tid}", entry.file)
        for word in (t.name, *(a.name for a in t.aliases)):
            owners.setdefault(_key(word), entry.file)
    noted: dict[str, str] = {}
    for entry in data.glossary:
        g = entry.model
        if isinstance(g, TechniqueTermNote):
            if g.technique in noted:
                yield Problem("MTA504", entry.file, entry.field("technique"),
                              f"`{g.technique}` is already adjusted at {noted[g.technique]}.", entry.line("technique"))
            noted[g.technique] = entry.field("technique")
            continue
        where = f"{entry.file} {entry.field('id')}"
        if f"id:{g.id}" in owners:
            yield Problem("MTA504", entry.file, entry.field("id"),
                          f"The id `{g.id}` is already used by {owners[f'id:{g.id}']}.", entry.line("id"))
        owners.setdefault(f"id:{g.id}", where)
        for path, word in [(("term",), g.term), *((("aliases", i), a) for i, a in enumerate(g.aliases))]:
            if _key(word) in owners:
                yield Problem("MTA504", entry.file, entry.field(*path),
                              f"`{word}` is already defined by {owners[_key(word)]}.", entry.line(*path))
            owners.setdefault(_key(word), where)


@rule("MTA506")
def definitions_are_written(data: Loaded) -> Iterator[Problem]:
    for entry in data.glossary:
        if isinstance(entry.model, GlossaryTerm) and not entry.model.definition:
            yield Problem("MTA506", entry.file, entry.field("definition"),
                          f"The term `{entry.model.term}` has no definition.", entry.line("definition"))


def known_pages(atlas: Atlas, root: Path) -> set[str]:
    """Source paths of every page the site will have: written under docs/ or generated."""
    from . import pages  # noqa: F401  (registers the page sets; late, as pages imports the catalog)
    from .sitemap import generated_pages
    docs = root / "docs"
    written = {p.relative_to(docs).as_posix() for p in docs.rglob("*.md")} if docs.is_dir() else set()
    return written | {p.src for p in generated_pages(atlas)}


@atlas_rule("MTA505")
def pages_exist(data: Loaded, atlas: Atlas, root: Path) -> Iterator[Problem]:
    if not data.glossary:
        return
    known = known_pages(atlas, root)
    for entry in data.glossary:
        g = entry.model
        refs = [(("not_on", i), ref) for i, ref in enumerate(g.not_on)]
        if isinstance(g, TechniqueTermNote):
            refs.insert(0, (("technique",), g.technique))
        elif g.related:
            refs.insert(0, (("related",), g.related))
        for path, ref in refs:
            if page_src(ref, atlas.moved.get("techniques", {})) not in known:
                what = "technique" if not ref.endswith(".md") else "page under docs/ or generated page"
                yield Problem("MTA505", entry.file, entry.field(*path),
                              f"No {what} is `{ref}`.", entry.line(*path))


def matcher_for(atlas: "Atlas") -> TermMatcher:
    """The atlas's glossary matcher, its patterns built once per atlas, not once per page."""
    return atlas.remember(("glossary-matcher",), lambda: TermMatcher(atlas.glossary))
