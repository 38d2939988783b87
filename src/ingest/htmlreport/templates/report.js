// Sorting, filtering and paging for the report's tables. Without script every row is shown.
(function () {
  "use strict";
  function text(row, index) { return row.cells[index] ? row.cells[index].textContent : ""; }
  function setup(box) {
    var table = box.querySelector("table");
    var body = table.tBodies[0];
    var all = Array.prototype.slice.call(body.rows);
    var shown = all;
    var size = parseInt(box.getAttribute("data-page-size") || "0", 10) || all.length || 1;
    var page = 0;
    var tools = box.querySelector(".tools");
    var filter = box.querySelector("input[type=search]");
    var status = box.querySelector(".pager-status");
    var prev = box.querySelector("button.prev");
    var next = box.querySelector("button.next");
    if (tools) { tools.hidden = false; }
    table.classList.add("js-sortable");
    function draw() {
      var pages = Math.max(1, Math.ceil(shown.length / size));
      page = Math.min(page, pages - 1);
      var first = page * size;
      var fragment = document.createDocumentFragment();
      shown.slice(first, first + size).forEach(function (row) { fragment.appendChild(row); });
      body.replaceChildren(fragment);
      if (status) {
        status.textContent = shown.length
          ? "rows " + (first + 1) + "–" + Math.min(first + size, shown.length) + " of " + shown.length
          : "no rows match";
      }
      if (prev) { prev.disabled = page === 0; prev.hidden = pages === 1; }
      if (next) { next.disabled = page >= pages - 1; next.hidden = pages === 1; }
    }
    if (filter) {
      filter.addEventListener("input", function () {
        var words = filter.value.toLowerCase().split(/\s+/).filter(Boolean);
        shown = all.filter(function (row) {
          var line = row.textContent.toLowerCase();
          return words.every(function (word) { return line.indexOf(word) >= 0; });
        });
        page = 0;
        draw();
      });
    }
    if (prev) { prev.addEventListener("click", function () { page -= 1; draw(); }); }
    if (next) { next.addEventListener("click", function () { page += 1; draw(); }); }
    Array.prototype.forEach.call(table.tHead.rows[0].cells, function (th, index) {
      th.addEventListener("click", function () {
        var up = th.getAttribute("aria-sort") !== "ascending";
        Array.prototype.forEach.call(th.parentNode.cells, function (c) { c.removeAttribute("aria-sort"); });
        th.setAttribute("aria-sort", up ? "ascending" : "descending");
        var order = function (a, b) {
          var x = text(a, index), y = text(b, index);
          var c = x.localeCompare(y, undefined, { numeric: true, sensitivity: "base" });
          return up ? c : -c;
        };
        all.sort(order);
        shown.sort(order);
        page = 0;
        draw();
      });
    });
    draw();
  }
  Array.prototype.forEach.call(document.querySelectorAll("[data-table]"), setup);
})();
