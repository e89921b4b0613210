"""The JSON API, /api/v1/: the atlas's data as files that other sites can
reuse, each stating its version and the content licence, with a JSON Schema
generated from the models published beside it (/api/v1/schema/).

Pure: :func:`api_files` returns every file's text and writes nothing, so a
problem raises before the build writes a single file.

Field names are a contract with the sites that read these files:
``tests/contract/api-v1-fields.txt`` lists them and a test compares. A rename
or removal is a breaking change that needs /api/v2/; an addition is fine
(record it with `make contract`). Every field is always present (null when
empty), so a reader can rely on the keys.

To export another collection, register it once::

    register(Export("guides", "guide", GuideRecord, lambda atlas: [...], item_files=True))
"""
from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timezone

from pydantic import ConfigDict, Field, create_model

from .catalog import Atlas
from .guides import guide_src
from .evidence_views import benefit_src, claim_anchor
from .models import Benefit, Claim, Guide, Model, Reference, Region, Slug, Technique
from .urls import embed_src, entry_src, url_of

API_ROOT = "api/v1"
# The major number is in the URL; a minor bump adds fields, never renames or removes.
API_VERSION = "1.1"  # 1.1: claims.json, benefits.json, `claims` on techniques and guides
SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema"


class Record(Model):
    # Exported files always carry every key, so the published schema marks all as required.
    model_config = ConfigDict(json_schema_serialization_defaults_required=True, populate_by_name=True)


class Version(Record):
    """Which API and which data this file holds."""

    api: str = Field(description="API version: the major number is in the URL (/api/v1/); "
                                 "minor versions only add fields.")
    data: str = Field(description="Fingerprint of the exported data: the same data always gives the same value, "
                                  "so a changed value means the content changed.")
    date: str | None = Field(description="Date of the sources this export was built from (SOURCE_DATE_EPOCH, "
                                         "ISO 8601, UTC); null when the build was not given one.")


class Licence(Record):
    """The licence of the content and data (the code that builds the atlas is MIT-licensed)."""

    name: str = Field(description="Short name of the licence.")
    url: str = Field(description="The licence text.")
    attribution: str = Field(description="What reuse requires.")


LICENCE = Licence(
    name="CC BY 4.0",
    url="https://creativecommons.org/licenses/by/4.0/",
    attribution="Name the Massage Technique Atlas and link to the page you used.",
)


class Envelope(Record):
    """What every file of the API has besides its data."""

    schema_: str = Field(alias="$schema", description="This file's JSON Schema, relative to this file.")
    version: Version
    license: Licence
    site_url: str | None = Field(description="The atlas's address; every `path` is relative to it. "
                                             "Null when the build was not given one (SITE_URL).")


# --- records: what one entry looks like in the API --------------------------------

class TechniqueRecord(Technique, Record):
    """A technique as authored in data/techniques/<id>.yml, plus where it lives."""

    related: list[Slug] = Field(description="Ids of related techniques, both ways (a relation written in either "
                                            "file shows on both).")
    path: str = Field(description="Its page, relative to `site_url`: techniques/<id>/.")
    embed_path: str = Field(description="Its embeddable card, relative to `site_url`: embed/techniques/<id>/.")
    claims: list[Slug] = Field(description="Ids of the health claims made for this technique (claims.json). Claims about "
                                           "massage sessions in general are in claims.json too, with `massage_in_general: true`.")


class GuideRecord(Guide, Record):
    """A step-by-step guide as authored in data/guides/<id>.yml, plus where it lives.
    Step n of the guide is at `path` + `#step-<n>`."""

    path: str = Field(description="Its page, relative to `site_url`: guides/<id>/.")
    embed_path: str = Field(description="Its embeddable card, relative to `site_url`: embed/guides/<id>/.")


class ClaimRecord(Claim, Record):
    """A health claim as authored in data/claims/<id>.yml, labelled `traditional` or `evidence-backed`,
    plus where it is shown in full."""

    path: str = Field(description="Its full entry, relative to `site_url`: benefits/<benefit>/#claim-<id>. Claims made "
                                  "for a technique are also in full on its page, at techniques/<id>/#claim-<id>.")


class BenefitRecord(Benefit, Record):
    """A benefit that claims are about, as in data/benefits.yml; its page lists every claim about it."""

    path: str = Field(description="Its page, relative to `site_url`: benefits/<id>/.")


class ReferenceRecord(Reference, Record):
    """A verified published source, as in data/references.yml."""


class RegionRecord(Region, Record):
    """A body region that techniques name by id, as in data/regions.yml."""


def technique_records(atlas: Atlas) -> list[TechniqueRecord]:
    records = []
    for t in atlas.techniques.values():
        src = entry_src("techniques", t.id)
        records.append(TechniqueRecord(**{
            **dict(t), "related": list(atlas.related[t.id]),
            "path": url_of(src), "embed_path": url_of(embed_src(src)),
            "claims": list(atlas.claims_by_technique.get(t.id, ())),
        }))
    return records


def guide_records(atlas: Atlas) -> list[GuideRecord]:
    return [
        GuideRecord(**{**dict(g), "path": url_of(guide_src(g.id)), "embed_path": url_of(embed_src(guide_src(g.id)))})
        for g in atlas.guides.values()
    ]


# --- the export registry ------------------------------------------------------------

@dataclass(frozen=True)
class Export:
    """One collection of the API: /api/v1/<name>.json, and /api/v1/<name>/<id>.json per entry."""

    name: str  # file name and the key of its list, e.g. "techniques"
    item: str  # the key of the entry in a per-entry file, e.g. "technique"
    record: type[Record]
    records: Callable[[Atlas], list[Record]]
    item_files: bool = False
    what: str = ""  # one line for the For practices page


EXPORTS: dict[str, Export] = {}


def register(export: Export) -> Export:
    assert export.name not in EXPORTS, f"export `{export.name}` registered twice"
    EXPORTS[export.name] = export
    return export


register(Export("techniques", "technique", TechniqueRecord, technique_records, item_files=True,
                what="Every technique: what it is, how to perform it, safety, related techniques, sources."))
register(Export("guides", "guide", GuideRecord, guide_records, item_files=True,
                what="Every step-by-step guide: who it is for, what you need, each step with its technique, "
                     "pressure, regions and direction, and its safety notes."))
register(Export("claims", "claim", ClaimRecord,
                lambda atlas: [ClaimRecord(**dict(c), path=f"{url_of(benefit_src(c.benefit))}#{claim_anchor(c.id)}")
                               for c in atlas.claims.values()],
                what="Every health claim, labelled traditional or evidence-backed: its certainty or research "
                     "status, what was studied, its limits and the ids of the references it relies on."))
register(Export("benefits", "benefit", BenefitRecord,
                lambda atlas: [BenefitRecord(**dict(b), path=url_of(benefit_src(b.id))) for b in atlas.benefits.values()],
                what="The benefits that claims are about, such as low-back pain or sleep."))
register(Export("references", "reference", ReferenceRecord,
                lambda atlas: [ReferenceRecord(**dict(r)) for r in atlas.references.values()],
                what="The verified published sources that pages cite, with DOI or PubMed ids."))
register(Export("regions", "region", RegionRecord,
                lambda atlas: [RegionRecord(**dict(r)) for r in atlas.regions.values()],
                what="The body regions that techniques name by id."))


# --- files ------------------------------------------------------------------------------

def collection_path(export: Export) -> str:
    return f"{API_ROOT}/{export.name}.json"


def item_path(export: Export, entry_id: str) -> str:
    return f"{API_ROOT}/{export.name}/{entry_id}.json"


def schema_path(name: str) -> str:
    return f"{API_ROOT}/schema/{name}.schema.json"


def collection_model(export: Export) -> type[Envelope]:
    return create_model(f"{export.name.title()}File", __base__=Envelope, __doc__=(
        f"Massage Technique Atlas API v1, {export.name}.json. Content licensed CC BY 4.0."),
        **{export.name: (list[export.record], Field(description=f"Every entry, in the atlas's order."))})


def item_model(export: Export) -> type[Envelope]:
    return create_model(f"{export.item.title()}File", __base__=Envelope, __doc__=(
        f"Massage Technique Atlas API v1, {export.name}/<id>.json. Content licensed CC BY 4.0."),
        **{export.item: (export.record, Field(description=f"One {export.item}."))})


def published_schema(model: type[Envelope]) -> dict:
    """The JSON Schema of one kind of file, as published under /api/v1/schema/."""
    return {"$schema": SCHEMA_DIALECT, **model.model_json_schema(mode="serialization", by_alias=True)}


def _json(value) -> str:
    return json.dumps(value, indent=2, ensure_ascii=False) + "\n"


def fingerprint(records: dict[str, list[Record]]) -> str:
    """Same data, same fingerprint: independent of build time, machine and site_url."""
    payload = {name: [r.model_dump(mode="json", by_alias=True) for r in rs] for name, rs in records.items()}
    text = json.dumps(payload, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(text.encode()).hexdigest()[:16]


def source_date(epoch: str | None) -> str | None:
    """SOURCE_DATE_EPOCH (seconds) -> ISO 8601 UTC; None when unset or empty."""
    if not epoch:
        return None
    return datetime.fromtimestamp(int(epoch), tz=timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def api_files(atlas: Atlas, site_url: str | None, epoch: str | None = None) -> dict[str, str]:
    """Every file of the API, path in the site -> JSON text: collections, per-entry files
    (also under each old id, so a renamed entry's file keeps working) and schemas."""
    records = {name: export.records(atlas) for name, export in EXPORTS.items()}
    version = Version(api=API_VERSION, data=fingerprint(records), date=source_date(epoch))
    common = {"version": version, "license": LICENCE, "site_url": site_url or None}
    files: dict[str, str] = {}
    for name, export in EXPORTS.items():
        model = collection_model(export)
        files[schema_path(export.name)] = _json(published_schema(model))
        files[collection_path(export)] = _json(model(**{
            "$schema": f"schema/{export.name}.schema.json", **common, name: records[name],
        }).model_dump(mode="json", by_alias=True))
        if not export.item_files:
            continue
        model = item_model(export)
        files[schema_path(export.item)] = _json(published_schema(model))
        old_ids = {}
        for old, new in atlas.moved.get(name, {}).items():
            old_ids.setdefault(new, []).append(old)
        for record in records[name]:
            text = _json(model(**{
                "$schema": f"../schema/{export.item}.schema.json", **common, export.item: record,
            }).model_dump(mode="json", by_alias=True))
            for entry_id in [record.id, *old_ids.get(record.id, [])]:
                files[item_path(export, entry_id)] = text
    return files


def field_contract() -> list[str]:
    """Every field of every API file, one `<file>: <path>` line each, from the models."""
    lines = []
    for export in EXPORTS.values():
        files = [(f"{export.name}.json", collection_model(export))]
        if export.item_files:
            files.append((f"{export.name}/<id>.json", item_model(export)))
        for name, model in files:
            lines += [f"{name}: {path}" for path in field_paths(published_schema(model))]
    return lines


def field_paths(schema: dict) -> list[str]:
    """Every field name a file can hold, as dotted paths (`[]` marks a list), from its schema."""
    defs = schema.get("$defs", {})
    out: list[str] = []

    def walk(node: dict, prefix: str) -> None:
        if "$ref" in node:
            node = defs[node["$ref"].split("/")[-1]]
        for option in node.get("anyOf", []):
            walk(option, prefix)
        if node.get("type") == "array":
            walk(node.get("items", {}), prefix + "[]")
        for key, child in node.get("properties", {}).items():
            path = f"{prefix}.{key}" if prefix else key
            out.append(path)
            walk(child, path)

    walk(schema, "")
    return sorted(set(out))
