// Once the server confirms an intake was saved, the browser-side draft of the intake form is dropped.
(function () {
  "use strict";
  if (document.querySelector(".messages .intake-saved")) {
    try { window.localStorage.removeItem("intake-draft"); } catch (e) { /* ignore */ }
  }
})();
