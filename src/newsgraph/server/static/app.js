// The router: #/view/ID?query. Filters (actor, since, until, outlet, stance) live in the query.

import { getJSON } from "./api.js";
import { clear, h } from "./dom.js";
import { renderBoard } from "./board.js";
import { renderThread } from "./thread.js";
import { renderTimeline } from "./timeline.js";
import { renderNetwork } from "./network.js";
import { renderArticle } from "./article.js";
import { renderSearch } from "./search.js";
import { renderCheck } from "./check.js";
import { FILTERS, currentFilters, navigate, parseHash, setStatus } from "./nav.js";

const VIEWS = {
  board: renderBoard, thread: renderThread, timeline: renderTimeline,
  network: renderNetwork, article: renderArticle, search: renderSearch, check: renderCheck,
};

function syncFilterForm() {
  const f = currentFilters();
  const actor = document.getElementById("f-actor");
  if (f.actor && ![...actor.options].some((o) => o.value === f.actor)) {
    actor.append(h("option", { value: f.actor }, f.actor));
  }
  for (const key of FILTERS) document.getElementById(`f-${key}`).value = f[key] || "";
}

function onFilterChange() {
  const { view, id, params } = parseHash();
  const next = { ...params };
  for (const key of FILTERS) next[key] = document.getElementById(`f-${key}`).value;
  const target = ["board", "timeline", "network"].includes(view) ? view : "board";
  navigate(target, target === view ? id : null, target === view ? next : pick(next, FILTERS));
}

function pick(obj, keys) {
  return Object.fromEntries(keys.filter((k) => obj[k]).map((k) => [k, obj[k]]));
}

async function loadFilterOptions() {
  const [actors, stats] = await Promise.all([getJSON("/actors", { limit: 300 }), getJSON("/stats")]);
  const actorSel = document.getElementById("f-actor");
  for (const a of actors.items) actorSel.append(h("option", { value: a.actor_id }, `${a.name} (${a.mentions})`));
  const outletSel = document.getElementById("f-outlet");
  for (const o of stats.outlets) outletSel.append(h("option", { value: o.outlet }, `${o.outlet} (${o.articles})`));
  setStatus(`${stats.articles} articles · ${stats.threads} threads · ${stats.events} events`);
}

async function route() {
  const { view, id, params } = parseHash();
  const main = document.getElementById("view");
  for (const a of document.querySelectorAll("nav a")) a.classList.toggle("active", a.dataset.view === view);
  document.getElementById("filters").classList.toggle("inactive", ["article", "search", "thread", "check"].includes(view));
  syncFilterForm();
  const render = VIEWS[view] || renderBoard;
  clear(main);
  try {
    await render(main, id, params);
  } catch (err) {
    clear(main).append(h("div", { class: "error", role: "alert" }, `Error: ${err.message}`));
  }
}

function start() {
  for (const key of FILTERS) document.getElementById(`f-${key}`).addEventListener("change", onFilterChange);
  document.getElementById("f-clear").addEventListener("click", () => {
    for (const key of FILTERS) document.getElementById(`f-${key}`).value = "";
    onFilterChange();
  });
  window.addEventListener("hashchange", route);
  loadFilterOptions().then(syncFilterForm).catch((err) => setStatus(`Error: ${err.message}`));
  if (!location.hash) location.hash = "#/board";
  else route();
}

start();
