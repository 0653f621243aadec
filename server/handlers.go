package server

import (
	"context"
	"io"
	"mime"
	"net/http"
	"net/url"
	"runtime"
	"strconv"
	"strings"
	"time"

	"github.com/inferra/inferra"
	"github.com/inferra/inferra/decision"
	"github.com/inferra/inferra/jobs"
	"github.com/inferra/inferra/load"
	"github.com/inferra/inferra/stats"
	"github.com/inferra/inferra/store"
)

// handleAnalyze serves POST /api/analyze: decide (unless an analysis is
// given) and run, synchronously or as a queued job.
func (s *server) handleAnalyze(w http.ResponseWriter, r *http.Request, user string) error {
	var req analyzeRequest
	if err := decodeJSON(r, &req); err != nil {
		return err
	}
	job, err := s.submit(r, jobs.SubmitRequest{
		UserID: user, Prompt: req.Prompt, Analysis: req.Analysis, Params: req.Params,
		Dataset: req.Dataset.input(), Mode: modeOf(req.Mode), DecisionOnly: req.DecisionOnly,
	})
	if err != nil {
		return err
	}
	s.writeJob(w, r, job, user)
	return nil
}

// handleRun serves POST /api/run: run a given decision.
func (s *server) handleRun(w http.ResponseWriter, r *http.Request, user string) error {
	var req runRequest
	if err := decodeJSON(r, &req); err != nil {
		return err
	}
	d := jobs.GivenDecision(req.Decision.Analysis, req.Decision.Params, "decision.analysis "+req.Decision.Analysis)
	job, err := s.submit(r, jobs.SubmitRequest{
		UserID: user, Prompt: req.Prompt,
		Dataset: req.Dataset.input(), Mode: modeOf(req.Mode), Decision: d,
	})
	if err != nil {
		return err
	}
	s.writeJob(w, r, job, user)
	return nil
}

// submit hands a job to the service, bounding a sync wait by SyncTimeout.
func (s *server) submit(r *http.Request, req jobs.SubmitRequest) (*inferra.Job, error) {
	ctx := r.Context()
	if req.Mode == "sync" && s.opt.SyncTimeout > 0 {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(ctx, s.opt.SyncTimeout)
		defer cancel()
	}
	return s.svc.Submit(ctx, req)
}

func modeOf(m string) string {
	if m == "" {
		return "sync"
	}
	return m
}

// writeJob answers with a job: 202 and its Location while it is queued
// or running, 200 once it has finished (whatever its status).
func (s *server) writeJob(w http.ResponseWriter, r *http.Request, job *inferra.Job, user string) {
	status := http.StatusOK
	if job.Status == inferra.JobQueued || job.Status == inferra.JobRunning {
		status = http.StatusAccepted
		w.Header().Set("Location", "/api/jobs/"+url.PathEscape(job.ID))
	}
	writeJSON(w, status, s.document(r.Context(), job, user))
}

// handleDecide serves POST /api/decide: the decision for a prompt on a
// dataset, and no analysis. An inline or uploaded dataset is decided here
// on its schema by the job pipeline (jobs.Pipeline.Decide), and the
// decision logged through the service; a dataset URL goes through the
// service, which fetches it.
func (s *server) handleDecide(w http.ResponseWriter, r *http.Request, user string) error {
	var req decideRequest
	if err := decodeJSON(r, &req); err != nil {
		return err
	}
	ctx := r.Context()
	if req.Dataset.URL != "" {
		job, err := s.svc.Submit(ctx, jobs.SubmitRequest{UserID: user, Prompt: req.Prompt, Dataset: req.Dataset.input(), Mode: "sync", DecisionOnly: true})
		if err != nil {
			return err
		}
		s.writeJob(w, r, job, user)
		return nil
	}
	start := time.Now().UTC()
	ref := inferra.DatasetRef{Name: req.Dataset.Name}
	var schema inferra.Schema
	if req.Dataset.ID != "" && req.Dataset.Dictionary != nil {
		return inferra.Errorf(inferra.EInvalid, "an uploaded dataset keeps the column descriptions it was uploaded with: give them with the upload, or the CSV inline with its descriptions").
			WithDetail("field", "dataset.dictionary")
	}
	if req.Dataset.ID != "" {
		info, err := s.getDataset(ctx, user, req.Dataset.ID)
		if err != nil {
			return err
		}
		schema = info.Schema
		ref = inferra.DatasetRef{ID: info.ID, Name: info.Name, SHA256: info.SHA256, Rows: info.Schema.Rows, Columns: len(info.Schema.Columns)}
	} else {
		raw := []byte(req.Dataset.CSV)
		ds, err := load.ParseCSV(raw, load.Options{MaxBytes: s.opt.MaxUploadBytes})
		if err != nil {
			return err
		}
		// The decision names columns and is logged: its text must be
		// storable, as the job service requires of every dataset.
		if err := store.CheckDataset(raw, ds); err != nil {
			return err
		}
		if req.Dataset.Dictionary != nil {
			if err := ds.Describe(req.Dataset.Dictionary); err != nil {
				return err
			}
		}
		schema = ds.Schema()
		ref.SHA256, ref.Rows, ref.Columns = ds.SHA256, ds.Rows(), ds.SourceColumns
	}
	job := &inferra.Job{
		ID: store.NewID(), Status: inferra.JobRunning, Prompt: req.Prompt, Dataset: ref,
		Plots: []inferra.Plot{}, CreatedAt: start, StartedAt: &start,
		Provenance: &inferra.Provenance{DatasetSHA256: ref.SHA256},
	}
	p := jobs.Pipeline{Engine: s.engine, Version: s.opt.Version}
	if p.Decide(ctx, job, schema); job.Error != nil {
		return job.Error
	}
	if err := s.svc.LogDecision(ctx, user, job.Prompt, job.Decision); err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, job)
	return nil
}

// jobList is the body of GET /api/jobs.
type jobList struct {
	Jobs       []*inferra.Job `json:"jobs"`
	NextCursor string         `json:"next_cursor"`
}

// handleListJobs serves GET /api/jobs?status=…&since=…&until=…&limit=…&cursor=….
func (s *server) handleListJobs(w http.ResponseWriter, r *http.Request, user string) error {
	f, err := listFilter(r.URL.Query())
	if err != nil {
		return err
	}
	jobs, next, err := s.svc.List(r.Context(), user, f)
	if err != nil {
		return err
	}
	out := jobList{Jobs: make([]*inferra.Job, len(jobs)), NextCursor: next}
	for i, j := range jobs {
		out.Jobs[i] = s.present(j, user)
	}
	writeJSON(w, http.StatusOK, out)
	return nil
}

// listFilter parses the query of GET /api/jobs.
func listFilter(q url.Values) (jobs.ListFilter, error) {
	f := jobs.ListFilter{Limit: 20, Cursor: q.Get("cursor")}
	var fields []fieldError
	bad := func(field, rule, msg string) {
		fields = append(fields, fieldError{Field: field, Rule: rule, Message: msg})
	}
	for _, v := range q["status"] {
		for _, st := range strings.Split(v, ",") {
			switch js := inferra.JobState(strings.TrimSpace(st)); js {
			case inferra.JobQueued, inferra.JobRunning, inferra.JobSucceeded, inferra.JobFailed, inferra.JobCanceled, inferra.JobNoDecision:
				f.Status = append(f.Status, js)
			default:
				bad("status", "oneof", "must be one of queued, running, succeeded, failed, canceled, no_decision")
			}
		}
	}
	for _, p := range []struct {
		name string
		dst  *time.Time
	}{{"since", &f.Since}, {"until", &f.Until}} {
		if v := q.Get(p.name); v != "" {
			t, err := time.Parse(time.RFC3339, v)
			if err != nil {
				bad(p.name, "datetime", "must be an RFC 3339 time such as 2026-01-02T15:04:05Z")
			}
			*p.dst = t
		}
	}
	if v := q.Get("limit"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 || n > 100 {
			bad("limit", "range", "must be an integer from 1 to 100")
		}
		f.Limit = n
	}
	if len(fields) > 0 {
		msgs := make([]string, len(fields))
		for i, fe := range fields {
			msgs[i] = fe.Field + ": " + fe.Message
		}
		return f, badRequest(inferra.Errorf(inferra.EInvalid, "the query is not valid: %s", strings.Join(msgs, "; ")).WithDetail("fields", fields))
	}
	return f, nil
}

// handleGetJob serves GET /api/jobs/{id}.
func (s *server) handleGetJob(w http.ResponseWriter, r *http.Request, user string) error {
	job, err := s.svc.Get(r.Context(), user, r.PathValue("id"))
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, s.document(r.Context(), job, user))
	return nil
}

// handleDeleteJob serves DELETE /api/jobs/{id}: 204 when deleted.
func (s *server) handleDeleteJob(w http.ResponseWriter, r *http.Request, user string) error {
	if err := s.svc.Delete(r.Context(), user, r.PathValue("id")); err != nil {
		return err
	}
	w.WriteHeader(http.StatusNoContent)
	return nil
}

// handleCancelJob serves POST /api/jobs/{id}/cancel.
func (s *server) handleCancelJob(w http.ResponseWriter, r *http.Request, user string) error {
	job, err := s.svc.Cancel(r.Context(), user, r.PathValue("id"))
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, s.document(r.Context(), job, user))
	return nil
}

// handlePutDataset serves POST /api/datasets: a text/csv body (named by
// ?name=) or a multipart/form-data upload with a "file" part and, before
// it, an optional "dictionary" part (the column descriptions as JSON).
func (s *server) handlePutDataset(w http.ResponseWriter, r *http.Request, user string) error {
	name, data, dict, err := uploadedCSV(r)
	if err != nil {
		return err
	}
	info, err := s.svc.PutDescribedDataset(r.Context(), user, name, data, dict)
	if err != nil {
		return err
	}
	w.Header().Set("Location", "/api/datasets/"+url.PathEscape(info.ID))
	writeJSON(w, http.StatusCreated, info)
	return nil
}

// uploadedCSV reads the CSV file of a dataset upload, and its column
// descriptions when a multipart upload has a "dictionary" part before the
// file.
func uploadedCSV(r *http.Request) (name string, data []byte, dict *inferra.Dictionary, err error) {
	mt, params, _ := mime.ParseMediaType(r.Header.Get("Content-Type"))
	switch mt {
	case "text/csv", "text/plain", "application/octet-stream":
		name = r.URL.Query().Get("name")
		if err := checkTextParam("name", name); err != nil {
			return "", nil, nil, err
		}
		data, err = bodyBytes(r)
		return name, data, nil, err
	case "multipart/form-data":
		if params["boundary"] == "" {
			break
		}
		mr, err := r.MultipartReader()
		if err != nil {
			return "", nil, nil, badRequest(inferra.Errorf(inferra.EInvalid, "the multipart body cannot be read: %v", err))
		}
		for {
			part, err := mr.NextPart()
			if err == io.EOF {
				return "", nil, nil, badRequest(inferra.Errorf(inferra.EInvalid, "the upload has no part named \"file\"").
					WithDetail("fields", []fieldError{{Field: "file", Rule: "required", Message: "is required"}}))
			}
			if err != nil {
				return "", nil, nil, decodeError(err)
			}
			if part.FormName() == "dictionary" {
				if dict, err = inferra.ReadDictionary(io.LimitReader(part, maxDictionaryBytes)); err != nil {
					return "", nil, nil, err
				}
				continue
			}
			if part.FormName() != "file" {
				continue
			}
			if err := checkTextParam("file (its file name)", part.FileName()); err != nil {
				return "", nil, nil, err
			}
			data, err = io.ReadAll(part)
			return part.FileName(), data, dict, err
		}
	}
	return "", nil, nil, &apiError{status: http.StatusUnsupportedMediaType,
		err: inferra.Errorf(inferra.EUnsupported, "upload the CSV file as text/csv or multipart/form-data (field \"file\")")}
}

// maxDictionaryBytes bounds an uploaded dictionary part.
const maxDictionaryBytes = 1 << 20

// handleGetDataset serves GET /api/datasets/{id}.
func (s *server) handleGetDataset(w http.ResponseWriter, r *http.Request, user string) error {
	info, err := s.getDataset(r.Context(), user, r.PathValue("id"))
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, info)
	return nil
}

// health is the body of GET /api/health.
type health struct {
	Status  string      `json:"status"`
	Version string      `json:"version"`
	Role    string      `json:"role"`
	Auth    string      `json:"auth"`
	Store   healthPart  `json:"store"`
	Queue   queueHealth `json:"queue"`
	LLM     llmHealth   `json:"llm"`
}

// healthPart is one dependency's state.
type healthPart struct {
	OK    bool   `json:"ok"`
	Error string `json:"error,omitempty"`
}

// queueHealth is the job queue's state.
type queueHealth struct {
	healthPart
	Depth int `json:"depth"`
}

// llmHealth says whether an LLM fallback is configured.
type llmHealth struct {
	Configured bool   `json:"configured"`
	Model      string `json:"model,omitempty"`
}

// handleHealth serves GET /api/health: 200 when the store and the queue
// are up, 503 otherwise (the body says which).
func (s *server) handleHealth(w http.ResponseWriter, r *http.Request) {
	h := s.svc.Health(r.Context())
	storeOK, queueOK := h.Store == "ok", h.Queue == "ok"
	out := health{
		Status: "ok", Version: s.opt.Version, Role: s.opt.Role, Auth: s.opt.AuthMode,
		Store: healthPart{OK: storeOK},
		Queue: queueHealth{healthPart: healthPart{OK: queueOK}, Depth: h.QueueDepth},
		LLM:   llmHealth{Configured: s.opt.LLMModel != "", Model: s.opt.LLMModel},
	}
	// The causes name hosts, ports, users, databases and tables: they go
	// to the log, and the unauthenticated answer says only what is down.
	if !storeOK {
		out.Store.Error = healthStoreDown
		s.log.ErrorContext(r.Context(), "health: the store is unavailable", "request_id", requestID(r.Context()), "err", h.Store)
	}
	if !queueOK {
		out.Queue.Error = healthQueueDown
		s.log.ErrorContext(r.Context(), "health: the job queue is unavailable", "request_id", requestID(r.Context()), "err", h.Queue)
	}
	status := http.StatusOK
	if !storeOK || !queueOK {
		out.Status, status = "unavailable", http.StatusServiceUnavailable
		w.Header().Set("Retry-After", "1")
	}
	writeJSON(w, status, out)
}

// The fixed messages of /api/health for a part that is down.
const (
	healthStoreDown = "the database cannot be reached or used; the cause is in the server log"
	healthQueueDown = "the job queue cannot be reached; the cause is in the server log"
)

// environment is the body of GET /api/environment.
type environment struct {
	InferraVersion string       `json:"inferra_version"`
	GoVersion      string       `json:"go_version"`
	OS             string       `json:"os"`
	Arch           string       `json:"arch"`
	RulesVersion   string       `json:"rules_version"`
	Analyses       []stats.Spec `json:"analyses"`
}

// handleEnvironment serves GET /api/environment: the versions that
// provenance records, and the analyses this server runs.
func (s *server) handleEnvironment(w http.ResponseWriter, r *http.Request) {
	writeJSON(w, http.StatusOK, environment{
		InferraVersion: s.opt.Version, GoVersion: runtime.Version(), OS: runtime.GOOS, Arch: runtime.GOARCH,
		RulesVersion: decision.DefaultRules().Version, Analyses: stats.Specs(),
	})
}
