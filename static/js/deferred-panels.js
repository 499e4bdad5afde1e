// Deferred panels of the case screen (cases.extensions.Panel.deferred): each placeholder is replaced by its panel,
// fetched from the placeholder's link when it comes within a screen or so of the viewport. Without JavaScript,
// or when the fetch fails, the link still opens the panel as a page of its own.
(function () {
  "use strict";

  function load(placeholder) {
    var status = placeholder.querySelector(".deferred-status");
    placeholder.setAttribute("aria-busy", "true");
    if (status) {
      status.textContent = placeholder.getAttribute("data-loading-text");
    }
    fetch(placeholder.getAttribute("data-panel-url"), {
      credentials: "same-origin",
      headers: { "X-Madoguchi-Fragment": "1" },
    })
      .then(function (response) {
        if (response.status === 404) {
          // Nothing to show for this case or user: the place goes away.
          placeholder.remove();
          return null;
        }
        if (!response.ok) {
          throw new Error(String(response.status));
        }
        return response.text();
      })
      .then(function (html) {
        if (html === null) {
          return;
        }
        var holder = document.createElement("template");
        holder.innerHTML = html;
        placeholder.replaceWith(holder.content);
      })
      .catch(function () {
        placeholder.removeAttribute("aria-busy");
        if (status) {
          status.textContent = placeholder.getAttribute("data-failed-text");
        }
      });
  }

  var placeholders = document.querySelectorAll("[data-panel-url]");
  if (!("IntersectionObserver" in window)) {
    placeholders.forEach(load);
    return;
  }
  var observer = new IntersectionObserver(
    function (entries) {
      entries.forEach(function (entry) {
        if (entry.isIntersecting) {
          observer.unobserve(entry.target);
          load(entry.target);
        }
      });
    },
    { rootMargin: "800px 0px" }
  );
  placeholders.forEach(function (placeholder) {
    observer.observe(placeholder);
  });
})();
