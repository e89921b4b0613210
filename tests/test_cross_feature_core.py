"""Where features meet, in the pure core (no MkDocs): redirects derived from
the page-set registry for every renamable id, the claims column of the
comparison table, guides on facet pages, and step diagrams that hatch what a
step keeps off."""
from __future__ import annotations

import shutil
from itertools import combinations

import pytest
import yaml

from conftest import FIXTURES, PROJECT
from macros.atlas import figures as F
from macros.atlas.catalog import load_atlas
from macros.atlas.compare_table import COLUMNS, table_rows
from macros.atlas.facets import facet_index
from macros.atlas.problems import DataError
from macros.atlas.redirects import redirect_files, redirects
from macros.atlas.rendering import Renderer
from macros.atlas.sitemap import GeneratedPage, generated_pages, keyed
from macros.atlas.urls import url_of

REAL = load_atlas(PROJECT / "data", PROJECT)
renderer = Renderer(PROJECT / "overrides" / "partials" / "atlas")


def fixture_data(tmp_path):
    data = tmp_path / "data"
    shutil.copytree(FIXTURES / "valid", data)
    return data


def add_old_ids(path, entry_id: str, old_ids: list[str]) -> None:
    """Give the entry `entry_id` of a data file (one entry, or a list of them) these old ids."""
    raw = yaml.safe_load(path.read_text())
    for entry in raw if isinstance(raw, list) else [raw]:
        if entry["id"] == entry_id:
            entry["old_ids"] = old_ids
    path.write_text(yaml.safe_dump(raw, sort_keys=False, allow_unicode=True))


def moved_pairs(atlas) -> set[tuple[str, str]]:
    return {(r.old, r.new) for r in redirects(atlas)}


# --- redirects: derived from the page sets, for every renamable collection ------------

# One entry of each renamable collection, renamed (old id -> new id).
RENAMES = {"techniques": ("stroking", "light-stroking"), "guides": ("basic-back-massage", "back-massage-basics"),
           "regions": ("lower-back", "low-back"), "benefits": ("pain-low-back", "low-back-pain")}


def replace_ids(value, old: str, new: str):
    """Every string in parsed YAML that is exactly ``old`` (an id reference), replaced by ``new``."""
    if isinstance(value, dict):
        return {k: replace_ids(v, old, new) for k, v in value.items()}
    if isinstance(value, list):
        return [replace_ids(v, old, new) for v in value]
    return new if value == old else value


def renamed_copy(tmp_path):
    """The real data with one entry of every renamable collection renamed as CONTRIBUTING.md
    says: new id, the old one in `old_ids`, every reference in other files updated."""
    data = tmp_path / "data"
    shutil.copytree(PROJECT / "data", data, ignore=shutil.ignore_patterns("schema"))
    shutil.copytree(PROJECT / "docs", tmp_path / "docs")  # pages that glossary terms point to
    for collection, (old, new) in RENAMES.items():
        own = data / collection / f"{old}.yml"  # one file per entry, or one entry of <collection>.yml
        if own.exists():
            own.rename(own.with_name(f"{new}.yml"))
        own_files = {data / collection / f"{new}.yml", data / f"{collection}.yml"}
        for path in data.rglob("*.yml"):
            raw = replace_ids(yaml.safe_load(path.read_text()), old, new)
            for entry in (raw if isinstance(raw, list) else [raw]):
                if path in own_files and entry.get("id") == new:
                    entry["old_ids"] = [old]
            path.write_text(yaml.safe_dump(raw, sort_keys=False, allow_unicode=True))
    return load_atlas(data, tmp_path)


def test_every_address_lost_by_a_rename_redirects_to_a_page_that_exists(tmp_path):
    """The guard behind generic redirects: rename one technique, guide, region and
    benefit, and every address the site had that is gone must redirect, whichever
    page set made it. A page set that builds its address from an id without
    declaring `keyed` fails here."""
    atlas = renamed_copy(tmp_path)
    assert {name: atlas.moved[name] for name in RENAMES} == {
        name: {old: new} for name, (old, new) in RENAMES.items()}
    before = {url_of(p.src) for p in generated_pages(REAL)}
    after = {url_of(p.src) for p in generated_pages(atlas)}
    lost = before - after
    moves = {r.old: r.new for r in redirects(atlas)}
    assert lost and lost <= set(moves), f"not redirected: {sorted(lost - set(moves))}"
    assert set(moves) <= lost  # nothing else
    assert set(moves.values()) <= after
    # the kinds of page this covers: every one the ids make
    assert {"techniques/stroking/", "embed/techniques/stroking/", "study/quiz/stroking/",
            "compare/stroking-vs-effleurage/", "compare/brush-massage-vs-stroking/",
            "guides/basic-back-massage/", "embed/guides/basic-back-massage/",
            "browse/region/lower-back/", "benefits/pain-low-back/"} <= set(moves)
    assert moves["compare/brush-massage-vs-stroking/"] == "compare/brush-massage-vs-light-stroking/"


def test_a_declared_route_must_make_the_pages_own_address():
    assert GeneratedPage("study/quiz/a.md", "A", "", "m()", keyed=keyed("study/quiz/{}.md", ("techniques", "a")))
    with pytest.raises(AssertionError, match="makes study/quiz/b.md"):
        GeneratedPage("study/quiz/a.md", "A", "", "m()", keyed=keyed("study/quiz/{}.md", ("techniques", "b")))


def test_renamed_region_benefit_and_guide_redirect_every_page_made_from_them(tmp_path):
    data = fixture_data(tmp_path)
    add_old_ids(data / "regions.yml", "upper-back", ["top-of-the-back"])
    add_old_ids(data / "benefits.yml", "calm", ["calmness"])
    add_old_ids(data / "guides" / "first-guide.yml", "first-guide", ["guide-one"])
    atlas = load_atlas(data, tmp_path)
    assert atlas.moved["regions"] == {"top-of-the-back": "upper-back"}
    assert atlas.moved["benefits"] == {"calmness": "calm"}
    assert moved_pairs(atlas) == {
        ("browse/region/top-of-the-back/", "browse/region/upper-back/"),
        ("benefits/calmness/", "benefits/calm/"),
        ("guides/guide-one/", "guides/first-guide/"),
        ("embed/guides/guide-one/", "embed/guides/first-guide/"),
    }
    files = redirect_files(renderer, atlas, None)
    assert 'url=../upper-back/' in files["browse/region/top-of-the-back/index.html"]


def test_renaming_both_techniques_of_a_pair_redirects_every_old_combination(tmp_path):
    data = fixture_data(tmp_path)
    assert yaml.safe_load((data / "comparisons.yml").read_text())[0]["pair"] == ["alpha", "beta"]
    add_old_ids(data / "techniques" / "alpha.yml", "alpha", ["alfa"])
    add_old_ids(data / "techniques" / "beta.yml", "beta", ["bita"])
    pairs = moved_pairs(load_atlas(data, tmp_path))
    to_pair = {old for old, new in pairs if new == "compare/alpha-vs-beta/"}
    assert to_pair == {"compare/alfa-vs-beta/", "compare/alpha-vs-bita/", "compare/alfa-vs-bita/"}
    assert ("study/quiz/bita/", "study/quiz/beta/") in pairs


def test_a_pair_written_with_an_old_id_lives_at_the_current_address(tmp_path):
    """comparisons.yml should be updated on a rename; if it is not, the page still
    takes the current ids and the address with the old one redirects."""
    data = fixture_data(tmp_path)
    add_old_ids(data / "techniques" / "alpha.yml", "alpha", ["alfa"])
    (data / "comparisons.yml").write_text("- pair: [alfa, beta]\n")
    atlas = load_atlas(data, tmp_path)
    assert [p.src for p in atlas.comparisons] == ["compare/alpha-vs-beta.md"]
    assert ("compare/alfa-vs-beta/", "compare/alpha-vs-beta/") in moved_pairs(atlas)


def test_an_old_region_id_is_checked_like_the_others(tmp_path):
    data = fixture_data(tmp_path)
    add_old_ids(data / "regions.yml", "upper-back", ["upper-back"])
    with pytest.raises(DataError) as caught:
        load_atlas(data, tmp_path)
    assert caught.value.codes == {"MTA703"}


def test_the_real_atlas_has_no_redirects_yet():
    assert redirects(REAL) == []


# --- the claims column -------------------------------------------------------------------

def test_claims_column_sorts_by_evidence_backed_then_traditional_counts():
    index = [c.key for c in COLUMNS].index("claims")
    counted = {}
    for t, cells in table_rows(REAL):
        labels = [REAL.claims[c].label for c in REAL.claims_by_technique.get(t.id, ())]
        counted[t.id] = ((labels.count("evidence-backed"), labels.count("traditional")), cells[index])
    assert any(counts != (0, 0) for counts, _ in counted.values())
    for (a, cell_a), (b, cell_b) in combinations(counted.values(), 2):
        assert (a < b) == (cell_a.sort < cell_b.sort) and (a == b) == (cell_a.sort == cell_b.sort)
    assert any(counts == (0, 0) for counts, _ in counted.values())
    for counts, cell in counted.values():
        assert cell.anchor == ("" if counts == (0, 0) else "claims")  # "None recorded" links nowhere
        assert cell.text == ("None recorded" if counts == (0, 0) else
                             f"{counts[0]} evidence-backed, {counts[1]} traditional")


def test_claims_about_massage_in_general_are_not_counted_for_a_technique():
    general = set(REAL.general_claims)
    assert general and not any(general & set(ids) for ids in REAL.claims_by_technique.values())


# --- guides on facet pages ----------------------------------------------------------------

def guide_ids(index, facet, value) -> set[str]:
    return {item.id for item in index.get((facet, value), ()) if item.kind == "guide"}


def test_a_guide_is_listed_by_its_steps_regions_pressures_and_families(tmp_path):
    index = facet_index(load_atlas(FIXTURES / "valid"))
    # first-guide: kappa and beta at light pressure on the upper back; second-guide: advice only
    families = {yaml.safe_load((FIXTURES / "valid" / "techniques" / f"{t}.yml").read_text())["family"]
                for t in ("kappa", "beta")}
    assert guide_ids(index, "region", "upper-back") == {"first-guide"}
    assert guide_ids(index, "pressure", "light") == {"first-guide"}
    assert not any(guide_ids(index, "pressure", p) for p in ("moderate", "firm", "deep"))
    assert {value for (facet, value), items in index.items()
            if facet == "family" and any(i.kind == "guide" for i in items)} == families
    assert not any(item.id == "second-guide" for items in index.values() for item in items)
    listing = next(i for i in index[("region", "upper-back")] if i.kind == "guide")
    assert listing.src == "guides/first-guide.md" and listing.detail == "Massage a partner: 3 of its 3 steps"


def test_a_region_a_step_keeps_off_does_not_list_the_guide():
    index = facet_index(REAL)
    kept_off = {r for g in REAL.guides.values() for s in g.steps for r in s.avoid}
    assert "spine" in kept_off
    assert guide_ids(index, "region", "spine") == set()
    # and techniques come first on a facet page, then guides
    for items in index.values():
        kinds = [item.kind for item in items]
        assert kinds == sorted(kinds, key=["technique", "guide"].index)


# --- step diagrams hatch what the step keeps off --------------------------------------------

SIDES_UP_AND_DOWN = {"words": "up and down the side of the neck", "movement": "up-and-down"}


def test_a_steps_own_avoid_is_hatched_and_labelled():
    without = F.step_diagram(REAL, ["neck-sides"], SIDES_UP_AND_DOWN, "s", ["light"], "gliding")
    assert "neck-front" not in without.avoid  # no region rule hatches it for this step
    diagram = F.step_diagram(REAL, ["neck-sides"], SIDES_UP_AND_DOWN, "s", ["light"], "gliding",
                             keep_off=["neck-front"])
    assert "neck-front" in diagram.avoid
    (panel,) = diagram.panels
    assert panel.state("neck-front") == "avoid"
    assert "neck-front" in {label.region for label in panel.labels}
    html = renderer.render("step-diagram.html", diagram=diagram, all_regions=REAL.regions, title="Step 5")
    assert 'data-region="neck-front" class="is-avoid"' in html
    assert "Hatched and labelled “Avoid”: front of the neck." in html


def test_a_steps_own_avoid_adds_to_the_regions_rules():
    # light gliding on the lower back: the spine by its rule, the kidneys only because the step says so
    direction = {"words": "up the back", "movement": "up"}
    by_rule = F.step_diagram(REAL, ["lower-back", "mid-back"], direction, "s", ["light"], "gliding")
    assert by_rule.avoid == ("spine",)
    both = F.step_diagram(REAL, ["lower-back", "mid-back"], direction, "s", ["light"], "gliding",
                          keep_off=["kidney-area"])
    assert set(both.avoid) == {"spine", "kidney-area"}
    assert both.avoid == tuple(r for r in REAL.regions if r in both.avoid)  # region-data order


def test_an_unknown_region_to_keep_off_is_an_error():
    with pytest.raises(F.DiagramError, match="no region has the id `nape`"):
        F.step_diagram(REAL, ["neck-sides"], SIDES_UP_AND_DOWN, "s", keep_off=["nape"])


def test_an_unknown_movement_in_a_guide_is_MTA103_naming_the_field(tmp_path):
    data = fixture_data(tmp_path)
    path = data / "guides" / "first-guide.yml"
    path.write_text(path.read_text().replace("movement: up\n", "movement: sideways\n", 1))
    with pytest.raises(DataError) as caught:
        load_atlas(data, tmp_path)
    (problem,) = caught.value.problems
    assert (problem.code, problem.file, problem.field) == ("MTA103", "data/guides/first-guide.yml",
                                                           "steps[0].direction.movement")


def test_up_and_down_over_regions_side_by_side_still_runs_along_the_body():
    """The upper back and the shoulder blades lie at one height: the arrow between them
    used to run across (a movement the step does not describe); it must run up and down."""
    direction = {"words": "up and down between the shoulder blade and the spine", "movement": "up-and-down"}
    diagram = F.step_diagram(REAL, ["upper-back", "shoulder-blades"], direction, "s")
    (panel,) = diagram.panels
    assert len(panel.arrows) == 2  # one on each side of the spine
    for arrow in panel.arrows:
        (x0, y0), (x1, y1) = arrow.start, arrow.end
        assert abs(y1 - y0) > 3 * abs(x1 - x0) and len(arrow.heads) == 2
        blade = REAL.drawings[panel.drawing.id].regions["shoulder-blades"]
        assert any(p.box[1] <= y <= p.box[3] for p in blade.parts for y in (y0, y1))
