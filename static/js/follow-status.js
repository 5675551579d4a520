// Pages of work done in the background (an evidence spreadsheet, a report's PDF, an
// import) with scripts on: every five seconds the page is read again and its status region
// updated in place when what it says has changed (a live region, so screen readers hear
// the news once); when the work is over the page is reloaded once, to show the result.
// No timed refresh of the whole page, which would move the reader's focus and place.
// Without scripts, the region's "Look again" link does the same by hand.
(function () {
  "use strict";
  var region = document.querySelector("[data-follow-status]");
  if (!region || !window.fetch || !window.DOMParser) {
    return;
  }
  var every = 5000;

  function look() {
    fetch(window.location.href, { credentials: "same-origin" })
      .then(function (response) {
        if (!response.ok) {
          throw new Error(String(response.status));
        }
        return response.text();
      })
      .then(function (html) {
        var page = new DOMParser().parseFromString(html, "text/html");
        var fresh = page.querySelector("[data-follow-status]");
        if (!fresh || fresh.dataset.followStatus !== region.dataset.followStatus) {
          window.location.reload();
          return;
        }
        if (fresh.innerHTML !== region.innerHTML) {
          region.innerHTML = fresh.innerHTML;
        }
        window.setTimeout(look, every);
      })
      .catch(function () {
        window.setTimeout(look, every * 3);
      });
  }

  window.setTimeout(look, every);
})();
