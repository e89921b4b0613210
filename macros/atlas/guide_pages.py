"""Guide pages and the guides index, rendered through the Jinja partials
guide-page.html and guide-index.html. Knows nothing of MkDocs: it is given the
atlas and the current page's source path."""
from __future__ import annotations

from .catalog import Atlas
from .evidence_views import claim_view
from .figures import page_drawings
from .guide_evidence import GUIDE_EVIDENCE_ANCHOR, claim_lists
from .guides import guide_src, step_figure, steps_of
from .models import AUDIENCE_LABELS, AUDIENCE_ORDER
from .rendering import Renderer, link, technique_src
from .urls import url_of


def guide_page(renderer: Renderer, atlas: Atlas, guide_id: str, page_src: str) -> str:
    """The body of one guide page, as Markdown."""
    guide = atlas.guide(guide_id)
    # (technique, link from this page, its site-relative URL for the printed address)
    techniques = {
        tid: (atlas.techniques[tid], link(page_src, technique_src(tid)), url_of(technique_src(tid)))
        for tid in atlas.guide_techniques[guide.id]
    }
    # One diagram per hands-on step (rule MTA408 has checked they can be drawn).
    diagrams = {
        ref.anchor: step_figure(atlas, step, f"diagram-{ref.anchor}")
        for ref, step, _ in steps_of(guide) if step.technique is not None
    }
    steps = [(ref, step) for ref, step, _ in steps_of(guide) if ref.variant is None]
    variants = [
        (variant, [(ref, step) for ref, step, _ in steps_of(guide) if ref.variant == variant.id])
        for variant in guide.variants
    ]
    # Claims the guide or a step names, as ClaimViews: "guide" for the box after
    # the introduction, else the step's anchor.
    evidence = {
        (mention.anchor if mention.step else "guide"): [claim_view(atlas, c, page_src) for c in ids]
        for mention, ids, _ in claim_lists(guide) if ids
    }
    return renderer.render(
        "guide-page.html",
        g=guide,
        evidence=evidence,
        evidence_anchor=GUIDE_EVIDENCE_ANCHOR,
        steps=steps,
        variants=variants,
        techniques=techniques,
        regions=atlas.regions,
        all_regions=atlas.regions,
        diagrams=diagrams,
        drawings=page_drawings(diagrams.values()),
        page_src=page_src,
        AUDIENCE_LABELS=AUDIENCE_LABELS,
    )


def guide_index(renderer: Renderer, atlas: Atlas, page_src: str) -> str:
    """Every guide, grouped by who it is for, linked to its page."""
    groups = [
        (audience, [(g, link(page_src, guide_src(g.id))) for g in atlas.guides.values() if g.audience == audience])
        for audience in AUDIENCE_ORDER
    ]
    return renderer.render("guide-index.html", groups=[(a, rows) for a, rows in groups if rows],
                           AUDIENCE_LABELS=AUDIENCE_LABELS)
