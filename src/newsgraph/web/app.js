// The newsgraph dashboard: stories, their coverage, briefing, claims, quotes, events and articles,
// read from the REST API (/api, see /docs). Every text from the store is put in as text, never as HTML.
"use strict";

const $ = (sel) => document.querySelector(sel);
const PAGE = 50;
let storyOffset = 0;

function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (k === "class") node.className = v;
    else if (k === "on") for (const [ev, fn] of Object.entries(v)) node.addEventListener(ev, fn);
    else if (v !== null && v !== undefined) node.setAttribute(k, v);
  }
  for (const c of children.flat()) {
    if (c === null || c === undefined) continue;
    node.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return node;
}

async function api(path) {
  const res = await fetch(path);
  const body = await res.json().catch(() => ({ error: res.statusText }));
  if (!res.ok) throw new Error(body.error || res.statusText);
  return body;
}

function fail(err) {
  const box = $("#error");
  box.textContent = String(err.message || err);
  box.hidden = false;
  setTimeout(() => { box.hidden = true; }, 6000);
}

function tag(text, kind = "") { return el("span", { class: "tag " + kind }, text); }

function table(columns, rows) {
  return el("table", {}, el("thead", {}, el("tr", {}, columns.map((c) => el("th", {}, c)))),
    el("tbody", {}, rows.map((r) => el("tr", {}, r.map((c) => el("td", typeof c === "number" ? { class: "n" } : {}, c))))));
}

// ------------------------------------------------------------------ the story list
async function loadStats() {
  const s = await api("/api/stats");
  const outlets = Object.keys(s.by_outlet).length;
  $("#stats").textContent = `${s.articles} articles · ${s.stories} stories · ${outlets}${outlets === 20 ? "+" : ""} outlets` +
    ` · ${s.failures} inputs refused · ${s.published[0] || "?"} to ${s.published[1] || "?"}`;
}

async function loadStories(reset) {
  if (reset) { storyOffset = 0; $("#story-list").replaceChildren(); }
  const q = $("#search").value.trim();
  const page = await api(`/api/stories?limit=${PAGE}&offset=${storyOffset}` + (q ? `&q=${encodeURIComponent(q)}` : ""));
  for (const s of page.rows) {
    const dates = s.first_date ? (s.first_date === s.last_date ? s.first_date : `${s.first_date} – ${s.last_date}`) : "undated";
    $("#story-list").append(el("li", { "data-id": s.id, on: { click: () => { location.hash = "story=" + s.id; } } },
      el("span", { class: "t" }, s.title || "(untitled story)"),
      el("span", { class: "m" }, `${s.articles} articles · ${s.independent_outlets} of ${s.outlets} outlets independent · ${dates}`)));
  }
  storyOffset += page.rows.length;
  $("#more").hidden = storyOffset >= page.total;
  if (!page.total) $("#story-list").append(el("li", { class: "dim" }, q ? "No story title holds these words." : "No stories yet."));
}

// ------------------------------------------------------------------ one story
const TABS = ["Briefing", "Coverage", "Claims", "Quotes", "Timeline", "Articles"];

async function showStory(id, tab = "Briefing") {
  const s = await api(`/api/stories/${encodeURIComponent(id)}`);
  for (const li of document.querySelectorAll("#story-list li")) li.classList.toggle("on", li.dataset.id === s.id);
  const dates = s.first_date ? `${s.first_date} to ${s.last_date}` : "no dated article";
  const c = s.counts;
  const body = el("div");
  const tabs = el("div", { class: "tabs", role: "tablist" });
  for (const name of TABS) {
    const button = el("button", { role: "tab", class: name === tab ? "on" : "" }, name);
    button.addEventListener("click", () => {
      for (const b of tabs.children) b.classList.toggle("on", b === button);
      renderTab(name, s, body).catch(fail);
    });
    tabs.append(button);
  }
  $("#view").replaceChildren(
    el("h2", {}, s.title || "(untitled story)"),
    el("p", { class: "dim" }, `Story ${s.id} · ${dates}`),
    el("div", { class: "counts" },
      ...[["articles", s.articles], ["outlets", s.outlets], ["independent", s.independent_outlets], ["quotes", c.quotes],
        ["events", c.events], ["event clusters", c.event_clusters], ["claims", c.claims], ["single-source", c.single_source_claims]]
        .map(([k, v]) => el("span", {}, el("b", {}, v), " " + k))),
    tabs, body);
  await renderTab(tab, s, body);
}

async function renderTab(name, s, body) {
  body.replaceChildren(el("p", { class: "dim" }, "loading…"));
  const sid = encodeURIComponent(s.id);
  if (name === "Briefing") {
    // the briefing page as the CLI renders it, in a frame that runs no script
    body.replaceChildren(el("iframe", { class: "brief", sandbox: "", title: "briefing", src: `/api/stories/${sid}/briefing?format=html` }));
  } else if (name === "Coverage") {
    body.replaceChildren(coverage(s));
  } else if (name === "Claims") {
    const page = await api(`/api/tables/claims?story=${sid}&limit=500`);
    body.replaceChildren(el("p", { class: "dim" }, `${page.total} claims; the ${Math.min(500, page.total)} most confirmed first.`),
      table(["claim", "kind", "independent outlets", "mentions", ""], page.rows.map((r) => [
        el("span", {}, r.text, r.speaker ? el("span", { class: "dim" }, ` — ${r.speaker}`) : null),
        r.kind, r.independent_outlets, r.mentions,
        r.single_source ? tag("single source", "single") : tag("confirmed", "ok")])));
  } else if (name === "Quotes") {
    body.replaceChildren(await quotes(s));
  } else if (name === "Timeline") {
    const page = await api(`/api/tables/event_clusters?story=${sid}&limit=500`);
    body.replaceChildren(table(["date", "event", "code", "mentions", "independent outlets", ""], page.rows.map((r) => [
      r.date || "", r.label, r.event_code, r.mentions, r.independent_outlets,
      [r.background ? tag("background") : null, r.negated ? tag("negated") : null,
        r.independent_outlets <= 1 ? tag("single source", "single") : null]])));
  } else {
    body.replaceChildren(articles(s));
  }
}

function linkTypes(s) {
  const of = {};
  for (const l of s.links) (of[l.article_id] ||= []).push(l);
  return of;
}

function coverage(s) {
  const of = linkTypes(s);
  const days = {};
  let undated = 0;
  for (const a of s.article_list) {
    if (!a.published) { undated++; continue; }
    const d = (days[a.published] ||= { own: 0, copy: 0 });
    if (of[a.id]) d.copy++; else d.own++;
  }
  const keys = Object.keys(days).sort();
  const wrap = el("div");
  if (!keys.length) return el("p", { class: "dim" }, `None of the ${undated} articles states its date.`);
  const first = new Date(keys[0]), last = new Date(keys[keys.length - 1]);
  const span = Math.round((last - first) / 864e5) + 1;
  const max = Math.max(...keys.map((k) => days[k].own + days[k].copy));
  const W = Math.max(320, Math.min(900, span * 24)), H = 140, bw = W / span;
  const svg = document.createElementNS("http://www.w3.org/2000/svg", "svg");
  svg.setAttribute("class", "chart"); svg.setAttribute("width", W); svg.setAttribute("height", H + 18);
  const rect = (x, y, w, h, color, title) => {
    const r = document.createElementNS(svg.namespaceURI, "rect");
    for (const [k, v] of Object.entries({ x, y, width: w, height: h, fill: color })) r.setAttribute(k, v);
    const t = document.createElementNS(svg.namespaceURI, "title"); t.textContent = title; r.append(t);
    svg.append(r);
  };
  for (const k of keys) {
    const i = Math.round((new Date(k) - first) / 864e5), d = days[k];
    const hOwn = (d.own / max) * H, hCopy = (d.copy / max) * H;
    rect(i * bw + 1, H - hOwn, bw - 2, hOwn, "#1f5f99", `${k}: ${d.own} articles of their own`);
    rect(i * bw + 1, H - hOwn - hCopy, bw - 2, hCopy, "#c0862b", `${k}: ${d.copy} copies or rewrites`);
  }
  for (const [x, text, anchor] of [[0, keys[0], "start"], [W, keys[keys.length - 1], "end"]]) {
    const t = document.createElementNS(svg.namespaceURI, "text");
    t.setAttribute("x", x); t.setAttribute("y", H + 14); t.setAttribute("text-anchor", anchor); t.textContent = text;
    svg.append(t);
  }
  const outlets = {};
  for (const a of s.article_list) {
    const o = (outlets[a.outlet || "(unknown outlet)"] ||= { n: 0, copies: 0 });
    o.n++; if (of[a.id]) o.copies++;
  }
  wrap.append(el("p", {}, `Articles a day, ${keys[0]} to ${keys[keys.length - 1]} (most on one day: ${max})` +
      (undated ? `; ${undated} undated articles not shown.` : ".")),
    svg, el("p", { class: "legend" }, el("i", { style: "background:#1f5f99" }), "their own text",
      el("i", { style: "background:#c0862b" }), "a copy, near copy or rewrite of another article"),
    el("h3", {}, "Outlets"),
    table(["outlet", "articles", "copies or rewrites"], Object.entries(outlets).sort((a, b) => b[1].n - a[1].n)
      .map(([o, v]) => [o, v.n, v.copies])));
  return wrap;
}

async function quotes(s) {
  const page = await api(`/api/tables/quotes?story=${encodeURIComponent(s.id)}&limit=500`);
  const outlet = Object.fromEntries(s.article_list.map((a) => [a.id, a.outlet || a.url || a.id]));
  const groups = new Map();
  for (const q of page.rows) {
    const key = q.statement_id || q.id;
    if (!groups.has(key)) groups.set(key, []);
    groups.get(key).push(q);
  }
  const rows = [...groups.values()].sort((a, b) => new Set(b.map((q) => q.article_id)).size - new Set(a.map((q) => q.article_id)).size);
  return el("div", {}, el("p", { class: "dim" }, `${page.total} quotations in ${groups.size} statements; those several articles report first.`),
    table(["speaker", "words", "kind", "reported by"], rows.map((g) => [
      g[0].speaker || el("span", { class: "dim" }, "(no speaker found)"),
      el("div", {}, g[0].kind === "indirect" ? g[0].text : `“${g[0].text}”`,
        g.length > 1 ? el("div", { class: "variants" }, g.slice(1).map((q) => el("div", {}, "also: " + q.text))) : null),
      g[0].kind, [...new Set(g.map((q) => outlet[q.article_id]))].join(", ")])));
}

function articles(s) {
  const of = linkTypes(s);
  const byId = Object.fromEntries(s.article_list.map((a) => [a.id, a]));
  return table(["#", "outlet", "title", "published", "language", "copy of"], s.article_list.map((a, i) => [
    i + 1, a.outlet || "", el("span", { class: "link", on: { click: () => { location.hash = "article=" + a.id; } } }, a.title || a.url || a.id),
    a.published || "", a.language || "",
    (of[a.id] || []).map((l) => el("div", {}, tag(l.type, l.type), " ", (byId[l.other_id] || {}).outlet || l.other_id)),
  ]));
}

// ------------------------------------------------------------------ one article
async function showArticle(id) {
  const a = await api(`/api/articles/${encodeURIComponent(id)}`);
  const spans = a.quotes.filter((q) => q.start !== null && q.end !== null).sort((x, y) => x.start - y.start);
  const text = el("div", { class: "text" });
  let at = 0;
  for (const q of spans) {
    if (q.start < at) continue; // a quotation inside another is shown with it
    text.append(a.text.slice(at, q.start), el("mark", { title: `${q.speaker || "no speaker found"} (${q.kind})` }, a.text.slice(q.start, q.end)));
    at = q.end;
  }
  text.append(a.text.slice(at));
  $("#view").replaceChildren(
    el("h2", {}, a.title || "(untitled)"),
    el("p", { class: "dim" }, [a.outlet, a.published, a.language, a.url || a.path].filter(Boolean).join(" · ")),
    a.story_id ? el("p", {}, el("span", { class: "link", on: { click: () => { location.hash = "story=" + a.story_id; } } }, "← its story")) : null,
    el("h3", {}, `Text (${spans.length} quotations marked; hover for the speaker)`), text,
    el("h3", {}, `Events (${a.events.length})`),
    table(["code", "who", "whom", "date", "sentence"], a.events.map((e) => [
      e.event_code + (e.negated ? " (not)" : ""), e.source || "", e.target || "", e.date || "", e.sentence || ""])),
    el("h3", {}, `Entities (${a.entities.length})`),
    table(["name", "type", "country", "role", "mentions"], a.entities.map((e) => [
      e.name, e.type, e.country || "", e.role || "", (e.mentions || []).length])));
}

// ------------------------------------------------------------------ routing by the address's hash
function route() {
  const hash = decodeURIComponent(location.hash.slice(1)), cut = hash.indexOf("=");
  const key = hash.slice(0, cut), value = hash.slice(cut + 1);
  if (key === "story" && value) showStory(value).catch(fail);
  else if (key === "article" && value) showArticle(value).catch(fail);
}

$("#more").addEventListener("click", () => loadStories(false).catch(fail));
let typing;
$("#search").addEventListener("input", () => { clearTimeout(typing); typing = setTimeout(() => loadStories(true).catch(fail), 250); });
window.addEventListener("hashchange", route);
loadStats().catch(fail);
loadStories(true).then(() => {
  if (!location.hash) {
    const first = document.querySelector("#story-list li[data-id]");
    if (first) location.hash = "story=" + first.dataset.id;
  } else route();
}).catch(fail);
