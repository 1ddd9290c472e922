// The check tab: a pasted draft or an uploaded document (.docx, .txt, .md) checked by
// POST /api/v1/check, its findings highlighted where they are.
import { $, API, copyText, plural, problemText } from "./common.js";

export function init() {
  const draft = $("draft");
  const upload = $("check-file");
  const checkStatus = $("check-status");
  const button = $("check-button");

  async function post(body, headers, text, name) {
    checkStatus.textContent = name ? `檢查「${name}」中… checking…` : "檢查中… checking…";
    button.disabled = true;
    upload.disabled = true;
    try {
      const response = await fetch(`${API}/check`, {
        method: "POST",
        headers: { Accept: "application/json", ...headers },
        body,
      });
      if (!response.ok) {
        $("check-output").hidden = true;
        checkStatus.textContent = `無法檢查 · ${await problemText(response)}`;
        return;
      }
      const result = await response.json();
      const findings = result.findings || [];
      showFindings(text, findings);
      const where = name ? `「${name}」 ` : "";
      checkStatus.textContent = findings.length
        ? `${where}發現 ${findings.length} 個問題 · ${plural(findings.length, "finding")}`
        : `${where}沒有發現問題 · no findings`;
    } catch (error) {
      checkStatus.textContent = `無法連線 · cannot reach the service (${error.message})`;
    } finally {
      button.disabled = false;
      upload.disabled = false;
    }
  }

  function checkDraft() {
    const text = draft.value;
    if (!text.trim()) {
      checkStatus.textContent = "請先貼上文字 · paste some text first";
      return;
    }
    post(JSON.stringify({ text }), { "Content-Type": "application/json" }, text, null);
  }

  // The server reads the file (the same document reader as `glossary check`); plain text is
  // also read here to highlight it, a .docx only lists its findings by line.
  async function checkFile() {
    const file = upload.files[0];
    if (!file) return;
    const form = new FormData();
    form.append("file", file, file.name);
    const text = /\.(txt|md)$/i.test(file.name) ? await file.text() : null;
    await post(form, {}, text, file.name);
    upload.value = ""; // choosing the same file again checks it again
  }

  // Findings give a line and a column (1-based, in characters: code points, as Python counts them).
  function showFindings(text, findings) {
    $("check-highlight").hidden = text === null;
    if (text !== null) highlight(text, findings);
    $("findings").replaceChildren(...findings.map((finding, i) => item(finding, i, text !== null)));
    $("check-output").hidden = false;
  }

  function highlight(text, findings) {
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
  }

  function item(finding, i, linked) {
    const li = document.createElement("li");
    const where = document.createElement(linked ? "a" : "span");
    if (linked) where.href = `#finding-${i}`;
    where.className = "where";
    where.textContent = `第 ${finding.line} 行第 ${finding.column} 字 · line ${finding.line}, col ${finding.column}`;
    const what = document.createElement("span");
    what.textContent = ` 「${finding.text}」 ${finding.message}`;
    li.append(where, what);
    if (finding.suggestion) {
      const suggestion = document.createElement("span");
      suggestion.className = "suggestion";
      suggestion.textContent = ` 建議 suggestion：${finding.suggestion.text}`;
      const copy = document.createElement("button");
      copy.type = "button";
      copy.className = "copy";
      copy.textContent = "複製 Copy";
      copy.setAttribute("aria-label", `複製 copy ${finding.suggestion.text}`);
      copy.addEventListener("click", () => copyText(finding.suggestion.text, checkStatus, copy));
      li.append(suggestion, " ", copy);
    }
    return li;
  }

  button.addEventListener("click", checkDraft);
  upload.addEventListener("change", checkFile);
  draft.addEventListener("keydown", (event) => {
    if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      checkDraft();
    }
  });
}
