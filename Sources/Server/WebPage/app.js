// Dossier's page: plain JavaScript over the JSON API (Docs/http-api.md), no build step and
// nothing fetched from elsewhere. Every state is in the URL (the API's own parameter names),
// so a search can be shared and reloaded; the back button walks through searches.
"use strict";

const PAGE_SIZE = 20;
const ACTOR_TYPES = ["person", "organization", "country", "location", "group"];
const TYPE_HEADINGS = { person: "people", organization: "organizations", country: "countries", location: "locations", group: "groups" };
const LIST_KEYS = ["actor", "type", "source"];
const VALUE_KEYS = ["q", "sort", "from", "to", "mentioned_from", "mentioned_to", "offset"];

const $ = (id) => document.getElementById(id);
const el = (tag, attrs = {}, ...children) => {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (key === "text") node.textContent = value;
    else if (key.startsWith("on")) node.addEventListener(key.slice(2), value);
    else node.setAttribute(key, value);
  }
  for (const child of children) node.append(child);
  return node;
};
const svg = (tag, attrs = {}) => {
  const node = document.createElementNS("http://www.w3.org/2000/svg", tag);
  for (const [key, value] of Object.entries(attrs)) node.setAttribute(key, value);
  return node;
};

// ---- State <-> URL ---------------------------------------------------------------------

function readState() {
  const params = new URLSearchParams(location.search);
  const state = { any: params.get("any") === "true" };
  for (const key of VALUE_KEYS) state[key] = params.get(key) || "";
  for (const key of LIST_KEYS) state[key] = params.getAll(key);
  return state;
}

function stateParams(state, { paging = true } = {}) {
  const params = new URLSearchParams();
  for (const key of VALUE_KEYS) {
    if (key === "offset" && (!paging || state.offset === "0")) continue;
    if (key === "sort" && state.sort === "relevance") continue;
    if (state[key]) params.set(key, state[key]);
  }
  if (state.any) params.set("any", "true");
  for (const key of LIST_KEYS) for (const value of state[key]) params.append(key, value);
  return params;
}

let state = readState();

function go(change, { keepOffset = false } = {}) {
  state = { ...state, ...change };
  if (!keepOffset) state.offset = "";
  const query = stateParams(state).toString();
  history.pushState(null, "", query ? "?" + query : location.pathname);
  load();
}

window.addEventListener("popstate", () => { state = readState(); load(); });

// ---- Fetching -----------------------------------------------------------------------------

async function api(path, params) {
  const response = await fetch(path + "?" + params.toString(), { headers: { Accept: "application/json" } });
  const body = await response.json();
  if (!response.ok) throw new Error(body.error ? body.error.message : response.statusText);
  return body;
}

let generation = 0;

async function load() {
  const mine = ++generation;
  document.body.dataset.state = "loading";
  showFormState();
  const filters = stateParams(state, { paging: false });

  // The filters plus one request's own parameters (lists repeat, as the API's options do).
  const withFilters = (extra) => {
    const params = new URLSearchParams(filters);
    for (const [key, value] of Object.entries(extra)) {
      for (const item of [].concat(value)) params.append(key, item);
    }
    return params;
  };
  const page = withFilters({ limit: String(PAGE_SIZE), offset: state.offset || "0",
    facet: [...ACTOR_TYPES, "source"], facet_limit: "8" });
  const months = withFilters({ limit: "0", facet: ["published-month", "mentioned-month"], facet_limit: "1000" });
  months.delete("sort");
  // The 12 busiest actors (rows) by every month of the search (columns: up to 1000).
  const matrix = withFilters({ by: ["actor", "published-month"], limit: ["12", "1000"] });
  matrix.delete("sort");

  try {
    const [results, dates, counts] = await Promise.all([
      api("/api/search", page), api("/api/search", months), api("/api/count", matrix),
    ]);
    if (mine !== generation) return;
    $("error").hidden = true;
    renderSummary(results);
    renderFilters();
    renderActorFacets(results.facets);
    renderFacet($("sources"), results.facets.source || [], "source");
    renderHistogram($("published-chart"), dates.facets["published-month"] || [], "from", "to");
    renderHistogram($("mentioned-chart"), dates.facets["mentioned-month"] || [], "mentioned_from", "mentioned_to");
    renderHits(results);
    renderPager(results);
    renderExports(filters);
    renderHeatmap(counts);
    document.body.dataset.state = "ready";
  } catch (error) {
    if (mine !== generation) return;
    $("error").textContent = error.message;
    $("error").hidden = false;
    renderFilters();
    document.body.dataset.state = "error";
  }
}

// ---- Rendering ----------------------------------------------------------------------------

function showFormState() {
  $("q").value = state.q;
  $("any").checked = state.any;
  $("sort").value = state.sort || "relevance";
  for (const key of ["from", "to", "mentioned_from", "mentioned_to"]) $(key).value = state[key];
}

function renderSummary(results) {
  $("total").textContent = results.total.toLocaleString("en");
  $("total").dataset.total = String(results.total);
  const what = results.total === 1 ? "passage" : "passages";
  $("summary-rest").textContent = (state.q ? `${what} for ${state.q}` : `${what}`) +
    (results.total_exact && results.facets_exact ? ", counted exactly" : ", estimated");
  const suggestion = $("suggestion");
  suggestion.replaceChildren();
  suggestion.hidden = !results.suggestion;
  if (results.suggestion) {
    suggestion.append("Did you mean: ",
      el("a", { href: "?" + stateParams({ ...state, q: results.suggestion, offset: "" }).toString(),
                onclick: (event) => { event.preventDefault(); go({ q: results.suggestion }); },
                text: results.suggestion }), "?");
  }
}

function toggle(key, value) {
  const list = state[key].includes(value) ? state[key].filter((v) => v !== value) : [...state[key], value];
  go({ [key]: list });
}

function renderFilters() {
  const chips = [];
  for (const key of LIST_KEYS) {
    for (const value of state[key]) {
      chips.push(el("button", { class: "chip", type: "button", title: `Remove ${key} ${value}`,
        onclick: () => toggle(key, value), text: `${key}: ${value}` }));
    }
  }
  for (const [low, high, label] of [["from", "to", "published"], ["mentioned_from", "mentioned_to", "mentioned"]]) {
    if (state[low] || state[high]) {
      chips.push(el("button", { class: "chip", type: "button", title: `Remove the ${label} dates`,
        onclick: () => go({ [low]: "", [high]: "" }), text: `${label}: ${state[low] || "…"} – ${state[high] || "…"}` }));
    }
  }
  $("filters").replaceChildren(...chips);
}

function facetButton(entry, key, value) {
  const pressed = state[key].includes(value);
  return el("li", {}, el("button", {
    type: "button", "aria-pressed": String(pressed), "data-value": value, "data-count": String(entry.count),
    title: pressed ? `Remove the filter ${key}: ${value}` : `Only passages with ${key}: ${value}`,
    onclick: () => toggle(key, value),
  }, el("span", { class: "name", text: entry.value }), el("span", { class: "count", text: entry.count.toLocaleString("en") })));
}

function renderActorFacets(facets) {
  const groups = [];
  for (const type of ACTOR_TYPES) {
    const values = facets[type] || [];
    if (values.length === 0) continue;
    const list = el("ul", { class: "facet", "data-facet": type });
    for (const entry of values) list.append(facetButton(entry, "actor", entry.value));
    groups.push(el("section", {}, el("h3", { text: TYPE_HEADINGS[type] }), list));
  }
  if (groups.length === 0) groups.push(el("p", { class: "more", text: "No actors in these passages." }));
  $("actor-groups").replaceChildren(...groups);
}

function renderFacet(list, values, key) {
  list.replaceChildren(...values.map((entry) => facetButton(entry, key, entry.value)));
  if (values.length === 0) list.append(el("li", { class: "more", text: "none" }));
}

// A bar per month from the first to the last counted (empty months included, so the time axis
// is true); dragging across bars (or Enter on a focused bar) sets the range filter.
function renderHistogram(chart, values, lowKey, highKey) {
  chart.replaceChildren();
  const months = values.map((v) => v.value).filter((v) => /^\d{4}-\d{2}$/.test(v)).sort();
  if (months.length === 0) {
    const text = svg("text", { x: 8, y: 20 });
    text.textContent = "no dated passages";
    chart.append(text);
    return;
  }
  const counts = new Map(values.map((v) => [v.value, v.count]));
  const axis = [];
  let [year, month] = months[0].split("-").map(Number);
  const last = months[months.length - 1];
  while (axis.length < 600) {
    const key = `${year}-${String(month).padStart(2, "0")}`;
    axis.push(key);
    if (key >= last) break;
    month += 1;
    if (month > 12) { month = 1; year += 1; }
  }
  const width = chart.clientWidth || 400, height = 90, bottom = 14;
  chart.setAttribute("viewBox", `0 0 ${width} ${height}`);
  const max = Math.max(...axis.map((m) => counts.get(m) || 0), 1);
  const step = width / axis.length;
  const low = state[lowKey], high = state[highKey];
  const selection = svg("rect", { class: "selection", x: 0, y: 0, width: 0, height: height - bottom });
  chart.append(selection);
  axis.forEach((key, index) => {
    const count = counts.get(key) || 0;
    const h = Math.round((height - bottom - 4) * count / max);
    const inRange = (!low || key >= low.slice(0, 7)) && (!high || key <= high.slice(0, 7)) && (low || high);
    const bar = svg("rect", { class: "bar" + (inRange ? " in" : ""), x: index * step + 0.5, y: height - bottom - h,
      width: Math.max(step - 1, 1), height: h, tabindex: "0", role: "button", "data-month": key });
    const title = svg("title");
    title.textContent = `${key}: ${count.toLocaleString("en")} passages`;
    bar.append(title);
    bar.addEventListener("keydown", (event) => {
      if (event.key === "Enter" || event.key === " ") { event.preventDefault(); go({ [lowKey]: key, [highKey]: key }); }
    });
    chart.append(bar);
  });
  for (const index of [0, axis.length - 1]) {
    const label = svg("text", { x: index === 0 ? 2 : width - 2, y: height - 3, "text-anchor": index === 0 ? "start" : "end" });
    label.textContent = axis[index];
    chart.append(label);
  }
  const monthAt = (event) => {
    const box = chart.getBoundingClientRect();
    const index = Math.min(axis.length - 1, Math.max(0, Math.floor((event.clientX - box.left) / box.width * axis.length)));
    return index;
  };
  let start = null;
  chart.onpointerdown = (event) => {
    start = monthAt(event);
    chart.setPointerCapture(event.pointerId);
    selection.setAttribute("x", start * step);
    selection.setAttribute("width", step);
  };
  chart.onpointermove = (event) => {
    if (start === null) return;
    const here = monthAt(event);
    selection.setAttribute("x", Math.min(start, here) * step);
    selection.setAttribute("width", (Math.abs(here - start) + 1) * step);
  };
  chart.onpointerup = (event) => {
    if (start === null) return;
    const here = monthAt(event);
    const [a, b] = [Math.min(start, here), Math.max(start, here)];
    start = null;
    go({ [lowKey]: axis[a], [highKey]: axis[b] });
  };
}

// Snippets mark matches as **word** (the JSON output's plain marker): escape, then mark.
function highlighted(snippet) {
  const parts = snippet.split("**");
  const node = el("p", { class: "snippet" });
  parts.forEach((part, index) => node.append(index % 2 === 1 ? el("mark", { text: part }) : part));
  return node;
}

function renderHits(results) {
  const items = results.hits.map((hit) => {
    const meta = [hit.published || "undated", hit.source, `${hit.file} ¶${hit.paragraph}`].filter(Boolean).join(" · ");
    const tags = el("div", { class: "tags" });
    for (const actor of hit.actors) {
      const named = (actor.mentions || []).filter((m) => m !== actor.name);
      const title = `Only passages with ${actor.name}` + (named.length ? ` (named here as ${named.map((m) => `“${m}”`).join(", ")})` : "");
      tags.append(el("button", { type: "button", title, "aria-pressed": String(state.actor.includes(actor.name)),
        onclick: () => { if (!state.actor.includes(actor.name)) toggle("actor", actor.name); }, text: `${actor.name} (${actor.type})` }));
    }
    for (const date of hit.dates) tags.append(el("span", { class: "date", text: `${date.text} → ${date.value}` }));
    const neighbours = el("div", { class: "neighbours", hidden: "" });
    const more = el("button", { type: "button", class: "context-button", "aria-expanded": "false",
      onclick: () => showNeighbours(hit, neighbours, more), text: "Neighbouring paragraphs" });
    return el("li", { class: "hit", "data-passage": hit.passage_id },
      el("h3", { text: `${hit.rank}. ${hit.title}` }), el("div", { class: "meta", text: meta }),
      highlighted(hit.snippet || hit.text), tags, more, neighbours);
  });
  if (items.length === 0) items.push(el("li", { class: "hit", text: "No passages match." }));
  $("hits").replaceChildren(...items);
}

async function showNeighbours(hit, box, button) {
  if (!box.hidden) { box.hidden = true; button.setAttribute("aria-expanded", "false"); return; }
  try {
    const found = await api("/api/passages/" + encodeURIComponent(hit.passage_id), new URLSearchParams({ context: "2" }));
    const all = [...found.context, found.passage].sort((a, b) => a.paragraph - b.paragraph);
    box.replaceChildren(...all.map((p) => el("p", { class: p.paragraph === hit.paragraph ? "self" : "", text: `¶${p.paragraph} ${p.text}` })));
  } catch (error) {
    box.replaceChildren(el("p", { text: error.message }));
  }
  box.hidden = false;
  button.setAttribute("aria-expanded", "true");
}

function renderPager(results) {
  const offset = Number(state.offset || 0);
  $("prev").disabled = offset === 0;
  $("next").disabled = offset + results.returned >= results.total;
  $("page").textContent = results.total === 0 ? "" :
    `${(offset + 1).toLocaleString("en")}–${(offset + results.returned).toLocaleString("en")} of ${results.total.toLocaleString("en")}`;
  $("prev").onclick = () => go({ offset: String(Math.max(0, offset - PAGE_SIZE)) }, { keepOffset: true });
  $("next").onclick = () => go({ offset: String(offset + PAGE_SIZE) }, { keepOffset: true });
}

function renderExports(filters) {
  for (const format of ["csv", "tsv", "jsonl"]) {
    const params = new URLSearchParams(filters);
    params.set("format", format);
    const link = $("export-" + format);
    link.href = "/api/export?" + params.toString();
    link.setAttribute("download", `dossier-export.${format}`);
  }
}

// Every month from the first to the last the search matches, empty months included, so the
// time axis is true; past ten years of months the columns are years (a passage has one
// published month, so a year's cell is the sum of its months). The table scrolls sideways with
// the actor names kept in view.
function heatmapColumns(columns) {
  const keys = columns.map((c) => c.value).filter((v) => /^\d{4}-\d{2}$/.test(v)).sort();
  if (keys.length === 0) return { labels: [], index: new Map() };
  let [year, month] = keys[0].split("-").map(Number);
  const [lastYear, lastMonth] = keys[keys.length - 1].split("-").map(Number);
  const spanMonths = (lastYear - year) * 12 + (lastMonth - month) + 1;
  const byYear = spanMonths > 120;
  const labels = [];
  const index = new Map();
  while (year < lastYear || (year === lastYear && month <= lastMonth)) {
    const key = `${year}-${String(month).padStart(2, "0")}`;
    const label = byYear ? String(year) : key;
    if (labels[labels.length - 1] !== label) labels.push(label);
    index.set(key, labels.length - 1);
    month += 1;
    if (month > 12) { month = 1; year += 1; }
  }
  return { labels, index, byYear };
}

function renderHeatmap(counts) {
  const box = $("heatmap");
  if (!counts.rows || counts.rows.length === 0 || counts.columns.length === 0) {
    box.replaceChildren(el("p", { class: "more", text: "No actors with dated passages." }));
    return;
  }
  const { labels, index, byYear } = heatmapColumns(counts.columns);
  const grid = counts.rows.map((row) => {
    const cells = new Array(labels.length).fill(0);
    row.cells.forEach((n, i) => {
      const at = index.get(counts.columns[i].value);
      if (at !== undefined) cells[at] += n;
    });
    return cells;
  });
  const max = Math.max(1, ...grid.flat());
  const head = el("tr", {}, el("th", { class: "corner", text: byYear ? "by year" : "" }),
    ...labels.map((label) => el("th", { scope: "col", text: label })));
  const rows = counts.rows.map((row, r) => el("tr", {},
    el("th", { class: "row", scope: "row" }, el("button", { type: "button", class: "linkish", title: `Only passages with ${row.value}`,
      onclick: () => { if (!state.actor.includes(row.value)) toggle("actor", row.value); }, text: row.value })),
    ...grid[r].map((n, i) => {
      const level = n / max;
      const cell = el("td", { title: `${row.value}, ${labels[i]}: ${n}`, text: n ? String(n) : "" });
      cell.style.background = n ? `rgba(31, 95, 168, ${0.12 + 0.88 * level})` : "#f4f6f8";
      cell.style.color = level > 0.5 ? "#fff" : "#1d232b";
      return cell;
    })));
  const span = labels.length === 1 ? labels[0] : `${labels[0]} to ${labels[labels.length - 1]}`;
  const note = el("p", { class: "more", text: `The ${counts.rows.length} busiest actors; ` +
    `${labels.length} ${byYear ? "years" : "months"}, ${span}${labels.length > 12 ? " (scroll sideways)" : ""}.` });
  box.replaceChildren(note, el("div", { class: "heatmap-scroll", tabindex: "0", role: "region", "aria-label": "Actors by month" },
    el("table", {}, el("thead", {}, head), el("tbody", {}, ...rows))));
}

// ---- Controls -----------------------------------------------------------------------------

$("search").addEventListener("submit", (event) => {
  event.preventDefault();
  go({ q: $("q").value.trim(), any: $("any").checked, sort: $("sort").value });
});
$("sort").addEventListener("change", () => go({ sort: $("sort").value }));
$("any").addEventListener("change", () => go({ any: $("any").checked }));
$("dates").addEventListener("submit", (event) => {
  event.preventDefault();
  go({ from: $("from").value.trim(), to: $("to").value.trim(),
       mentioned_from: $("mentioned_from").value.trim(), mentioned_to: $("mentioned_to").value.trim() });
});
document.addEventListener("keydown", (event) => {
  if (event.key === "/" && document.activeElement.tagName !== "INPUT") { event.preventDefault(); $("q").focus(); }
});

load();
