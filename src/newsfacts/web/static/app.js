// newsfacts web: tooltips for highlighted facts (hover and keyboard focus), kind toggles.
// No framework and nothing fetched; the page works without it (CSS tooltips, all facts shown).
"use strict";
document.documentElement.classList.add("js");

(function () {
  const tooltip = document.getElementById("tooltip");
  const text = document.getElementById("article-text");
  if (!tooltip || !text) return;

  function tipOf(mark) {
    const holder = document.getElementById(mark.getAttribute("aria-describedby") || "");
    return holder ? holder.textContent : mark.dataset.tip || "";
  }
  function show(mark) {
    tooltip.textContent = tipOf(mark);
    tooltip.hidden = false;
    const box = mark.getBoundingClientRect();
    const left = Math.min(window.scrollX + box.left, window.scrollX + document.documentElement.clientWidth - tooltip.offsetWidth - 8);
    tooltip.style.left = Math.max(window.scrollX + 4, left) + "px";
    tooltip.style.top = (window.scrollY + box.bottom + 6) + "px";
    tooltip.dataset.fact = mark.dataset.fact;
  }
  function hide() { tooltip.hidden = true; }
  function markOf(event) { return event.target.closest ? event.target.closest("mark.nf") : null; }

  text.addEventListener("mouseover", function (event) { const m = markOf(event); if (m) show(m); });
  text.addEventListener("mouseout", function (event) {
    const to = event.relatedTarget && event.relatedTarget.closest ? event.relatedTarget.closest("mark.nf") : null;
    if (to) show(to); else hide();
  });
  text.addEventListener("focusin", function (event) { const m = markOf(event); if (m) show(m); });
  text.addEventListener("focusout", hide);
  document.addEventListener("keydown", function (event) { if (event.key === "Escape") hide(); });

  // Arriving at a fact (#fact-Q3 from the fact sheet, a timeline or a search result):
  // keyboard focus goes there too, so Tab goes on from the fact and its tooltip shows.
  function focusTarget() {
    const target = location.hash.length > 1 ? document.getElementById(decodeURIComponent(location.hash.slice(1))) : null;
    if (target && target.matches("mark.nf[tabindex]")) target.focus({ preventScroll: true });
  }
  window.addEventListener("hashchange", focusTarget);
  focusTarget();

  // Kind toggles: a hidden kind loses its colour and its tab stops.
  document.querySelectorAll(".legend input[data-kind]").forEach(function (box) {
    function apply() {
      const kind = box.dataset.kind;
      text.classList.toggle("hide-" + kind, !box.checked);
      text.querySelectorAll("mark.nf-" + kind + "[tabindex]").forEach(function (m) {
        m.tabIndex = box.checked ? 0 : -1;
      });
    }
    box.addEventListener("change", apply);
    apply();
  });
})();
