// Where we are: the hash route #/view/ID?query, and the shared filters in its query.

export const FILTERS = ["actor", "since", "until", "outlet", "stance"];

export function parseHash() {
  const raw = location.hash.replace(/^#\/?/, "");
  const [path, search = ""] = raw.split("?");
  const [view = "board", ...rest] = path.split("/").filter(Boolean);
  return { view, id: rest.length ? decodeURIComponent(rest.join("/")) : null,
           params: Object.fromEntries(new URLSearchParams(search)) };
}

export function navigate(view, id = null, params = {}) {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null && v !== "") q.set(k, v);
  const text = q.toString();
  location.hash = `#/${view}${id ? "/" + encodeURIComponent(id) : ""}${text ? "?" + text : ""}`;
}

export function currentFilters() {
  const { params } = parseHash();
  return Object.fromEntries(FILTERS.filter((k) => params[k]).map((k) => [k, params[k]]));
}

export function setStatus(text) {
  document.getElementById("status").textContent = text || "";
}
