// The claim board: one row per thread; claimants by stance, first seen, independent sources,
// certainty. Rows page in with "Show more" (cursor pagination, nothing hidden).

import { getJSON } from "./api.js";
import { articleHref, badge, fmtDay, h } from "./dom.js";
import { currentFilters, navigate } from "./nav.js";
import { checkForm } from "./check.js";

const STANCES = ["asserts", "denies", "questions", "predicts"];

function claimantChips(claimants) {
  const byStance = Object.fromEntries(STANCES.map((st) => [st, []]));
  for (const c of claimants || []) (byStance[c.stance] ||= []).push(c);
  return STANCES.filter((st) => byStance[st].length).map((st) =>
    h("div", { class: `stance s-${st}` }, badge(st),
      byStance[st].map((c) => h("a", {
        class: "chip", href: "#", title: `Filter by ${c.name}`,
        onclick: (ev) => { ev.preventDefault(); navigate("board", null, { ...currentFilters(), actor: c.id }); },
      }, c.name, c.n > 1 ? h("small", {}, ` ×${c.n}`) : null))));
}

function threadRow(t) {
  const first = t.first || {};
  return h("tr", { class: "thread-row", "data-thread": t.thread_id },
    h("td", { class: "label" }, h("a", { class: "thread-link", href: `#/thread/${encodeURIComponent(t.thread_id)}` }, t.label),
      h("div", { class: "muted" }, `${t.n_claims} claim${t.n_claims === 1 ? "" : "s"} in ${t.n_articles} article${t.n_articles === 1 ? "" : "s"}`)),
    h("td", { class: "claimants" }, claimantChips(t.claimants)),
    h("td", { class: "first-seen" }, h("a", { href: articleHref(first.article_id, first.start, first.end), class: "source-link" },
      fmtDay(t.first_seen)), h("div", { class: "muted" }, first.outlet || "")),
    h("td", { class: "sources num", title: `${t.n_outlets} outlets; copies counted once` }, String(t.n_sources)),
    h("td", {}, badge(t.certainty || "unknown", "c-" + (t.certainty || "unknown"))));
}

export async function renderBoard(main, _id, params) {
  const filters = currentFilters();
  const sort = params.sort || "sources";
  const tbody = h("tbody");
  const more = h("button", { class: "more", type: "button" }, "Show more");
  const count = h("span", { class: "muted" });
  const sortSel = h("select", { "aria-label": "Sort threads",
    onchange: (ev) => navigate("board", null, { ...filters, sort: ev.target.value }) },
    [["sources", "Most independent sources"], ["first_seen", "First seen"], ["recent", "Most recent"]]
      .map(([v, t]) => h("option", { value: v, selected: v === sort }, t)));
  main.append(checkForm(), h("section", { class: "board" },
    h("div", { class: "bar" }, h("h1", {}, "Claim board"), sortSel, count),
    h("table", { class: "grid" },
      h("thead", {}, h("tr", {}, ["Thread", "Claimants by stance", "First seen", "Independent sources", "Certainty"]
        .map((t) => h("th", {}, t)))), tbody),
    more));
  let cursor = null;
  let shown = 0;
  async function load() {
    more.disabled = true;
    const page = await getJSON("/threads", { ...filters, sort, cursor, limit: 50 });
    for (const t of page.items) tbody.append(threadRow(t));
    shown += page.items.length;
    cursor = page.next;
    more.hidden = !cursor;
    more.disabled = false;
    count.textContent = `${shown} thread${shown === 1 ? "" : "s"}${cursor ? " (more below)" : ""}`;
    if (!shown) tbody.append(h("tr", {}, h("td", { colspan: 5, class: "muted" }, "No claims match these filters.")));
  }
  more.addEventListener("click", load);
  await load();
}
