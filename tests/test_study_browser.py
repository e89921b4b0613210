"""Study mode in headless Chromium: quizzes answered with the keyboard alone,
on pages reached by links, without any request to another host; the printed cards."""
from __future__ import annotations

import os
import re
import subprocess
import sys

import pytest
import yaml

from conftest import PROJECT, serve_directory

TECHNIQUES = {p.stem: yaml.safe_load(p.read_text()) for p in (PROJECT / "data" / "techniques").glob("*.yml")}
ORDER = ["light", "moderate", "firm", "deep"]


def pressure_text(tid: str) -> str:
    """The pressure range as the technique page shows it, from the raw data."""
    levels = sorted(TECHNIQUES[tid]["pressure"], key=ORDER.index)
    text = levels[0] if len(levels) == 1 else f"{levels[0]} to {levels[-1]}"
    return text[0].upper() + text[1:]


@pytest.fixture(scope="module")
def deployed_server(tmp_path_factory):
    """The site built as deployed, with SITE_URL set to where it is served
    (absolute canonical and sitemap addresses, as on the real host), made after
    the server has its port."""
    site = tmp_path_factory.mktemp("deployed")
    url, httpd = serve_directory(site)
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SITE_URL": f"{url}/"}
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(site)],
                            cwd=PROJECT, env=env, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    yield url
    httpd.shutdown()


def tab_into(page, form_id: str, limit: int = 120):
    """Press Tab from the top of the page until a radio of this question has focus."""
    page.locator("body").focus()
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate(f"document.activeElement.closest('form')?.id === '{form_id}' "
                         "&& document.activeElement.type === 'radio'"):
            return
    pytest.fail(f"Tab never reached the options of #{form_id}")


def choose_with_arrows(page, form_id: str, option_text: str):
    """From a focused radio, move with the arrow keys until `option_text` is checked."""
    labels = page.locator(f"#{form_id} .atlas-quiz__option").all_inner_texts()
    target = [t.strip() for t in labels].index(option_text)
    for _ in range(len(labels) + 1):
        if page.evaluate("document.activeElement.checked") and \
                page.evaluate("document.activeElement.closest('label').innerText.trim()") == option_text:
            return target
        focused = page.evaluate("document.activeElement.closest('label').innerText.trim()")
        page.keyboard.press("Space" if focused == option_text else "ArrowDown")
    pytest.fail(f"could not check `{option_text}` with the keyboard")


def check_with_keyboard(page, form_id: str):
    page.keyboard.press("Tab")  # from the radio group to the "Check answer" button
    assert page.evaluate("document.activeElement.textContent.trim()") == "Check answer"
    page.keyboard.press("Enter")
    feedback = page.locator(f"#{form_id} .atlas-quiz__feedback")
    feedback.locator("a").first.wait_for()
    # focus stays on the button, so the next Tab reaches the feedback's links
    assert page.evaluate("document.activeElement.textContent.trim()") == "Check answer"
    return feedback


def test_quiz_answered_with_the_keyboard_gives_right_and_wrong_feedback(server, browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(f"{server}/study/quiz/kneading/", wait_until="networkidle")
    requests = []
    page.on("request", lambda r: requests.append(r.url))

    right = pressure_text("kneading")
    tab_into(page, "kneading-pressure")
    choose_with_arrows(page, "kneading-pressure", right)
    feedback = check_with_keyboard(page, "kneading-pressure")
    assert feedback.inner_text().startswith("Correct.")
    assert f"uses {right.lower()} pressure" in feedback.inner_text()
    assert feedback.locator('a[href$="techniques/kneading/#at-a-glance"]').count() == 1

    page.keyboard.press("Shift+Tab")  # back into the radio group, on the checked option
    page.keyboard.press("ArrowDown")  # any other option is wrong
    wrong = page.evaluate("document.activeElement.closest('label').innerText.trim()")
    assert wrong != right
    feedback = check_with_keyboard(page, "kneading-pressure")
    assert feedback.inner_text().startswith("Not quite.")
    assert f"uses {right.lower()} pressure" in feedback.inner_text()

    # the score counts the first answer only, and nothing was fetched from anywhere
    score = page.locator(".atlas-quiz__score")
    assert re.search(r"answered 1 of \d+ questions; 1 right", score.inner_text())
    assert requests == []

    # the score is kept in this browser: after a reload it is still shown
    page.reload(wait_until="networkidle")
    assert re.search(r"answered 1 of \d+ questions; 1 right", page.locator(".atlas-quiz__score").inner_text())
    page.locator(".atlas-quiz__reset").click()
    assert page.locator(".atlas-quiz__summary").is_hidden()
    assert page.evaluate("document.activeElement.type") == "radio"
    context.close()


def test_quiz_works_on_each_page_reached_by_links(deployed_server, browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(f"{deployed_server}/study/", wait_until="networkidle")
    for tid in ("kneading", "stroking"):  # twice: the score of the first is kept for the Study page
        name = TECHNIQUES[tid]["name"]
        page.locator(f'.md-content a[href$="quiz/{tid}/"]').click()
        # (navigation.tracking may carry a #fragment along)
        page.wait_for_url(lambda url: f"/study/quiz/{tid}/" in url)
        page.locator(f"#{tid}-pressure").wait_for()
        tab_into(page, f"{tid}-pressure")
        choose_with_arrows(page, f"{tid}-pressure", pressure_text(tid))
        feedback = check_with_keyboard(page, f"{tid}-pressure")
        assert feedback.inner_text().startswith("Correct.") and name in feedback.inner_text()
        page.locator(".md-content a", has_text="All quizzes and study material").click()
        page.wait_for_url("**/study/#quizzes")
    # back on the Study page, the scores kept in this browser are shown
    page.locator('[data-quiz-score="stroking"]').wait_for()
    assert page.locator('[data-quiz-score="stroking"]').inner_text() == "1 of 1 right at the first try"
    # and a deck is a download, not a page
    with page.expect_download() as download:
        page.locator(".md-content a", has_text="Anki package").click()
    assert download.value.suggested_filename == "massage-technique-atlas.apkg"
    context.close()


@pytest.mark.parametrize("paper", ["A4", "Letter"])
def test_printed_cards_put_each_technique_on_its_own_page(server, browser, paper):
    page = browser.new_page()
    page.goto(f"{server}/study/cards/", wait_until="networkidle")
    page.emulate_media(media="print")
    breaks = page.evaluate("[...document.querySelectorAll('.atlas-card')].map(c => getComputedStyle(c).breakAfter)")
    assert breaks == ["page"] * (len(TECHNIQUES) - 1) + ["auto"]
    assert page.locator("h1").is_hidden() and page.locator(".md-sidebar--primary").is_hidden()
    pdf = page.pdf(format=paper)
    pages = len(re.findall(rb"/Type\s*/Page(?![a-zA-Z])", pdf))
    # one page per card: a card too long for its page, or two cards on one, would change the count
    assert pages == len(TECHNIQUES)
    page.close()


@pytest.mark.parametrize("media, width", [("print", 800), ("screen", 1280)])
def test_card_sections_keep_their_heading_and_items_in_one_column(server, browser, media, width):
    """Each list stays under its own heading: none continues in the other
    column, headless, beside the steps."""
    page = browser.new_page(viewport={"width": width, "height": 900})
    page.emulate_media(media=media)
    page.goto(f"{server}/study/cards/", wait_until="networkidle")
    strays = page.evaluate("""() => [...document.querySelectorAll('.atlas-card__body section:not(.atlas-card__claims)')]
      .flatMap(section => [...section.querySelectorAll('ul, ol')].flatMap(list => {
        const lefts = [...list.children].map(li => li.getBoundingClientRect().left);
        return lefts.filter(x => Math.abs(x - lefts[0]) > 2).map(() => section.closest('.atlas-card').id);
      }))""")
    assert strays == []
    # and the steps stand beside the safety notes, not above them
    card = page.locator(".atlas-card").first
    steps, safety = (card.locator(sel).bounding_box() for sel in (".atlas-card__section >> nth=0", ".atlas-card__safety"))
    assert safety["x"] > steps["x"] + steps["width"] / 2 and abs(safety["y"] - steps["y"]) < 5
    page.close()


AXE = PROJECT / "node_modules" / "axe-core" / "axe.min.js"
STUDY_PARTS = [("study/quiz/kneading/", ".atlas-quiz"), ("techniques/kneading/", ".atlas-study"),
               ("study/", "article"), ("study/cards/", ".atlas-cards"), ("study/exam-map/", "article")]
# Colours study mode sets itself; the theme's link and button colours are the
# palette's business (a site-wide setting), so contrast is checked on these only.
OWN_COLOURS = ".atlas-quiz__verdict, .atlas-quiz__number, .atlas-coverage, .atlas-card__meta, .atlas-card__foot"


def axe_violations(page, selector: str) -> list:
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("""s => axe.run({include: [[s]]}, {resultTypes: ['violations'],
        rules: {'color-contrast': {enabled: false}, 'link-in-text-block': {enabled: false}}})""", selector)
    assert result["passes"], "axe really ran"
    found = [(v["id"], [n["target"] for n in v["nodes"]]) for v in result["violations"]]
    if page.locator(OWN_COLOURS).count():
        contrast = page.evaluate("""s => axe.run(document.querySelectorAll(s),
            {runOnly: ['color-contrast'], resultTypes: ['violations']})""", OWN_COLOURS)
        assert contrast["passes"] or contrast["incomplete"], "the contrast check really ran"
        found += [(v["id"], [n["target"] for n in v["nodes"]]) for v in contrast["violations"]]
    return found


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_finds_no_violation_in_study_pages(server, browser, scheme):
    assert AXE.exists(), "axe-core is installed by `make test` (npm ci)"
    page = browser.new_page(viewport={"width": 1280, "height": 900}, color_scheme=scheme)
    for path, selector in STUDY_PARTS:
        page.goto(f"{server}/{path}", wait_until="networkidle")
        assert axe_violations(page, selector) == [], path
    # and with feedback shown: a right and a wrong answer, in the scheme's colours
    page.goto(f"{server}/study/quiz/kneading/", wait_until="networkidle")
    wrong = next(t for t in page.locator("#kneading-recognise label").all_inner_texts() if t.strip() != "Kneading")
    for form, option in (("kneading-pressure", pressure_text("kneading")), ("kneading-recognise", wrong.strip())):
        page.locator(f"#{form} label", has_text=option).click()
        page.locator(f"#{form} button").click()
        page.locator(f"#{form} .atlas-quiz__feedback a").first.wait_for()
    assert page.locator(".atlas-quiz__verdict:visible").count() == 2
    assert axe_violations(page, ".atlas-quiz") == []
    page.close()
