// What someone types into a long form is kept in this browser until it is saved, so that
// leaving the page (a tap on a link, a lost connection, a closed tab) loses nothing. A form
// opts in with data-draft-key (the signed-in user and the page); data-draft-restore says
// the page shows the form as saved, so a kept draft is put back, with a note and a way to
// discard it. Files are not kept (the server keeps a checked attachment). Saving the form
// or signing out (data-clears-drafts) forgets the drafts: a shared phone keeps none.
(function () {
  "use strict";
  var PREFIX = "form-draft:";
  var storage;
  try {
    storage = window.localStorage;
  } catch (error) {
    return;
  }
  if (!storage) {
    return;
  }

  function keptFields(form) {
    return Array.prototype.filter.call(form.elements, function (field) {
      var type = field.type;
      return field.name && field.name !== "csrfmiddlewaretoken" && !field.disabled &&
        ["file", "hidden", "submit", "button", "reset", "password"].indexOf(type) === -1;
    });
  }

  function read(form) {
    var values = {};
    keptFields(form).forEach(function (field) {
      if (field.type === "checkbox" || field.type === "radio") {
        values[field.name] = values[field.name] || [];
        if (field.checked) {
          values[field.name].push(field.value);
        }
      } else {
        values[field.name] = field.value;
      }
    });
    return values;
  }

  function write(form, values) {
    keptFields(form).forEach(function (field) {
      if (!(field.name in values)) {
        return;
      }
      var value = values[field.name];
      if (field.type === "checkbox" || field.type === "radio") {
        field.checked = value.indexOf(field.value) !== -1;
      } else {
        field.value = value;
      }
      field.dispatchEvent(new Event("change", { bubbles: true }));
    });
  }

  // A draft is marked as sent when its form is submitted. The server then shows the form
  // again only if it refused the input (a bound form, keeping it: the draft is taken up
  // again); a saved form leads elsewhere, so a draft found marked as sent when the form is
  // next opened empty was saved, and is forgotten.
  function keep(form) {
    var key = PREFIX + form.dataset.draftKey;
    function save(sent) {
      storage.setItem(key, JSON.stringify({ values: read(form), sent: sent === true }));
    }
    var saved = JSON.parse(storage.getItem(key) || "null");
    if (!form.hasAttribute("data-draft-restore")) {
      save();
    } else if (saved && saved.sent) {
      storage.removeItem(key);
    } else if (saved) {
      write(form, saved.values);
      var note = document.getElementById(form.dataset.draftNote);
      if (note) {
        note.hidden = false;
        note.querySelector("button").addEventListener("click", function () {
          storage.removeItem(key);
          window.location.reload();
        });
      }
    }
    form.addEventListener("input", save);
    form.addEventListener("change", save);
    form.addEventListener("submit", function () {
      save(true);
    });
  }

  function forgetAll() {
    Object.keys(storage).forEach(function (key) {
      if (key.indexOf(PREFIX) === 0) {
        storage.removeItem(key);
      }
    });
  }

  // After every deferred script, so that the form's own scripts follow what is put back.
  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("form[data-draft-key]").forEach(keep);
    document.querySelectorAll("form[data-clears-drafts]").forEach(function (form) {
      form.addEventListener("submit", forgetAll);
    });
  });
})();
