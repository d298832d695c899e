// Small DOM helpers: elements are built with text nodes only (never innerHTML with data).

const SVG_NS = "http://www.w3.org/2000/svg";

export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  return fill(el, attrs, children);
}

export function s(tag, attrs = {}, ...children) {
  const el = document.createElementNS(SVG_NS, tag);
  return fill(el, attrs, children);
}

function fill(el, attrs, children) {
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value === null || value === undefined || value === false) continue;
    if (key.startsWith("on") && typeof value === "function") el.addEventListener(key.slice(2), value);
    else if (key === "class") el.setAttribute("class", value);
    else el.setAttribute(key, value === true ? "" : String(value));
  }
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return el;
}

export function clear(el) {
  while (el.firstChild) el.removeChild(el.firstChild);
  return el;
}

export function articleHref(articleId, start, end) {
  const q = new URLSearchParams();
  if (start !== undefined && start !== null) q.set("start", start);
  if (end !== undefined && end !== null) q.set("end", end);
  const tail = q.toString();
  return `#/article/${encodeURIComponent(articleId)}${tail ? "?" + tail : ""}`;
}

export function sourceLink(item, label = "source sentence") {
  return h("a", { class: "source-link", href: articleHref(item.article_id, item.start, item.end),
                  title: "Open the article at this sentence" }, label);
}

export function badge(text, kind = text) {
  return h("span", { class: `badge b-${kind}` }, text);
}

export function fmtDay(day) {
  return day ? String(day).slice(0, 10) : "undated";
}
