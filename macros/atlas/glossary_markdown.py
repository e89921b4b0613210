"""A Python-Markdown extension that marks glossary terms in a page as
``<abbr title="definition" tabindex="0">``. ``docs/assets/atlas-glossary.js``
shows the title as a tooltip on hover and, because the element can take
focus, on keyboard focus too; without scripts the browser's own title
tooltip still shows it on hover.

Generated from the glossary data on every page, never written by hand. It
runs after inline parsing, on the element tree, so it can leave alone what
must not change: headings (the table of contents and permalinks), links,
code, buttons, table headers, admonition titles, and anything inside an
element with the class ``atlas-no-tooltips``; nor does a term get a tooltip
next to a link to its own page. Each term is marked once per
section (between two ``h2`` headings), so a page is not a sea of underlines
and keyboard users do not tab through every repetition.

Plain Markdown, no MkDocs: the MkDocs hook tells it which page it is on.
"""
from __future__ import annotations

import posixpath
import xml.etree.ElementTree as etree

from markdown import Extension, Markdown
from markdown.treeprocessors import Treeprocessor
from markdown.util import AtomicString

from .glossary import TermMatcher

SKIPPED_TAGS = frozenset({
    "h1", "h2", "h3", "h4", "h5", "h6", "a", "abbr", "code", "pre", "kbd", "samp", "script", "style",
    "button", "th", "summary", "label", "svg", "math", "dfn", "caption", "option", "textarea",
})
SKIPPED_CLASSES = frozenset({"admonition-title", "atlas-no-tooltips", "headerlink"})
# A term gets no tooltip inside a row, list item or paragraph that already
# links to the page explaining it (an alias beside its technique's link in an index).
CONTAINERS = frozenset({"p", "li", "tr", "dt", "dd"})


class Page:
    """What the extension needs to know about the page being converted."""

    def __init__(self, src: str = "", matcher: TermMatcher | None = None, enabled: bool = True):
        self.src = src  # source path, e.g. techniques/kneading.md
        self.matcher = matcher
        self.enabled = enabled


class GlossaryTooltips(Extension):
    """Register with ``md.registerExtensions([GlossaryTooltips()])``; set :attr:`page` before each page."""

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.page = Page()

    def extendMarkdown(self, md: Markdown) -> None:
        # Priority 4: after inline parsing (20), attr_list (8) and the table of contents (5).
        md.treeprocessors.register(TermMarker(md, self), "atlas_glossary_tooltips", 4)


class TermMarker(Treeprocessor):
    def __init__(self, md: Markdown, extension: GlossaryTooltips):
        super().__init__(md)
        self.extension = extension

    def run(self, root: etree.Element) -> None:
        page = self.extension.page
        if not page.enabled or page.matcher is None:
            return
        self.page = page
        self.seen: set[str] = set()  # term ids marked in the current section
        self._walk(root, top=True)

    def _skipped(self, el: etree.Element) -> bool:
        classes = set((el.get("class") or "").split())
        return el.tag in SKIPPED_TAGS or bool(classes & SKIPPED_CLASSES)

    def _linked_pages(self, el: etree.Element) -> set[str]:
        """Source paths that links inside ``el`` point to (MkDocs rewrites them to URLs later)."""
        here = posixpath.dirname(self.page.src)
        return {posixpath.normpath(posixpath.join(here, a.get("href", "").split("#")[0]))
                for a in el.iter("a") if a.get("href", "").split("#")[0].endswith(".md")}

    def _walk(self, el: etree.Element, top: bool = False, linked: frozenset[str] = frozenset()) -> None:
        if el.tag in CONTAINERS:
            linked = linked | self._linked_pages(el)
        if el.text and not isinstance(el.text, AtomicString):
            el.text, marks = self._mark(el.text, linked)
            for i, mark in enumerate(marks):
                el.insert(i, mark)
        for child in list(el):
            if top and child.tag == "h2":
                self.seen.clear()
            if not self._skipped(child):
                self._walk(child, linked=linked)
            if child.tail and not isinstance(child.tail, AtomicString):
                child.tail, marks = self._mark(child.tail, linked)
                index = list(el).index(child) + 1
                for i, mark in enumerate(marks):
                    el.insert(index + i, mark)

    def _mark(self, text: str, linked: frozenset[str]) -> tuple[str, list[etree.Element]]:
        """Split ``text`` into the text before the first term and <abbr> elements (with tails)."""
        marks: list[etree.Element] = []
        head, position = text, 0
        for match in self.page.matcher.find(text):
            term = match.term
            if (term.id in self.seen or term.related in linked
                    or not self.page.matcher.applies_on(term, self.page.src)):
                continue
            self.seen.add(term.id)
            abbr = etree.Element("abbr", {"title": match.tooltip, "tabindex": "0",
                                          "class": "atlas-term", "data-term": term.id})
            abbr.text = AtomicString(text[match.start:match.end])
            if marks:
                marks[-1].tail = text[position:match.start]
            else:
                head = text[:match.start]
            marks.append(abbr)
            position = match.end
        if marks:
            marks[-1].tail = text[position:]
        return head, marks
