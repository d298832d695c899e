// Timeline: counts per day (or week, month) drawn as SVG bars; a click drills into that
// bucket's items, paged. The server aggregates, so 20,000 events are a few hundred bars.

import { getJSON } from "./api.js";
import { badge, clear, fmtDay, h, s, sourceLink } from "./dom.js";
import { currentFilters, navigate } from "./nav.js";

const DAY = 86400000;
const W = 960;
const H = 220;
const PAD = { left: 40, right: 10, top: 10, bottom: 28 };

function bucketEnd(day, bucket) {
  const d = new Date(day + "T00:00:00Z");
  if (bucket === "week") d.setUTCDate(d.getUTCDate() + 6);
  if (bucket === "month") { d.setUTCMonth(d.getUTCMonth() + 1); d.setUTCDate(0); }
  return d.toISOString().slice(0, 10);
}

function ticks(t0, t1) {
  const out = [];
  const span = (t1 - t0) / DAY;
  const step = span > 900 ? "year" : span > 60 ? "month" : "day";
  const d = new Date(t0);
  d.setUTCHours(0, 0, 0, 0);
  if (step !== "day") d.setUTCDate(1);
  if (step === "year") d.setUTCMonth(0);
  const every = step === "day" ? Math.max(1, Math.ceil(span / 10)) : 1;
  while (d.getTime() <= t1 && out.length < 40) {
    if (d.getTime() >= t0) out.push(new Date(d));
    if (step === "day") d.setUTCDate(d.getUTCDate() + every);
    else if (step === "month") d.setUTCMonth(d.getUTCMonth() + 1);
    else d.setUTCFullYear(d.getUTCFullYear() + 1);
  }
  return out.map((t) => ({ t: t.getTime(), label: step === "day" ? t.toISOString().slice(5, 10)
    : step === "month" ? t.toISOString().slice(0, 7) : String(t.getUTCFullYear()) }));
}

function chart(data, onPick) {
  const svg = s("svg", { viewBox: `0 0 ${W} ${H}`, class: "timeline-chart", role: "img",
                         "aria-label": `${data.buckets.length} ${data.bucket} buckets` });
  if (!data.buckets.length) return svg;
  const times = data.buckets.map((b) => Date.parse(b.day + "T00:00:00Z"));
  const t0 = times[0];
  const t1 = times[times.length - 1] + DAY;
  const max = Math.max(...data.buckets.map((b) => b.n));
  const x = (t) => PAD.left + ((t - t0) / Math.max(DAY, t1 - t0)) * (W - PAD.left - PAD.right);
  const y = (n) => H - PAD.bottom - (n / max) * (H - PAD.top - PAD.bottom);
  const width = data.bucket === "day" ? DAY : data.bucket === "week" ? 7 * DAY : 30 * DAY;
  const bw = Math.max(1, x(t0 + width) - x(t0) - 1);
  svg.append(s("line", { x1: PAD.left, x2: W - PAD.right, y1: H - PAD.bottom, y2: H - PAD.bottom, class: "axis" }));
  svg.append(s("text", { x: PAD.left - 4, y: PAD.top + 8, class: "tick", "text-anchor": "end" }, String(max)));
  for (const tk of ticks(t0, t1)) {
    const anchor = x(tk.t) > W - 40 ? "end" : x(tk.t) < PAD.left + 20 ? "start" : "middle";
    svg.append(s("text", { x: x(tk.t), y: H - 8, class: "tick", "text-anchor": anchor }, tk.label));
  }
  data.buckets.forEach((b, i) => {
    const bar = s("rect", { x: x(times[i]), y: y(b.n), width: bw, height: Math.max(1, H - PAD.bottom - y(b.n)),
                            class: "bar", "data-day": b.day, "data-n": b.n, tabindex: 0 },
      s("title", {}, `${b.day}: ${b.n}`));
    bar.addEventListener("click", () => onPick(b, bar));
    bar.addEventListener("keydown", (ev) => { if (ev.key === "Enter") onPick(b, bar); });
    svg.append(bar);
  });
  return svg;
}

function itemRow(it) {
  return h("li", { class: `item kind-${it.kind}` }, h("span", { class: "day" }, fmtDay(it.day)), " ",
    badge(it.label || it.kind, "type"), " ", it.status ? badge(it.status) : null, " ",
    h("q", {}, it.text), h("span", { class: "muted" }, ` · ${it.outlet || ""} · `), sourceLink(it));
}

async function drill(panel, data, bucket, filters) {
  clear(panel);
  const until = bucketEnd(bucket.day, data.bucket);
  const list = h("ul", { class: "items" });
  const more = h("button", { class: "more", type: "button" }, "Show more");
  panel.append(h("h2", {}, `${bucket.n} ${data.kind}${bucket.n === 1 ? "" : "s"}, ${bucket.day}${until !== bucket.day ? " – " + until : ""}`), list, more);
  let cursor = null;
  async function load() {
    const page = await getJSON("/events", { ...filters, since: bucket.day, until, kind: data.kind, cursor, limit: 100 });
    for (const it of page.items) list.append(itemRow(it));
    cursor = page.next;
    more.hidden = !cursor;
  }
  more.addEventListener("click", load);
  await load();
}

export async function renderTimeline(main, _id, params) {
  const filters = currentFilters();
  const kind = params.kind || "event";
  const bucket = params.bucket || "day";
  const data = await getJSON("/timeline", { ...filters, kind, bucket });
  const panel = h("section", { class: "drill", "aria-live": "polite" },
    h("p", { class: "muted" }, "Click a bar to list its items."));
  const select = (name, value, options) => h("select", { "aria-label": name,
    onchange: (ev) => navigate("timeline", null, { ...filters, kind, bucket, [name]: ev.target.value }) },
    options.map(([v, t]) => h("option", { value: v, selected: v === value }, t)));
  let picked = null;
  const svg = chart(data, (b, bar) => {
    if (picked) picked.classList.remove("picked");
    bar.classList.add("picked");
    picked = bar;
    drill(panel, data, b, filters);
  });
  main.append(h("section", { class: "timeline" },
    h("div", { class: "bar" }, h("h1", {}, "Timeline"),
      select("kind", kind, [["event", "Events"], ["claim", "Claims"]]),
      select("bucket", bucket, [["day", "Days"], ["week", "Weeks"], ["month", "Months"]]),
      h("span", { class: "muted total" }, `${data.total} ${kind}s, ${data.buckets.length} ${bucket}s` +
        (data.undated ? `, ${data.undated} undated` : "") + (filters.actor ? ` · actor ${filters.actor}` : ""))),
    svg, panel));
}
