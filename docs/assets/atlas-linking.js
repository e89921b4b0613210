// Linking and embedding: the copy-paste snippets on technique pages and the
// For practices page. Without SITE_URL the build cannot know the site's
// address, so the snippets carry relative URLs that this makes absolute from
// the page's own location; it also wires the "Copy the code" buttons. Runs on
// every page, once Material's components are in place (document$).
(function () {
  "use strict";

  function absolute(relative) {
    return new URL(relative, window.location.href).href;
  }

  function upgrade() {
    document.querySelectorAll("[data-atlas-url]").forEach(function (el) {
      el.textContent = absolute(el.getAttribute("data-atlas-url"));
    });
    document.querySelectorAll(".atlas-snippet").forEach(function (box) {
      var code = box.querySelector("code");
      var relative = box.getAttribute("data-atlas-embed");
      if (relative) {
        code.textContent = code.textContent.replace('src="' + relative + '"', 'src="' + absolute(relative) + '"');
        box.removeAttribute("data-atlas-embed");
      }
      var button = box.querySelector(".atlas-snippet__copy");
      if (!button || !navigator.clipboard) return;
      button.hidden = false;
      button.onclick = function () {
        navigator.clipboard.writeText(code.textContent).then(function () {
          button.textContent = "Copied";
          setTimeout(function () { button.textContent = "Copy the code"; }, 2000);
        });
      };
    });
  }

  if (window.document$) {
    window.document$.subscribe(upgrade);
  } else {
    document.addEventListener("DOMContentLoaded", upgrade);
  }
})();
