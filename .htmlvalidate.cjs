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
    // Inline style stays an error, except the CSS custom properties through
    // which the body maps hand their geometry to atlas.css (figures feature).
    "no-inline-style": ["error", {
      allowedProperties: ["display", "--atlas-views", "--atlas-view-width", "--atlas-unit"],
    }],
  },
};
