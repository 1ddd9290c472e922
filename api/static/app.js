// The translators' page: search as you type (GET /api/v1/search) and check a draft (POST /api/v1/check).
// Plain script, no build step. Every piece of data is inserted with textContent, never as HTML.
"use strict";

(function () {
  const API = "/api/v1";
  const DEBOUNCE_MS = 150;
  const KINDS = {
    term: "術語 term",
    org: "組織 organization",
    program: "計畫 program",
    law: "法規 law / agreement",
    person: "人名 person",
    place: "地名 place",
    other: "其他 other",
  };
  const HOW = {
    exact: "完全相符 exact",
    normalized: "相符 match",
    acronym: "縮寫 acronym",
    prefix: "開頭相符 prefix",
    token: "字詞相符 words",
    fuzzy: "近似 close match",
    pinyin: "拼音 pinyin",
  };

  const $ = (id) => document.getElementById(id);
  const input = $("q");
  const list = $("results");
  const status = $("status");
  const template = $("result-template");
  let sources = {}; // file name -> title, for citations
  let controller = null; // AbortController of the request in flight
  let timer = null;
  let results = [];
  let active = -1;
  let lastQuery = null;

  // ------------------------------------------------------------ helpers

  async function problemText(response) {
    try {
      const body = await response.json();
      return body.detail || body.title || `HTTP ${response.status}`;
    } catch (_) {
      return `HTTP ${response.status}`;
    }
  }

  async function copyText(text, button) {
    let ok = false;
    try {
      if (navigator.clipboard && window.isSecureContext) {
        await navigator.clipboard.writeText(text);
        ok = true;
      }
    } catch (_) {
      ok = false;
    }
    if (!ok) {
      // Plain http on a LAN has no clipboard API: fall back to a hidden textarea.
      const area = document.createElement("textarea");
      area.value = text;
      area.setAttribute("readonly", "");
      area.style.position = "fixed";
      area.style.opacity = "0";
      document.body.appendChild(area);
      area.select();
      try {
        ok = document.execCommand("copy");
      } catch (_) {
        ok = false;
      }
      area.remove();
    }
    status.textContent = ok ? `已複製「${text}」 · copied` : `無法複製 · could not copy: ${text}`;
    if (button) {
      button.classList.add("copied");
      setTimeout(() => button.classList.remove("copied"), 1200);
    }
  }

  function hasHan(text) {
    return /[\u3400-\u9fff\uf900-\ufaff]/.test(text);
  }

  // ------------------------------------------------------------ search

  function schedule() {
    clearTimeout(timer);
    timer = setTimeout(runSearch, DEBOUNCE_MS);
  }

  async function runSearch() {
    const q = input.value.trim();
    if (q === lastQuery) return;
    lastQuery = q;
    const url = new URL(window.location.href);
    if (q) url.searchParams.set("q", q);
    else url.searchParams.delete("q");
    history.replaceState(null, "", url);
    if (controller) controller.abort(); // a newer query makes the older answer useless
    if (!q) {
      render([], "");
      status.textContent = "";
      return;
    }
    controller = new AbortController();
    const mine = controller;
    status.textContent = "查詢中… searching…";
    try {
      const response = await fetch(`${API}/search?${new URLSearchParams({ q, limit: "20" })}`, {
        signal: mine.signal,
        headers: { Accept: "application/json" },
      });
      if (mine !== controller) return; // overtaken meanwhile
      if (!response.ok) {
        render([], q);
        status.textContent = `無法查詢 · ${await problemText(response)}`;
        return;
      }
      const body = await response.json();
      if (mine !== controller) return; // overtaken meanwhile
      render(body.results, q);
      status.textContent = body.results.length
        ? `找到 ${body.total} 筆 · ${body.total} result${body.total === 1 ? "" : "s"}`
        : `查無「${q}」 · nothing found`;
    } catch (error) {
      if (error.name === "AbortError") return;
      status.textContent = `無法連線 · cannot reach the service (${error.message})`;
    }
  }

  function render(found, query) {
    results = found;
    list.replaceChildren(...found.map((result, i) => card(result, i, query)));
    input.setAttribute("aria-expanded", found.length ? "true" : "false");
    select(found.length ? 0 : -1);
  }

  function card(result, index, query) {
    const node = template.content.firstElementChild.cloneNode(true);
    node.id = `result-${index}`;
    node.dataset.index = String(index);
    fillForm(node.querySelector(".form.zh"), result.zh);
    fillForm(node.querySelector(".form.en"), result.en);
    const abbrWrap = node.querySelector(".abbr-wrap");
    if (result.abbr) {
      node.querySelector(".abbr").textContent = result.abbr;
      abbrWrap.querySelector(".copy").addEventListener("click", () => copyText(result.abbr, abbrWrap.querySelector(".copy")));
    } else {
      abbrWrap.hidden = true;
    }
    node.querySelector(".kind").textContent = KINDS[result.kind] || result.kind;
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
    const variants = (result.variants || []).map((v) => `${v.text}${v.status === "deprecated" ? "（不建議 deprecated）" : ""}`);
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
    button.addEventListener("click", () => copyText(text, button));
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
    const title = sources[c.doc];
    const parts = [title ? `${title}（${c.doc}）` : c.doc];
    if (c.section) parts.push(c.section);
    parts.push(`第 ${c.line} 行 line ${c.line}`);
    where.textContent = ` — ${parts.join(" · ")}`;
    li.append(quote, where);
    return li;
  }

  function select(index) {
    const items = list.children;
    if (active >= 0 && items[active]) items[active].setAttribute("aria-selected", "false");
    active = index;
    if (index >= 0 && items[index]) {
      items[index].setAttribute("aria-selected", "true");
      input.setAttribute("aria-activedescendant", items[index].id);
      items[index].scrollIntoView({ block: "nearest" });
    } else {
      input.removeAttribute("aria-activedescendant");
    }
  }

  // The form a translator wants from a result: the other language than the query's.
  function translationOf(result) {
    const q = input.value.trim();
    if (hasHan(q)) return result.en || result.abbr || result.zh;
    return result.zh || result.en || result.abbr;
  }

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
      if (input.value.trim() !== lastQuery) {
        runSearch();
      } else if (active >= 0 && results[active]) {
        const text = translationOf(results[active]);
        const button = list.children[active].querySelector(hasHan(input.value) ? ".en .copy" : ".zh .copy");
        copyText(text, button);
      }
    } else if (event.key === "Escape") {
      input.value = "";
      schedule();
    }
  });

  // ------------------------------------------------------------ tabs

  const tabs = [$("tab-search"), $("tab-check")];
  function openTab(tab) {
    for (const t of tabs) {
      const selected = t === tab;
      t.setAttribute("aria-selected", selected ? "true" : "false");
      t.tabIndex = selected ? 0 : -1;
      $(t.getAttribute("aria-controls")).hidden = !selected;
    }
    (tab === tabs[0] ? input : $("draft")).focus();
  }
  for (const tab of tabs) {
    tab.addEventListener("click", () => openTab(tab));
    tab.addEventListener("keydown", (event) => {
      if (event.key === "ArrowRight" || event.key === "ArrowLeft") {
        event.preventDefault();
        const next = tabs[(tabs.indexOf(tab) + 1) % tabs.length];
        next.focus();
        openTab(next);
      }
    });
  }

  // ------------------------------------------------------------ check a draft

  const draft = $("draft");
  const checkStatus = $("check-status");

  async function runCheck() {
    const text = draft.value;
    if (!text.trim()) {
      checkStatus.textContent = "請先貼上文字 · paste some text first";
      return;
    }
    checkStatus.textContent = "檢查中… checking…";
    $("check-button").disabled = true;
    try {
      const response = await fetch(`${API}/check`, {
        method: "POST",
        headers: { "Content-Type": "application/json", Accept: "application/json" },
        body: JSON.stringify({ text }),
      });
      if (!response.ok) {
        $("check-output").hidden = true;
        checkStatus.textContent = `無法檢查 · ${await problemText(response)}`;
        return;
      }
      const body = await response.json();
      showFindings(text, body.findings || []);
      checkStatus.textContent = body.findings.length
        ? `發現 ${body.findings.length} 個問題 · ${body.findings.length} finding${body.findings.length === 1 ? "" : "s"}`
        : "沒有發現問題 · no findings";
    } catch (error) {
      checkStatus.textContent = `無法連線 · cannot reach the service (${error.message})`;
    } finally {
      $("check-button").disabled = false;
    }
  }

  // Findings give a line and a column (1-based, in characters: code points, as Python counts them).
  function showFindings(text, findings) {
    const lines = text.replace(/\r\n?/g, "\n").split("\n").map((line) => Array.from(line));
    const byLine = new Map();
    findings.forEach((finding, i) => {
      if (!byLine.has(finding.line)) byLine.set(finding.line, []);
      byLine.get(finding.line).push({ ...finding, index: i });
    });
    const out = $("check-text");
    out.replaceChildren();
    lines.forEach((chars, i) => {
      const marks = (byLine.get(i + 1) || []).sort((a, b) => a.column - b.column);
      let at = 0;
      for (const finding of marks) {
        const start = Math.max(finding.column - 1, at);
        const length = Array.from(finding.text || "").length || 1;
        if (start >= chars.length) continue;
        out.append(chars.slice(at, start).join(""));
        const mark = document.createElement("mark");
        mark.id = `finding-${finding.index}`;
        mark.className = `finding ${finding.type}`;
        mark.title = finding.message;
        mark.textContent = chars.slice(start, start + length).join("");
        out.append(mark);
        at = start + length;
      }
      out.append(chars.slice(at).join("") + (i < lines.length - 1 ? "\n" : ""));
    });
    $("findings").replaceChildren(
      ...findings.map((finding, i) => {
        const li = document.createElement("li");
        const link = document.createElement("a");
        link.href = `#finding-${i}`;
        link.textContent = `第 ${finding.line} 行第 ${finding.column} 字 · line ${finding.line}, col ${finding.column}`;
        const what = document.createElement("span");
        what.textContent = ` 「${finding.text}」 ${finding.message}`;
        li.append(link, what);
        if (finding.suggestion) {
          const suggestion = document.createElement("span");
          suggestion.className = "suggestion";
          suggestion.textContent = ` 建議 suggestion：${finding.suggestion.text}`;
          const button = document.createElement("button");
          button.type = "button";
          button.className = "copy";
          button.textContent = "複製 Copy";
          button.addEventListener("click", () => copyText(finding.suggestion.text, button));
          li.append(suggestion, " ", button);
        }
        return li;
      })
    );
    $("check-output").hidden = false;
  }

  $("check-button").addEventListener("click", runCheck);
  draft.addEventListener("keydown", (event) => {
    if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      runCheck();
    }
  });

  // ------------------------------------------------------------ start

  fetch(`${API}/sources`)
    .then((r) => (r.ok ? r.json() : { sources: [] }))
    .then((body) => {
      for (const s of body.sources) if (s.title) sources[s.file_name] = s.title;
    })
    .catch(() => {});

  const initial = new URL(window.location.href).searchParams.get("q");
  if (initial) {
    input.value = initial;
    runSearch();
  }
})();
