/* Sortable tables for the Massage Technique Atlas (our own script, no library).
 *
 * A table marked data-atlas-sortable gets a button in each column heading.
 * Cells carry their sort key in data-sort (computed from the data at build
 * time, so pressure sorts light to deep, not alphabetically); a heading's
 * data-sort-type says whether the keys are numbers or text. The first press
 * sorts ascending, the next reverses; aria-sort on the heading tells screen
 * readers the current order. Rows that tie keep their original order.
 *
 * Set-up runs through Material's document$ observable, which emits once the
 * page's components are in place (and again on each page, were
 * navigation.instant turned on).
 */
(function () {
  "use strict";

  function sortKey(row, index, numeric) {
    var cell = row.cells[index];
    var raw = cell.hasAttribute("data-sort") ? cell.getAttribute("data-sort") : cell.textContent.trim();
    return numeric ? parseFloat(raw) : raw;
  }

  function sortBy(table, headings, index, status) {
    var heading = headings[index];
    var direction = heading.getAttribute("aria-sort") === "ascending" ? "descending" : "ascending";
    var numeric = heading.getAttribute("data-sort-type") === "number";
    var collator = new Intl.Collator(document.documentElement.lang || undefined, { numeric: true, sensitivity: "base" });
    var body = table.tBodies[0];
    var rows = Array.prototype.slice.call(body.rows);
    rows.sort(function (a, b) {
      var x = sortKey(a, index, numeric);
      var y = sortKey(b, index, numeric);
      var order = numeric ? x - y : collator.compare(x, y);
      if (direction === "descending") order = -order;
      return order || a.getAttribute("data-atlas-order") - b.getAttribute("data-atlas-order");
    });
    rows.forEach(function (row) { body.appendChild(row); });
    headings.forEach(function (h) { if (h !== heading) h.removeAttribute("aria-sort"); });
    heading.setAttribute("aria-sort", direction);
    status.textContent = "Sorted by " + heading.textContent.trim() + ", " + direction + ".";
  }

  function setUp(table) {
    if (table.hasAttribute("data-atlas-sort-ready")) return;
    table.setAttribute("data-atlas-sort-ready", "");
    Array.prototype.forEach.call(table.tBodies[0].rows, function (row, i) {
      row.setAttribute("data-atlas-order", i);
    });
    // Announces a new order to screen readers, politely.
    var status = document.createElement("p");
    status.className = "atlas-sort-status atlas-visually-hidden";
    status.setAttribute("aria-live", "polite");
    table.insertAdjacentElement("afterend", status);
    var headings = Array.prototype.slice.call(table.tHead.rows[0].cells);
    headings.forEach(function (heading, index) {
      var button = document.createElement("button");
      button.type = "button";
      button.className = "atlas-sort";
      while (heading.firstChild) button.appendChild(heading.firstChild);
      heading.appendChild(button);
      // Material draws its sort arrows on th[role=columnheader].
      heading.setAttribute("role", "columnheader");
      // One handler on the heading: a press on the button (Enter, Space or
      // a click) bubbles up to it, and so does a click beside the button.
      heading.addEventListener("click", function () { sortBy(table, headings, index, status); });
    });
  }

  function setUpAll() {
    document.querySelectorAll("table[data-atlas-sortable]").forEach(setUp);
  }

  if (typeof document$ !== "undefined") {
    document$.subscribe(setUpAll);
  } else {
    document.addEventListener("DOMContentLoaded", setUpAll);
  }
})();
