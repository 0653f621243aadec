package server

import (
	"bytes"
	"context"
	"net/http"
	"strconv"
	"strings"

	"github.com/inferra/inferra"
	"github.com/inferra/inferra/explain"
	"github.com/inferra/inferra/jobs"
	"github.com/inferra/inferra/report"
	"github.com/inferra/inferra/reproduce"
)

// The results a person reads, checks and shares, for one succeeded job:
//
//	GET /api/jobs/{id}/reproduce.py  the program that recomputes it (package reproduce)
//	GET /api/jobs/{id}/report.html   one self-contained page (package report), sent with report.CSP
//	GET /api/jobs/{id}/report.md     the same in Markdown
//
// Each is one of the user's jobs as GET /api/jobs/{id} finds it: another
// user's job is 404; a job that has not succeeded with a result is 409
// (code invalid_input, with the job's status in details).

// document returns the job as the API shows it to user (present) with
// its plain-words summary, built from the numbers with the schema of the
// job's dataset; a summary that cannot be built is logged and left out.
func (s *server) document(ctx context.Context, job *inferra.Job, user string) *inferra.Job {
	out := s.present(job, user)
	if out == nil || !jobs.HasResult(out) {
		return out
	}
	if err := jobs.AddSummary(out, s.schemaOf(ctx, out, user)); err != nil {
		logger(ctx).WarnContext(ctx, "the job's summary could not be built", "job", job.ID, "err", err)
	}
	return out
}

// schemaOf returns the schema of the job's dataset, or nil when the
// dataset is not stored (any more).
func (s *server) schemaOf(ctx context.Context, job *inferra.Job, user string) *inferra.Schema {
	if job.Dataset.ID == "" {
		return nil
	}
	info, err := s.svc.GetDataset(ctx, user, job.Dataset.ID)
	if err != nil || info == nil {
		return nil
	}
	return &info.Schema
}

// finishedJob returns one of the user's jobs that succeeded with a
// result, for the files made from it.
func (s *server) finishedJob(r *http.Request, user, file string) (*inferra.Job, error) {
	job, err := s.svc.Get(r.Context(), user, r.PathValue("id"))
	if err != nil {
		return nil, err
	}
	if !jobs.HasResult(job) {
		state := string(job.Status)
		if job.Status == inferra.JobSucceeded {
			state = "a decision without a run"
		}
		return nil, &apiError{status: http.StatusConflict, err: inferra.Errorf(inferra.EInvalid,
			"%s is made for a job that succeeded with a result; job %s is %s", file, job.ID, state).
			WithDetail("status", job.Status)}
	}
	return job, nil
}

// attachment sets the headers of a downloaded file.
func attachment(w http.ResponseWriter, ctype, name string, size int) {
	h := w.Header()
	h.Set("Content-Type", ctype)
	h.Set("Content-Disposition", "attachment; filename=\""+name+"\"")
	h.Set("Cache-Control", "private, no-store")
	h.Set("Content-Length", strconv.Itoa(size))
}

// handleReproduce serves GET /api/jobs/{id}/reproduce.py.
func (s *server) handleReproduce(w http.ResponseWriter, r *http.Request, user string) error {
	job, err := s.finishedJob(r, user, "reproduce.py")
	if err != nil {
		return err
	}
	script, err := reproduce.Script(job)
	if err != nil {
		return err
	}
	attachment(w, "text/x-python; charset=utf-8", "reproduce.py", len(script))
	_, _ = w.Write(script) // a failed write means the client went away
	return nil
}

// handleReport serves GET /api/jobs/{id}/report.html and report.md.
func (s *server) handleReport(markdown bool) func(http.ResponseWriter, *http.Request, string) error {
	return func(w http.ResponseWriter, r *http.Request, user string) error {
		file := "report.html"
		if markdown {
			file = "report.md"
		}
		job, err := s.finishedJob(r, user, file)
		if err != nil {
			return err
		}
		in, err := s.reportInput(r.Context(), job, user, !markdown)
		if err != nil {
			return err
		}
		var b bytes.Buffer
		if markdown {
			err = report.Markdown(&b, in)
		} else {
			err = report.HTML(&b, in)
		}
		if err != nil {
			return err
		}
		h := w.Header()
		if markdown {
			h.Set("Content-Type", "text/markdown; charset=utf-8")
			h.Set("Content-Disposition", "inline; filename=\""+file+"\"")
		} else {
			h.Set("Content-Type", "text/html; charset=utf-8")
			h.Set("Content-Security-Policy", report.CSP)
		}
		h.Set("Cache-Control", "private, no-store")
		h.Set("Content-Length", strconv.Itoa(b.Len()))
		_, _ = w.Write(b.Bytes())
		return nil
	}
}

// reportInput gathers a job's report: its summary and, with charts, its
// SVG pictures.
func (s *server) reportInput(ctx context.Context, job *inferra.Job, user string, charts bool) (report.Input, error) {
	sum, err := explain.FromJob(job, s.schemaOf(ctx, job, user))
	if err != nil {
		return report.Input{}, err
	}
	in := report.Input{Job: job, Summary: sum}
	if !charts {
		return in, nil
	}
	for _, p := range job.Plots {
		if p.ContentType != "image/svg+xml" {
			continue
		}
		_, data, err := s.svc.Plot(ctx, user, job.ID, p.Name)
		if err != nil {
			return report.Input{}, err
		}
		name := strings.TrimSuffix(p.Name, ".svg")
		in.Charts = append(in.Charts, report.Chart{Name: name, Title: name, SVG: data})
	}
	return in, nil
}
