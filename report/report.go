package report

import (
	"bytes"
	_ "embed"
	"encoding/base64"
	"fmt"
	htmltemplate "html/template"
	"io"
	"strconv"
	"strings"
	texttemplate "text/template"
	"time"

	"github.com/inferra/inferra"
	"github.com/inferra/inferra/explain"
	"github.com/inferra/inferra/reproduce"
)

// CSP is a Content-Security-Policy under which report.html displays in
// full when a server sends it: no script, no request; its own style
// sheet and its data: images only.
const CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:"

// Chart is a picture of the job, as package plots draws it.
type Chart struct {
	// Name is the chart id ("boxplot"), Title its caption.
	Name, Title string
	// SVG is the picture; it is embedded in the page as a data: image, so
	// the report needs no other file and nothing in the SVG can run.
	SVG []byte
}

// Input is what a report is made of.
type Input struct {
	// Job is the finished job; it must have succeeded.
	Job *inferra.Job
	// Summary is the plain-words result; when nil it is built from the
	// job (explain.FromJob, without the schema).
	Summary *explain.Summary
	// Charts are shown under the result.
	Charts []Chart
	// Reproduce is the command that checks the job, shown at the end.
	// Defaults to reproduce.Command when package reproduce covers the
	// analysis; "-" leaves the section out.
	Reproduce string
}

//go:embed report.html.tmpl
var htmlSource string

//go:embed report.md.tmpl
var mdSource string

var (
	htmlTmpl = htmltemplate.Must(htmltemplate.New("report.html").Funcs(htmltemplate.FuncMap{
		"effect": effectText, "pct": pctText, "capital": capital,
	}).Parse(htmlSource))
	mdTmpl = texttemplate.Must(texttemplate.New("report.md").Funcs(texttemplate.FuncMap{
		"md": mdText, "cell": mdCell, "effect": effectText, "pct": pctText, "rule": mdRule,
		"code": mdCode,
	}).Parse(mdSource))
)

// view is what the templates read.
type view struct {
	Title     string
	Prompt    string
	Job       *inferra.Job
	Decision  *inferra.Decision
	Summary   *explain.Summary
	Charts    []chartView
	Facts     []fact
	Reproduce string
	Finished  string
}

type chartView struct {
	Name, Title string
	Src         htmltemplate.URL
}

type fact struct{ Name, Value string }

func build(in Input) (*view, error) {
	j := in.Job
	if j == nil || j.Decision == nil || j.Status != inferra.JobSucceeded {
		return nil, inferra.Errorf(inferra.EInvalid, "a report is made of a succeeded job")
	}
	s := in.Summary
	if s == nil {
		var err error
		if s, err = explain.FromJob(j, nil); err != nil {
			return nil, err
		}
	}
	v := &view{Title: s.Title, Prompt: j.Prompt, Job: j, Decision: j.Decision, Summary: s}
	for _, c := range in.Charts {
		if !looksLikeSVG(c.SVG) {
			return nil, inferra.Errorf(inferra.EInvalid, "chart %q is not an SVG picture", c.Name)
		}
		v.Charts = append(v.Charts, chartView{Name: c.Name, Title: c.Title,
			// The bytes are base64 text: nothing in them reaches the page
			// as markup.
			Src: htmltemplate.URL("data:image/svg+xml;base64," + base64.StdEncoding.EncodeToString(c.SVG))})
	}
	switch {
	case in.Reproduce == "-":
	case in.Reproduce != "":
		v.Reproduce = in.Reproduce
	case reproduce.Supported(j.Decision.Analysis):
		v.Reproduce = reproduce.Command
	}
	v.Facts = facts(j)
	if j.FinishedAt != nil {
		v.Finished = j.FinishedAt.UTC().Format(time.RFC3339)
	}
	return v, nil
}

func looksLikeSVG(b []byte) bool {
	head := bytes.TrimSpace(b)
	if len(head) > 512 {
		head = head[:512]
	}
	return bytes.HasPrefix(head, []byte("<?xml")) && bytes.Contains(head, []byte("<svg")) || bytes.HasPrefix(head, []byte("<svg"))
}

// facts is the provenance of a job: what it ran on and with what.
func facts(j *inferra.Job) []fact {
	var f []fact
	add := func(name, value string) {
		if value != "" {
			f = append(f, fact{name, value})
		}
	}
	add("Job", j.ID)
	name := j.Dataset.Name
	if name == "" {
		name = j.Dataset.ID
	}
	add("Dataset", name)
	add("Dataset SHA-256", j.Dataset.SHA256)
	if j.Dataset.Rows > 0 {
		add("Rows × columns", fmt.Sprintf("%d × %d", j.Dataset.Rows, j.Dataset.Columns))
	}
	if p := j.Provenance; p != nil {
		if j.Dataset.SHA256 == "" {
			add("Dataset SHA-256", p.DatasetSHA256)
		}
		add("Rows used, left out", fmt.Sprintf("%d, %d", p.RowsUsed, p.RowsDropped))
		add("Inferra", p.InferraVersion)
		add("Go", p.GoVersion)
		add("Rules", p.RulesVersion)
		if p.Seed != 0 {
			add("Seed", strconv.FormatInt(p.Seed, 10))
		}
		if !p.StartedAt.IsZero() {
			add("Run", fmt.Sprintf("%s, %d ms", p.StartedAt.UTC().Format(time.RFC3339), p.DurationMS))
		}
	}
	d := j.Decision
	fn := d.Function
	if d.Library != "" && fn != "" {
		fn = d.Library + "." + fn
	}
	add("Function", fn)
	return f
}

// HTML writes report.html: one self-contained page (inline CSS, charts as
// data: images, no script, no external request) with a print style sheet.
func HTML(w io.Writer, in Input) error {
	v, err := build(in)
	if err != nil {
		return err
	}
	return htmlTmpl.Execute(w, v)
}

// Markdown writes report.md, for pasting into a paper or an issue: the
// same content as the HTML page without the charts.
func Markdown(w io.Writer, in Input) error {
	v, err := build(in)
	if err != nil {
		return err
	}
	return mdTmpl.Execute(w, v)
}

// capital upper-cases the first letter of s.
func capital(s string) string {
	for i, r := range s {
		return strings.ToUpper(string(r)) + s[i+len(string(r)):]
	}
	return s
}

// effectText writes an effect size with its interval: "d = 0.79, 95% CI
// [0.27, 1.31]".
func effectText(e *explain.Effect) string {
	if e == nil {
		return ""
	}
	s := fmt.Sprintf("%s = %s", e.Symbol, strconv.FormatFloat(e.Value, 'f', 2, 64))
	if e.CILow != nil && e.CIHigh != nil {
		s += fmt.Sprintf(", 95%% CI [%s, %s]", strconv.FormatFloat(*e.CILow, 'f', 2, 64), strconv.FormatFloat(*e.CIHigh, 'f', 2, 64))
	}
	return strings.ReplaceAll(s, "-", "−")
}

func pctText(c float64) string { return strconv.FormatFloat(100*c, 'f', 0, 64) + "%" }

// mdText escapes text for Markdown: no raw HTML, no emphasis or links
// made by a user's characters.
func mdText(s string) string {
	r := strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", "\\", "\\\\", "*", "\\*", "_", "\\_",
		"`", "\\`", "[", "\\[", "]", "\\]", "#", "\\#", "|", "\\|", "\r\n", " ", "\n", " ", "\r", " ")
	return r.Replace(s)
}

// mdCell escapes text for a Markdown table cell.
func mdCell(s string) string {
	if s == "" {
		return " "
	}
	return mdText(s)
}

func mdRule(n int) string { return strings.Repeat("|---", n) + "|" }

// mdCode fences a command.
func mdCode(s string) string {
	return "```sh\n" + strings.ReplaceAll(s, "`", "'") + "\n```"
}
