// Article reader: the full text with every extracted span highlighted (toggle by kind), the
// sentence named in the URL (?start=..&end=..) marked and scrolled into view.

import { getJSON } from "./api.js";
import { articleHref, badge, clear, fmtDay, h } from "./dom.js";

const KINDS = [
  ["quote", "Quotes", true], ["claim", "Claims", true], ["actor", "Actors", true], ["place", "Places", true],
  ["timex", "Times", true], ["event", "Events", true], ["cue", "Speech cues", true], ["mention", "Entities", false],
];

export function segments(text, spans, target) {
  const cuts = new Set([0, text.length]);
  for (const sp of spans) { cuts.add(sp.start); cuts.add(sp.end); }
  if (target) { cuts.add(target.start); cuts.add(target.end); }
  const points = [...cuts].filter((c) => c >= 0 && c <= text.length).sort((a, b) => a - b);
  const out = [];
  let active = [];
  const byStart = [...spans].sort((a, b) => a.start - b.start);
  let next = 0;
  for (let i = 0; i < points.length - 1; i++) {
    const [a, b] = [points[i], points[i + 1]];
    while (next < byStart.length && byStart[next].start <= a) active.push(byStart[next++]);
    active = active.filter((sp) => sp.end > a);
    const covering = active.filter((sp) => sp.start <= a && sp.end >= b);
    out.push({ start: a, end: b, spans: covering,
               target: !!target && a >= target.start && b <= target.end && target.end > target.start });
  }
  return out;
}

function segmentEl(text, seg, onPick) {
  const piece = text.slice(seg.start, seg.end);
  if (!seg.spans.length && !seg.target) return document.createTextNode(piece);
  const kinds = [...new Set(seg.spans.map((sp) => sp.kind))];
  const stances = seg.spans.filter((sp) => sp.kind === "claim").map((sp) => "st-" + sp.detail.stance);
  const el = h("span", { class: ["seg", ...kinds.map((k) => "k-" + k), ...stances, seg.target ? "target" : ""].join(" "),
                         title: seg.spans.map((sp) => `${sp.kind}: ${sp.label}`).join("\n") || null }, piece);
  if (seg.spans.length) el.addEventListener("click", () => onPick(seg.spans));
  return el;
}

function detailOf(spans) {
  return h("div", {}, spans.map((sp) => h("div", { class: "detail" }, badge(sp.kind), " ", h("strong", {}, sp.label || ""),
    h("q", {}, sp.text),
    h("ul", {}, Object.entries(sp.detail || {}).filter(([, v]) => v !== null && v !== "")
      .map(([k, v]) => h("li", {}, `${k}: ${typeof v === "object" ? JSON.stringify(v) : v}`)),
      sp.kind === "claim" && sp.detail.thread_id ? h("li", {}, h("a", { href: `#/thread/${encodeURIComponent(sp.detail.thread_id)}` }, "open thread")) : null))));
}

function legend(body) {
  return h("div", { class: "legend" }, KINDS.map(([kind, label, on]) => {
    if (!on) body.classList.add("hide-" + kind);
    const box = h("input", { type: "checkbox", checked: on, "data-kind": kind,
      onchange: (ev) => body.classList.toggle("hide-" + kind, !ev.target.checked) });
    return h("label", { class: "k-" + kind }, box, " ", label);
  }));
}

function targetOf(params, doc) {
  const start = Number.parseInt(params.start, 10);
  const end = Number.parseInt(params.end, 10);
  if (!Number.isFinite(start) || !Number.isFinite(end) || start < 0 || end > doc.text.length || end < start) return null;
  const sent = (doc.sentences || []).find((st) => st.start <= start && st.end >= end);
  return sent ? { start: Math.min(start, sent.start), end: Math.max(end, sent.end), inner: { start, end } } : { start, end };
}

export async function renderArticle(main, id, params) {
  const doc = await getJSON(`/articles/${encodeURIComponent(id)}`);
  const target = targetOf(params, doc);
  const side = h("aside", { class: "side" }, h("p", { class: "muted" }, "Click a highlight for what was extracted."));
  const body = h("div", { class: "text", lang: "en" });
  for (const seg of segments(doc.text, doc.spans, target)) {
    body.append(segmentEl(doc.text, seg, (spans) => clear(side).append(detailOf(spans))));
  }
  const counts = Object.entries(doc.spans.reduce((acc, sp) => ({ ...acc, [sp.kind]: (acc[sp.kind] || 0) + 1 }), {}))
    .map(([k, n]) => `${n} ${k}${n === 1 ? "" : "s"}`).join(", ");
  main.append(h("article", { class: "reader", "data-article": doc.id },
    h("h1", {}, doc.title || doc.id),
    h("p", { class: "muted" }, `${fmtDay(doc.day)} · ${doc.outlet || "unknown outlet"}${doc.url ? " · " + doc.url : ""}`,
      doc.copy_of ? h("span", {}, " · copy of ", h("a", { href: articleHref(doc.copy_of) }, doc.copy_of)) : null),
    legend(body), h("p", { class: "muted" }, counts || "Nothing extracted."),
    h("div", { class: "columns" }, body, side)));
  const first = body.querySelector(".target");
  if (first) {
    first.scrollIntoView({ block: "center" });
    const inner = target.inner;
    if (inner) clear(side).append(detailOf(doc.spans.filter((sp) => sp.start === inner.start && sp.end === inner.end)));
  }
}
