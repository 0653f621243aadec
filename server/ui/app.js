// Inferra's built-in UI: plain JavaScript against the JSON API, no build
// step. Every value from the server is put in the page as text, never as
// HTML.
"use strict";

const $ = (id) => document.getElementById(id);
let datasetId = "";
let lastPrompt = "";
let columns = [];      // the column names of the current dataset
let analyses = {};     // analysis id → {params, optional, summary}, from /api/environment
let shownId = "";      // the job in the answer section; a late answer for another is dropped
let historyCursor = ""; // next_cursor of the last History page, "" on the last one
const datasetInfos = {}; // dataset id → its info (name, schema), read once

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

// decisionSources say in words who chose the analysis.
const decisionSources = { rules: "by the rules", llm: "by the language model, within the allowed analyses", user: "as you asked" };

// showDecision shows which analysis was chosen, and why, in words a
// person reads (#decision): the analysis by name, who chose it and how
// confident that choice is, and the explanation. The analysis id, the
// rule, the parameters and the evidence the rule matched are the raw
// decision, behind the details toggle (#decision-raw).
function showDecision(job) {
  const d = job.decision || {};
  const dec = $("decision");
  const raw = $("decision-raw");
  dec.replaceChildren();
  raw.replaceChildren();
  if (!d.analysis) return;
  const spec = ((analyses[d.analysis] || {}).summary || "").replace(/^chart: /, "");
  const name = (job.summary && job.summary.title) || (spec ? spec[0].toUpperCase() + spec.slice(1) : "An analysis");
  let how = decisionSources[d.source] || "";
  if (d.source !== "user" && typeof d.confidence === "number" && d.confidence > 0) how += ` (confidence ${d.confidence.toFixed(2)})`;
  dec.append(el("p", { class: "chosen" }, el("strong", {}, "Chosen: "), name + (how ? " — " + how : "")));
  if (d.explanation) dec.append(el("p", { class: "explanation" }, d.explanation));
  const params = Object.entries(d.params || {}).map(([k, v]) => `${k} = ${v}`).join("; ");
  raw.append(el("p", {}, "Decision: ", el("code", {}, d.analysis),
    ` (${d.source}${d.rule_id ? ", rule " + d.rule_id : ""}${d.rules_version ? ", rules " + d.rules_version : ""})` + (params ? ": " + params : "")));
  if (d.evidence && d.evidence.length) raw.append(el("ul", { class: "evidence" }, ...d.evidence.map((x) => el("li", {}, x))));
}

function showJob(job) {
  shownId = job.job_id;
  markShown();
  $("answer").hidden = false;
  // The answer names its question and its dataset, so that it never
  // reads as the answer to what the boxes above hold now.
  const ds = job.dataset || {};
  $("job-about").textContent = `“${job.prompt || ""}” asked of ${datasetLabel(ds)}.`;
  const sentence = job.summary ? job.summary.meaning : job.report;
  $("report").textContent = sentence || "";
  $("report").hidden = !sentence;
  $("apa").textContent = job.summary ? job.report || "" : "";
  showSummary(job);
  const d = job.decision || {};
  const clarify = job.status === "no_decision";
  $("clarify").hidden = !clarify;
  $("question").textContent = clarify ? d.question || "Which analysis do you mean?" : "";
  $("candidates").replaceChildren();
  $("candidates-note").textContent = "";
  $("params-form").hidden = true;
  if (clarify) showCandidates(job);
  showDecision(job);
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
  $("details").hidden = !hasResult && !d.analysis;
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

// poll shows a job again while it is the one shown.
async function poll(id) {
  try {
    const job = await api("GET", "/api/jobs/" + encodeURIComponent(id));
    if (shownId === id) showJob(job);
  } catch (e) { $("ask-status").textContent = e.message; }
}

// datasetLabel names a job's dataset in a line of text.
function datasetLabel(ds) {
  const rows = ds.rows ? `${ds.rows} rows` : "";
  return ds.name ? ds.name + (rows ? ` (${rows})` : "") : "a dataset without a name" + (rows ? ` (${rows})` : "");
}

// datasetInfo returns a stored dataset's info (name and schema), read
// once, or null when it cannot be read.
async function datasetInfo(id) {
  if (!id) return null;
  if (!(id in datasetInfos)) {
    try { datasetInfos[id] = await api("GET", "/api/datasets/" + encodeURIComponent(id)); } catch (e) { return null; }
  }
  return datasetInfos[id];
}

// openJob shows a job from History whole: its question in the question
// box, its dataset as the current one (so a follow-up question is asked
// of it), and its answer with its summary and charts, read by id (the
// list carries no charts).
async function openJob(id) {
  shownId = id;
  $("ask-status").textContent = "Opening the job…";
  let job, info;
  try {
    job = await api("GET", "/api/jobs/" + encodeURIComponent(id));
    info = await datasetInfo(job.dataset && job.dataset.id);
  } catch (e) {
    if (shownId === id) $("ask-status").textContent = e.message;
    return;
  }
  if (shownId !== id) return;
  $("ask-status").textContent = "";
  $("prompt").value = job.prompt || "";
  useJobDataset(job, info, "The dataset of the job opened from History.");
  showJob(job);
  $("answer").scrollIntoView({ block: "start" });
}

// useJobDataset makes a job's dataset (info, null when it is gone) the
// current one, the dataset the next question is asked of, saying why.
function useJobDataset(job, info, why) {
  // The file inputs would name the file chosen last.
  $("file").value = "";
  $("dictionary").value = "";
  const status = $("data-status");
  status.className = "status";
  if (info) {
    datasetId = info.id;
    showSchema(info);
    status.textContent = why;
  } else {
    datasetId = "";
    columns = [];
    $("schema").replaceChildren();
    status.textContent = `This job's dataset, ${datasetLabel(job.dataset || {})}, is no longer stored: upload it again to ask about it.`;
  }
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

// The parameters that name one column; the others (formula, popmean,
// covar, stat, dist, cov) are typed in.
const columnParams = new Set(["group", "value", "x", "y", "strata"]);
// The analyses whose x and y are categorical (a table of counts).
const countTables = new Set(["chi2_contingency", "fisher_exact", "mantel_haenszel"]);

// roleFits says whether column c (of a schema) can play param of an
// analysis: groups and strata (and the x and y of a table of counts) are
// columns with levels, every other column param a numeric measure.
function roleFits(analysis, param, c) {
  if (param === "group" || param === "strata" || (countTables.has(analysis) && (param === "x" || param === "y"))) {
    return c.kind === "categorical" || c.kind === "boolean" || (c.levels || []).length >= 2;
  }
  return c.kind === "numeric" && !c.identifier;
}

// fieldsOf returns the fields of an analysis's form: its required
// params, then its optional ones; forms lists the alternative sets of
// params of which one must be complete.
function fieldsOf(analysis, c) {
  const spec = analyses[analysis] || { params: Object.keys(c.params || {}) };
  const optional = (spec.optional || []).filter((p) => !spec.params.includes(p));
  return { required: spec.params, optional, forms: spec.forms || [] };
}

// schemaCandidates lists the analyses a schema allows, for a clarifying
// step with no candidate: each whose column params (one complete form of
// them) have a fitting column, two distinct ones for x and y.
function schemaCandidates(schema) {
  const out = [];
  for (const [id, spec] of Object.entries(analyses)) {
    const sets = spec.forms && spec.forms.length ? spec.forms : [spec.params];
    const ok = sets.some((set) => {
      const used = new Set();
      return set.filter((p) => columnParams.has(p) || p === "formula" || p === "popmean" || p === "covar").every((p) => {
        const role = columnParams.has(p) ? p : "value";
        const fit = schema.columns.find((c) => !used.has(c.name) && roleFits(id, role, c));
        if (fit) used.add(fit.name);
        return !!fit;
      });
    });
    if (ok) out.push({ analysis: id, reason: "the data has columns for it" });
  }
  return out;
}

// showCandidates shows the clarifying step of a job: a button for each
// candidate, or, with none, for each analysis the job's dataset allows.
// Its forms are built on the job's own dataset, whatever is uploaded
// since.
async function showCandidates(job) {
  const d = job.decision || {};
  const info = await datasetInfo(job.dataset && job.dataset.id);
  if (shownId !== job.job_id) return;
  let cands = d.candidates || [];
  const note = $("candidates-note");
  if (!cands.length) {
    cands = info ? schemaCandidates(info.schema) : [];
    note.textContent = cands.length
      ? "No analysis matched the question. These are the ones the dataset's columns allow; choose one:"
      : info ? "No analysis matched the question, and none fits the dataset's columns."
        : "No analysis matched the question, and the job's dataset is no longer stored: upload it again and ask once more.";
  }
  const box = $("candidates");
  box.replaceChildren(...cands.map((c) => {
    const params = Object.entries(c.params || {}).map(([k, v]) => `${k} = ${v}`).join(", ");
    const about = (analyses[c.analysis] || {}).summary || c.reason || "";
    return el("button", { type: "button", class: "secondary candidate", "data-analysis": c.analysis,
      onclick: () => candidateForm(c, job, info) },
    el("strong", {}, c.analysis + (params ? " (" + params + ")" : "")), el("span", { class: "about" }, about));
  }));
}

// resolvedParams returns what the decision already resolved for a
// candidate: its own params, then those of the decision and of the other
// candidates whose column fits the same role here, for columns of the
// job's dataset.
function resolvedParams(c, job, info) {
  const d = job.decision || {};
  const cols = info ? info.schema.columns : [];
  const out = {};
  for (const [k, v] of Object.entries(c.params || {})) out[k] = v;
  for (const src of [d.params || {}, ...(d.candidates || []).map((o) => o.params || {})]) {
    for (const [k, v] of Object.entries(src)) {
      if (k in out || !columnParams.has(k)) continue;
      const col = cols.find((x) => x.name === v);
      if (col && roleFits(c.analysis, k, col) && !Object.values(out).includes(v)) out[k] = v;
    }
  }
  return out;
}

// candidateForm asks for what a candidate analysis needs, filled in with
// what the decision resolved, and runs it on the job's dataset with the
// job's question. Run waits until every required field (one complete
// form, for an analysis that has alternatives) is filled.
function candidateForm(c, job, info) {
  // The candidate chosen is marked among the others.
  for (const b of $("candidates").children) {
    const chosen = b.dataset.analysis === c.analysis;
    b.classList.toggle("chosen", chosen);
    b.setAttribute("aria-pressed", String(chosen));
  }
  const f = fieldsOf(c.analysis, c);
  const known = resolvedParams(c, job, info);
  const cols = info ? info.schema.columns.map((x) => x.name) : [];
  const box = $("params-form");
  const field = (p, required) => {
    const cur = known[p] || "";
    let input;
    if (columnParams.has(p)) {
      input = el("select", { name: p }, el("option", { value: "" }, "choose a column"),
        ...cols.map((name) => { const o = el("option", { value: name }, name); if (name === cur) o.selected = true; return o; }));
    } else {
      input = el("input", { type: "text", name: p, placeholder: p === "formula" ? "y ~ x" : "", value: cur });
    }
    if (required) input.required = true;
    return el("label", {}, el("span", { class: "param-name" }, p + (required ? "" : " (optional)")), " ", input);
  };
  const run = el("button", { type: "button", id: "run-candidate", disabled: "" }, "Run " + c.analysis);
  const hint = el("span", { class: "muted", id: "run-hint" });
  const filled = (p) => { const x = box.querySelector(`[name="${p}"]`); return !!(x && x.value.trim()); };
  const check = () => {
    const missing = f.required.filter((p) => !filled(p));
    const formOK = !f.forms.length || f.forms.some((set) => set.every(filled));
    run.disabled = !info || missing.length > 0 || !formOK;
    hint.textContent = !info ? "The job's dataset is no longer stored."
      : missing.length ? "Fill in " + missing.join(", ") + " to run."
        : !formOK ? "Fill in one of: " + f.forms.map((set) => set.join(" and ")).join("; or ") + "." : "";
  };
  run.addEventListener("click", () => {
    check();
    if (run.disabled) return;
    const params = {};
    for (const x of box.querySelectorAll("[name]")) if (x.value.trim()) params[x.name] = x.value.trim();
    // The analysis runs on the job's dataset with the job's question:
    // the boxes above show those again, not what was chosen since.
    $("prompt").value = job.prompt || "";
    if (job.dataset.id !== datasetId) useJobDataset(job, info, "The dataset of the question the analysis you chose answers.");
    submit("/api/run", { prompt: job.prompt || "", decision: { analysis: c.analysis, params }, dataset: { id: job.dataset.id } });
  });
  box.replaceChildren(
    el("p", {}, el("strong", {}, c.analysis), ": " + ((analyses[c.analysis] || {}).summary || ""),
      el("span", { class: "muted" }, ` On ${datasetLabel(job.dataset || {})}.`)),
    ...f.required.map((p) => field(p, true)), ...f.optional.map((p) => field(p, false)),
    el("div", { class: "run-row" }, run, " ", hint));
  box.oninput = check;
  box.onchange = check;
  check();
  box.hidden = false;
}

async function loadAnalyses() {
  try {
    const env = await fetch("/api/environment").then((r) => r.json());
    for (const a of env.analyses || []) analyses[a.id] = a;
  } catch (e) { /* the candidate form then asks for the parameters the candidate names */ }
}

// markShown marks the History row of the job shown.
function markShown() {
  for (const r of $("history").tBodies[0].rows) r.classList.toggle("current", r.dataset.job === shownId);
}

// statusWords says a job's status in words.
const statusWords = {
  queued: "waiting to run", running: "running", succeeded: "answered", failed: "failed",
  canceled: "canceled", no_decision: "needs your choice",
};

// historyRow is a job's row in History: when, its question (which opens
// it), its dataset, its status in words, and Delete, which asks for a
// second click before it deletes.
function historyRow(j) {
  const del = el("button", { type: "button", class: "secondary delete" }, "Delete");
  let armed;
  del.addEventListener("click", () => {
    if (!armed) {
      del.textContent = "Confirm delete";
      del.classList.add("confirm");
      armed = setTimeout(() => { armed = undefined; del.textContent = "Delete"; del.classList.remove("confirm"); }, 5000);
      return;
    }
    clearTimeout(armed);
    deleteJob(j.job_id, del.closest("tr"));
  });
  const ds = j.dataset || {};
  return el("tr", { "data-job": j.job_id },
    el("td", {}, new Date(j.created_at).toLocaleString()),
    el("td", {}, el("button", { type: "button", class: "link open", title: "Open this job" },
      j.prompt || (j.decision && j.decision.analysis) || "(no question)")),
    el("td", { class: "dataset" }, ds.name || (ds.rows ? `unnamed, ${ds.rows} rows` : "—")),
    el("td", { class: "job-status", "data-status": j.status }, statusWords[j.status] || j.status),
    el("td", {}, del));
}

// loadHistory shows the newest jobs, or, with more, appends the page
// after the last one shown.
async function loadHistory(more) {
  const body = $("history").tBodies[0];
  try {
    const cursor = more ? "&cursor=" + encodeURIComponent(historyCursor) : "";
    const page = await api("GET", "/api/jobs?limit=20" + cursor);
    const rows = page.jobs.map(historyRow);
    if (more) body.append(...rows); else body.replaceChildren(...rows);
    markShown();
    historyCursor = page.next_cursor || "";
    $("history-more").hidden = !historyCursor;
  } catch (e) {
    body.replaceChildren(el("tr", {}, el("td", { colspan: "5", class: "error" }, e.message)));
  }
}

// deleteJob deletes a job and takes its row out of History.
async function deleteJob(id, row) {
  try {
    await api("DELETE", "/api/jobs/" + encodeURIComponent(id));
    if (row) row.remove();
    // A deleted job's answer is not left on the page.
    if (id === shownId) { shownId = ""; $("answer").hidden = true; }
  } catch (e) { $("ask-status").textContent = e.message; }
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
  $("refresh").addEventListener("click", () => loadHistory());
  $("history-more").addEventListener("click", () => loadHistory(true));
  // A question in History opens its job.
  $("history").addEventListener("click", (ev) => {
    const b = ev.target.closest("button.open");
    if (b) openJob(b.closest("tr").dataset.job);
  });
  loadAnalyses();
  loadHistory();
});
