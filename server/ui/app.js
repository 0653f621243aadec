// Inferra's built-in UI: plain JavaScript against the JSON API, no build
// step. Every value from the server is put in the page as text, never as
// HTML.
"use strict";

const $ = (id) => document.getElementById(id);
let datasetId = "";
let lastPrompt = "";
let columns = [];      // the column names of the current dataset
let analyses = {};     // analysis id → {params, optional, summary}, from /api/environment

function el(tag, attrs, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (k === "class") e.className = v;
    else if (k.startsWith("on")) e.addEventListener(k.slice(2), v);
    else e.setAttribute(k, v);
  }
  for (const c of children) e.append(c instanceof Node ? c : document.createTextNode(String(c)));
  return e;
}

function token() { return sessionStorage.getItem("inferra-token") || ""; }

// api calls the JSON API and returns the decoded body; an error document
// becomes a thrown Error with the server's message.
async function api(method, path, body, contentType) {
  const headers = {};
  if (token()) headers["Authorization"] = "Bearer " + token();
  let payload = body;
  if (body !== undefined && !(body instanceof FormData) && contentType === undefined) {
    headers["Content-Type"] = "application/json";
    payload = JSON.stringify(body);
  } else if (contentType) {
    headers["Content-Type"] = contentType;
  }
  const res = await fetch(path, { method, headers, body: payload });
  if (res.status === 204) return null;
  const doc = await res.json().catch(() => ({}));
  if (!res.ok) {
    if (res.status === 401) $("auth").hidden = false;
    const e = (doc && doc.error) || {};
    const err = new Error(e.message || ("HTTP " + res.status));
    err.details = e.details;
    throw err;
  }
  return doc;
}

function fmt(v) {
  if (typeof v === "number") {
    if (!isFinite(v)) return String(v);
    if (v !== 0 && (Math.abs(v) < 1e-3 || Math.abs(v) >= 1e6)) return v.toExponential(3);
    return String(Math.round(v * 1e4) / 1e4);
  }
  if (v === null || v === undefined) return "—";
  if (typeof v === "object") return JSON.stringify(v);
  return String(v);
}

// valueNode shows a result value: numbers rounded, an object as a nested
// table of its fields, an array of objects as a table with a row each.
function valueNode(v) {
  if (Array.isArray(v) && v.length && v.every((x) => x && typeof x === "object" && !Array.isArray(x))) {
    const keys = [...new Set(v.flatMap((x) => Object.keys(x)))];
    return el("table", { class: "nested" }, el("thead", {}, el("tr", {}, ...keys.map((k) => el("th", {}, k)))),
      el("tbody", {}, ...v.map((x) => el("tr", {}, ...keys.map((k) => el("td", { class: "num" }, fmt(x[k])))))));
  }
  if (v && typeof v === "object" && !Array.isArray(v)) {
    return el("table", { class: "nested" }, el("tbody", {}, ...Object.entries(v).map(([k, x]) =>
      el("tr", {}, el("th", {}, k), el("td", { class: "num" }, valueNode(x))))));
  }
  return document.createTextNode(fmt(v));
}

function showSchema(info) {
  const box = $("schema");
  box.replaceChildren();
  const s = info.schema;
  columns = s.columns.map((c) => c.name);
  box.append(el("p", {}, `${info.name || "Dataset"}: ${s.rows} rows, ${s.columns.length} columns.`));
  const body = el("tbody");
  for (const c of s.columns) {
    let about = "";
    const labels = c.level_labels || {};
    if (c.levels && (c.kind !== "numeric" || Object.keys(labels).length)) {
      about = c.levels.map((v) => (labels[v] ? `${v} = ${labels[v]}` : v)).join(", ");
    } else if (c.min !== undefined) about = `${fmt(c.min)} to ${fmt(c.max)}, mean ${fmt(c.mean)}`;
    // A dictionary's description goes under the column's name.
    const name = c.description
      ? el("td", {}, c.name, el("div", { class: "column-description" }, c.description))
      : el("td", {}, c.name);
    body.append(el("tr", {}, name, el("td", {}, c.kind), el("td", { class: "num" }, c.missing), el("td", {}, about)));
  }
  box.append(el("table", { id: "schema-table" },
    el("thead", {}, el("tr", {}, el("th", {}, "Column"), el("th", {}, "Kind"), el("th", {}, "Missing"), el("th", {}, "Values"))), body));
}

// upload sends a dataset. While it is read, and after it fails, no
// dataset is current: the previous one is cleared from the page, so that
// nothing is asked of data the page no longer shows. The loader's
// warnings (a column of numbers read as text) are shown with the schema.
async function upload(form, label) {
  datasetId = "";
  columns = [];
  $("schema").replaceChildren();
  $("data-warnings").replaceChildren();
  $("data-warnings").hidden = true;
  $("data-status").className = "status";
  $("data-status").textContent = "Reading " + label + "…";
  try {
    const info = await api("POST", "/api/datasets", form);
    datasetId = info.id;
    $("data-status").textContent = "Ready.";
    showSchema(info);
    const warnings = info.schema.warnings || [];
    $("data-warnings").append(...warnings.map((w) => el("li", {}, w)));
    $("data-warnings").hidden = warnings.length === 0;
  } catch (e) {
    const why = e.message.replace(/[.\s]*$/, ".");
    $("data-status").textContent = `${label} was not loaded: ${why} No dataset is loaded now; upload another file.`;
    $("data-status").className = "status error";
  }
}

// fileLink points a link at one of a job's files (report.html, report.md,
// reproduce.py). Without a token the server's address is the link; with
// one the file is fetched with it and saved, since a link carries no
// Authorization header.
function fileLink(a, jobId, file) {
  const path = "/api/jobs/" + encodeURIComponent(jobId) + "/" + file;
  a.href = path;
  a.onclick = async (ev) => {
    if (!token()) return;
    ev.preventDefault();
    try {
      const res = await fetch(path, { headers: { Authorization: "Bearer " + token() } });
      if (!res.ok) throw new Error("HTTP " + res.status);
      const url = URL.createObjectURL(await res.blob());
      const save = el("a", { href: url, download: file });
      document.body.append(save);
      save.click();
      save.remove();
      setTimeout(() => URL.revokeObjectURL(url), 10000);
    } catch (e) { $("ask-status").textContent = file + ": " + e.message; }
  };
}

// showSummary shows the plain-words summary of a job: its sentence (in
// #report), its labelled tables, the rows left out, the assumption
// checks, which pairs differ, and the links to its report and its
// verification script. The raw numbers stay behind the details toggle.
function showSummary(job) {
  const s = job.summary;
  $("summary").hidden = !s;
  const tables = $("summary-tables");
  const lines = $("summary-lines");
  tables.replaceChildren();
  lines.replaceChildren();
  if (!s) return;
  for (const t of s.tables || []) {
    // A wide table scrolls sideways on a narrow screen: numbers are
    // never broken across lines.
    tables.append(el("div", { class: "table-wrap" }, el("table", { class: "summary-table" }, el("caption", {}, t.title),
      el("thead", {}, el("tr", {}, ...t.columns.map((c) => el("th", {}, c)))),
      el("tbody", {}, ...t.rows.map((r) => el("tr", {}, ...r.map((c, i) => el("td", { class: i ? "num" : "" }, c))))))));
    if (t.note) tables.append(el("p", { class: "note" }, t.note));
  }
  const add = (label, text) => { if (text) lines.append(el("li", {}, el("strong", {}, label + ": "), text)); };
  add("Rows", s.rows && s.rows.text);
  add("Assumptions", s.assumptions_line);
  if (s.post_hoc) add("Which groups differ", s.post_hoc.text);
  for (const n of s.notes || []) add("Note", n);
  fileLink($("report-link"), job.job_id, "report.html");
  fileLink($("report-md-link"), job.job_id, "report.md");
  fileLink($("reproduce-link"), job.job_id, "reproduce.py");
}

function showJob(job) {
  $("answer").hidden = false;
  const sentence = job.summary ? job.summary.meaning : job.report;
  $("report").textContent = sentence || "";
  $("report").hidden = !sentence;
  $("apa").textContent = job.summary ? job.report || "" : "";
  showSummary(job);
  const d = job.decision || {};
  const clarify = job.status === "no_decision";
  $("clarify").hidden = !clarify;
  $("question").textContent = clarify ? d.question || "Which analysis do you mean?" : "";
  const cands = $("candidates");
  cands.replaceChildren();
  $("params-form").hidden = true;
  if (clarify) {
    for (const c of d.candidates || []) {
      const params = Object.entries(c.params || {}).map(([k, v]) => `${k}=${v}`).join(", ");
      const about = (analyses[c.analysis] || {}).summary || c.reason || "";
      cands.append(el("button", { type: "button", class: "secondary candidate", title: about, onclick: () => candidateForm(c) },
        c.analysis + (params ? " (" + params + ")" : "")));
    }
  }
  const dec = $("decision");
  dec.replaceChildren();
  if (d.analysis) {
    const params = Object.entries(d.params || {}).map(([k, v]) => `${k} = ${v}`).join("; ");
    dec.append(el("p", {}, el("strong", {}, d.analysis), ` (${d.source}${d.rule_id ? ", rule " + d.rule_id : ""})` + (params ? ": " + params : "")));
    if (d.explanation) dec.append(el("p", { class: "explanation" }, d.explanation));
    if (d.evidence && d.evidence.length) dec.append(el("ul", { class: "evidence" }, ...d.evidence.map((x) => el("li", {}, x))));
  }
  const res = $("result");
  res.replaceChildren();
  if (job.result && typeof job.result === "object") {
    const body = el("tbody");
    for (const [k, v] of Object.entries(job.result)) {
      body.append(el("tr", { "data-key": k }, el("th", {}, k), el("td", { class: "num" }, valueNode(v))));
    }
    res.append(el("table", { id: "result-table" }, body));
  }
  // Without a summary the raw numbers are the answer: shown open.
  const hasResult = !!(job.result && typeof job.result === "object");
  $("details").hidden = !hasResult;
  $("details").open = hasResult && !job.summary;
  const plots = $("plots");
  plots.replaceChildren();
  // Each chart comes as a PNG (shown) and an SVG (linked, for print).
  const all = job.plots || [];
  for (const p of all) {
    if (p.content_type !== "image/png") continue;
    const stem = p.name.replace(/\.png$/, "");
    const svg = all.find((q) => q.content_type === "image/svg+xml" && q.name === stem + ".svg");
    const fig = el("figure", { class: "plot-figure" }, el("img", { class: "plot", src: p.url, alt: stem + " chart" }));
    if (svg) fig.append(el("figcaption", {}, el("a", { href: svg.url, target: "_blank", rel: "noopener" }, "SVG")));
    plots.append(fig);
  }
  const err = $("job-error");
  err.hidden = !job.error;
  err.textContent = job.error ? job.error.message : "";
  if (job.status === "queued" || job.status === "running") setTimeout(() => poll(job.job_id), 500);
}

async function poll(id) {
  try { showJob(await api("GET", "/api/jobs/" + encodeURIComponent(id))); } catch (e) { $("ask-status").textContent = e.message; }
}

async function submit(path, body) {
  $("ask").disabled = true;
  $("ask-status").textContent = "Working…";
  try {
    const job = await api("POST", path, body);
    $("ask-status").textContent = "";
    showJob(job);
    loadHistory();
  } catch (e) {
    $("ask-status").textContent = e.message;
  } finally {
    $("ask").disabled = false;
  }
}

// candidateForm asks for the columns a candidate analysis needs, filled
// in with those the rules found, then runs it.
function candidateForm(c) {
  const spec = analyses[c.analysis] || { params: Object.keys(c.params || {}) };
  const box = $("params-form");
  const fields = spec.params.map((p) => {
    const cur = (c.params || {})[p] || "";
    let input;
    if (p === "formula") {
      input = el("input", { type: "text", name: p, placeholder: "y ~ x", value: cur });
    } else {
      input = el("select", { name: p }, el("option", { value: "" }, "choose a column"),
        ...columns.map((name) => { const o = el("option", { value: name }, name); if (name === cur) o.selected = true; return o; }));
    }
    return el("label", {}, p + " ", input);
  });
  box.replaceChildren(el("p", {}, c.analysis + ": " + ((analyses[c.analysis] || {}).summary || "")), ...fields,
    el("button", { type: "button", id: "run-candidate", onclick: () => {
      const params = {};
      for (const f of box.querySelectorAll("[name]")) if (f.value) params[f.name] = f.value;
      submit("/api/run", { prompt: lastPrompt, decision: { analysis: c.analysis, params }, dataset: { id: datasetId } });
    } }, "Run " + c.analysis));
  box.hidden = false;
}

async function loadAnalyses() {
  try {
    const env = await fetch("/api/environment").then((r) => r.json());
    for (const a of env.analyses || []) analyses[a.id] = a;
  } catch (e) { /* the candidate form then asks for the parameters the candidate names */ }
}

async function loadHistory() {
  const body = $("history").tBodies[0];
  try {
    const page = await api("GET", "/api/jobs?limit=20");
    body.replaceChildren(...page.jobs.map((j) => el("tr", { "data-job": j.job_id },
      el("td", {}, new Date(j.created_at).toLocaleString()),
      el("td", {}, j.prompt || (j.decision && j.decision.analysis) || ""),
      el("td", {}, j.status),
      el("td", {},
        el("button", { type: "button", class: "secondary", onclick: () => poll(j.job_id) }, "View"), " ",
        el("button", { type: "button", class: "secondary delete", onclick: () => del(j.job_id) }, "Delete")))));
  } catch (e) {
    body.replaceChildren(el("tr", {}, el("td", { colspan: "4", class: "error" }, e.message)));
  }
}

async function del(id) {
  try { await api("DELETE", "/api/jobs/" + encodeURIComponent(id)); } catch (e) { $("ask-status").textContent = e.message; }
  loadHistory();
}

document.addEventListener("DOMContentLoaded", () => {
  $("file").addEventListener("change", () => {
    const f = $("file").files[0];
    if (!f) return;
    const form = new FormData();
    // A data dictionary chosen first goes with the file (a "dictionary"
    // part before "file"): what each column measures, what its codes mean.
    const d = $("dictionary").files[0];
    if (d) form.append("dictionary", d, d.name);
    form.append("file", f, f.name);
    upload(form, f.name);
  });
  $("use-text").addEventListener("click", () => {
    const form = new FormData();
    form.append("file", new Blob([$("csv-text").value], { type: "text/csv" }), "pasted.csv");
    upload(form, "the pasted data");
  });
  $("ask-form").addEventListener("submit", (ev) => {
    ev.preventDefault();
    lastPrompt = $("prompt").value.trim();
    if (!datasetId) { $("ask-status").textContent = "Upload or paste a dataset first."; return; }
    if (!lastPrompt) { $("ask-status").textContent = "Type a question first."; return; }
    submit("/api/analyze", { prompt: lastPrompt, dataset: { id: datasetId }, mode: "sync" });
  });
  $("save-token").addEventListener("click", () => {
    sessionStorage.setItem("inferra-token", $("token").value.trim());
    $("auth").hidden = true;
    loadHistory();
  });
  $("refresh").addEventListener("click", loadHistory);
  loadAnalyses();
  loadHistory();
});
