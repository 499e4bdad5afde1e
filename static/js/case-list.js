// Case list: a header checkbox that ticks or clears every row of the page for the bulk action bar.
// Without JavaScript it stays hidden and rows are ticked one by one.
(function () {
  "use strict";
  var all = document.getElementById("select-all");
  if (!all) { return; }
  var rows = Array.prototype.slice.call(document.querySelectorAll("input[name=cases][form=bulk-form]"));
  all.hidden = false;
  function sync() {
    var ticked = rows.filter(function (r) { return r.checked; }).length;
    all.checked = ticked > 0 && ticked === rows.length;
    all.indeterminate = ticked > 0 && ticked < rows.length;
  }
  all.addEventListener("change", function () {
    rows.forEach(function (r) { r.checked = all.checked; });
  });
  rows.forEach(function (r) { r.addEventListener("change", sync); });
  sync();
})();
