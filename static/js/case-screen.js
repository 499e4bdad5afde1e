// The case screen: links that open a collapsed action, and the searchable classification picker.
// Everything here is an enhancement: without JavaScript the links still jump and the grouped select still works.
(function () {
  "use strict";

  // A link in the sticky bar to an action in the column opens that action's <details> before jumping to it.
  function openAction(id) {
    var details = document.getElementById(id);
    if (details && details.tagName === "DETAILS") {
      details.open = true;
    }
  }
  document.querySelectorAll("a[data-open-action]").forEach(function (link) {
    link.addEventListener("click", function () { openAction(link.getAttribute("data-open-action")); });
  });
  if (location.hash.length > 1) {
    openAction(decodeURIComponent(location.hash.slice(1)));
  }

  // The same folding as the server's search: NFKC (full-width/half-width) and case-insensitive.
  function fold(text) {
    return text.normalize("NFKC").toLowerCase();
  }

  document.querySelectorAll("[data-term-filter]").forEach(function (box) {
    var select = document.getElementById(box.getAttribute("data-term-filter"));
    if (!select) {
      return;
    }
    var input = box.querySelector("input[type=search]");
    var count = box.querySelector("[role=status]");
    var format = box.getAttribute("data-count-format") || "{n} / {total}";
    var options = Array.prototype.slice.call(select.querySelectorAll("option"));
    var keys = options.map(function (option) { return fold(option.textContent.trim()); });
    box.hidden = false;
    // A list box shows the filtered options at once; the drop-down would hide them behind a click.
    select.size = 10;

    function apply() {
      var query = fold(input.value.trim());
      var shown = 0;
      var firstShown = null;
      options.forEach(function (option, i) {
        var match = query === "" || keys[i].indexOf(query) !== -1;
        option.hidden = !match;
        option.disabled = !match;
        if (match) {
          shown += 1;
          if (firstShown === null) {
            firstShown = option;
          }
        }
      });
      select.querySelectorAll("optgroup").forEach(function (group) {
        group.hidden = !group.querySelector("option:not([hidden])");
      });
      var current = select.options[select.selectedIndex];
      if (!current || current.hidden) {
        select.selectedIndex = firstShown ? firstShown.index : -1;
      }
      count.textContent = format.replace("{n}", String(shown)).replace("{total}", String(options.length));
    }

    input.addEventListener("input", apply);
    input.addEventListener("keydown", function (event) {
      if (event.key === "ArrowDown") {
        event.preventDefault();
        select.focus();
      } else if (event.key === "Enter" && select.selectedIndex === -1) {
        // Nothing matches: do not send an empty choice.
        event.preventDefault();
      }
    });
    apply();
  });
})();
