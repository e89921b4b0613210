"""Evidence pages: the Claims section of a technique page, a page per benefit,
the evidence matrix, the bibliography and the label legend.

Each function gathers what a template needs, with every link already made
relative to the page being built (so MkDocs validates it), and renders a
partial under overrides/partials/atlas/evidence/. Like the rest of the core,
it knows nothing of MkDocs.

Where a claim lives: its canonical anchor ``#claim-<id>`` is on its benefit's
page (/benefits/<benefit>/), which shows every claim about that benefit. A
claim made for named techniques is shown in full on those techniques' pages
too, with the same anchor. A claim about massage in general is shown in full
only on its benefit page; technique pages list such claims in one collapsed
block, because whole-session evidence does not show what one stroke does.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from .catalog import Atlas
from .guides import guide_src
from .models import BENEFIT_GROUP_ORDER, LABEL_ORDER, Benefit, Claim, Reference, Technique
from .rendering import Renderer, link, reference_links, technique_src

BIBLIOGRAPHY_SRC = "evidence/bibliography.md"
MATRIX_SRC = "evidence/matrix.md"
METHODOLOGY_SRC = "evidence/methodology.md"
# One page lists the claims about whole sessions, so technique pages link to it
# instead of each repeating the same list (it was a quarter of their weight).
WHOLE_SESSIONS_SRC = "evidence/whole-sessions.md"

def benefit_src(benefit_id: str) -> str:
    """Source path of a benefit page; its URL is /benefits/<id>/."""
    return f"benefits/{benefit_id}.md"


def claim_anchor(claim_id: str) -> str:
    return f"claim-{claim_id}"


def reference_anchor(reference_id: str) -> str:
    return f"ref-{reference_id}"


# --- citations -------------------------------------------------------------------

_SURNAME_AND_INITIALS = re.compile(r"^(?P<surname>[A-Z][\w'’-]*(?: [a-z]+)*(?: [A-Z][\w'’-]+)*) [A-Z]{1,3}$")


def short_name(ref: Reference) -> str:
    """How a reference is named in running text: `Furlan 2015`, `NCCIH`,
    `Ingraham, "Toxins, Schmoxins!"` (the title tells one undated web page from another)."""
    first = ref.authors.split(",")[0].strip()
    bracket = re.search(r"\(([^)]+)\)", first)
    bare = re.sub(r"\s*\([^)]*\)", "", first).strip()
    match = _SURNAME_AND_INITIALS.match(bare)
    if match:
        name = match.group("surname")
    elif bracket:
        name = bracket.group(1)
    else:
        name = bare
    if ref.year:
        return f"{name} {ref.year}"
    if match:  # a person's undated web page
        return f"{name}, “{ref.title}”"
    return name


@dataclass(frozen=True)
class Cite:
    """One reference as a claim or the bibliography shows it."""

    ref: Reference
    name: str  # short name, e.g. Furlan 2015
    href: str  # to its bibliography entry
    links: list[tuple[str, str]]  # (label, url) for DOI, PubMed, PMC, web page


def cite(atlas: Atlas, ref_id: str, page_src: str) -> Cite:
    ref = atlas.references[ref_id]
    href = link(page_src, BIBLIOGRAPHY_SRC) + "#" + reference_anchor(ref_id)
    return Cite(ref, short_name(ref), href, [(_link_label(label), url) for label, url in reference_links(ref)])


def _link_label(label: str) -> str:
    # reference_links() spells DOIs out in full for the bibliography; in a claim's
    # source line "DOI" and "PubMed" are enough, the full text is one click away.
    if label.startswith("doi:"):
        return "DOI"
    if label.startswith("PMID"):
        return "PubMed"
    if label.startswith("PMC"):
        return "PMC"
    return label


# --- claims -------------------------------------------------------------------------

@dataclass(frozen=True)
class ClaimView:
    claim: Claim
    benefit: Benefit
    benefit_href: str
    techniques: list[tuple[Technique, str]]  # (technique, link to its page)
    cites: list[Cite]
    href: str  # its canonical place: the benefit page's anchor
    anchor: str
    mentions: list[tuple[str, str]] = field(default_factory=list)  # (text, link): guides that name it


def mention_links(atlas: Atlas, claim_id: str, page_src: str) -> list[tuple[str, str]]:
    """(text, link) for each place a guide names the claim (Atlas.claim_mentions):
    the guide's evidence box, or the step, e.g. `Neck massage for a partner, step 3`."""
    links = []
    for mention in atlas.claim_mentions.get(claim_id, ()):
        guide = atlas.guides[mention.guide]
        text = guide.title
        if mention.step is not None:
            variant = next((v.title for v in guide.variants if v.id == mention.step.variant), None)
            text = ", ".join(filter(None, [guide.title, variant, f"step {mention.step.number}"]))
        links.append((text, f"{link(page_src, guide_src(guide.id))}#{mention.anchor}"))
    return links


def claim_view(atlas: Atlas, claim_id: str, page_src: str) -> ClaimView:
    claim = atlas.claims[claim_id]
    benefit_href = link(page_src, benefit_src(claim.benefit))
    return ClaimView(
        claim=claim,
        benefit=atlas.benefits[claim.benefit],
        benefit_href=benefit_href,
        techniques=[(atlas.techniques[t], link(page_src, technique_src(t))) for t in claim.techniques or []],
        cites=[cite(atlas, r, page_src) for r in claim.references],
        href=f"{benefit_href}#{claim_anchor(claim_id)}",
        anchor=claim_anchor(claim_id),
        mentions=mention_links(atlas, claim_id, page_src),
    )


def technique_claims(atlas: Atlas, technique_id: str, page_src: str) -> dict:
    """Context for the Claims section of a technique page (technique-page.html's claims slot)."""
    return {
        "own": [claim_view(atlas, c, page_src) for c in atlas.claims_by_technique.get(technique_id, ())],
        "general_count": len(atlas.general_claims),
        "whole_sessions_href": link(page_src, WHOLE_SESSIONS_SRC),
        "methodology_href": link(page_src, METHODOLOGY_SRC),
        "matrix_href": link(page_src, MATRIX_SRC),
    }


# --- matrix ---------------------------------------------------------------------------

GENERAL_COLUMN = "massage in general"


def matrix_cells(atlas: Atlas) -> dict[tuple[str, str], list[str]]:
    """(benefit id, technique id or GENERAL_COLUMN) -> claim ids, as the matrix shows them."""
    cells: dict[tuple[str, str], list[str]] = {}
    for claim in atlas.claims.values():
        columns = [GENERAL_COLUMN] if claim.massage_in_general else list(claim.techniques or [])
        for column in columns:
            cells.setdefault((claim.benefit, column), []).append(claim.id)
    return cells


def grouped_benefits(atlas: Atlas) -> list[tuple[str, list[Benefit]]]:
    groups = []
    for group in BENEFIT_GROUP_ORDER:
        members = [b for b in atlas.benefits.values() if b.group == group]
        if members:
            groups.append((group, members))
    return groups


# --- rendering --------------------------------------------------------------------------

class EvidencePages:
    """Renders the evidence pages through the shared Renderer's templates."""

    def __init__(self, renderer: Renderer):
        self.renderer = renderer

    def render(self, template: str, **context) -> str:
        return self.renderer.render(f"evidence/{template}", **context)

    def benefit_page(self, atlas: Atlas, benefit_id: str, page_src: str) -> str:
        if benefit_id not in atlas.benefits:
            raise KeyError(f"Unknown benefit id `{benefit_id}`. Known ids: {', '.join(atlas.benefits)}.")
        views = [claim_view(atlas, c, page_src) for c in atlas.claims_by_benefit[benefit_id]]
        return self.render(
            "benefit-page.html",
            benefit=atlas.benefits[benefit_id],
            general=[v for v in views if v.claim.massage_in_general],
            specific=[v for v in views if not v.claim.massage_in_general],
            matrix_href=link(page_src, MATRIX_SRC) + f"#benefit-{benefit_id}",
            methodology_href=link(page_src, METHODOLOGY_SRC),
        )

    def whole_session_claims(self, atlas: Atlas, page_src: str) -> str:
        """Every claim about massage sessions in general, by benefit group, one line each."""
        groups = []
        for group, benefits in grouped_benefits(atlas):
            views = [claim_view(atlas, c, page_src) for b in benefits for c in atlas.claims_by_benefit[b.id]
                     if atlas.claims[c].massage_in_general]
            if views:
                groups.append((group, views))
        return self.render("whole-sessions.html", groups=groups)

    def benefit_index(self, atlas: Atlas, page_src: str) -> str:
        rows = []
        for group, benefits in grouped_benefits(atlas):
            items = []
            for b in benefits:
                claims = [atlas.claims[c] for c in atlas.claims_by_benefit[b.id]]
                counts = {label: sum(c.label == label for c in claims) for label in LABEL_ORDER}
                items.append((b, link(page_src, benefit_src(b.id)), counts))
            rows.append((group, items))
        return self.render("benefit-index.html", groups=rows)

    def matrix(self, atlas: Atlas, page_src: str) -> str:
        cells = matrix_cells(atlas)
        columns = [(GENERAL_COLUMN, "Massage in general", None)] + [
            (t.id, t.name, link(page_src, technique_src(t.id))) for t in atlas.techniques.values()]
        groups = []
        for group, benefits in grouped_benefits(atlas):
            rows = []
            for b in benefits:
                row = []
                for column, _name, _href in columns:
                    views = []
                    for claim_id in cells.get((b.id, column), []):
                        view = claim_view(atlas, claim_id, page_src)
                        # Technique cells link to the claim on that technique's page.
                        href = view.href if column == GENERAL_COLUMN else (
                            link(page_src, technique_src(column)) + "#" + view.anchor)
                        views.append((view, href))
                    row.append(views)
                rows.append((b, link(page_src, benefit_src(b.id)), row))
            groups.append((group, rows))
        return self.render("matrix.html", columns=columns, groups=groups,
                           methodology_href=link(page_src, METHODOLOGY_SRC))

    def bibliography(self, atlas: Atlas, page_src: str) -> str:
        entries = []
        for ref in sorted(atlas.references.values(), key=lambda r: (short_name(r).casefold(), r.id)):
            cited_by = []
            for citation in atlas.cited_by.get(ref.id, ()):
                cited_by.append(self._citer_link(atlas, citation, page_src))
            entries.append((ref, cite(atlas, ref.id, page_src), reference_anchor(ref.id), _unique(cited_by)))
        return self.render("bibliography.html", entries=entries)

    def legend(self) -> str:
        return self.render("legend.html")

    @staticmethod
    def _citer_link(atlas: Atlas, citation, page_src: str) -> tuple[str, str, str]:
        """(kind, text, href) for one "cited by" link. A feature that registers a
        new citer kind adds its case here, so its pages are linked back too."""
        if citation.kind == "claim":
            claim = atlas.claims[citation.owner]
            href = link(page_src, benefit_src(claim.benefit)) + "#" + claim_anchor(claim.id)
            return ("claim", claim.statement, href)
        if citation.kind == "technique":
            technique = atlas.techniques[citation.owner]
            return ("technique", technique.name, link(page_src, technique_src(technique.id)) + "#sources")
        if citation.kind == "exam map" and atlas.exam_map:
            from .study.terms import EXAM_MAP_SRC  # late: study builds on the rendering this module uses
            return ("exam map", f"{atlas.exam_map.exam} exam map", link(page_src, EXAM_MAP_SRC) + "#sources")
        raise ValueError(f"The bibliography does not know how to link back to a `{citation.kind}`; "
                         f"add it to EvidencePages._citer_link.")


def _unique(items: list) -> list:
    seen, out = set(), []
    for item in items:
        if item not in seen:
            seen.add(item)
            out.append(item)
    return out
