// The report page's one script (quotes/report.py inlines it). It puts data in the page only as text
// (textContent, text nodes) and builds links only from numbers, so nothing from an article is ever parsed as
// HTML or followed as a URL.
"use strict";
(function () {
const D = JSON.parse(document.getElementById("data").textContent);
const PAGE = 100;
const Q = D.quotes, S = D.speakers, DOCS = D.docs;
// quote row fields
const QID = 0, TEXT = 1, SPK = 2, KIND = 3, CUE = 4, NM = 5, ND = 6, QDOCS = 7, FIRST = 8, EXTRA = 9, VARS = 10;

function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v !== null && v !== undefined && v !== false) node.setAttribute(k, v);
  }
  for (const c of children) {
    if (c === null || c === undefined) continue;
    node.append(typeof c === "string" || typeof c === "number" ? document.createTextNode(String(c)) : c);
  }
  return node;
}
function link(href, ...children) { return el("a", {href: href}, ...children); }
function speakerName(s) { return s >= 0 ? S[s][0] : "unknown speaker"; }
function speakerLink(s) { return s >= 0 ? link("#speaker/" + s, S[s][0]) : el("span", {class: "muted"}, "unknown speaker"); }
function docLink(d) { return link("#article/" + d, DOCS[d][0]); }
function kindTag(k) { return el("span", {class: "kind " + (D.kinds.includes(k) ? k : "")}, k || "?"); }
function plural(n, word) { return n + " " + word + (n === 1 ? "" : "s"); }
function fmt(n) { return n === null || n === undefined ? "" : Number(n).toLocaleString("en"); }

// --- per speaker and per quote facts computed once ---
const speakerQuotes = S.map(() => []);
Q.forEach((q, i) => { if (q[SPK] >= 0) speakerQuotes[q[SPK]].push(i); });
const speakerDocs = speakerQuotes.map(qs => { const set = new Set(); qs.forEach(i => Q[i][QDOCS].forEach(d => set.add(d))); return set.size; });
let haystack = null;
function quoteHay(i) {
  if (!haystack) haystack = Q.map(q => (q[TEXT] + " " + speakerName(q[SPK]) + " " + (q[CUE] || "") + " " + q[QID]).toLowerCase());
  return haystack[i];
}

// --- a sortable, paged table of row indices ---
function makeTable(host, columns, sortKey, sortDir) {
  const state = {rows: [], sort: sortKey, dir: sortDir, page: 0};
  function sorted() {
    const col = columns.find(c => c.key === state.sort);
    const rows = state.rows.slice();
    const dir = state.dir;
    rows.sort((a, b) => {
      let x = col.value(a), y = col.value(b);
      if (x === null || x === undefined) x = col.num ? -Infinity : "";
      if (y === null || y === undefined) y = col.num ? -Infinity : "";
      const c = col.num ? x - y : String(x).localeCompare(String(y), "en", {sensitivity: "base"});
      return c * dir || a - b;
    });
    return rows;
  }
  let order = null;
  function draw() {
    if (!order) order = sorted();
    const pages = Math.max(1, Math.ceil(order.length / PAGE));
    state.page = Math.min(state.page, pages - 1);
    const head = el("tr", null, ...columns.map(c => {
      const th = el("th", {class: c.num ? "num" : null, "data-key": c.key,
        "aria-sort": c.key === state.sort ? (state.dir > 0 ? "ascending" : "descending") : null});
      const b = el("button", {type: "button"}, c.label);
      b.addEventListener("click", () => {
        if (state.sort === c.key) state.dir = -state.dir; else { state.sort = c.key; state.dir = c.num ? -1 : 1; }
        order = null; state.page = 0; draw();
      });
      th.append(b);
      return th;
    }));
    const body = el("tbody");
    for (const i of order.slice(state.page * PAGE, (state.page + 1) * PAGE)) {
      body.append(el("tr", {"data-row": i}, ...columns.map(c => el("td", {class: (c.num ? "num " : "") + (c.cls || "")}, c.cell(i)))));
    }
    const prev = el("button", {type: "button", class: "prev"}, "‹ previous");
    const next = el("button", {type: "button", class: "next"}, "next ›");
    prev.disabled = state.page === 0;
    next.disabled = state.page >= pages - 1;
    prev.addEventListener("click", () => { state.page--; draw(); });
    next.addEventListener("click", () => { state.page++; draw(); });
    const from = order.length ? state.page * PAGE + 1 : 0, to = Math.min(order.length, (state.page + 1) * PAGE);
    const count = el("span", {class: "count"}, order.length ? `${fmt(from)}–${fmt(to)} of ${fmt(order.length)}` : "none match");
    host.replaceChildren(el("table", null, el("thead", null, head), body), el("div", {class: "pager"}, prev, count, next));
  }
  return {
    set(rows) { state.rows = rows; order = null; state.page = 0; draw(); },
  };
}

// --- overview ---
function overview() {
  const nSpeakers = S.length, nMentions = D.mentions.reduce((n, m) => n + m.length, 0);
  const shared = Q.filter(q => q[ND] > 1).length;
  const card = (n, label) => el("div", {class: "card"}, el("b", null, fmt(n)), label);
  document.getElementById("cards").replaceChildren(
    card(DOCS.length, "articles"), card(Q.length, "quotes"), card(nMentions, "mentions"),
    card(nSpeakers, "speakers"), card(shared, "quotes in 2+ articles"));
  const top = Q.map((q, i) => i).filter(i => Q[i][ND] > 0).sort((a, b) => Q[b][ND] - Q[a][ND] || a - b).slice(0, 10);
  const list = el("ol", {class: "top"});
  for (const i of top) {
    list.append(el("li", null, link("#quote/" + i, "“" + Q[i][TEXT] + "”"), " — ", speakerLink(Q[i][SPK]),
      el("span", {class: "muted"}, ", " + plural(Q[i][ND], "article"))));
  }
  document.getElementById("top").replaceChildren(top.length ? list : el("p", {class: "muted"}, "No quotes found."));
}

// --- quotes ---
const qColumns = [
  {key: "quote", label: "Quote", value: i => Q[i][TEXT], cell: i => link("#quote/" + i, Q[i][TEXT]), cls: "quote"},
  {key: "speaker", label: "Speaker", value: i => Q[i][SPK] >= 0 ? S[Q[i][SPK]][0] : null, cell: i => speakerLink(Q[i][SPK])},
  {key: "kind", label: "Kind", value: i => Q[i][KIND], cell: i => kindTag(Q[i][KIND])},
  {key: "n_docs", label: "Articles", num: true, value: i => Q[i][ND], cell: i => fmt(Q[i][ND])},
  {key: "n_mentions", label: "Mentions", num: true, value: i => Q[i][NM], cell: i => fmt(Q[i][NM])},
  {key: "cue", label: "Cue", value: i => Q[i][CUE], cell: i => Q[i][CUE] || ""},
  ...D.extras.map((name, k) => ({key: name, label: name.replace("_", " "), value: i => Q[i][EXTRA][k], cell: i => Q[i][EXTRA][k] || ""})),
  {key: "first_doc", label: "First article", value: i => Q[i][FIRST] >= 0 ? DOCS[Q[i][FIRST]][0] : null,
   cell: i => Q[i][FIRST] >= 0 ? docLink(Q[i][FIRST]) : ""},
];
let qTable = null;
const qSearch = document.getElementById("q-search"), qSpeaker = document.getElementById("q-speaker");
const qKind = document.getElementById("q-kind"), qDocs = document.getElementById("q-docs");
function filterQuotes() {
  const words = qSearch.value.toLowerCase().split(/\s+/).filter(Boolean);
  const spk = qSpeaker.value === "" ? null : Number(qSpeaker.value);
  const kind = qKind.value, minDocs = Number(qDocs.value) || 0;
  const rows = [];
  for (let i = 0; i < Q.length; i++) {
    const q = Q[i];
    if (spk !== null && q[SPK] !== spk) continue;
    if (kind && q[KIND] !== kind) continue;
    if ((q[ND] || 0) < minDocs) continue;
    if (words.length) { const h = quoteHay(i); if (!words.every(w => h.includes(w))) continue; }
    rows.push(i);
  }
  qTable.set(rows);
}
function quotesView() {
  if (!qTable) {
    const bySize = S.map((s, i) => i).sort((a, b) => speakerQuotes[b].length - speakerQuotes[a].length || S[a][0].localeCompare(S[b][0]));
    const noSpeaker = Q.some(q => q[SPK] < 0);
    for (const s of bySize) qSpeaker.append(el("option", {value: s}, `${S[s][0]} (${speakerQuotes[s].length})`));
    if (noSpeaker) qSpeaker.append(el("option", {value: "-1"}, "unknown speaker"));
    for (const k of D.kinds) qKind.append(el("option", {value: k}, k));
    qTable = makeTable(document.getElementById("q-table"), qColumns, "n_docs", -1);
    let timer = null;
    const later = () => { clearTimeout(timer); timer = setTimeout(filterQuotes, Q.length > 5000 ? 150 : 0); };
    qSearch.addEventListener("input", later);
    for (const c of [qSpeaker, qKind, qDocs]) c.addEventListener("change", filterQuotes);
    qDocs.addEventListener("input", later);
    filterQuotes();
  }
}
function marked(runs, tag) {
  const node = el("span");
  runs.forEach((r, k) => { if (r) node.append(k % 2 ? el(tag, null, r) : document.createTextNode(r)); });
  return node;
}
function docList(docs) {
  const box = el("span", {class: "doclist"});
  const show = n => box.replaceChildren(...docs.slice(0, n).map(docLink));
  show(50);
  if (docs.length > 50) {
    const more = el("button", {type: "button"}, `all ${docs.length}`);
    more.addEventListener("click", () => { show(docs.length); });
    box.append(more);
  }
  return box;
}
function quoteDetail(i) {
  const q = Q[i];
  const facts = el("dl", {class: "facts"},
    el("dt", null, "speaker"), el("dd", null, speakerLink(q[SPK])),
    el("dt", null, "kind"), el("dd", null, kindTag(q[KIND])),
    el("dt", null, "cue"), el("dd", null, q[CUE] || ""),
    el("dt", null, "carried by"), el("dd", null, plural(q[ND] || 0, "article") + ", " + plural(q[NM] || 0, "mention")),
    ...D.extras.flatMap((name, k) => [el("dt", null, name.replace("_", " ")), el("dd", null, q[EXTRA][k] || "")]),
    el("dt", null, "id"), el("dd", null, el("code", null, q[QID])));
  const box = el("div", {class: "detail", id: "quote-" + i},
    el("h2", null, "Quote"), el("blockquote", null, q[TEXT]), facts);
  const vars = q[VARS].filter(v => Array.isArray(v));
  const left = q[VARS].find(v => typeof v === "number");
  const own = vars.find(v => v[0] === null);
  box.append(el("h3", null, "Articles carrying this wording"), own ? docList(own[2]) : el("span", {class: "muted"}, "none as is"));
  const others = vars.filter(v => v[0] !== null);
  if (others.length) {
    box.append(el("h3", null, `Other wordings (${others.length}${left ? ", and " + left + " more" : ""})`));
    const grid = el("div", {class: "variants"}, el("div", {class: "h"}, "This quote (words not in the other wording struck)"),
      el("div", {class: "h"}, "Other wording (its own words marked)"), el("div", {class: "h"}, "Articles"));
    for (const v of others) {
      const same = v[0].length === 1 && v[1].length === 1;
      grid.append(el("div", null, marked(v[0], "del")),
        el("div", {class: "variant"}, marked(v[1], "ins"), same ? el("div", {class: "muted"}, "(same words: differs in punctuation or case)") : null),
        el("div", null, plural(v[3], "mention") + ": ", docList(v[2])));
    }
    box.append(grid);
  } else {
    box.append(el("p", {class: "muted"}, "Every article carries it in this wording."));
  }
  document.getElementById("quote-detail").replaceChildren(box);
  document.querySelectorAll("#q-table tr.current").forEach(tr => tr.classList.remove("current"));
  const row = document.querySelector(`#q-table tr[data-row="${i}"]`);
  if (row) row.classList.add("current");
}

// --- speakers ---
let sTable = null;
const sSearch = document.getElementById("s-search");
function filterSpeakers() {
  const words = sSearch.value.toLowerCase().split(/\s+/).filter(Boolean);
  const rows = [];
  S.forEach((s, i) => { const h = s.join(" ").toLowerCase(); if (words.every(w => h.includes(w))) rows.push(i); });
  sTable.set(rows);
}
function speakersView() {
  if (!sTable) {
    sTable = makeTable(document.getElementById("s-table"), [
      {key: "name", label: "Speaker", value: i => S[i][0], cell: i => speakerLink(i)},
      {key: "role", label: "Role", value: i => S[i][1], cell: i => S[i][1] || ""},
      {key: "org", label: "Organisation", value: i => S[i][2], cell: i => S[i][2] || ""},
      {key: "type", label: "Type", value: i => S[i][3], cell: i => S[i][3] || ""},
      {key: "quotes", label: "Quotes", num: true, value: i => speakerQuotes[i].length, cell: i => fmt(speakerQuotes[i].length)},
      {key: "docs", label: "Articles", num: true, value: i => speakerDocs[i], cell: i => fmt(speakerDocs[i])},
    ], "quotes", -1);
    sSearch.addEventListener("input", filterSpeakers);
    filterSpeakers();
  }
}
function speakerDetail(s) {
  const [name, role, org, type] = S[s];
  const list = el("ol");
  for (const i of speakerQuotes[s]) list.append(el("li", null, link("#quote/" + i, "“" + Q[i][TEXT] + "”"), " ", kindTag(Q[i][KIND]),
    el("span", {class: "muted"}, " " + plural(Q[i][ND], "article"))));
  document.getElementById("speaker-detail").replaceChildren(el("div", {class: "detail", id: "speaker-" + s},
    el("h2", null, name),
    el("dl", {class: "facts"}, el("dt", null, "role"), el("dd", null, role || "—"), el("dt", null, "organisation"),
      el("dd", null, org || "—"), el("dt", null, "type"), el("dd", null, type || "—"),
      el("dt", null, "quoted in"), el("dd", null, plural(speakerDocs[s], "article"))),
    el("h3", null, plural(speakerQuotes[s].length, "quote")), list));
}

// --- articles ---
let aTable = null;
const aSearch = document.getElementById("a-search");
function filterArticles() {
  const words = aSearch.value.toLowerCase().split(/\s+/).filter(Boolean);
  const rows = [];
  DOCS.forEach((d, i) => { const h = d[0].toLowerCase(); if (words.every(w => h.includes(w))) rows.push(i); });
  aTable.set(rows);
}
function articlesView() {
  if (!aTable) {
    aTable = makeTable(document.getElementById("a-table"), [
      {key: "n", label: "#", num: true, value: i => i + 1, cell: i => fmt(i + 1)},
      {key: "id", label: "Article", value: i => DOCS[i][0], cell: i => docLink(i)},
      {key: "quotes", label: "Quote mentions", num: true, value: i => DOCS[i][2], cell: i => fmt(DOCS[i][2])},
    ], "n", 1);
    aSearch.addEventListener("input", filterArticles);
    filterArticles();
  }
}
function articleText(d) {
  const block = document.getElementById("t" + d);
  return block ? JSON.parse(block.textContent) : null;
}
// the text cut at every span boundary; each piece links to the quote of the innermost span covering it
function highlighted(text, found) {
  const spans = [];
  found.forEach(([q, kind, s, e, ss, se]) => {
    if (s !== null && e !== null && s < e && e <= text.length) spans.push({s, e, q, cls: D.kinds.includes(kind) ? kind : "direct", what: kind + " quote"});
    if (ss !== null && se !== null && ss < se && se <= text.length) spans.push({s: ss, e: se, q, cls: "speaker", what: "speaker: " + speakerName(Q[q][SPK])});
  });
  const cuts = new Set([0, text.length]);
  spans.forEach(sp => { cuts.add(sp.s); cuts.add(sp.e); });
  const points = [...cuts].sort((a, b) => a - b);
  const box = el("div", {class: "article-text"});
  let open = [];
  spans.sort((a, b) => a.s - b.s);
  let next = 0;
  for (let k = 0; k + 1 < points.length; k++) {
    const a = points[k], b = points[k + 1];
    while (next < spans.length && spans[next].s <= a) open.push(spans[next++]);
    open = open.filter(sp => sp.e > a);
    const piece = text.slice(a, b);
    if (!open.length) { box.append(document.createTextNode(piece)); continue; }
    const sp = open.reduce((x, y) => (y.e - y.s < x.e - x.s ? y : x));
    const a_ = el("a", {class: "hl " + sp.cls, href: "#quote/" + sp.q, title: sp.what + " — " + speakerName(Q[sp.q][SPK])}, piece);
    box.append(a_);
  }
  return box;
}
function articleDetail(d) {
  const [name, hasText] = DOCS[d];
  const found = D.mentions[d];
  const box = el("div", {class: "detail", id: "article-" + d}, el("h2", null, name));
  const legend = el("p", {class: "legend"}, ...D.kinds.map(k => el("span", {class: "hl " + k}, k)), el("span", {class: "hl speaker"}, "speaker"));
  const side = el("ol");
  const listed = new Set();
  for (const [q] of found) {
    if (listed.has(q)) continue;
    listed.add(q);
    side.append(el("li", null, link("#quote/" + q, "“" + Q[q][TEXT] + "”"), " — ", speakerLink(Q[q][SPK])));
  }
  const text = hasText ? articleText(d) : null;
  const body = text === null ? el("p", {class: "muted"}, "The text of this article was not given to the report.") : highlighted(text, found);
  box.append(legend, el("div", {class: "article"}, body, el("div", {class: "side"}, el("h3", null, plural(listed.size, "quote")), side)));
  document.getElementById("article-detail").replaceChildren(box);
}

// --- routing: #overview, #quotes, #quote/N, #speakers, #speaker/N, #articles, #article/N ---
const VIEWS = {overview: overview, quotes: quotesView, speakers: speakersView, articles: articlesView};
const DETAILS = {quote: ["quotes", quoteDetail, Q.length], speaker: ["speakers", speakerDetail, S.length], article: ["articles", articleDetail, DOCS.length]};
function route() {
  const m = /^#(\w+)(?:\/(\d+))?$/.exec(location.hash) || [null, "overview", null];
  let view = VIEWS[m[1]] ? m[1] : "overview";
  const detail = DETAILS[m[1]];
  if (detail && m[2] !== undefined && Number(m[2]) < detail[2]) view = detail[0];
  for (const name of Object.keys(VIEWS)) document.getElementById("view-" + name).hidden = name !== view;
  document.querySelectorAll("nav a").forEach(a => a.classList.toggle("on", a.dataset.view === view));
  VIEWS[view]();
  for (const [key, [host, show]] of Object.entries(DETAILS)) {
    const target = document.getElementById(key + "-detail");
    if (detail && key === m[1] && m[2] !== undefined && Number(m[2]) < detail[2]) { show(Number(m[2])); window.scrollTo(0, 0); }
    else if (host === view) target.replaceChildren();
  }
}
document.getElementById("title").textContent = D.title;
document.title = D.title;
document.getElementById("footer").textContent = `Made by quotes ${D.version} on ${D.made}. This page works offline and loads nothing.`;
window.addEventListener("hashchange", route);
route();
document.documentElement.dataset.ready = String(Math.round(performance.now()));
})();
