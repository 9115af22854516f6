// The newsgraph dashboard: stories, their coverage, briefing, claims, quotes, events and articles,
// read from the REST API (/api, see /docs). Every text from the store is put in as text, never as
// markup. The address holds the view (#story=ID&tab=Claims, #article=ID), so Back and links work.
"use strict";

const $ = (sel) => document.querySelector(sel);
const PAGE = 50;
const TABS = ["Briefing", "Coverage", "Claims", "Quotes", "Timeline", "Articles"];
const OWN = "#1f5f99", COPY = "#c0862b";
let storyOffset = 0;
let current = null; // the story shown: {id, tab}
// each view and each list load takes a ticket; an answer for an older ticket is dropped
const tickets = { view: 0, list: 0 };

function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (k === "class") node.className = v;
    else if (k === "on") for (const [ev, fn] of Object.entries(v)) node.addEventListener(ev, fn);
    else if (v !== null && v !== undefined && v !== false) node.setAttribute(k, v);
  }
  for (const c of children.flat()) {
    if (c === null || c === undefined || c === false) continue;
    node.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return node;
}

function svgEl(tag, attrs = {}, ...children) {
  const node = document.createElementNS("http://www.w3.org/2000/svg", tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
  for (const c of children) node.append(c instanceof Node ? c : document.createTextNode(String(c)));
  return node;
}

async function api(path, post) {
  // GET path; POST `post` as JSON where given (a correction)
  const res = await fetch(path, post === undefined ? undefined :
    { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(post) });
  const body = await res.json().catch(() => ({ error: res.statusText }));
  if (!res.ok) throw new Error(body.error || res.statusText);
  return body;
}

let edits = false; // whether the server takes corrections of stories (`newsgraph serve --edits`)

function flash(id, text, ms) { // a message in a corner for a few seconds
  const box = $(id);
  box.textContent = text;
  box.hidden = false;
  setTimeout(() => { box.hidden = true; }, ms);
}

const fail = (err) => flash("#error", String(err.message || err), 6000);
const notice = (text) => flash("#notice", text, 8000);

const plural = (n, one, many = one + "s") => `${n} ${n === 1 ? one : many}`;
const tag = (text, kind = "") => el("span", { class: "tag " + kind }, text);
const storyLink = (id, tab, ...text) => el("a", { href: `#story=${encodeURIComponent(id)}` + (tab ? `&tab=${tab}` : "") }, ...text);
const articleLink = (id, ...text) => el("a", { href: `#article=${encodeURIComponent(id)}` }, ...text);

function outside(url) { // a page's address as a link out, if it is one
  return /^https?:\/\//i.test(url || "") ? el("a", { href: url, target: "_blank", rel: "noopener noreferrer", class: "url" }, url) : url || "";
}

function table(columns, rows, empty) {
  if (!rows.length) return el("p", { class: "dim" }, empty);
  const numeric = columns.map((_, i) => rows.every((r) => typeof r[i] === "number"));
  return el("table", {}, el("thead", {}, el("tr", {}, columns.map((c, i) => el("th", numeric[i] ? { class: "n" } : {}, c)))),
    el("tbody", {}, rows.map((r) => el("tr", {}, r.map((c, i) => el("td", numeric[i] ? { class: "n" } : {}, c))))));
}

function storyTitle(s) {
  return s.title || `(no headline; first article ${s.article_urls && s.article_urls[0] ? s.article_urls[0] : s.id})`;
}

// ------------------------------------------------------------------ the story list
async function loadStats() {
  const s = await api("/api/stats");
  $("#stats").textContent = `${plural(s.articles, "article")} · ${plural(s.stories, "story", "stories")} · ` +
    `${plural(s.outlets, "outlet")} · ${plural(s.failures, "input")} refused · published ${s.published[0] || "?"} to ${s.published[1] || "?"}`;
}

async function loadStories(reset) {
  const ticket = ++tickets.list;
  const q = $("#search").value.trim();
  const offset = reset ? 0 : storyOffset;
  const page = await api(`/api/stories?limit=${PAGE}&offset=${offset}` + (q ? `&q=${encodeURIComponent(q)}` : ""));
  if (ticket !== tickets.list) return; // a newer search answered or will
  const list = $("#story-list");
  if (reset) list.replaceChildren();
  if (reset) $("#story-choices").replaceChildren();
  for (const s of page.rows) {
    $("#story-choices").append(el("option", { value: s.id }, storyTitle(s)));
    const dates = s.first_date ? (s.first_date === s.last_date ? s.first_date : `${s.first_date} – ${s.last_date}`) : "undated";
    list.append(el("li", { "data-id": s.id }, storyLink(s.id, null,
      el("span", { class: "t" }, storyTitle(s)),
      el("span", { class: "m" }, `${plural(s.articles, "article")} · ${s.independent_outlets} of ${plural(s.outlets, "outlet")} independent · ${dates}`))));
  }
  storyOffset = offset + page.rows.length;
  $("#more").hidden = storyOffset >= page.total;
  $("#more").textContent = `more stories (${storyOffset} of ${page.total} shown)`;
  if (!page.total) list.append(el("li", { class: "dim" }, q ? "No story title holds these words." : "No stories yet."));
  markCurrent();
}

function markCurrent(scroll = true) {
  const nav = $("#stories");
  for (const li of document.querySelectorAll("#story-list li[data-id]")) {
    const on = current !== null && li.dataset.id === current.id;
    li.classList.toggle("on", on);
    if (on && scroll) { // into the list's view, the page itself unmoved
      const top = li.offsetTop - nav.offsetTop, bottom = top + li.offsetHeight;
      if (top < nav.scrollTop) nav.scrollTop = top;
      else if (bottom > nav.scrollTop + nav.clientHeight) nav.scrollTop = bottom - nav.clientHeight;
    }
  }
}

// ------------------------------------------------------------------ one story
async function load(path) {
  // [answer, ticket] for the view asked for last; null when a newer one was asked for since, or
  // when the request failed (its error shown in the view, the list's highlight cleared)
  const ticket = ++tickets.view;
  try {
    const data = await api(path);
    return ticket === tickets.view ? [data, ticket] : null;
  } catch (err) {
    if (ticket === tickets.view) { current = null; markCurrent(false); }
    showError(ticket, err);
    return null;
  }
}

function showError(ticket, err, where = $("#view")) {
  if (ticket !== tickets.view) return; // the answer to a request since replaced
  where.replaceChildren(el("p", { class: "dim" }, String(err.message || err)));
}

async function showStory(id, tab) {
  tab = TABS.includes(tab) ? tab : "Briefing";
  const shown = $("#tab-body");
  if (current !== null && shown && shown.dataset.story === id && current.id === id) { // another tab of the story shown
    const ticket = ++tickets.view;
    current.tab = tab;
    for (const a of document.querySelectorAll(".tabs a")) {
      a.classList.toggle("on", a.textContent === tab);
      a.setAttribute("aria-selected", String(a.textContent === tab));
    }
    return renderTab(tab, current.story, shown, ticket).catch((err) => showError(ticket, err, shown));
  }
  const got = await load(`/api/stories/${encodeURIComponent(id)}`);
  if (!got) return;
  const [s, ticket] = got;
  const changed = current === null || current.id !== s.id;
  current = { id: s.id, tab, story: s };
  markCurrent(changed);
  const c = s.counts;
  const dates = s.first_date ? (s.first_date === s.last_date ? s.first_date : `${s.first_date} to ${s.last_date}`) : "no dated article";
  const body = el("div", { id: "tab-body", role: "tabpanel", "data-story": id });
  $("#view").replaceChildren(
    el("h2", {}, s.title || "(no headline)"),
    el("p", { class: "dim" }, `Story ${s.id} · ${dates}` +
      (s.aliases && s.aliases.length ? ` · joined by ${s.aliases.join(", ")}` : "")),
    edits ? joinForm(s) : null,
    el("div", { class: "counts" },
      ...[["article", s.articles], ["outlet", s.outlets], ["independent", s.independent_outlets, "independent"],
        ["quotation", c.quotes], ["event", c.events], ["event cluster", c.event_clusters], ["claim", c.claims],
        ["single-source", c.single_source_claims, "single-source"]]
        .map(([k, v, many]) => el("span", {}, el("b", {}, v), " " + (v === 1 ? k : many || k + "s")))),
    el("div", { class: "tabs", role: "tablist" }, TABS.map((name) => el("a", {
      href: `#story=${encodeURIComponent(s.id)}&tab=${name}`, role: "tab", "aria-selected": String(name === tab),
      class: name === tab ? "on" : "" }, name))),
    body);
  await renderTab(tab, s, body, ticket).catch((err) => showError(ticket, err, body));
}

async function renderTab(name, s, body, ticket) {
  body.style.minHeight = body.offsetHeight + "px"; // the page keeps its height (and its scroll) while loading
  body.replaceChildren(el("p", { class: "dim" }, "loading…"));
  const sid = encodeURIComponent(s.id);
  const number = Object.fromEntries(s.article_list.map((a, i) => [a.id, i + 1]));
  const cites = (ids) => [...new Set(ids)].filter((id) => number[id]).sort((x, y) => number[x] - number[y])
    .map((id) => articleLink(id, `[${number[id]}]`));
  let content;
  if (name === "Briefing") {
    const frame = briefingFrame(sid), wait = el("p", { class: "dim" }, "building the briefing…");
    frame.addEventListener("load", () => wait.remove());
    content = el("div", {}, wait, frame);
  } else if (name === "Coverage") {
    content = coverage(s);
  } else if (name === "Claims") {
    content = claims(await api(`/api/tables/claims?story=${sid}&limit=500`), cites);
  } else if (name === "Quotes") {
    content = quotes(await api(`/api/tables/quotes?story=${sid}&limit=500`), cites);
  } else if (name === "Timeline") {
    const page = await api(`/api/tables/event_clusters?story=${sid}&limit=500`);
    content = table(["date", "event", "code", "mentions", "independent outlets", "", "articles"], page.rows.map((r) => [
      el("span", { class: "date" }, r.date || "undated"), r.label, r.event_code, r.mentions, r.independent_outlets,
      [r.background ? tag("background") : null, r.negated ? tag("negated") : null,
        r.independent_outlets <= 1 ? tag("single source", "single") : null], cites(r.article_ids || [])]),
    "No events were coded in this story's articles (events are read from English articles only).");
  } else {
    content = articles(s);
  }
  if (ticket !== tickets.view) return;
  body.replaceChildren(content);
  if (name !== "Briefing") body.style.minHeight = ""; // the briefing's frame lets go once it has its height
}

function briefingFrame(sid) {
  // the briefing page as the CLI renders it; no script runs in it, its links open a new tab and the
  // frame grows to the page's height (one scroll bar)
  const frame = el("iframe", { class: "brief", title: "briefing", src: `/api/stories/${sid}/briefing?format=html`,
    sandbox: "allow-same-origin allow-popups allow-popups-to-escape-sandbox" });
  frame.addEventListener("load", () => {
    const doc = frame.contentDocument;
    if (!doc) return;
    for (const a of doc.querySelectorAll("a[href]")) {
      const href = a.getAttribute("href");
      if (href.startsWith("#")) {
        a.addEventListener("click", (ev) => {
          const target = doc.getElementById(decodeURIComponent(href.slice(1)));
          if (!target) return;
          ev.preventDefault();
          target.scrollIntoView({ block: "start" });
        });
      } else {
        a.target = "_blank";
        a.rel = "noopener noreferrer";
      }
    }
    let width = null;
    const fit = () => { // again when the width changes: a narrower page makes the briefing taller
      if (frame.clientWidth === width) return;
      width = frame.clientWidth;
      frame.style.height = "0px";
      frame.style.height = doc.documentElement.scrollHeight + 24 + "px";
      const body = frame.closest("#tab-body");
      if (body) body.style.minHeight = "";
    };
    fit();
    new ResizeObserver(fit).observe(frame);
  });
  return frame;
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
  const outlets = {};
  for (const a of s.article_list) {
    const o = (outlets[a.outlet || "(unknown outlet)"] ||= { n: 0, copies: 0 });
    o.n++; if (of[a.id]) o.copies++;
  }
  const outletTable = [el("h3", {}, "Outlets"), table(["outlet", "articles", "copies or rewrites"],
    Object.entries(outlets).sort((a, b) => b[1].n - a[1].n || a[0].localeCompare(b[0])).map(([o, v]) => [o, v.n, v.copies]), "")];
  if (!keys.length) return el("div", {}, el("p", { class: "dim" }, `None of the ${plural(undated, "article")} states its date.`), outletTable);
  const first = Date.parse(keys[0]), span = Math.round((Date.parse(keys[keys.length - 1]) - first) / 864e5) + 1;
  const max = Math.max(...keys.map((k) => days[k].own + days[k].copy));
  const bw = Math.max(4, Math.min(28, Math.floor(860 / span))), H = 140, left = 28, W = left + span * bw + 8, T = 16;
  const svg = svgEl("svg", { class: "chart", width: W, height: T + H + 34, role: "img", "aria-label": "articles a day" });
  const g = svgEl("g", { transform: `translate(0 ${T})` }); // room above the tallest bar for its count
  svg.append(g);
  for (const v of [0, max]) { // the y axis: none and the most on one day
    const y = H - (v / max) * H + 0.5;
    g.append(svgEl("line", { x1: left - 4, x2: W, y1: y, y2: y, stroke: "#dde2e6" }),
      svgEl("text", { x: left - 6, y: y + 3, "text-anchor": "end" }, String(v)));
  }
  const every = Math.ceil(span / Math.floor((W - left) / 70)); // a date label every so many days
  for (let i = 0; i < span; i++) {
    const day = new Date(first + i * 864e5).toISOString().slice(0, 10), d = days[day] || { own: 0, copy: 0 };
    const x = left + i * bw, hOwn = (d.own / max) * H, hCopy = (d.copy / max) * H;
    const title = `${day}: ${plural(d.own, "article")} of their own, ${plural(d.copy, "copy", "copies")} or rewrites`;
    for (const [y, h, fill] of [[H - hOwn, hOwn, OWN], [H - hOwn - hCopy, hCopy, COPY]]) {
      if (h > 0) g.append(svgEl("rect", { x: x + 1, y, width: Math.max(1, bw - 2), height: h, fill }, svgEl("title", {}, title)));
    }
    if (bw >= 16 && d.own + d.copy) g.append(svgEl("text", { x: x + bw / 2, y: H - hOwn - hCopy - 3, "text-anchor": "middle" }, String(d.own + d.copy)));
    if (i % every === 0) g.append(svgEl("text", { x: x + 1, y: H + 14 }, day.slice(5)));
  }
  g.append(svgEl("text", { x: left, y: H + 30 }, keys[0].slice(0, 4)));
  return el("div", {},
    el("p", {}, `Articles a day, ${keys[0]} to ${keys[keys.length - 1]}` + (undated ? `; ${plural(undated, "undated article")} not shown.` : ".")),
    svg, el("p", { class: "legend" }, el("i", { style: `background:${OWN}` }), "their own text",
      el("i", { style: `background:${COPY}` }), "a copy, near copy or rewrite of another article"),
    outletTable);
}

function claims(page, cites) {
  const filter = el("select", { "aria-label": "which claims" },
    el("option", { value: "all" }, "all claims"), el("option", { value: "confirmed" }, "confirmed by several outlets"),
    el("option", { value: "single" }, "single-source"));
  const box = el("div");
  const draw = () => {
    const rows = page.rows.filter((r) => filter.value === "all" || (filter.value === "single") === r.single_source);
    box.replaceChildren(table(["claim", "kind", "independent outlets", "mentions", "", "articles"], rows.map((r) => [
      el("span", {}, r.text, r.speaker ? el("span", { class: "dim" }, ` — ${r.speaker}`) : null),
      r.kind, r.independent_outlets, r.mentions,
      r.single_source ? tag("single source", "single") : tag("confirmed", "ok"),
      cites((r.evidence || []).map((e) => e.article_id))]), "No claim of this kind."));
  };
  filter.addEventListener("change", draw);
  draw();
  const shown = page.rows.length < page.total ? `; the ${page.rows.length} most confirmed shown` : "";
  const single = page.rows.filter((r) => r.single_source).length;
  return el("div", {}, el("p", { class: "dim" }, `${plural(page.total, "claim")}${shown} (${single} single-source). `, filter), box);
}

function quotes(page, cites) {
  const groups = new Map();
  for (const q of page.rows) {
    const key = q.statement_id || q.id;
    if (!groups.has(key)) groups.set(key, []);
    groups.get(key).push(q);
  }
  const reach = (g) => new Set(g.map((q) => q.article_id)).size;
  const rows = [...groups.values()].sort((a, b) => reach(b) - reach(a));
  if (!rows.length) return el("p", { class: "dim" }, "No quotations were found in this story's articles (they are read from English articles only).");
  return el("div", {}, el("p", { class: "dim" }, `${plural(page.total, "quotation")} in ${plural(groups.size, "statement")}; ` +
      "statements reported by the most articles first, other wordings beneath."),
    table(["speaker", "words", "kind", "articles"], rows.map((g) => [
      g[0].speaker || el("span", { class: "dim" }, "(no speaker found)"),
      el("div", {}, g[0].kind === "indirect" ? g[0].text : `“${g[0].text}”`,
        g.length > 1 ? el("div", { class: "variants" }, g.slice(1).map((q) => el("div", {}, "also: " + q.text))) : null),
      g[0].kind, cites(g.map((q) => q.article_id))]), "No quotations were found in this story's articles (they are read from English articles only)."));
}

function articles(s) {
  const of = linkTypes(s);
  const number = Object.fromEntries(s.article_list.map((a, i) => [a.id, i + 1]));
  return table(["#", "outlet", "title", "published", "language", "copy of"].concat(edits ? ["correct"] : []), s.article_list.map((a, i) => [
    i + 1, a.outlet || "", el("a", { href: `#article=${encodeURIComponent(a.id)}`, class: "title" }, a.title || a.url || a.id),
    el("span", { class: "date" }, a.published || "undated"), a.language || "",
    (of[a.id] || []).map((l) => el("div", {}, tag(l.type.replace("_", " "), l.type), " ", articleLink(l.other_id, `[${number[l.other_id] || "?"}]`)))]
    .concat(edits ? [moveControl(a, s)] : [])),
  "No articles.");
}

// ------------------------------------------------------------------ corrections (`serve --edits`)
function joinForm(s) {
  // join this story to another the engine kept apart: its articles move there, its id leads there
  const into = el("input", { list: "story-choices", placeholder: "story id or prefix", "aria-label": "story to join it to", size: 18 });
  const go = el("button", { type: "submit" }, "join");
  return el("form", { class: "correct", on: { submit: (ev) => {
    ev.preventDefault();
    const target = into.value.trim();
    if (!target) return fail("name the story to join this one to");
    if (!confirm(`Join story ${s.id} (${plural(s.articles, "article")}) into story ${target}?`)) return;
    go.disabled = true;
    corrected(api(`/api/stories/${encodeURIComponent(s.id)}/join`, { into: target }), null, current && current.tab)
      .finally(() => { go.disabled = false; });
  } } }, "Same event as another story? Join it into ", into, " ", go);
}

function moveControl(a, s) {
  // move one article to another story, or to a story of its own
  const box = el("span", { class: "correct" });
  const open = el("button", { type: "button", on: { click: () => {
    const to = el("input", { list: "story-choices", placeholder: "story id or prefix", "aria-label": "story to move it to", size: 14 });
    const send = (target) => {
      for (const b of box.querySelectorAll("button")) b.disabled = true;
      corrected(api(`/api/articles/${encodeURIComponent(a.id)}/move`, { to: target }), s.id)
        .finally(() => { for (const b of box.querySelectorAll("button")) b.disabled = false; });
    };
    box.replaceChildren(to,
      el("button", { type: "button", on: { click: () => to.value.trim() ? send(to.value.trim()) : fail("name the story to move it to") } }, "move"),
      el("button", { type: "button", title: "a story of its own", on: { click: () => send(null) } }, "own story"),
      el("button", { type: "button", on: { click: () => box.replaceChildren(open) } }, "cancel"));
    to.focus();
  } } }, "move…");
  box.append(open);
  return box;
}

async function corrected(request, stay, tab) {
  // after a correction: say what it did, load the story list afresh and show the story the articles
  // went to, or the story `stay` (an article moved out: the analyst may move more; an emptied story's
  // id leads to where its article went)
  try {
    const done = await request;
    const said = [done.article ? `Article ${done.article} is now in story ${done.story}.` : `Joined: the articles are now in story ${done.story}.`];
    if (done.aliases.length) said.push(`${done.aliases.join(", ")} now ${done.aliases.length === 1 ? "leads" : "lead"} there.`);
    if (done.copies_left.length) said.push(`${plural(done.copies_left.length, "copy", "copies")} of it stayed behind: ${done.copies_left.join(", ")}.`);
    if (done.stale.length) said.push(`The claims and summaries of ${done.stale.join(", ")} are rebuilt by the next \`newsgraph analyze\`.`);
    notice(said.join(" "));
    current = null; // the story shown has changed: load it afresh
    await Promise.all([loadStats(), loadStories(true)]);
    const hash = `#story=${encodeURIComponent(stay || done.story)}&tab=${tab || "Articles"}`;
    if (location.hash === hash) route(); else location.hash = hash;
  } catch (err) {
    fail(err);
  }
}

// ------------------------------------------------------------------ one article
function markedText(text, quotes) {
  // cut the text where any quotation starts or ends, or the cue set off inside it (its gap) does;
  // each piece is marked with every quotation over it
  const spans = quotes.filter((q) => q.start !== null && q.end !== null && q.end > q.start);
  const gapped = (q) => q.gap_start != null && q.gap_end != null && q.gap_end > q.gap_start;
  const edges = (q) => gapped(q) ? [q.start, q.end, q.gap_start, q.gap_end] : [q.start, q.end];
  const cuts = [...new Set([0, text.length, ...spans.flatMap(edges)])].sort((x, y) => x - y);
  const box = el("div", { class: "text" });
  let n = 0;
  for (let i = 0; i + 1 < cuts.length; i++) {
    const [a, b] = [cuts[i], cuts[i + 1]];
    const over = spans.filter((q) => q.start <= a && q.end >= b && !(gapped(q) && q.gap_start <= a && q.gap_end >= b));
    if (!over.length) { box.append(text.slice(a, b)); continue; }
    const who = over.map((q) => `${q.speaker || "no speaker found"} (${q.kind})`).join("; ");
    const first = over.some((q) => q.start === a);
    if (first) n++;
    box.append(el("mark", { title: who, class: (n % 2 ? "odd" : "even") + (over.length > 1 ? " nested" : "") }, text.slice(a, b)));
  }
  return box;
}

async function showArticle(id) {
  const got = await load(`/api/articles/${encodeURIComponent(id)}`);
  if (!got) return;
  const [a] = got;
  const changed = current === null || current.id !== a.story_id;
  current = a.story_id ? { id: a.story_id, tab: "Articles" } : null;
  markCurrent(changed);
  $("#view").replaceChildren(
    el("h2", {}, a.title || "(no title)"),
    el("p", { class: "dim" }, [a.outlet, a.published || "undated", a.language].filter(Boolean).join(" · "), " · ", outside(a.url || a.path)),
    a.story_id ? el("p", {}, storyLink(a.story_id, "Articles", "← its story")) : null,
    el("h3", {}, `Text (${plural(a.quotes.length, "quotation")} marked; hover for the speaker)`), markedText(a.text, a.quotes),
    el("h3", {}, `Events (${a.events.length})`),
    table(["code", "type", "who", "whom", "date", "sentence"], a.events.map((e) => [
      e.event_code + (e.negated ? " (not)" : ""), (e.plover || "").toLowerCase().replace(/_/g, " "), e.source || "", e.target || "",
      e.date || "undated", e.sentence || ""]), "No events were coded in this article."),
    el("h3", {}, `Entities (${a.entities.length})`),
    table(["name", "type", "country", "role", "mentions"], a.entities.map((e) => [
      e.name, e.type, e.country || "", e.role || "", (e.mentions || []).length]), "No entities were found in this article."));
  $("#view").scrollTop = 0;
}

// ------------------------------------------------------------------ the whole store
async function showOverview() {
  const got = await load("/api/stats");
  if (!got) return;
  const [s] = got;
  current = null;
  markCurrent(false);
  const counts = (title, data, what) => [el("h3", {}, title),
    table([what, "count"], Object.entries(data || {}).map(([k, v]) => [k, v]), "None.")];
  $("#view").replaceChildren(
    el("h2", {}, "The store"),
    el("p", { class: "dim" }, `${plural(s.articles, "article")} in ${plural(s.stories, "story", "stories")} from ` +
      `${plural(s.outlets, "outlet")}, published ${s.published[0] || "?"} to ${s.published[1] || "?"}; ` +
      `${plural(s.quotes, "quotation")}, ${plural(s.statements_in_several_articles, "statement")} reported by several ` +
      `articles; ${plural(s.failures, "input")} refused (\`newsgraph export failures\`).`),
    el("div", { class: "columns" },
      el("div", {}, ...counts("Most quoted", s.top_speakers, "speaker"), ...counts("Most named actors", s.top_actors, "actor")),
      el("div", {}, ...counts("Outlets with most articles", s.by_outlet, "outlet"),
        ...counts("Page furniture removed", s.removed_lines, "kind of line"), ...counts("Flags", s.flags, "flag"))));
}

// ------------------------------------------------------------------ the address decides the view
function route() {
  const params = new URLSearchParams(location.hash.slice(1));
  if (params.get("story")) return showStory(params.get("story"), params.get("tab"));
  if (params.get("article")) return showArticle(params.get("article"));
  if (params.has("overview")) return showOverview();
  ++tickets.view;
  const first = document.querySelector("#story-list li[data-id]");
  if (first && !$("#search").value.trim()) location.replace("#story=" + encodeURIComponent(first.dataset.id));
  else { current = null; markCurrent(); $("#view").replaceChildren(el("p", { class: "dim" }, "Choose a story.")); }
}

$("#more").addEventListener("click", () => loadStories(false).catch(fail));
let typing;
$("#search").addEventListener("input", () => { clearTimeout(typing); typing = setTimeout(() => loadStories(true).catch(fail), 250); });
window.addEventListener("hashchange", route);
document.addEventListener("click", (ev) => { // a link to the view already shown shows it afresh
  const link = ev.target.closest("a[href^='#']");
  if (link && link.getAttribute("href") === location.hash) route();
});
loadStats().catch(fail);
api("/api/config").then((c) => { edits = !!c.edits; }).catch(() => {})
  .then(() => loadStories(true)).then(route).catch(fail);
