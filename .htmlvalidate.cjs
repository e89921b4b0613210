// html-validate configuration for the built site (tests/test_quality_html.py).
// The strictest preset, minus rules about formatting rather than validity.
// Exceptions for Material's own markup are not made here (that would hide the
// same problem in the atlas's markup): the test lists them one by one, matched
// on Material's element, with the reason.
module.exports = {
  extends: ["html-validate:recommended", "html-validate:document"],
  rules: {
    // Formatting, not validity: Jinja templates (Material's and ours) leave
    // trailing spaces, and Material writes `<!doctype html>` in lower case,
    // which the HTML standard allows.
    "no-trailing-whitespace": "off",
    "doctype-style": "off",
    // The standard allows any id without spaces; the default stricter mode
    // also wants a leading letter, which Material's `__drawer`, `__search`,
    // `__palette_0`... ids do not have.
    "valid-id": ["error", { relaxed: true }],
    // Subresource integrity guards files fetched from another host; every
    // file of this site comes from its own host, so there is nothing to pin.
    "require-sri": "off",
    // Formatting, not validity: Python-Markdown's extensions write XHTML-style
    // void elements (`<input/>`), which HTML allows.
    "void-style": "off",
    // Search engines cut long titles, but this rule counts a character
    // reference (`&#34;`) as five characters, and a page's title is its data
    // name plus the site name: length is the authors' call, not validity.
    "long-title": "off",
    // Study cards mark their sections with ARIA headings on purpose, so the
    // page's table of contents lists the techniques, not every card's sections.
    "prefer-native-element": ["error", { exclude: ["heading"] }],
    // Inline style stays an error, except the CSS custom properties through
    // which the body maps hand their geometry to atlas.css (figures feature).
    "no-inline-style": ["error", {
      allowedProperties: ["display", "--atlas-views", "--atlas-view-width", "--atlas-unit", "--atlas-aspect", "--atlas-ratio"],
    }],
  },
};
