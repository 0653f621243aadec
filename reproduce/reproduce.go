package reproduce

import (
	_ "embed"
	"encoding/json"
	"fmt"
	"slices"
	"strings"

	"github.com/inferra/inferra"
)

// Command is how a person runs the script: the CSV the job ran on is its
// one argument.
const Command = "python3 reproduce.py data.csv"

//go:embed reproduce.py
var source string

// sections are the blocks of reproduce.py between "### BEGIN name" and
// "### END name": the prelude, one compute function per analysis, main.
var sections = parse(source)

func parse(src string) map[string]string {
	out := map[string]string{}
	var name string
	var b strings.Builder
	for _, line := range strings.SplitAfter(src, "\n") {
		switch {
		case strings.HasPrefix(line, "### BEGIN "):
			name = strings.TrimSpace(strings.TrimPrefix(line, "### BEGIN "))
			b.Reset()
		case strings.HasPrefix(line, "### END "):
			out[name] = b.String()
			name = ""
		case name != "":
			b.WriteString(line)
		}
	}
	return out
}

// Supported reports whether Script can write the program of an analysis.
func Supported(analysis string) bool {
	if analysis == "prelude" || analysis == "main" {
		return false
	}
	_, ok := sections[analysis]
	return ok
}

// Analyses lists the analyses Script supports, sorted.
func Analyses() []string {
	var ids []string
	for k := range sections {
		if Supported(k) {
			ids = append(ids, k)
		}
	}
	slices.Sort(ids)
	return ids
}

// job is what the script carries of the job: enough to recompute and
// compare, nothing else (no prompt, no user).
type job struct {
	JobID          string            `json:"job_id"`
	Analysis       string            `json:"analysis"`
	Params         map[string]string `json:"params"`
	SHA256         string            `json:"sha256"`
	RowsUsed       *int              `json:"rows_used"`
	RowsDropped    *int              `json:"rows_dropped"`
	InferraVersion string            `json:"inferra_version"`
	Result         json.RawMessage   `json:"result"`
}

// Script returns reproduce.py for a succeeded job: a standalone Python 3
// program (numpy, pandas, scipy, statsmodels) that takes the CSV as its
// argument, checks its SHA-256 against the job's, recomputes every number
// of the job's result and its rows used and dropped, prints both side by
// side and exits 0 when all agree within the documented tolerances, 1
// otherwise.
//
// A job that did not succeed, or lacks its dataset's hash, is an EInvalid
// error; an analysis the generator does not cover yet is EUnsupported
// (Analyses lists those it does).
func Script(j *inferra.Job) ([]byte, error) {
	if j == nil || j.Decision == nil {
		return nil, inferra.Errorf(inferra.EInvalid, "reproduce.py needs a job with its decision")
	}
	if j.Status != inferra.JobSucceeded || len(j.Result) == 0 || string(j.Result) == "null" {
		return nil, inferra.Errorf(inferra.EInvalid, "reproduce.py is written for a succeeded job; job %s is %s", j.ID, j.Status)
	}
	analysis := j.Decision.Analysis
	if !Supported(analysis) {
		return nil, inferra.Errorf(inferra.EUnsupported, "reproduce.py does not cover %q yet; it covers %s",
			analysis, strings.Join(Analyses(), ", ")).WithDetail("analysis", analysis).WithDetail("supported", Analyses())
	}
	sha := j.Dataset.SHA256
	if sha == "" && j.Provenance != nil {
		sha = j.Provenance.DatasetSHA256
	}
	if len(sha) != 64 || strings.Trim(strings.ToLower(sha), "0123456789abcdef") != "" {
		return nil, inferra.Errorf(inferra.EInvalid, "reproduce.py needs the SHA-256 of the job's dataset; job %s has %q", j.ID, sha)
	}
	var probe map[string]any
	if err := json.Unmarshal(j.Result, &probe); err != nil {
		return nil, inferra.Errorf(inferra.EInvalid, "the result of job %s is not a JSON object: %v", j.ID, err)
	}
	doc := job{JobID: j.ID, Analysis: analysis, Params: j.Decision.Params, SHA256: strings.ToLower(sha), Result: j.Result}
	if doc.Params == nil {
		doc.Params = map[string]string{}
	}
	if p := j.Provenance; p != nil {
		doc.RowsUsed, doc.RowsDropped = &p.RowsUsed, &p.RowsDropped
		doc.InferraVersion = p.InferraVersion
	}
	if doc.InferraVersion == "" {
		doc.InferraVersion = "(version not recorded)"
	}
	raw, err := json.Marshal(doc)
	if err != nil {
		return nil, fmt.Errorf("reproduce: encoding the job: %w", err)
	}
	// The job goes into the program as one JSON text inside a Python
	// string literal: json.Marshal of a string escapes quotes,
	// backslashes and control characters, which Python reads the same
	// way, so no column name or level can end the literal and become
	// code.
	literal, err := json.Marshal(string(raw))
	if err != nil {
		return nil, fmt.Errorf("reproduce: encoding the job: %w", err)
	}
	var b strings.Builder
	b.WriteString(strings.Replace(sections["prelude"], "%JOB%", string(literal), 1))
	b.WriteString("\n\n# The analysis: ")
	b.WriteString(analysis)
	b.WriteString(", recomputed from the data.\n")
	b.WriteString(sections[analysis])
	b.WriteString("\n\n")
	b.WriteString(sections["main"])
	return []byte(b.String()), nil
}
