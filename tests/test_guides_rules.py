"""Guides as data, without MkDocs: rule codes with file and field, the
derived "used in" back-links, and the real guides' shape."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml

from conftest import FIXTURES, PROJECT
from macros.atlas.catalog import load_atlas
from macros.atlas.guides import StepRef
from macros.atlas.problems import DataError

# Mistakes in guides that existing rules already name (one fixture per code
# stays in tests/fixtures/invalid; these show the same codes fire for guides).
# folder -> (file, field path) the single problem must point at.
GUIDE_CASES = {
    "MTA101-step-without-action": ("data/guides/first-guide.yml", "steps[0].action"),
    "MTA103-guide-without-steps": ("data/guides/first-guide.yml", "steps"),
    "MTA201-guide-id-mismatch": ("data/guides/third-guide.yml", "id"),
    "MTA202-duplicate-guide-id": ("data/guides/second-guide.yml", "id"),
    "MTA202-duplicate-variant-id": ("data/guides/first-guide.yml", "variants[1].id"),
    "MTA203-unknown-step-technique": ("data/guides/first-guide.yml", "steps[1].technique"),
    "MTA206-unknown-step-region": ("data/guides/first-guide.yml", "steps[0].avoid[0]"),
    "MTA206-unknown-direction-region": ("data/guides/first-guide.yml", "steps[0].direction.from"),
    "MTA209-repeated-step-region": ("data/guides/first-guide.yml", "steps[0].regions[1]"),
    "MTA402-advice-step-with-pressure": ("data/guides/second-guide.yml", "steps[0]"),
}
# The guide rules' own fixtures in tests/fixtures/invalid, and where they point.
GUIDE_RULE_FIELDS = {
    "MTA401": "steps[1]",
    "MTA402": "steps[1]",
    "MTA403": "steps[0].hand_parts[1]",
    "MTA404": "steps[0].pressure",
    "MTA405": "steps[0].regions[1]",
    "MTA406": "steps[0].avoid[0]",
    "MTA407": "steps[1].direction.movement",
    "MTA408": "steps[0].direction",
}


def overlay(fixture: Path, tmp_path: Path) -> Path:
    data = tmp_path / "data"
    shutil.copytree(FIXTURES / "valid", data)
    shutil.copytree(fixture, data, dirs_exist_ok=True)
    return data


def only_problem(data: Path, root: Path):
    with pytest.raises(DataError) as caught:
        load_atlas(data, root)
    problems = caught.value.problems
    assert len(problems) == 1, str(caught.value)
    return problems[0]


def test_every_guide_case_folder_is_listed():
    assert {p.name for p in (FIXTURES / "guide-cases").iterdir()} == set(GUIDE_CASES)


@pytest.mark.parametrize("case", sorted(GUIDE_CASES))
def test_guide_mistakes_raise_the_shared_code_at_the_field(case, tmp_path):
    problem = only_problem(overlay(FIXTURES / "guide-cases" / case, tmp_path), tmp_path)
    assert problem.code == case.split("-", 1)[0]
    assert (problem.file, problem.field) == GUIDE_CASES[case]
    assert problem.line is not None


@pytest.mark.parametrize("code", sorted(GUIDE_RULE_FIELDS))
def test_guide_rule_fixtures_point_at_the_step_field(code, tmp_path):
    (fixture,) = (FIXTURES / "invalid").glob(f"{code}-*")
    problem = only_problem(overlay(fixture, tmp_path), tmp_path)
    assert (problem.code, problem.file, problem.field) == (code, "data/guides/first-guide.yml", GUIDE_RULE_FIELDS[code])
    # the line points into the step, not at the top of the file
    assert problem.line > 15


def test_unknown_step_technique_message_names_the_id(tmp_path):
    problem = only_problem(overlay(FIXTURES / "guide-cases" / "MTA203-unknown-step-technique", tmp_path), tmp_path)
    assert "`gamma`" in str(problem) and "data/guides/first-guide.yml:" in str(problem)


def expected_used_in(data_dir: Path) -> dict[str, set[tuple[str, str]]]:
    """(guide id, anchor) pairs per technique, read straight from the YAML."""
    expected: dict[str, set[tuple[str, str]]] = {}
    for path in sorted((data_dir / "guides").glob("*.yml")):
        guide = yaml.safe_load(path.read_text())
        lists = [("step-", guide["steps"])]
        lists += [(f"variant-{v['id']}-step-", v["steps"]) for v in guide.get("variants", [])]
        for prefix, steps in lists:
            for n, step in enumerate(steps, start=1):
                if step.get("technique"):
                    expected.setdefault(step["technique"], set()).add((guide["id"], f"{prefix}{n}"))
    return expected


@pytest.mark.parametrize("data_dir", [FIXTURES / "valid", PROJECT / "data"], ids=["fixture", "real"])
def test_used_in_mirrors_every_step(data_dir):
    atlas = load_atlas(data_dir, data_dir.parent)
    expected = expected_used_in(data_dir)
    got = {tid: {(ref.guide, ref.anchor) for ref in refs} for tid, refs in atlas.used_in.items() if refs}
    assert got == expected
    # every technique has an entry, used or not, and the order is guide order then step order
    assert set(atlas.used_in) == set(atlas.techniques)
    guide_order = list(atlas.guides)
    for refs in atlas.used_in.values():
        keys = [(guide_order.index(r.guide), r.variant is not None, r.variant or "", r.number) for r in refs]
        assert keys == sorted(keys)


def test_fixture_used_in_and_guide_techniques():
    atlas = load_atlas(FIXTURES / "valid")
    assert atlas.used_in["kappa"] == (StepRef("first-guide", None, 1), StepRef("first-guide", "other-way", 1))
    assert atlas.used_in["beta"] == (StepRef("first-guide", None, 2),)
    assert atlas.used_in["alpha"] == ()
    assert atlas.guide_techniques == {"first-guide": ("kappa", "beta"), "second-guide": ()}
    assert atlas.guide_files["second-guide"].endswith("valid/guides/second-guide.yml")


def test_step_anchors():
    assert StepRef("g", None, 3).anchor == "step-3"
    assert StepRef("g", "brush", 2).anchor == "variant-brush-step-2"


def test_guides_are_ordered_by_audience_then_title():
    atlas = load_atlas(PROJECT / "data", PROJECT)
    order = ("self", "partner", "professional")
    keys = [(order.index(g.audience), g.title.casefold()) for g in atlas.guides.values()]
    assert keys == sorted(keys)


def test_real_guides_are_the_six_of_the_brief():
    atlas = load_atlas(PROJECT / "data", PROJECT)
    assert set(atlas.guides) == {
        "self-neck-massage", "partner-neck-massage", "back-massage-for-fatigue",
        "basic-back-massage", "back-self-massage-with-tools", "preparing-for-a-massage",
    }
    assert len(atlas.guides["back-massage-for-fatigue"].steps) == 14
    assert [v.id for v in atlas.guides["self-neck-massage"].variants] == ["brush"]
    tools = set(atlas.guide_techniques["back-self-massage-with-tools"])
    assert {"ball-massage", "foam-rolling", "handheld-massager"} <= tools


def test_real_guides_keep_the_seed_cautions():
    """No strong pressure over the kidneys, pain means stop, never on the spine, keep warm."""
    atlas = load_atlas(PROJECT / "data", PROJECT)
    for gid in ("back-massage-for-fatigue", "basic-back-massage"):
        guide = atlas.guides[gid]
        avoided = {r for step in guide.steps for r in step.avoid}
        assert {"spine", "kidney-area"} <= avoided, gid
        # every tapping step keeps off the spine and the kidney area
        for step in guide.steps:
            if step.technique == "tapotement":
                assert {"spine", "kidney-area"} <= set(step.avoid), (gid, step.title)
        assert any("warm" in line for line in guide.aftercare), gid
        assert any("pain" in line.lower() for line in guide.safety.stop_if), gid
        mistakes = " ".join(guide.common_mistakes).lower()
        assert "rushing" in mistakes, gid
        assert "too hard" in mistakes or "too much pressure" in mistakes, gid
        assert "not asking" in mistakes or "not talking" in mistakes, gid


def test_guide_files_link_their_schema():
    for path in (PROJECT / "data" / "guides").glob("*.yml"):
        assert path.read_text().startswith("# yaml-language-server: $schema=../schema/guide.schema.json\n"), path
    assert (PROJECT / "data" / "schema" / "guide.schema.json").exists()
