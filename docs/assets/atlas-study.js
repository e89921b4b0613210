/* Study mode: self-check quizzes and the printable cards' print button.
 *
 * Progressive enhancement over plain HTML forms (overrides/partials/atlas/
 * study-quiz.html): each question is a fieldset of real radio buttons. This
 * script checks the chosen answer against the key embedded in the page,
 * copies that option's feedback (rendered at build time, with links) into the
 * question's live region, and keeps the score in localStorage. It makes no
 * request of any kind. Set-up runs through Material's `document$`, which
 * also covers navigation.instant should it be turned on.
 */
(function () {
  "use strict";

  var STORE = "atlas-quiz:";

  function load(quizId) {
    try {
      return JSON.parse(window.localStorage.getItem(STORE + quizId));
    } catch (e) {
      return null; // storage disabled or corrupt: start afresh
    }
  }

  function save(quizId, state) {
    try {
      window.localStorage.setItem(STORE + quizId, JSON.stringify(state));
    } catch (e) {
      /* storage disabled (private mode): the quiz still works, the score is not kept */
    }
  }

  function scoreText(state, total) {
    var ids = Object.keys(state.first);
    var right = ids.filter(function (id) { return state.first[id]; }).length;
    return "You have answered " + ids.length + " of " + total + " questions; " +
      right + " right at the first try.";
  }

  function setUpQuiz(root) {
    if (root.dataset.atlasReady) return;
    root.dataset.atlasReady = "true";
    var data = JSON.parse(root.dataset.quizKey);
    var forms = Array.prototype.slice.call(root.querySelectorAll("form[data-question]"));
    var summary = root.querySelector(".atlas-quiz__summary");
    var score = root.querySelector(".atlas-quiz__score");
    var state = load(data.quiz);
    if (!state || state.version !== data.version) state = { version: data.version, first: {} };

    function showScore() {
      var answered = Object.keys(state.first).length > 0;
      summary.hidden = !answered;
      if (answered) score.textContent = scoreText(state, forms.length);
    }

    forms.forEach(function (form) {
      // The script gives feedback itself, so the no-script answer disclosure goes.
      var reveal = form.querySelector(".atlas-quiz__answer");
      if (reveal) reveal.remove();
      form.addEventListener("submit", function (event) {
        event.preventDefault();
        var id = form.dataset.question;
        var chosen = form.querySelector("input[type=radio]:checked");
        var live = form.querySelector(".atlas-quiz__feedback");
        if (!chosen) {
          live.textContent = "Choose an answer first.";
          form.querySelector("input[type=radio]").focus();
          return;
        }
        var right = chosen.value === data.answers[id];
        var why = form.querySelector('.atlas-quiz__why[data-option="' + chosen.value + '"]');
        live.replaceChildren.apply(live, Array.prototype.map.call(why.childNodes, function (n) {
          return n.cloneNode(true);
        }));
        form.classList.toggle("atlas-quiz__question--right", right);
        form.classList.toggle("atlas-quiz__question--wrong", !right);
        form.querySelectorAll(".atlas-quiz__option").forEach(function (label) {
          var input = label.querySelector("input");
          label.classList.toggle("atlas-quiz__option--chosen", input === chosen);
          label.classList.toggle("atlas-quiz__option--answer", input.value === data.answers[id]);
        });
        if (!(id in state.first)) {
          state.first[id] = right;
          save(data.quiz, state);
        }
        showScore();
      });
    });

    root.querySelector(".atlas-quiz__reset").addEventListener("click", function () {
      state = { version: data.version, first: {} };
      save(data.quiz, state);
      forms.forEach(function (form) {
        form.reset();
        form.classList.remove("atlas-quiz__question--right", "atlas-quiz__question--wrong");
        form.querySelector(".atlas-quiz__feedback").replaceChildren();
        form.querySelectorAll(".atlas-quiz__option").forEach(function (label) {
          label.classList.remove("atlas-quiz__option--chosen", "atlas-quiz__option--answer");
        });
      });
      showScore();
      // The reset button is now hidden: move focus to the first question, not into the void.
      forms[0].querySelector("input[type=radio]").focus();
    });
    showScore();
  }

  // On the Study page: the score each quiz has in this browser.
  function showStoredScores() {
    document.querySelectorAll("[data-quiz-score]").forEach(function (cell) {
      var state = load(cell.dataset.quizScore);
      if (state && state.version === cell.dataset.quizVersion && Object.keys(state.first).length) {
        var ids = Object.keys(state.first);
        var right = ids.filter(function (id) { return state.first[id]; }).length;
        cell.textContent = right + " of " + ids.length + " right at the first try";
      }
    });
  }

  function setUpPrint() {
    document.querySelectorAll(".atlas-print").forEach(function (button) {
      button.hidden = false;
      button.onclick = function () { window.print(); };
    });
  }

  function setUp() {
    document.querySelectorAll(".atlas-quiz").forEach(setUpQuiz);
    showStoredScores();
    setUpPrint();
  }

  if (typeof window.document$ !== "undefined") {
    window.document$.subscribe(setUp); // Material: every page load
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", setUp);
  } else {
    setUp();
  }
})();
