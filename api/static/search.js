// The search tab: search as you type (GET /api/v1/search), with kind and source-report filters.
// The results are an ARIA grid the search box drives (aria-activedescendant): each result holds
// copy buttons, which a listbox option may not contain (axe-core: nested-interactive).
import { $, API, KINDS, copyText, hasHan, problemText, sources } from "./common.js";

const DEBOUNCE_MS = 150;
const HOW = {
  exact: "完全相符 exact",
  normalized: "相符 match",
  acronym: "縮寫 acronym",
  prefix: "開頭相符 prefix",
  token: "字詞相符 words",
  fuzzy: "近似 close match",
  pinyin: "拼音 pinyin",
  pair: "中英成對 pair",
  contained: "包含 contained",
};
// Shown only when the API sends the field (match quality and review status are newer fields).
const QUALITY = {
  exact: "完全相符 exact",
  close: "相近 close",
  weak: "勉強相符 weak",
};
const REVIEW = {
  approved: "已審定 approved",
  proposed: "待審 proposed",
};

export function init() {
  const input = $("q");
  const grid = $("results");
  const status = $("status");
  const template = $("result-template");
  const kindFilter = $("filter-kind");
  const sourceFilter = $("filter-source");
  let titles = {}; // file name -> title, for citations
  let controller = null; // AbortController of the request in flight
  let timer = null;
  let results = [];
  let active = -1;
  let lastKey = null; // the query and filters of the results shown
  let confirming = -1; // a weak match waiting for a second Enter before it is copied

  // ---------------------------------------------------------- the request

  function params() {
    const q = input.value.trim();
    const p = { q };
    if (kindFilter.value) p.kind = kindFilter.value;
    if (sourceFilter.value) p.source = sourceFilter.value;
    return p;
  }

  function schedule() {
    clearTimeout(timer);
    timer = setTimeout(runSearch, DEBOUNCE_MS);
  }

  async function runSearch() {
    const p = params();
    const key = JSON.stringify(p);
    if (key === lastKey) return;
    lastKey = key;
    const url = new URL(window.location.href);
    for (const name of ["q", "kind", "source"]) {
      if (p[name]) url.searchParams.set(name, p[name]);
      else url.searchParams.delete(name);
    }
    history.replaceState(null, "", url);
    if (controller) controller.abort(); // a newer query makes the older answer useless
    if (!p.q) {
      render([]);
      status.textContent = "";
      return;
    }
    controller = new AbortController();
    const mine = controller;
    status.textContent = "查詢中… searching…";
    try {
      const response = await fetch(`${API}/search?${new URLSearchParams({ ...p, limit: "20" })}`, {
        signal: mine.signal,
        headers: { Accept: "application/json" },
      });
      if (mine !== controller) return; // overtaken meanwhile
      if (!response.ok) {
        render([]);
        status.textContent = `無法查詢 · ${await problemText(response)}`;
        return;
      }
      const body = await response.json();
      if (mine !== controller) return; // overtaken meanwhile
      render(body.results);
      status.textContent = body.results.length
        ? `找到 ${body.total} 筆 · ${body.total} result${body.total === 1 ? "" : "s"}`
        : `查無「${p.q}」 · nothing found`;
    } catch (error) {
      if (error.name === "AbortError") return;
      status.textContent = `無法連線 · cannot reach the service (${error.message})`;
    }
  }

  // ---------------------------------------------------------- the results

  function render(found) {
    results = found;
    confirming = -1;
    grid.replaceChildren(...found.map((result, i) => card(result, i)));
    grid.hidden = !found.length; // an empty grid is not a grid
    input.setAttribute("aria-expanded", found.length ? "true" : "false");
    select(found.length ? 0 : -1);
  }

  function card(result, index) {
    const node = template.content.firstElementChild.cloneNode(true);
    node.id = `result-${index}`;
    node.querySelector(".cell").id = `result-${index}-cell`;
    node.dataset.index = String(index);
    fillForm(node.querySelector(".form.zh"), result.zh);
    fillForm(node.querySelector(".form.en"), result.en);
    const abbrWrap = node.querySelector(".abbr-wrap");
    if (result.abbr) {
      node.querySelector(".abbr").textContent = result.abbr;
      const button = abbrWrap.querySelector(".copy");
      button.setAttribute("aria-label", `複製 copy ${result.abbr}`);
      button.addEventListener("click", () => copyText(result.abbr, status, button));
    } else {
      abbrWrap.hidden = true;
    }
    node.querySelector(".kind").textContent = KINDS[result.kind] || result.kind;
    if (result.quality) {
      const badge = node.querySelector(".quality");
      badge.classList.add(result.quality);
      show(badge, QUALITY[result.quality] || result.quality);
    }
    if (result.review_status) {
      const badge = node.querySelector(".review");
      badge.classList.add(result.review_status);
      show(badge, REVIEW[result.review_status] || result.review_status);
    }
    const matched = result.matched || {};
    node.querySelector(".matched").textContent = matched.text
      ? `${HOW[matched.how] || matched.how}：${matched.text}`
      : "";
    if (result.notice) show(node.querySelector(".notice"), `⚠ ${result.notice}`);
    if (result.definition) {
      const def = node.querySelector(".definition");
      def.lang = result.definition.lang || "zh-Hant";
      show(def, `定義 Definition：${result.definition.text}`);
    }
    const variants = (result.variants || []).map(
      (v) =>
        `${v.text}${
          v.status === "deprecated" ? "（不建議 deprecated）" : v.status === "proposed" ? "（待審 proposed）" : ""
        }`
    );
    if (variants.length) show(node.querySelector(".variants"), `其他寫法 Variants：${variants.join("、")}`);
    const citations = result.citations || [];
    if (citations.length) {
      const details = node.querySelector(".citations");
      details.hidden = false;
      details.querySelector(".count").textContent = String(citations.length);
      details.querySelector("ul").replaceChildren(...citations.map(citation));
    }
    node.addEventListener("mousedown", () => select(index));
    return node;
  }

  function fillForm(box, text) {
    if (!text) {
      box.classList.add("empty");
      box.querySelector(".text").textContent = "—";
      box.querySelector(".copy").hidden = true;
      return;
    }
    box.querySelector(".text").textContent = text;
    const button = box.querySelector(".copy");
    button.setAttribute("aria-label", `複製 copy ${text}`);
    button.addEventListener("click", () => copyText(text, status, button));
  }

  function show(element, text) {
    element.textContent = text;
    element.hidden = false;
  }

  function citation(c) {
    const li = document.createElement("li");
    const quote = document.createElement("q");
    quote.lang = hasHan(c.quote || "") ? "zh-Hant" : "en";
    quote.textContent = c.quote || "";
    const where = document.createElement("span");
    where.className = "where";
    const title = titles[c.doc];
    const parts = [title ? `${title}（${c.doc}）` : c.doc];
    if (c.section) parts.push(c.section);
    parts.push(`第 ${c.line} 行 line ${c.line}`);
    where.textContent = ` — ${parts.join(" · ")}`;
    li.append(quote, where);
    return li;
  }

  function select(index) {
    const rows = grid.children;
    if (active >= 0 && rows[active]) rows[active].setAttribute("aria-selected", "false");
    active = index;
    confirming = -1;
    if (index >= 0 && rows[index]) {
      rows[index].setAttribute("aria-selected", "true");
      input.setAttribute("aria-activedescendant", `result-${index}-cell`);
      rows[index].scrollIntoView({ block: "nearest" });
    } else {
      input.removeAttribute("aria-activedescendant");
    }
  }

  // The form a translator wants from a result: the other language than the query's.
  function translationOf(result) {
    if (hasHan(input.value.trim())) return result.en || result.abbr || result.zh;
    return result.zh || result.en || result.abbr;
  }

  // Enter copies the selected result's translation; a weak match asks for a second Enter first,
  // so that a near miss is not pasted into a draft by habit.
  function copySelected() {
    const result = results[active];
    const text = translationOf(result);
    if (result.quality === "weak" && confirming !== active) {
      confirming = active;
      status.textContent =
        `「${text}」只是勉強相符，再按 Enter 複製 · weak match: press Enter again to copy it`;
      return;
    }
    confirming = -1;
    const button = grid.children[active].querySelector(hasHan(input.value) ? ".en .copy" : ".zh .copy");
    copyText(text, status, button);
  }

  // ---------------------------------------------------------- events

  input.addEventListener("input", schedule);
  input.addEventListener("keydown", (event) => {
    if (event.key === "ArrowDown" && results.length) {
      event.preventDefault();
      select(Math.min(active + 1, results.length - 1));
    } else if (event.key === "ArrowUp" && results.length) {
      event.preventDefault();
      select(Math.max(active - 1, 0));
    } else if (event.key === "Enter") {
      event.preventDefault();
      clearTimeout(timer);
      if (JSON.stringify(params()) !== lastKey) {
        runSearch();
      } else if (active >= 0 && results[active]) {
        copySelected();
      }
    } else if (event.key === "Escape") {
      input.value = "";
      schedule();
    }
  });
  for (const filter of [kindFilter, sourceFilter]) filter.addEventListener("change", runSearch);

  // ---------------------------------------------------------- start

  for (const [value, label] of Object.entries(KINDS)) kindFilter.add(new Option(label, value));
  const initial = new URL(window.location.href).searchParams;
  if (initial.get("kind")) kindFilter.value = initial.get("kind");
  sources().then((list) => {
    titles = {};
    for (const s of list) {
      if (s.title) titles[s.file_name] = s.title;
      const option = new Option(s.title ? `${s.title}（${s.file_name}）` : s.file_name, s.file_name);
      sourceFilter.add(option);
    }
    if (initial.get("source")) {
      sourceFilter.value = initial.get("source");
      if (input.value.trim()) runSearch(); // the source list came after the first search
    }
  });
  if (initial.get("q")) {
    input.value = initial.get("q");
    runSearch();
  }
}
