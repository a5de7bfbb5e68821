/* TechBridge site behaviour. Loaded as a file (the Content-Security-Policy forbids inline
   scripts). Remembers the browser's time zone so that anonymous readers see times in
   their own zone; signed-in users' profile setting takes precedence on the server. */
(function () {
  "use strict";

  var COOKIE = "techbridge_time_zone";

  function readCookie(name) {
    var parts = document.cookie ? document.cookie.split("; ") : [];
    for (var i = 0; i < parts.length; i += 1) {
      var pair = parts[i].split("=");
      if (pair[0] === name) {
        return decodeURIComponent(pair.slice(1).join("="));
      }
    }
    return null;
  }

  try {
    var zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
    if (zone && readCookie(COOKIE) !== zone) {
      document.cookie = COOKIE + "=" + encodeURIComponent(zone) + "; path=/; max-age=31536000; SameSite=Lax";
    }
  } catch (error) {
    /* Very old browsers: times stay in the server's default zone. */
  }

  /* Buttons that ask for confirmation carry data-confirm (no inline handlers). */
  document.addEventListener("submit", function (event) {
    var form = event.target;
    var message = form && form.getAttribute("data-confirm");
    if (message && !window.confirm(message)) {
      event.preventDefault();
    }
  }, true);
})();
