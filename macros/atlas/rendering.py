"""Turn the atlas into page content (Markdown with a little HTML) through
Jinja templates in overrides/partials/atlas. Knows nothing of MkDocs: it is
given the atlas, the current page's source path and the template folder."""
from __future__ import annotations

import posixpath
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape

from .catalog import Atlas
from .facets import facet_src
from .figures import fmt, technique_map
from .guides import guide_src
from .problems import RULES
from .models import FAMILY_LABELS, PACE_ORDER, PRESSURE_ORDER, SESSION_ORDER, KINDS, Model, Technique
from .urls import absolute_url, embed_src, href, url_of


def technique_src(technique_id: str) -> str:
    """Source path of a technique page; its URL is /techniques/<id>/."""
    return f"techniques/{technique_id}.md"


def link(from_src: str, to_src: str) -> str:
    """Relative Markdown link target, so MkDocs validates it and rewrites it to a URL."""
    return posixpath.relpath(to_src, posixpath.dirname(from_src) or ".")


def ordered(values, order: tuple[str, ...]) -> list[str]:
    return sorted(values, key=order.index)


def span(values, order: tuple[str, ...]) -> str:
    """['firm', 'moderate'] -> 'moderate to firm'"""
    values = ordered(values, order)
    return values[0] if len(values) == 1 else f"{values[0]} to {values[-1]}"


def sentence(text: str) -> str:
    """Upper-case the first letter only (Jinja's capitalize lowers the rest)."""
    return text[:1].upper() + text[1:]


# What may close a sentence, and what may follow its last mark (“…skin.”, “(…).”).
SENTENCE_END = ".!?…"
AFTER_SENTENCE_END = "”’\"')]*_"


def full_stop(text: str) -> str:
    """End `text` as a sentence: add a full stop unless it already ends in one
    (or in ! ? …, before any closing quote, bracket or Markdown emphasis), so
    data that is written as a sentence and data that is not both read right."""
    text = str(text).rstrip()
    if not text:
        return text
    return text if text.rstrip(AFTER_SENTENCE_END)[-1:] in tuple(SENTENCE_END) else text + "."


def cell(text: str) -> str:
    """Make text safe inside a Markdown table cell."""
    return str(text).replace("|", "\\|").replace("\n", " ")


def reference_text(ref) -> str:
    """A reference as Markdown: authors (year). *Title*. Container. The title is
    the cited work's own words, so it gets no glossary tooltips (the class
    atlas-no-tooltips, set by attr_list before the glossary extension runs)."""
    parts = [ref.authors + (f" ({ref.year})" if ref.year else "") + ".",
             f"*{ref.title}*{{: .atlas-no-tooltips }}."]
    if ref.container:
        parts.append(ref.container + ".")
    return " ".join(parts)


def reference_links(ref) -> list[tuple[str, str]]:
    """(label, href) pairs; DOIs always as https://doi.org/ links."""
    out = []
    if ref.doi:
        out.append((f"doi:{ref.doi}", f"https://doi.org/{ref.doi}"))
    if ref.pmid:
        out.append((f"PMID {ref.pmid}", f"https://pubmed.ncbi.nlm.nih.gov/{ref.pmid}/"))
    if ref.pmcid:
        out.append((ref.pmcid, f"https://www.ncbi.nlm.nih.gov/pmc/articles/{ref.pmcid}/"))
    if ref.url:
        out.append(("web page", ref.url))
    return out


class Renderer:
    def __init__(self, template_dir: Path | str, site_url: str | None = None):
        """``site_url``: the deployed address (SITE_URL), for absolute URLs; None when unknown."""
        self.env = Environment(
            loader=FileSystemLoader(str(template_dir)),
            autoescape=select_autoescape(default=True, default_for_string=True),
            undefined=StrictUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
            keep_trailing_newline=True,
        )
        self.env.filters.update(cell=cell, sentence=sentence, full_stop=full_stop, span=span, ordered=ordered, coord=fmt)
        self.env.globals.update(
            FAMILY_LABELS=FAMILY_LABELS, PRESSURE_ORDER=PRESSURE_ORDER, PACE_ORDER=PACE_ORDER,
            SESSION_ORDER=SESSION_ORDER, reference_text=reference_text, reference_links=reference_links,
            link=link, url_of=url_of, embed_src=embed_src, href=href, facet_src=facet_src,
            absolute_url=lambda url: absolute_url(site_url, url),
        )

    def render(self, template: str, **context) -> str:
        return self.env.get_template(template).render(**context)

    def technique_page(self, atlas: Atlas, technique_id: str, page_src: str) -> str:
        # Imported here because evidence_views builds on this module.
        from .evidence_views import technique_claims

        from .study.render import technique_study  # late: study builds on this module
        technique = atlas.technique(technique_id)
        related = [(atlas.techniques[r], link(page_src, technique_src(r))) for r in atlas.related[technique.id]]
        return self.render(
            "technique-page.html",
            t=technique,
            page_src=page_src,
            regions=[atlas.regions[r] for r in technique.regions],
            body_map=technique_map(atlas, technique),
            all_regions=atlas.regions,
            related=related,
            references=[atlas.references[s] for s in technique.sources],
            used_in=used_in_links(atlas, technique.id, page_src),
            # The whole atlas, for features' partials at their slots.
            atlas=atlas,
            claims=technique_claims(atlas, technique.id, page_src),
            study=technique_study(atlas, technique.id, page_src),
        )

    def technique_index(self, atlas: Atlas, page_src: str) -> str:
        rows = [(t, link(page_src, technique_src(t.id))) for t in atlas.techniques.values()]
        return self.render("technique-index.html", rows=rows)

    def rule_reference(self) -> str:
        return self.render("rule-reference.html", rules=list(RULES.values()))

    def field_reference(self, kind: str) -> str:
        return self.render("field-reference.html", fields=describe_fields(KINDS[kind]))


def used_in_links(atlas: Atlas, technique_id: str, page_src: str) -> list[tuple]:
    """The guide steps that use a technique, grouped by guide:
    [(guide, guide link, [(step, step label, step link), ...]), ...]."""
    groups: dict[str, list] = {}
    for ref in atlas.used_in.get(technique_id, ()):
        guide = atlas.guides[ref.guide]
        href = link(page_src, guide_src(guide.id))
        if ref.variant is None:
            step, label = guide.steps[ref.number - 1], f"Step {ref.number}"
        else:
            variant = next(v for v in guide.variants if v.id == ref.variant)
            step, label = variant.steps[ref.number - 1], f"{variant.title}, step {ref.number}"
        groups.setdefault(guide.id, []).append((step, label, f"{href}#{ref.anchor}"))
    return [(atlas.guides[g], link(page_src, guide_src(g)), steps) for g, steps in groups.items()]


def describe_fields(model: type[Model], prefix: str = "") -> list[dict]:
    """Rows for the contributor field reference, generated from the model."""
    schema = model.model_json_schema()
    defs = schema.get("$defs", {})
    rows = []
    for field_name, info in model.model_fields.items():
        name = info.alias or field_name  # authors write the alias, e.g. `from`
        prop = schema["properties"][name]
        allowed = _allowed(prop, defs)
        rows.append({
            "name": prefix + name,
            "required": info.is_required(),
            "type": _type_name(prop, defs),
            "allowed": allowed,
            "description": info.description or "",
        })
        nested = _nested_model(info.annotation)
        if nested:
            rows += describe_fields(nested, prefix=f"{prefix}{name}{'[]' if 'array' in _types(prop) else ''}.")
    return rows


def _nested_model(annotation):
    args = getattr(annotation, "__args__", ()) or ()
    for candidate in (annotation, *args):
        if isinstance(candidate, type) and issubclass(candidate, Model):
            return candidate
    return None


def _resolve(prop: dict, defs: dict) -> dict:
    if "$ref" in prop:
        return defs[prop["$ref"].split("/")[-1]]
    return prop


def _types(prop: dict) -> set[str]:
    if "anyOf" in prop:
        return {t for p in prop["anyOf"] for t in _types(p)}
    return {prop.get("type", "object")}


def _type_name(prop: dict, defs: dict) -> str:
    if "anyOf" in prop:
        return " or ".join(_type_name(p, defs) for p in prop["anyOf"] if p.get("type") != "null")
    prop = _resolve(prop, defs)
    kind = prop.get("type", "object")
    if kind == "array" and "prefixItems" in prop:  # a tuple, e.g. a point [x, y]
        return "[" + ", ".join(_type_name(p, defs) for p in prop["prefixItems"]) + "]"
    if kind == "array":
        return f"list of {_type_name(prop.get('items', {}), defs)}"
    if "enum" in prop or "const" in prop:
        return "one of the allowed values"
    return {"string": "text", "integer": "whole number", "boolean": "true or false", "object": "mapping"}.get(kind, kind)


def _allowed(prop: dict, defs: dict) -> list[str]:
    prop = _resolve(prop, defs)
    if "anyOf" in prop:
        return [v for p in prop["anyOf"] for v in _allowed(p, defs)]
    if prop.get("type") == "array":
        return _allowed(prop.get("items", {}), defs)
    return [str(v) for v in prop.get("enum", [])]
