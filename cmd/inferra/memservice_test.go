package main

import (
	"cmp"
	"context"
	"encoding/json"
	"errors"
	"slices"
	"strconv"
	"sync"
	"time"

	"github.com/inferra/inferra"
	"github.com/inferra/inferra/decision"
	"github.com/inferra/inferra/load"
	"github.com/inferra/inferra/stats"
)

// memService is a job service that keeps everything in memory and runs
// jobs in-process with the decision engine and the stats package. It
// stands in for package jobs until serve_adapter.go wires that in, and
// it is the fake of the server tests: it honours user ids like the real
// one must. It cannot fetch datasets from URLs, and draws plots only
// through its plotter.
type memService struct {
	engine  *decision.Engine
	role    string
	plotter func(ds *inferra.Dataset, d *inferra.Decision) ([]memPlot, error)

	mu        sync.Mutex
	jobs      map[string]*memJob
	datasets  map[string]*memDataset
	decisions int64
}

// memPlot is a drawn chart.
type memPlot struct {
	Name        string
	ContentType string
	Data        []byte
}

type memJob struct {
	user   string
	job    *inferra.Job
	plots  []memPlot
	cancel context.CancelFunc
}

type memDataset struct {
	user string
	info svcDataset
	csv  []byte
}

var _ jobService = (*memService)(nil)

// newMemService returns an empty memService.
func newMemService(role string) (*memService, error) {
	engine, err := decision.New(decision.Config{})
	if err != nil {
		return nil, err
	}
	return &memService{engine: engine, role: role, jobs: map[string]*memJob{}, datasets: map[string]*memDataset{}}, nil
}

// Submit implements jobService.
func (m *memService) Submit(ctx context.Context, req svcSubmit) (*inferra.Job, error) {
	ds, name, err := m.load(req.UserID, req.Dataset)
	if err != nil {
		return nil, err
	}
	now := time.Now().UTC()
	job := &inferra.Job{
		ID: newJobID(), Status: inferra.JobQueued, Prompt: req.Prompt, Plots: []inferra.Plot{}, CreatedAt: now,
		Dataset: inferra.DatasetRef{ID: req.Dataset.ID, Name: name, SHA256: ds.SHA256, Rows: ds.Rows(), Columns: ds.SourceColumns},
		Result:  json.RawMessage("null"),
	}
	mj := &memJob{user: req.UserID, job: job}
	m.mu.Lock()
	m.jobs[job.ID] = mj
	m.mu.Unlock()
	if req.Mode == "async" {
		jctx, cancel := context.WithCancel(context.WithoutCancel(ctx))
		m.mu.Lock()
		mj.cancel = cancel
		m.mu.Unlock()
		go func() {
			defer cancel()
			m.execute(jctx, mj, ds, req)
		}()
		return cloneJob(job), nil
	}
	m.execute(ctx, mj, ds, req)
	m.mu.Lock()
	defer m.mu.Unlock()
	return cloneJob(mj.job), nil
}

// load reads the dataset of a request.
func (m *memService) load(user string, in svcDatasetInput) (*inferra.Dataset, string, error) {
	data, name := in.CSV, in.Name
	switch {
	case in.URL != "":
		return nil, "", inferra.Errorf(inferra.EUnsupported, "this server cannot fetch datasets from URLs; upload the file instead")
	case in.ID != "":
		m.mu.Lock()
		d, ok := m.datasets[in.ID]
		m.mu.Unlock()
		if !ok || d.user != user {
			return nil, "", inferra.Errorf(inferra.ENotFound, "no dataset %q", in.ID)
		}
		data, name = d.csv, d.info.Name
	}
	ds, err := load.ParseCSV(data, load.Options{})
	return ds, name, err
}

// execute runs a job to its end and records the outcome.
func (m *memService) execute(ctx context.Context, mj *memJob, ds *inferra.Dataset, req svcSubmit) {
	start := time.Now().UTC()
	m.mu.Lock()
	if mj.job.Status == inferra.JobCanceled {
		m.mu.Unlock()
		return
	}
	job := cloneJob(mj.job)
	mj.job.Status = inferra.JobRunning
	m.mu.Unlock()

	job.Decision = req.Decision
	if job.Decision == nil && req.Analysis != "" {
		job.Decision = &inferra.Decision{
			Analysis: req.Analysis, Library: "stats", Params: req.Params, Confidence: 1, Source: inferra.SourceUser,
			Explanation: "The analysis was given explicitly.", Evidence: []string{"analysis " + req.Analysis}, Candidates: []inferra.Candidate{},
		}
		if spec, ok := stats.Lookup(req.Analysis); ok {
			job.Decision.Function = spec.Function
		}
	}
	fail := func(err error) *inferra.Job {
		job.Status, job.Error = inferra.JobFailed, inferra.AsError(err)
		if errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
			job.Status, job.Error = inferra.JobCanceled, inferra.Errorf(inferra.ECanceled, "the analysis was canceled before it finished")
		}
		job.Result = json.RawMessage("null")
		finish(job, start)
		return job
	}
	var plots []memPlot
	switch {
	case job.Decision != nil:
		job = run1(ctx, job, ds, "", fail, start)
	default:
		d, err := m.engine.Decide(ctx, req.Prompt, ds.Schema())
		if err != nil {
			job = fail(err)
			break
		}
		job.Decision = d
		if decision.IsNoDecision(d) || req.DecisionOnly {
			job.Status = inferra.JobSucceeded
			if decision.IsNoDecision(d) {
				job.Status = inferra.JobNoDecision
			}
			job.Provenance = &inferra.Provenance{DatasetSHA256: ds.SHA256, RulesVersion: d.RulesVersion}
			finish(job, start)
			break
		}
		job = run1(ctx, job, ds, "", fail, start)
	}
	if job.Status == inferra.JobSucceeded && !req.DecisionOnly && m.plotter != nil {
		var err error
		if plots, err = m.plotter(ds, job.Decision); err != nil {
			job = fail(err)
			plots = nil
		}
		for _, p := range plots {
			job.Plots = append(job.Plots, inferra.Plot{Name: p.Name, ContentType: p.ContentType})
		}
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	if mj.job.Status != inferra.JobCanceled {
		mj.job, mj.plots = job, plots
	}
}

// own returns the user's job with that id, nil if there is none; m.mu must
// be held.
func (m *memService) own(user, id string) *memJob {
	if mj, ok := m.jobs[id]; ok && mj.user == user {
		return mj
	}
	return nil
}

func noJob(id string) error { return inferra.Errorf(inferra.ENotFound, "no job %q", id) }

// Get implements jobService.
func (m *memService) Get(_ context.Context, user, id string) (*inferra.Job, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	mj := m.own(user, id)
	if mj == nil {
		return nil, noJob(id)
	}
	return cloneJob(mj.job), nil
}

// List implements jobService; the cursor is an offset.
func (m *memService) List(_ context.Context, user string, f svcListFilter) ([]*inferra.Job, string, error) {
	off := 0
	if f.Cursor != "" {
		n, err := strconv.Atoi(f.Cursor)
		if err != nil || n < 0 {
			return nil, "", inferra.Errorf(inferra.EInvalid, "the cursor %q is not one this server gave", f.Cursor)
		}
		off = n
	}
	m.mu.Lock()
	var out []*inferra.Job
	for _, mj := range m.jobs {
		j := mj.job
		if mj.user != user || len(f.Status) > 0 && !slices.Contains(f.Status, j.Status) ||
			!f.Since.IsZero() && j.CreatedAt.Before(f.Since) || !f.Until.IsZero() && !j.CreatedAt.Before(f.Until) {
			continue
		}
		out = append(out, cloneJob(j))
	}
	m.mu.Unlock()
	slices.SortFunc(out, func(a, b *inferra.Job) int {
		return cmp.Or(b.CreatedAt.Compare(a.CreatedAt), cmp.Compare(a.ID, b.ID))
	})
	out = out[min(off, len(out)):]
	next := ""
	if f.Limit > 0 && len(out) > f.Limit {
		out, next = out[:f.Limit], strconv.Itoa(off+f.Limit)
	}
	return out, next, nil
}

// Delete implements jobService.
func (m *memService) Delete(_ context.Context, user, id string) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	mj := m.own(user, id)
	if mj == nil {
		return noJob(id)
	}
	if mj.cancel != nil {
		mj.cancel()
	}
	delete(m.jobs, id)
	return nil
}

// Cancel implements jobService.
func (m *memService) Cancel(_ context.Context, user, id string) (*inferra.Job, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	mj := m.own(user, id)
	if mj == nil {
		return nil, noJob(id)
	}
	if mj.job.Status != inferra.JobQueued && mj.job.Status != inferra.JobRunning {
		return nil, inferra.Errorf(inferra.EInvalid, "job %q has already finished (%s)", id, mj.job.Status)
	}
	if mj.cancel != nil {
		mj.cancel()
	}
	now := time.Now().UTC()
	mj.job.Status, mj.job.FinishedAt = inferra.JobCanceled, &now
	mj.job.Error = inferra.Errorf(inferra.ECanceled, "the job was canceled")
	return cloneJob(mj.job), nil
}

// Plot implements jobService.
func (m *memService) Plot(_ context.Context, user, jobID, name string) (string, []byte, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if mj := m.own(user, jobID); mj != nil {
		for _, p := range mj.plots {
			if p.Name == name {
				return p.ContentType, p.Data, nil
			}
		}
	}
	return "", nil, inferra.Errorf(inferra.ENotFound, "job %q has no plot %q", jobID, name)
}

// PutDataset implements jobService.
func (m *memService) PutDataset(_ context.Context, user, name string, csv []byte) (*svcDataset, error) {
	ds, err := load.ParseCSV(csv, load.Options{})
	if err != nil {
		return nil, err
	}
	info := svcDataset{ID: newJobID(), Name: name, SHA256: ds.SHA256, Size: int64(len(csv)), Schema: ds.Schema(), CreatedAt: time.Now().UTC()}
	m.mu.Lock()
	m.datasets[info.ID] = &memDataset{user: user, info: info, csv: csv}
	m.mu.Unlock()
	return &info, nil
}

// GetDataset implements jobService.
func (m *memService) GetDataset(_ context.Context, user, id string) (*svcDataset, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	d, ok := m.datasets[id]
	if !ok || d.user != user {
		return nil, inferra.Errorf(inferra.ENotFound, "no dataset %q", id)
	}
	info := d.info
	return &info, nil
}

// LogDecision implements jobService: it only counts decisions.
func (m *memService) LogDecision(context.Context, string, *inferra.Job) error {
	m.mu.Lock()
	m.decisions++
	m.mu.Unlock()
	return nil
}

// Health implements jobService.
func (m *memService) Health(context.Context) svcHealth {
	m.mu.Lock()
	defer m.mu.Unlock()
	h := svcHealth{StoreOK: true, QueueOK: true, Role: m.role, JobCounts: map[inferra.JobState]int64{}}
	for _, mj := range m.jobs {
		h.JobCounts[mj.job.Status]++
		if mj.job.Status == inferra.JobQueued {
			h.QueueDepth++
		}
	}
	return h
}

// cloneJob copies a job deeply enough that callers can change its fields
// and plots without touching the stored one.
func cloneJob(j *inferra.Job) *inferra.Job {
	c := *j
	c.Plots = slices.Clone(j.Plots)
	return &c
}
