// Actor network: the top-N actors by degree (co-occurrence in a sentence, claimant -> subject),
// laid out by a small force simulation written here, drawn in SVG. Click an actor to filter.

import { getJSON } from "./api.js";
import { h, s } from "./dom.js";
import { currentFilters, navigate } from "./nav.js";

const W = 960;
const H = 600;

function seeded(i) {
  const x = Math.sin(i * 12.9898) * 43758.5453;
  return x - Math.floor(x);
}

export function layout(nodes, edges, iterations = 300) {
  // Fruchterman-Reingold with gravity toward the centre (keeps components on screen).
  const index = new Map(nodes.map((n, i) => [n.id, i]));
  const pos = nodes.map((_, i) => ({ x: W / 2 + (seeded(i + 1) - 0.5) * W * 0.5,
                                     y: H / 2 + (seeded(i + 7) - 0.5) * H * 0.5 }));
  const links = edges.map((e) => [index.get(e.source), index.get(e.target), e.weight])
    .filter(([a, b]) => a !== undefined && b !== undefined);
  const k = Math.sqrt((W * H) / Math.max(1, nodes.length)) * 0.5;
  for (let it = 0; it < iterations; it++) {
    const disp = pos.map(() => ({ x: 0, y: 0 }));
    for (let i = 0; i < pos.length; i++) {
      for (let j = i + 1; j < pos.length; j++) {
        const dx = pos[i].x - pos[j].x;
        const dy = pos[i].y - pos[j].y;
        const d = Math.max(0.5, Math.hypot(dx, dy));
        const f = (k * k) / d;
        disp[i].x += (dx / d) * f; disp[i].y += (dy / d) * f;
        disp[j].x -= (dx / d) * f; disp[j].y -= (dy / d) * f;
      }
    }
    for (const [a, b, w] of links) {
      const dx = pos[a].x - pos[b].x;
      const dy = pos[a].y - pos[b].y;
      const d = Math.max(0.5, Math.hypot(dx, dy));
      const f = ((d * d) / k) * Math.min(2, 1 + Math.log(w) / 2);
      disp[a].x -= (dx / d) * f; disp[a].y -= (dy / d) * f;
      disp[b].x += (dx / d) * f; disp[b].y += (dy / d) * f;
    }
    const temp = (W / 8) * (1 - it / iterations) + 1;
    pos.forEach((p, i) => {
      disp[i].x -= (p.x - W / 2) * 0.3;
      disp[i].y -= (p.y - H / 2) * 0.45;
      const d = Math.max(0.01, Math.hypot(disp[i].x, disp[i].y));
      p.x = Math.min(W - 70, Math.max(70, p.x + (disp[i].x / d) * Math.min(d, temp)));
      p.y = Math.min(H - 20, Math.max(30, p.y + (disp[i].y / d) * Math.min(d, temp)));
    });
  }
  return pos;
}

function colour(country) {
  let hash = 0;
  for (const ch of country || "?") hash = (hash * 31 + ch.charCodeAt(0)) % 360;
  return `hsl(${hash}, 55%, 55%)`;
}

function labels(nodes) {
  const count = new Map();
  for (const n of nodes) count.set(n.name, (count.get(n.name) || 0) + 1);
  return nodes.map((n) => (count.get(n.name) > 1 ? `${n.name} (${n.sector || n.actor_type || n.id})` : n.name));
}

function draw(data) {
  const pos = layout(data.nodes, data.edges);
  const names = labels(data.nodes);
  const at = new Map(data.nodes.map((n, i) => [n.id, pos[i]]));
  const maxW = Math.max(1, ...data.edges.map((e) => e.weight));
  const maxM = Math.max(1, ...data.nodes.map((n) => n.weight));
  const svg = s("svg", { viewBox: `0 0 ${W} ${H}`, class: "network-chart", role: "img",
                         "aria-label": `${data.nodes.length} actors, ${data.edges.length} links` });
  for (const e of data.edges) {
    const a = at.get(e.source);
    const b = at.get(e.target);
    svg.append(s("line", { x1: a.x, y1: a.y, x2: b.x, y2: b.y, class: "edge",
                           "stroke-width": 0.5 + (4 * e.weight) / maxW }, s("title", {}, `weight ${e.weight}`)));
  }
  data.nodes.forEach((n, i) => {
    const r = 5 + 14 * Math.sqrt(n.weight / maxM);
    const g = s("g", { class: "node", "data-actor": n.id, tabindex: 0, transform: `translate(${pos[i].x},${pos[i].y})` },
      s("circle", { r, fill: colour(n.country) }),
      s("text", { y: -r - 3, "text-anchor": "middle" }, names[i]),
      s("title", {}, `${n.name} (${n.country || "?"} ${n.sector || ""}): ${n.degree} links, ${n.mentions} mentions`));
    const go = () => navigate("board", null, { ...currentFilters(), actor: n.id });
    g.addEventListener("click", go);
    g.addEventListener("keydown", (ev) => { if (ev.key === "Enter") go(); });
    svg.append(g);
  });
  return svg;
}

export async function renderNetwork(main, _id, params) {
  const top = Number(params.top) || 40;
  const focus = currentFilters().actor;
  const data = await getJSON("/network", { top, min_weight: params.min_weight || 1, actor: focus });
  const topInput = h("input", { type: "number", min: 2, max: 500, value: top, "aria-label": "Top actors",
    onchange: (ev) => navigate("network", null, { ...currentFilters(), top: ev.target.value }) });
  main.append(h("section", { class: "network" },
    h("div", { class: "bar" }, h("h1", {}, "Actor network"), h("label", {}, "Top ", topInput, " actors by degree"),
      h("span", { class: "muted" }, focus ? `around ${focus}` : "links: same sentence, or claimant and subject")),
    data.nodes.length ? draw(data) : h("p", { class: "muted" }, "No links between actors yet.")));
}
