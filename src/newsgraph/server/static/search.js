// Search: ranked sentences containing the words typed; each result opens at its sentence.

import { getJSON } from "./api.js";
import { fmtDay, h, sourceLink } from "./dom.js";
import { navigate } from "./nav.js";

function marked(text, terms) {
  if (!terms.length) return [text];
  const escaped = terms.map((t) => t.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"));
  const re = new RegExp(`(${escaped.join("|")})`, "giu");
  return text.split(re).map((part, i) => (i % 2 ? h("mark", {}, part) : part));
}

export async function renderSearch(main, _id, params) {
  const q = params.q || "";
  const input = h("input", { type: "search", name: "q", value: q, placeholder: "words to find", "aria-label": "Search" });
  const form = h("form", { class: "bar", onsubmit: (ev) => { ev.preventDefault(); navigate("search", null, { q: input.value }); } },
    h("h1", {}, "Search"), input, h("button", { type: "submit" }, "Search"));
  const list = h("ol", { class: "results" });
  const more = h("button", { class: "more", type: "button", hidden: true }, "Show more");
  main.append(h("section", { class: "search" }, form, list, more));
  if (!q) return;
  let cursor = null;
  async function load() {
    const page = await getJSON("/search", { q, cursor, limit: 20 });
    for (const r of page.items) {
      list.append(h("li", {}, h("div", {}, marked(r.text, page.terms)),
        h("div", { class: "muted" }, `${fmtDay(r.day)} · ${r.outlet || ""} · ${r.title || r.article_id} · `, sourceLink(r))));
    }
    if (!list.children.length) list.append(h("li", { class: "muted" }, "No sentence contains all these words."));
    cursor = page.next;
    more.hidden = !cursor;
  }
  more.addEventListener("click", load);
  await load();
}
