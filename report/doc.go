// Package report renders a finished job as a report a person can share:
// report.html, one self-contained page, and report.md, the same content
// for pasting into a paper or an issue.
//
//	sum, _ := explain.FromResult(res, job.Decision, &schema)
//	var page bytes.Buffer
//	err := report.HTML(&page, report.Input{Job: job, Summary: sum,
//		Charts: []report.Chart{{Name: ch.Name, Title: ch.Title, SVG: ch.SVG}}})
//
// # What a report holds
//
// The question (the job's prompt), the plain-words result of package
// explain (its meaning, the size of the effect, which groups differ, the
// rows left out), its tables, the assumption checks, the charts, the
// decision and why (the rule, its source and confidence, its explanation
// and evidence), the provenance (job, dataset name and SHA-256, rows,
// Inferra, Go and rules versions, when it ran) and the command that
// checks it, python3 reproduce.py data.csv (package reproduce), when the
// analysis is one reproduce covers.
//
// # Self-contained and safe
//
// The page has its style sheet inline (with a print style sheet: no
// backgrounds, no page break inside a table or a chart) and its charts as
// data: images (the SVG bytes base64-encoded, so nothing in them is read
// as markup or runs); it has no script and fetches nothing, so it opens
// with no network. html/template escapes every text of the job (a prompt
// holding <script> shows as text); report.md escapes Markdown and HTML in
// them. A server that sends report.html can send CSP with it.
//
// See ExampleMarkdown; docs/screenshots/report.png shows a page.
package report
