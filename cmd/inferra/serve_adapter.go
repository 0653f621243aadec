package main

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"sync"

	"github.com/inferra/inferra"
	"github.com/inferra/inferra/decision"
	"github.com/inferra/inferra/internal/auth"
	"github.com/inferra/inferra/internal/ratelimit"
	"github.com/inferra/inferra/internal/safefetch"
	"github.com/inferra/inferra/jobs"
	"github.com/inferra/inferra/load"
	"github.com/inferra/inferra/plots"
)

// This file wires the real implementations behind the server's
// interfaces: package jobs (on the SQLite or PostgreSQL store) for the job
// service, internal/auth for Supabase JWT verification, internal/ratelimit
// for the per-user limit, internal/safefetch for datasets given by URL and
// package plots for the charts.

// openJobStore opens the store (PostgreSQL with DATABASE_URL, else SQLite
// under DATA_DIR) and brings its schema up to date: once, at start-up,
// for the job service and the LLM proxy alike.
func openJobStore(ctx context.Context, cfg serveConfig, log *slog.Logger) (inferra.JobStore, error) {
	st, where, err := openStore(ctx, cfg.DatabaseURL, cfg.DataDir, log)
	if err != nil {
		return nil, fmt.Errorf("opening the job store: %w", err)
	}
	if err := st.Migrate(ctx); err != nil {
		return nil, errors.Join(fmt.Errorf("migrating %s: %w", where, err), st.Close())
	}
	log.Info("job store ready", "store", where)
	return st, nil
}

// newJobService starts the job service on st with engine deciding. The
// returned function stops the service, draining its running jobs; the
// caller closes st after it.
func newJobService(ctx context.Context, cfg serveConfig, st inferra.JobStore, engine *decision.Engine, log *slog.Logger) (jobService, func() error, error) {
	jc := jobs.Config{
		Store: st, Role: cfg.Role, JobTimeout: cfg.JobTimeout, RescueAfter: cfg.JobRescueAfter,
		MaxDesignCells: cfg.MaxDesignCells,
		Engine:         engine, Charts: drawCharts, Logger: log,
		Load: load.Options{MaxBytes: cfg.MaxUploadBytes}, MaxQueuedPerUser: cfg.MaxQueuedPerUser,
	}
	if cfg.MaxQueuedPerUser == 0 {
		jc.MaxQueuedPerUser = -1 // MAX_QUEUED_PER_USER=0: no cap
	}
	if len(cfg.DatasetURLAllow) > 0 {
		f := &safefetch.Fetcher{Allow: cfg.DatasetURLAllow, MaxBytes: cfg.MaxUploadBytes}
		jc.Fetch = f.Fetch
	} else {
		jc.Fetch = func(context.Context, string) ([]byte, error) {
			return nil, inferra.Errorf(inferra.EUnsupported, "datasets by URL are not enabled on this server (DATASET_URL_ALLOW names no host)")
		}
	}
	svc, err := jobs.New(ctx, jc)
	if err != nil {
		return nil, nil, err
	}
	if err := svc.Start(ctx); err != nil {
		return nil, nil, err
	}
	stop := func() error {
		sctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), cfg.ShutdownTimeout)
		defer cancel()
		return svc.Stop(sctx)
	}
	return jobsAdapter{s: svc, cache: &datasetCache{m: map[[2]string]*svcDataset{}}}, stop, nil
}

// drawCharts is the job service's Charts hook: the chart of a chart
// analysis, or the companion of a test, as a PNG and an SVG named after
// the chart (boxplot.png, boxplot.svg).
func drawCharts(ctx context.Context, ds *inferra.Dataset, analysis string, params map[string]string) ([]jobs.Chart, error) {
	charts, err := plots.ForJob(ctx, ds, analysis, params, plots.Options{})
	if err != nil {
		return nil, err
	}
	var out []jobs.Chart
	for _, c := range charts {
		out = append(out,
			jobs.Chart{Name: c.Name + ".png", ContentType: "image/png", Data: c.PNG,
				Stats: c.Stats, Report: c.Report, RowsUsed: c.RowsUsed, RowsDropped: c.RowsDropped},
			jobs.Chart{Name: c.Name + ".svg", ContentType: "image/svg+xml", Data: c.SVG})
	}
	return out, nil
}

// jobsAdapter is *jobs.Service as the handlers' jobService. It remembers
// the descriptions of recently used datasets: a dataset never changes
// once uploaded (its id names its bytes), and POST /api/decide on an
// uploaded dataset needs only its schema, so a question about a known
// dataset costs no read of the store.
type jobsAdapter struct {
	s     *jobs.Service
	cache *datasetCache
}

// datasetCache is a bounded map from (user, dataset id) to the dataset's
// description; when full, it forgets an arbitrary entry.
type datasetCache struct {
	mu sync.Mutex
	m  map[[2]string]*svcDataset
}

// maxCachedDatasets bounds the cache; a description is a few kilobytes.
const maxCachedDatasets = 4096

func (c *datasetCache) get(user, id string) (*svcDataset, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	d, ok := c.m[[2]string{user, id}]
	return d, ok
}

func (c *datasetCache) put(user string, d *svcDataset) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if len(c.m) >= maxCachedDatasets {
		for k := range c.m {
			delete(c.m, k)
			break
		}
	}
	c.m[[2]string{user, d.ID}] = d
}

func (a jobsAdapter) Submit(ctx context.Context, r svcSubmit) (*inferra.Job, error) {
	return a.s.Submit(ctx, jobs.SubmitRequest{UserID: r.UserID, Prompt: r.Prompt, Analysis: r.Analysis, Params: r.Params,
		Dataset: jobs.DatasetInput(r.Dataset), Mode: r.Mode, DecisionOnly: r.DecisionOnly, Decision: r.Decision})
}

func (a jobsAdapter) Get(ctx context.Context, userID, id string) (*inferra.Job, error) {
	return a.s.Get(ctx, userID, id)
}

func (a jobsAdapter) List(ctx context.Context, userID string, f svcListFilter) ([]*inferra.Job, string, error) {
	return a.s.List(ctx, userID, jobs.ListFilter(f))
}

func (a jobsAdapter) Delete(ctx context.Context, userID, id string) error {
	return a.s.Delete(ctx, userID, id)
}

func (a jobsAdapter) Cancel(ctx context.Context, userID, id string) (*inferra.Job, error) {
	return a.s.Cancel(ctx, userID, id)
}

func (a jobsAdapter) Plot(ctx context.Context, userID, jobID, name string) (string, []byte, error) {
	return a.s.Plot(ctx, userID, jobID, name)
}

func (a jobsAdapter) PutDataset(ctx context.Context, userID, name string, csv []byte) (*svcDataset, error) {
	d, err := a.s.PutDataset(ctx, userID, name, csv)
	if err != nil {
		return nil, err
	}
	return (*svcDataset)(d), nil
}

func (a jobsAdapter) GetDataset(ctx context.Context, userID, id string) (*svcDataset, error) {
	if d, ok := a.cache.get(userID, id); ok {
		return d, nil
	}
	d, err := a.s.GetDataset(ctx, userID, id)
	if err != nil {
		return nil, err
	}
	a.cache.put(userID, (*svcDataset)(d))
	return (*svcDataset)(d), nil
}

func (a jobsAdapter) LogDecision(ctx context.Context, userID string, job *inferra.Job) error {
	return a.s.LogDecision(ctx, userID, job.Prompt, job.Decision)
}

func (a jobsAdapter) Health(ctx context.Context) svcHealth {
	h := a.s.Health(ctx)
	out := svcHealth{StoreOK: h.Store == "ok", QueueOK: h.Queue == "ok", QueueDepth: h.QueueDepth, Role: h.Role, JobCounts: h.JobCounts,
		DecisionLogErrors: h.DecisionLogErrors}
	if !out.StoreOK {
		out.StoreError = h.Store
	}
	if !out.QueueOK {
		out.QueueError = h.Queue
	}
	return out
}

// newAuthenticator returns the authenticator for cfg and the name of its
// mode for /api/health; nil means local mode. SUPABASE_URL gives the
// project's signing keys (JWKS) and issuer, SUPABASE_JWT_SECRET the legacy
// shared secret; either or both may be set.
func newAuthenticator(cfg serveConfig, log *slog.Logger) (authenticator, string, error) {
	if !cfg.authConfigured() {
		return nil, "local", nil
	}
	ac := auth.SupabaseConfig(cfg.SupabaseURL, cfg.SupabaseJWTSecret)
	ac.Logger = log
	v, err := auth.New(ac)
	if err != nil {
		return nil, "", fmt.Errorf("SUPABASE_URL / SUPABASE_JWT_SECRET: %w", err)
	}
	mode := "supabase"
	switch {
	case cfg.SupabaseURL != "" && cfg.SupabaseJWTSecret != "":
		mode = "supabase (signing keys and shared secret)"
	case cfg.SupabaseURL != "":
		mode = "supabase (signing keys)"
	default:
		mode = "supabase (shared secret)"
	}
	return v, mode, nil
}

// newLimiter returns the per-user rate limiter for cfg; nil means none.
func newLimiter(cfg serveConfig, _ *slog.Logger) (limiter, error) {
	if cfg.RateLimitPerMin <= 0 {
		return nil, nil
	}
	// A burst of a tenth of a minute's allowance absorbs a page load's
	// parallel requests without letting a client exceed the rate for long.
	return ratelimit.New(cfg.RateLimitPerMin, max(cfg.RateLimitPerMin/10, 1)), nil
}
