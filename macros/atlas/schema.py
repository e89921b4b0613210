"""JSON Schemas generated from the models, for editors (yaml-language-server)."""
from __future__ import annotations

import json
from pathlib import Path

from .models import Benefit, Claim, Comparison, ExamMap, Figure, GlossaryItem, Guide, Reference, Region, Technique

# file name in data/schema -> (model, whether the data file is a list of entries)
SCHEMAS = {
    "technique.schema.json": (Technique, False),
    "regions.schema.json": (Region, True),
    "references.schema.json": (Reference, True),
    "guide.schema.json": (Guide, False),
    "figure.schema.json": (Figure, False),
    "comparisons.schema.json": (Comparison, True),
    "glossary.schema.json": (GlossaryItem, True),
    "claim.schema.json": (Claim, False),
    "benefits.schema.json": (Benefit, True),
    "exam-map.schema.json": (ExamMap, False),
}


def schema_text(model, is_list: bool) -> str:
    schema = model.model_json_schema()
    if is_list:
        defs = schema.pop("$defs", {})
        schema = {"type": "array", "items": schema, **({"$defs": defs} if defs else {})}
    schema = {"$schema": "https://json-schema.org/draft/2020-12/schema", **schema}
    return json.dumps(schema, indent=2, ensure_ascii=False) + "\n"


def write_schemas(schema_dir: Path) -> list[Path]:
    schema_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for name, (model, is_list) in SCHEMAS.items():
        path = schema_dir / name
        path.write_text(schema_text(model, is_list), encoding="utf-8")
        written.append(path)
    return written
