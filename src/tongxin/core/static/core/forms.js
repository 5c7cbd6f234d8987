/* Tongxin's forms, without inline script (the Content-Security-Policy allows 'self' only).
   - The error summary of a failed submit takes the focus, so a screen reader reads it and
     a keyboard user starts from it; its links move the focus to each bad field.
   - Every text box with a maxlength shows "已输入 n / max 字" while typing (the server
     renders the counter when it can; boxes written by hand get one here). */
(function () {
  "use strict";

  function counterFor(box) {
    var out = document.getElementById(box.getAttribute("data-counter") || (box.id ? box.id + "-count" : ""));
    if (out) { return out; }
    out = document.createElement("div");
    out.className = "form-text tx-counter";
    out.id = (box.id || box.name) + "-count";
    out.innerHTML = "已输入 <span data-count></span> / " + box.maxLength + " 字";
    box.insertAdjacentElement("afterend", out);
    var described = box.getAttribute("aria-describedby");
    box.setAttribute("aria-describedby", (described ? described + " " : "") + out.id);
    return out;
  }

  function bindCounters(root) {
    root.querySelectorAll("textarea[maxlength]").forEach(function (box) {
      if (box.hasAttribute("data-counting") || box.maxLength <= 0) { return; }
      box.setAttribute("data-counting", "");
      var out = counterFor(box);
      var number = out.querySelector("[data-count]");
      var update = function () {
        var n = box.value.length;
        number.textContent = String(n);
        out.classList.toggle("tx-over", n > box.maxLength);
      };
      box.addEventListener("input", update);
      update();
    });
  }

  function focusSummary() {
    var summary = document.querySelector("[data-error-summary]");
    if (!summary) { return; }
    summary.focus();
    summary.addEventListener("click", function (event) {
      var link = event.target.closest("a[href^='#']");
      if (!link) { return; }
      var target = document.getElementById(link.getAttribute("href").slice(1));
      if (!target) { return; }
      event.preventDefault();
      var control = target.matches("fieldset") ? target.querySelector("input, select, textarea") : target;
      (control || target).focus();
      target.scrollIntoView({ block: "center" });
    });
  }

  // A table wider than the phone scrolls inside its box: keyboard users must be able to
  // reach that box to scroll it (WCAG 2.1.1), so it takes the focus and says what it is.
  function scrollableTables(root) {
    root.querySelectorAll(".table-responsive:not([tabindex])").forEach(function (box) {
      box.setAttribute("tabindex", "0");
      box.setAttribute("role", "region");
      var caption = box.querySelector("caption");
      box.setAttribute("aria-label", caption ? caption.textContent.trim() : "表格（可左右滚动）");
    });
  }

  bindCounters(document);
  scrollableTables(document);
  focusSummary();
  document.addEventListener("htmx:afterSwap", function (event) {
    bindCounters(event.target);
    scrollableTables(event.target);
  });
})();
