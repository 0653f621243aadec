// Renders /api/openapi.json as a page: one section per operation with its
// parameters, request body and responses, schemas shown as JSON.
"use strict";

function el(tag, attrs, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) e.setAttribute(k, v);
  for (const c of children) e.append(c instanceof Node ? c : document.createTextNode(String(c)));
  return e;
}

function schemaBlock(doc, s) {
  // Show a $ref by name, with the referenced schema folded out.
  const ref = s && s.$ref;
  const name = ref ? ref.split("/").pop() : "";
  const target = ref ? doc.components.schemas[name] : s;
  return el("details", {}, el("summary", {}, name || "schema"), el("pre", {}, JSON.stringify(target, null, 2)));
}

function content(doc, c) {
  const out = [];
  for (const [type, media] of Object.entries(c || {})) {
    out.push(el("p", {}, el("code", {}, type)));
    if (media.schema) out.push(schemaBlock(doc, media.schema));
  }
  return out;
}

async function main() {
  const doc = await (await fetch("/api/openapi.json")).json();
  const root = document.getElementById("docs");
  root.replaceChildren(el("p", {}, doc.info.description || ""), el("p", {}, "Version " + doc.info.version));
  for (const [path, item] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(item)) {
      if (method === "parameters") continue;
      const sec = el("section", { id: op.operationId || "" },
        el("h2", {}, el("code", {}, method.toUpperCase() + " " + path)), el("p", {}, op.summary || ""));
      if (op.description) sec.append(el("p", {}, op.description));
      const params = (item.parameters || []).concat(op.parameters || []);
      if (params.length) {
        sec.append(el("h3", {}, "Parameters"), el("ul", {}, ...params.map((p) =>
          el("li", {}, el("code", {}, p.name), ` (${p.in}${p.required ? ", required" : ""}) ${p.description || ""}`))));
      }
      if (op.requestBody) sec.append(el("h3", {}, "Request body"), ...content(doc, op.requestBody.content));
      sec.append(el("h3", {}, "Responses"));
      for (const [code, r] of Object.entries(op.responses || {})) {
        sec.append(el("h4", {}, code + " " + (r.description || "")), ...content(doc, r.content));
      }
      root.append(sec);
    }
  }
}

document.addEventListener("DOMContentLoaded", () => {
  main().catch((e) => { document.getElementById("docs").textContent = "Cannot load the API description: " + e.message; });
});
