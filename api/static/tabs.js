// The page's tabs: one WAI-ARIA tabs component (https://www.w3.org/WAI/ARIA/apg/patterns/tabs/).
// Left/Right arrows, Home and End move between the tabs and show each one's panel
// (automatic activation); focus stays on the tab, so Tab then enters the panel.
// A click opens the tab and puts the cursor in the panel's first field.
//
// Recipe: adding a tab (e.g. "Scan")
//   1. index.html: in the tablist add
//        <button type="button" role="tab" id="tab-scan" aria-controls="panel-scan"
//                aria-selected="false" tabindex="-1">掃描 <span lang="en">Scan</span></button>
//      and after the other panels
//        <section id="panel-scan" role="tabpanel" aria-labelledby="tab-scan" hidden>…</section>
//      Give the field the cursor should land in on a click the attribute data-autofocus.
//   2. static/scan.js: export function init() { … } wiring the panel (helpers in common.js).
//   3. static/app.js: import { init as initScan } from "./scan.js"; and call initScan().
//   4. tests/test_web_page.py: the axe test opens every tab, so the new panel is checked
//      too; add the panel's own behaviour tests.
// Nothing here changes: the tabs are found from the tablist.

export function initTabs(tablist) {
  const tabs = Array.from(tablist.querySelectorAll('[role="tab"]'));
  const panelOf = (tab) => document.getElementById(tab.getAttribute("aria-controls"));

  function open(tab) {
    for (const t of tabs) {
      const selected = t === tab;
      t.setAttribute("aria-selected", selected ? "true" : "false");
      t.tabIndex = selected ? 0 : -1;
      panelOf(t).hidden = !selected;
    }
  }

  for (const tab of tabs) {
    tab.addEventListener("click", () => {
      open(tab);
      const field = panelOf(tab).querySelector("[data-autofocus]");
      if (field) field.focus();
    });
    tab.addEventListener("keydown", (event) => {
      const at = tabs.indexOf(tab);
      const to = {
        ArrowRight: (at + 1) % tabs.length,
        ArrowLeft: (at - 1 + tabs.length) % tabs.length,
        Home: 0,
        End: tabs.length - 1,
      }[event.key];
      if (to === undefined) return;
      event.preventDefault();
      tabs[to].focus();
      open(tabs[to]);
    });
  }
  return { open: (id) => open(tabs.find((t) => t.id === id)) };
}
