// One thread: who asserts, who denies, when, where; every claim links to its source sentence.

import { getJSON } from "./api.js";
import { badge, fmtDay, h, sourceLink } from "./dom.js";

function claimItem(c) {
  return h("li", { class: `claim s-${c.stance}`, "data-stance": c.stance },
    h("div", { class: "who" }, badge(c.stance), " ", h("strong", {}, c.claimant || "the author"),
      " · ", badge(c.certainty, "c-" + c.certainty)),
    h("blockquote", {}, c.text),
    h("div", { class: "muted" }, `${fmtDay(c.day)} · ${c.outlet || "unknown outlet"}${c.title ? " · " + c.title : ""} · `,
      sourceLink(c)));
}

export async function renderThread(main, id) {
  const t = await getJSON(`/threads/${encodeURIComponent(id)}`);
  const list = h("ol", { class: "claims" });
  const more = h("button", { class: "more", type: "button" }, "Show more");
  main.append(h("section", { class: "thread" },
    h("p", {}, h("a", { href: "#/board" }, "← Claim board")),
    h("h1", {}, t.label),
    h("dl", { class: "facts" },
      h("dt", {}, "First seen"), h("dd", {}, fmtDay(t.first_seen)),
      h("dt", {}, "Last seen"), h("dd", {}, fmtDay(t.last_seen)),
      h("dt", {}, "Independent sources"), h("dd", {}, String(t.n_sources)),
      h("dt", {}, "Asserted / denied"), h("dd", {}, `${t.n_asserts} / ${t.n_denies}`),
      h("dt", {}, "Certainty"), h("dd", {}, t.certainty)),
    list, more));
  let cursor = null;
  async function load() {
    const page = await getJSON("/claims", { thread: id, cursor, limit: 100 });
    for (const c of page.items) list.append(claimItem(c));
    cursor = page.next;
    more.hidden = !cursor;
  }
  more.addEventListener("click", load);
  await load();
}
