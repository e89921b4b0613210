"""Data rules, without MkDocs: one invalid fixture per rule code raises exactly that code."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from conftest import FIXTURES, PROJECT
from macros.atlas.catalog import load_atlas
from macros.atlas.problems import RULES, DataError

INVALID = sorted(p for p in (FIXTURES / "invalid").iterdir() if p.is_dir())


def overlay(fixture: Path, tmp_path: Path) -> Path:
    data = tmp_path / "data"
    shutil.copytree(FIXTURES / "valid", data)
    shutil.copytree(fixture, data, dirs_exist_ok=True)
    return data


def test_valid_fixture_and_real_data_load():
    assert set(load_atlas(FIXTURES / "valid").techniques) == {"alpha", "beta", "kappa"}
    atlas = load_atlas(PROJECT / "data", PROJECT)
    assert {"stroking", "rubbing", "kneading", "effleurage", "vibration", "tapotement", "cupping"} <= set(atlas.techniques)


def test_every_rule_has_exactly_one_fixture():
    codes = [p.name.split("-", 1)[0] for p in INVALID]
    assert sorted(codes) == sorted(RULES), "each rule code needs one fixture folder named <code>-<name>"
    for p in INVALID:
        code, name = p.name.split("-", 1)
        assert RULES[code].name == name


@pytest.mark.parametrize("fixture", INVALID, ids=[p.name for p in INVALID])
def test_fixture_raises_exactly_its_code(fixture, tmp_path):
    expected = fixture.name.split("-", 1)[0]
    with pytest.raises(DataError) as caught:
        load_atlas(overlay(fixture, tmp_path), tmp_path)
    assert caught.value.codes == {expected}, str(caught.value)
    for problem in caught.value.problems:
        # every message names the file (relative to the project) and the rule
        assert problem.file.startswith("data/"), problem
        assert f"{problem.code} {RULES[problem.code].name}" in str(problem)


def test_messages_name_file_field_and_line(tmp_path):
    data = overlay(FIXTURES / "invalid" / "MTA203-unknown-technique", tmp_path)
    with pytest.raises(DataError) as caught:
        load_atlas(data, tmp_path)
    text = str(caught.value)
    assert "data/techniques/beta.yml:" in text
    assert "related[0]" in text and "gamma" in text


def test_missing_field_names_the_field(tmp_path):
    with pytest.raises(DataError) as caught:
        load_atlas(overlay(FIXTURES / "invalid" / "MTA101-missing-field", tmp_path), tmp_path)
    (problem,) = caught.value.problems
    assert (problem.file, problem.field) == ("data/techniques/alpha.yml", "summary")


def test_related_is_mirrored():
    atlas = load_atlas(FIXTURES / "valid")
    assert atlas.related == {"alpha": ("beta",), "beta": ("alpha",), "kappa": ()}


def test_data_files_link_their_schema():
    for path in (PROJECT / "data" / "techniques").glob("*.yml"):
        assert path.read_text().startswith("# yaml-language-server: $schema=../schema/technique.schema.json\n"), path


def test_committed_schemas_match_models():
    from macros.atlas.schema import SCHEMAS, schema_text
    for name, (model, is_list) in SCHEMAS.items():
        committed = (PROJECT / "data" / "schema" / name).read_text()
        assert committed == schema_text(model, is_list), f"{name} is stale: run `make schema`"


def test_contributing_lists_every_rule_and_field():
    from macros.atlas.models import Technique
    text = (PROJECT / "CONTRIBUTING.md").read_text()
    for rule in RULES.values():
        assert f"| {rule.code} | {rule.name} |" in text
    for name in Technique.model_fields:
        assert name in text
