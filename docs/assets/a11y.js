// Keyboard access to wide tables. Material wraps each table in a box that
// scrolls sideways; where it really scrolls (phones, wide comparison tables),
// the box becomes a named, focusable region so keyboard users can scroll it
// too (WCAG 2.1.1; axe-core's scrollable-region-focusable rule). Each name
// is unique (landmark-unique): the table's number and the heading above it.
(function () {
  function heading(box) {
    for (var el = box.previousElementSibling; el; el = el.previousElementSibling) {
      if (/^H[1-6]$/.test(el.tagName)) return ", " + el.textContent.replace("\u00b6", "").trim();
    }
    return "";
  }
  function label() {
    document.querySelectorAll(".md-typeset__scrollwrap").forEach(function (box, i) {
      if (box.scrollWidth > box.clientWidth) {
        box.tabIndex = 0;
        box.setAttribute("role", "region");
        box.setAttribute("aria-label", "Table " + (i + 1) + heading(box) + " (scrolls sideways)");
      } else if (box.getAttribute("role") === "region") {
        box.removeAttribute("tabindex");
        box.removeAttribute("role");
        box.removeAttribute("aria-label");
      }
    });
  }
  // document$ emits on the first load and after each instant navigation.
  document$.subscribe(label);
  window.addEventListener("resize", label);
})();
