// The "Scan" tab of the translators' page: paste a source text, POST /api/v1/scan, and see each
// recognised glossary term highlighted with its official translation beside it.
// A plain script beside the page's modules (the tab itself is tabs.js's). No build step;
// every piece of data is inserted with textContent, never as HTML.
"use strict";

(function () {
  const API = "/api/v1";
  const $ = (id) => document.getElementById(id);
  const tab = $("tab-scan");
  const panel = $("panel-scan");
  if (!tab || !panel) return;
  const source = $("scan-source");
  const status = $("scan-status");
  const hasHan = (text) => /[\u3400-\u9fff\uf900-\ufaff]/.test(text);

  // The tab itself (switching, arrow keys, focus on a click) is the page's one tabs component
  // (tabs.js): the textarea carries data-autofocus.

  // ------------------------------------------------------------ scanning

  // The official translation to show beside a span: English (and acronym) for Chinese text,
  // Chinese for English text or an acronym.
  function translation(term) {
    if (hasHan(term.text)) return [term.en, term.abbr].filter(Boolean).join(" · ") || term.zh || "";
    return term.zh || term.en || term.abbr || "";
  }

  async function runScan() {
    const text = source.value;
    if (!text.trim()) {
      status.textContent = "請先貼上文字 · paste some text first";
      return;
    }
    status.textContent = "辨識中… scanning…";
    $("scan-button").disabled = true;
    try {
      const response = await fetch(`${API}/scan`, {
        method: "POST",
        headers: { "Content-Type": "application/json", Accept: "application/json" },
        body: JSON.stringify({ text }),
      });
      if (!response.ok) {
        $("scan-output").hidden = true;
        let detail = `HTTP ${response.status}`;
        try {
          const problem = await response.json();
          detail = problem.detail || problem.title || detail;
        } catch (_) {}
        status.textContent = `無法辨識 · ${detail}`;
        return;
      }
      const body = await response.json();
      showTerms(text, body.terms || []);
      const n = body.terms.length;
      status.textContent = n ? `找到 ${n} 個術語 · ${n} term${n === 1 ? "" : "s"}` : "沒有找到術語 · no glossary terms";
    } catch (error) {
      status.textContent = `無法連線 · cannot reach the service (${error.message})`;
    } finally {
      $("scan-button").disabled = false;
    }
  }

  // Terms give a line and a column (1-based, in characters: code points, as Python counts them).
  function showTerms(text, terms) {
    const lines = text.replace(/\r\n?/g, "\n").split("\n").map((line) => Array.from(line));
    const byLine = new Map();
    terms.forEach((term, i) => {
      if (!byLine.has(term.line)) byLine.set(term.line, []);
      byLine.get(term.line).push({ ...term, index: i });
    });
    const out = $("scan-text");
    out.replaceChildren();
    lines.forEach((chars, i) => {
      const marks = (byLine.get(i + 1) || []).sort((a, b) => a.column - b.column);
      let at = 0;
      for (const term of marks) {
        const start = Math.max(term.column - 1, at);
        const length = Array.from(term.text).length;
        if (start >= chars.length) continue;
        out.append(chars.slice(at, start).join(""));
        const mark = document.createElement("mark");
        mark.id = `term-${term.index}`;
        mark.className = `term ${term.status}`;
        mark.dataset.id = term.id;
        mark.textContent = chars.slice(start, start + length).join("");
        const preferred = [term.zh, term.en, term.abbr].filter(Boolean).join(" / ");
        mark.title = term.status === "deprecated" ? `不建議使用 deprecated: ${preferred}` : preferred;
        const gloss = document.createElement("span");
        gloss.className = "gloss";
        gloss.lang = hasHan(term.text) ? "en" : "zh-Hant";
        gloss.textContent = translation(term);
        out.append(mark, gloss);
        at = start + length;
      }
      out.append(chars.slice(at).join("") + (i < lines.length - 1 ? "\n" : ""));
    });
    $("scan-output").hidden = false;
  }

  $("scan-button").addEventListener("click", runScan);
  source.addEventListener("keydown", (event) => {
    if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      runScan();
    }
  });
})();
