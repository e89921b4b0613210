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
  function update(box, index) {
    if (box.scrollWidth > box.clientWidth) {
      box.tabIndex = 0;
      box.setAttribute("role", "region");
      box.setAttribute("aria-label", "Table " + (index + 1) + heading(box) + " (scrolls sideways)");
    } else if (box.getAttribute("role") === "region") {
      box.removeAttribute("tabindex");
      box.removeAttribute("role");
      box.removeAttribute("aria-label");
    }
  }
  // A ResizeObserver reports each box after the browser has laid the page out
  // anyway, so reading its widths there costs no extra layout; reading them
  // straight after load forced one (Lighthouse: a 180 ms task on a long guide).
  // It also reports a box again when a phone turns or a window is resized.
  var observer = null;
  function label() {
    if (observer) observer.disconnect();
    var boxes = Array.prototype.slice.call(document.querySelectorAll(".md-typeset__scrollwrap"));
    observer = new ResizeObserver(function (entries) {
      entries.forEach(function (entry) { update(entry.target, boxes.indexOf(entry.target)); });
    });
    boxes.forEach(function (box) { observer.observe(box); });
  }
  // Names that third-party markup leaves out. Material's nav of a section that
  // has an index page is labelled by the section's expand toggle, which holds
  // only an icon: the toggle gets the section's name as hidden text, and so the nav. pymdownx.tasklist puts
  // an item's text after its checkbox's label: the box gets the item's text.
  function name() {
    document.querySelectorAll(".md-nav__container > label.md-nav__link[id]").forEach(function (toggle) {
      var link = toggle.parentElement.querySelector("a.md-nav__link");
      if (link && !toggle.textContent.trim()) {
        var text = document.createElement("span");
        text.className = "atlas-visually-hidden";  // defined in atlas.css (comparisons)
        text.textContent = link.textContent.trim();
        toggle.appendChild(text);
      }
    });
    document.querySelectorAll(".task-list-item > .task-list-control > input").forEach(function (box) {
      if (!box.hasAttribute("aria-label")) {
        box.setAttribute("aria-label", box.closest(".task-list-item").textContent.trim());
      }
    });
  }
  // document$ emits once Material's components are in place.
  document$.subscribe(function () { label(); name(); });
})();
