// What the page's tabs share: the API's address, the words for kinds, problem details, the clipboard.
// Every piece of data is inserted with textContent, never as HTML.

export const API = "/api/v1";

export const KINDS = {
  term: "術語 term",
  org: "組織 organization",
  program: "計畫 program",
  law: "法規 law / agreement",
  person: "人名 person",
  place: "地名 place",
  other: "其他 other",
};

export const $ = (id) => document.getElementById(id);

export function hasHan(text) {
  return /[\u3400-\u9fff\uf900-\ufaff]/.test(text);
}

export function plural(count, word) {
  return `${count} ${word}${count === 1 ? "" : "s"}`;
}

// The detail of an RFC 9457 problem, or the HTTP status when the body is not one.
export async function problemText(response) {
  try {
    const body = await response.json();
    return body.detail || body.title || `HTTP ${response.status}`;
  } catch (_) {
    return `HTTP ${response.status}`;
  }
}

// The reports the glossary cites (GET /sources), fetched once for every tab that names them.
let sourcesPromise = null;
export function sources() {
  if (!sourcesPromise) {
    sourcesPromise = fetch(`${API}/sources`, { headers: { Accept: "application/json" } })
      .then((r) => (r.ok ? r.json() : { sources: [] }))
      .then((body) => body.sources || [])
      .catch(() => []);
  }
  return sourcesPromise;
}

// Copies ``text`` and says so in ``status`` (a role=status element); ``button`` flashes.
export async function copyText(text, status, button) {
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
