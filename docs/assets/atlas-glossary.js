// Glossary tooltips. Each term on a page is <abbr class="atlas-term"
// title="definition" tabindex="0"> (macros/atlas/glossary_markdown.py). This
// shows its definition on hover, tap and keyboard focus, in one shared
// tooltip made the first time it is needed.
//
// Why not Material's content.tooltips: it mounted a tooltip on every element
// with a title as the page loaded, the single largest block of start-up work
// on a guide (Lighthouse: about 100 ms of blocking time on a phone). Here the
// page load does nothing but add five listeners to the document.
//
// WCAG 1.4.13 (content on hover or focus): the tooltip stays while the
// pointer moves onto it, stays until the reader leaves the term or the
// tooltip, and Escape closes it without moving focus.
(function () {
  "use strict";

  var tooltip = null;   // the shared element, made on first use
  var shown = null;     // the term it is showing for
  var hovered = null;   // the term under the pointer (or the tooltip's term while the pointer is on it)
  var focused = null;   // the term with keyboard focus

  function make() {
    tooltip = document.createElement("div");
    tooltip.id = "atlas-tooltip";
    tooltip.className = "atlas-tooltip";
    tooltip.setAttribute("role", "tooltip");
    tooltip.hidden = true;
    document.body.appendChild(tooltip);
  }

  function termOf(node) {
    return node && node.closest ? node.closest("abbr.atlas-term") : null;
  }

  function show(term) {
    if (shown === term) return;
    hide();
    if (!tooltip) make();
    // The title moves into the tooltip while it shows, so the browser does
    // not draw its own tooltip on top; hide() puts it back.
    var text = term.getAttribute("title") || "";
    term.setAttribute("data-atlas-title", text);
    term.removeAttribute("title");
    term.setAttribute("aria-describedby", tooltip.id);
    tooltip.textContent = text;
    tooltip.hidden = false;
    place(term);
    shown = term;
  }

  function hide() {
    if (!shown) return;
    shown.setAttribute("title", shown.getAttribute("data-atlas-title"));
    shown.removeAttribute("data-atlas-title");
    shown.removeAttribute("aria-describedby");
    tooltip.hidden = true;
    shown = null;
  }

  // Above the term where there is room below Material's sticky header,
  // otherwise below the term; always inside the viewport's width. Measured
  // only when shown, so loading the page costs no layout.
  function place(term) {
    var margin = 8;
    var header = document.querySelector(".md-header");
    var ceiling = header ? header.getBoundingClientRect().bottom : 0;
    var rect = term.getBoundingClientRect();
    var box = tooltip.getBoundingClientRect();
    var width = document.documentElement.clientWidth;
    // Centred on the term, kept inside the viewport (the CSS caps the width).
    var left = Math.max(margin, Math.min(rect.left + rect.width / 2 - box.width / 2, width - box.width - margin));
    var above = rect.top - box.height - margin >= ceiling;
    var top = above ? rect.top - box.height - margin : rect.bottom + margin;
    tooltip.classList.toggle("atlas-tooltip--below", !above);
    tooltip.style.left = left + window.scrollX + "px";
    tooltip.style.top = top + window.scrollY + "px";
  }

  function update() {
    var term = focused || hovered;
    if (term) show(term); else hide();
  }

  // Leaving the term starts a short grace period, so the pointer can cross
  // the gap onto the tooltip (to read or select it) without losing it.
  var leaving = null;
  function stay() { clearTimeout(leaving); leaving = null; }
  document.addEventListener("mouseover", function (event) {
    var term = termOf(event.target);
    if (term) { stay(); hovered = term; update(); }
    else if (tooltip && tooltip.contains(event.target)) stay();
  });
  document.addEventListener("mouseout", function (event) {
    if (!hovered || leaving) return;
    var into = event.relatedTarget;
    if (into && (hovered.contains(into) || (tooltip && tooltip.contains(into)))) return;
    leaving = setTimeout(function () { leaving = null; hovered = null; update(); }, 300);
  });
  document.addEventListener("focusin", function (event) {
    focused = termOf(event.target);
    update();
  });
  document.addEventListener("focusout", function () {
    focused = null;
    update();
  });
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && shown) {
      stay();
      hovered = focused = null;
      hide();
    }
  });
  // Placed in page coordinates, so it scrolls with its term; a resize (a
  // phone turned) moves the term, so the tooltip follows.
  window.addEventListener("resize", function () { if (shown) place(shown); });
})();
