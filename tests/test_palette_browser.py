"""The light/dark switch in real Chromium (overrides/partials/palette.html and
partials/javascripts/palette.html, which replace Material's palette component):
the system's scheme until the reader chooses, the choice kept from page to
page, mouse and keyboard, and the browser's own parts following along."""
from __future__ import annotations

import pytest

PAGE = "/techniques/kneading/"
SCHEME = {"light": "default", "dark": "slate"}  # system preference -> Material scheme
TOGGLE_NAME = {"light": "Switch to dark mode", "dark": "Switch to light mode"}


def state(page) -> dict:
    return page.evaluate("""() => ({
        scheme: document.body.dataset.mdColorScheme,
        colorScheme: document.querySelector('meta[name="color-scheme"]').content,
        themeColor: document.querySelector('meta[name="theme-color"]').content,
        header: getComputedStyle(document.querySelector('.md-header')).backgroundColor,
        toggles: [...document.querySelectorAll('[data-atlas-palette] label')]
            .filter(label => getComputedStyle(label).display !== 'none').map(label => label.title),
        switching: document.body.hasAttribute('data-md-color-switching'),
    })""")


@pytest.mark.parametrize("system", ["light", "dark"])
def test_page_opens_in_the_system_scheme_with_one_switch_to_the_other(browser, server, system):
    context = browser.new_context(color_scheme=system)
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(server + PAGE)
    now = state(page)
    assert now["scheme"] == SCHEME[system]
    assert now["colorScheme"] == ("dark" if system == "dark" else "light")
    assert now["themeColor"] == now["header"]
    assert now["toggles"] == [TOGGLE_NAME[system]]
    assert not now["switching"]
    # Material's own component is not mounted: it restyled every page twice at start-up.
    assert page.locator('[data-md-component="palette"]').count() == 0
    assert errors == []
    context.close()


def test_a_choice_beats_the_system_and_is_kept_on_the_next_page(browser, server):
    context = browser.new_context(color_scheme="light")
    page = context.new_page()
    page.goto(server + PAGE)
    page.locator("[data-atlas-palette] label:visible").click()
    assert state(page)["scheme"] == "slate"
    page.wait_for_function("!document.body.hasAttribute('data-md-color-switching')")
    page.goto(server + "/guides/")
    assert state(page)["scheme"] == "slate"
    assert state(page)["toggles"] == [TOGGLE_NAME["dark"]]
    page.emulate_media(color_scheme="dark")
    page.emulate_media(color_scheme="light")
    assert state(page)["scheme"] == "slate", "a system change must not undo the reader's choice"
    context.close()


def test_without_a_choice_the_page_follows_a_system_change(browser, server):
    context = browser.new_context(color_scheme="light")
    page = context.new_page()
    page.goto(server + PAGE)
    page.emulate_media(color_scheme="dark")
    page.wait_for_function("document.body.dataset.mdColorScheme === 'slate'")
    assert state(page)["colorScheme"] == "dark"
    context.close()


def test_keyboard_switches_with_enter_and_keeps_focus_on_the_switch(browser, server):
    context = browser.new_context(color_scheme="light")
    page = context.new_page()
    page.goto(server + PAGE)
    page.focus("[data-atlas-palette] input:checked")
    page.keyboard.press("Enter")
    assert state(page)["scheme"] == "slate"
    assert page.evaluate("document.activeElement.matches('[data-atlas-palette] input:checked')")
    page.keyboard.press("Enter")
    assert state(page)["scheme"] == "default"
    context.close()
