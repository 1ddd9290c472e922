// The translators' page, started here: the tabs, then each tab's panel (one module per tab).
// Plain ES modules, no build step. To add a tab, see the recipe at the top of tabs.js.
import { initTabs } from "./tabs.js";
import { init as initSearch } from "./search.js";
import { init as initCheck } from "./check.js";

initTabs(document.querySelector('[role="tablist"]'));
initSearch();
initCheck();
