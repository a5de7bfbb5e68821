/* Review drafts that survive a lost connection.
   htmx saves the draft on the server as the expert types (hx-post on the form). This file
   also keeps every keystroke in the browser's localStorage, so input that never reached
   the server (connection dropped, laptop closed) is restored when the page is opened
   again, and says so. The copy is dropped once the server holds the same input.
   Loaded as a file: the Content-Security-Policy forbids inline scripts. */
(function () {
  "use strict";

  var PREFIX = "techbridge:";

  function storage() {
    try {
      var probe = PREFIX + "probe";
      window.localStorage.setItem(probe, "1");
      window.localStorage.removeItem(probe);
      return window.localStorage;
    } catch (error) {
      return null; /* private mode or storage disabled: autosave on the server still works */
    }
  }

  function fields(form) {
    return Array.prototype.filter.call(form.elements, function (element) {
      return element.name && element.name !== "csrfmiddlewaretoken" && element.type !== "submit";
    });
  }

  function collect(form) {
    var values = {};
    fields(form).forEach(function (element) {
      values[element.name] = element.type === "checkbox" ? element.checked : element.value;
    });
    return values;
  }

  function restore(form, values) {
    fields(form).forEach(function (element) {
      if (!Object.prototype.hasOwnProperty.call(values, element.name)) {
        return;
      }
      if (element.type === "checkbox") {
        element.checked = Boolean(values[element.name]);
      } else {
        element.value = values[element.name];
      }
    });
  }

  function same(left, right) {
    return JSON.stringify(left) === JSON.stringify(right);
  }

  function setStatus(form, text, isError) {
    var status = form.querySelector("[data-autosave-status]");
    if (status) {
      status.textContent = text;
      status.classList.toggle("autosave-status--error", Boolean(isError));
    }
  }

  function setUp(form, store) {
    var key = PREFIX + form.getAttribute("data-review-draft");
    var serverSavedAt = Number(form.getAttribute("data-saved-at") || "0") * 1000;
    var stored = null;
    try {
      stored = JSON.parse(store.getItem(key) || "null");
    } catch (error) {
      stored = null;
    }
    if (stored && stored.typedAt > serverSavedAt && !same(stored.values, collect(form))) {
      restore(form, stored.values);
      setStatus(form, form.getAttribute("data-restored-message"), false);
      if (window.htmx) {
        window.htmx.trigger(form, "change"); /* send the restored input to the server */
      }
    } else if (stored) {
      store.removeItem(key);
    }

    function remember() {
      store.setItem(key, JSON.stringify({ typedAt: Date.now(), values: collect(form) }));
    }

    form.addEventListener("input", remember);
    form.addEventListener("change", remember);

    /* Once the form itself is being sent, a delayed autosave would only race it. */
    var sending = false;
    form.addEventListener("submit", function () {
      sending = true;
    });
    form.addEventListener("htmx:beforeRequest", function (event) {
      if (sending) {
        event.preventDefault();
      }
    });

    /* The server now holds the draft: drop the copy unless more was typed meanwhile. */
    form.addEventListener("htmx:afterRequest", function (event) {
      var saved = event.detail.successful &&
        event.detail.xhr.responseText.indexOf('data-autosave-state="saved"') !== -1;
      if (!saved) {
        return;
      }
      var current = null;
      try {
        current = JSON.parse(store.getItem(key) || "null");
      } catch (error) {
        current = null;
      }
      if (current && same(current.values, collect(form))) {
        store.removeItem(key);
      }
    });

    function offline() {
      setStatus(form, form.getAttribute("data-offline-message"), true);
    }
    form.addEventListener("htmx:sendError", offline);
    window.addEventListener("offline", offline);
    window.addEventListener("online", function () {
      if (window.htmx) {
        window.htmx.trigger(form, "change");
      }
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    var store = storage();
    if (!store) {
      return;
    }
    Array.prototype.forEach.call(document.querySelectorAll("form[data-review-draft]"), function (form) {
      setUp(form, store);
    });
  });
})();
