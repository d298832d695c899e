// Check a claim: every article that asserts, denies or discusses it, with the sentence that
// decides it; first seen; independent sources by stance (copies count once).

import { getJSON } from "./api.js";
import { articleHref, badge, fmtDay, h } from "./dom.js";
import { navigate } from "./nav.js";

const VERBS = ["asserts", "denies", "discusses"];

export function checkForm(claim = "") {
  const input = h("input", { type: "search", name: "claim", id: "check-claim", value: claim, maxlength: 1000,
    placeholder: "A claim to check, e.g. “Bordurian troops crossed the river”", "aria-label": "Claim to check" });
  return h("form", { class: "bar check-form", role: "search",
    onsubmit: (ev) => { ev.preventDefault(); navigate("check", null, { claim: input.value }); } },
    h("label", { for: "check-claim" }, "Check a claim"), input, h("button", { type: "submit" }, "Check"));
}

function articleRow(r) {
  return h("li", { class: "checked", "data-stance": r.stance },
    badge(r.stance), " ",
    h("q", {}, r.sentence || ""),
    h("div", { class: "muted" }, `${fmtDay(r.day)} · ${r.outlet || ""} · ${r.speaker || ""} · `,
      `confidence ${Math.round(r.confidence * 100)} % · `,
      h("a", { class: "source-link", href: articleHref(r.article_id, r.start, r.end),
               title: "Open the article at this sentence" }, r.title || r.article_id)));
}

export async function renderCheck(main, _id, params) {
  const claim = params.claim || "";
  const section = h("section", { class: "check" }, h("h1", {}, "Check a claim"), checkForm(claim));
  main.append(section);
  if (!claim.trim()) {
    section.append(h("p", { class: "muted" }, "Type a claim: newsgraph lists the articles that assert, deny or discuss it."));
    return;
  }
  if (claim.length > 1000) {  // what the server would refuse, said without asking it
    throw new Error(`The claim to check is ${claim.length.toLocaleString("en")} characters long (at most 1,000). Give the one sentence to check, not an article.`);
  }
  const result = await getJSON("/check", { claim });
  section.append(h("p", { class: "summary", role: "status" }, result.message));
  if (result.first_seen) {
    const f = result.first_seen;
    section.append(h("p", { class: "first-seen" }, "First seen ",
      h("a", { href: articleHref(f.article_id), class: "source-link" }, fmtDay(f.day)), ` in ${f.outlet || f.article_id} (${f.stance})`));
  }
  section.append(h("table", { class: "grid sources-by-stance" },
    h("thead", {}, h("tr", {}, VERBS.map((v) => h("th", {}, v)))),
    h("tbody", {}, h("tr", {}, VERBS.map((v) => h("td", { class: "num", "data-stance": v,
      title: "independent sources: copies and one outlet's repeats count once" }, String(result.independent_sources[v])))))));
  section.append(h("ol", { class: "results check-results" }, result.articles.map(articleRow)));
}
