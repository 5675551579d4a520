// The evidence form's strategy choice, with scripts on: the sub-objective list and the
// date's range and help follow the chosen strategy at once, from the <template> the page
// holds for each open strategy. Without scripts the button beside the choice reloads the
// form for it; with them the button is removed (so Enter still saves a draft).
(function () {
  "use strict";
  var choice = document.querySelector("[data-strategy-choice]");
  if (!choice || !("content" in document.createElement("template"))) {
    return;
  }
  var form = choice.closest("form");
  var strategy = form.elements.namedItem("strategy");
  var subObjective = form.elements.namedItem("sub_objective");
  var date = form.elements.namedItem("date");
  var dateHelp = document.getElementById(date.id + "_helptext");

  function follow() {
    var templates = choice.querySelectorAll("template[data-strategy]");
    var source = Array.prototype.find.call(templates, function (template) {
      return template.dataset.strategy === strategy.value;
    });
    if (!source) {
      return;
    }
    subObjective.replaceChildren(source.content.cloneNode(true));
    ["min", "max"].forEach(function (bound) {
      var value = source.dataset["date" + bound[0].toUpperCase() + bound.slice(1)];
      if (value) {
        date.setAttribute(bound, value);
      } else {
        date.removeAttribute(bound);
      }
    });
    if (dateHelp && source.dataset.dateHelp) {
      dateHelp.textContent = source.dataset.dateHelp;
    }
  }

  choice.querySelector("[data-strategy-reload]").remove();
  strategy.addEventListener("change", follow);
})();
