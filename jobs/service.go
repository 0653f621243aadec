package jobs

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"reflect"
	"runtime/debug"
	"sync"
	"sync/atomic"
	"time"

	"github.com/riverqueue/river"

	"github.com/inferra/inferra"
	"github.com/inferra/inferra/decision"
	"github.com/inferra/inferra/load"
	"github.com/inferra/inferra/stats"
	"github.com/inferra/inferra/store"
	"github.com/inferra/inferra/store/sqlite"
)

// The roles of a service.
const (
	// RoleAll submits and works: the default, and what one process needs.
	RoleAll = "all"
	// RoleAPI submits (and reads) but works no queued job; sync requests
	// wait for a worker elsewhere.
	RoleAPI = "api"
	// RoleWorker works queued jobs.
	RoleWorker = "worker"
)

// The submit modes.
const (
	// ModeSync waits for the job to finish, up to Config.SyncWait.
	ModeSync = "sync"
	// ModeAsync returns the queued job at once.
	ModeAsync = "async"
)

// Chart is a picture a Charts hook draws, stored with its job under
// Name (unique within the job, such as "boxplot.png").
type Chart struct {
	Name        string
	ContentType string
	Data        []byte
	// Stats and Report, when set on the first chart of a chart analysis,
	// become the job's result and report; RowsUsed and RowsDropped its
	// provenance counts. A companion chart beside a test leaves them
	// unused.
	Stats                 any
	Report                string
	RowsUsed, RowsDropped int
}

// Config configures a Service. Store is required; every other zero field
// takes the default its comment gives.
type Config struct {
	// Store keeps the jobs: a *sqlite.Store or a *postgres.Store, whose
	// database River's queue shares. Required.
	Store inferra.JobStore
	// Role is RoleAll, RoleAPI or RoleWorker. Defaults to RoleAll.
	Role string
	// Name identifies this process to River (its client id, recorded as
	// attempted_by). Defaults to host name and process id.
	Name string
	// JobTimeout bounds one execution (JOB_TIMEOUT). Defaults to 60 s.
	JobTimeout time.Duration
	// RescueAfter is how long a job may run before it counts as stuck and
	// is run again elsewhere (JOB_RESCUE_AFTER); at least JobTimeout.
	// Defaults to 1 minute, or JobTimeout if larger.
	RescueAfter time.Duration
	// SyncWait is how long a sync Submit waits before it returns the job
	// still running. Defaults to JobTimeout.
	SyncWait time.Duration
	// Workers is how many jobs this process works at once. Defaults to 10.
	Workers int
	// MaxQueuedPerUser caps one user's jobs that have not finished (queued
	// or running, sync and async alike; MAX_QUEUED_PER_USER): a submit
	// beyond it is an ERateLimited error. The count comes from the store,
	// so the cap holds across every process on one database. Defaults to
	// 100; a negative value turns the cap off.
	MaxQueuedPerUser int
	// MaxAttempts bounds the executions of one job (rescues and transient
	// failures included). Defaults to 5.
	MaxAttempts int
	// PollInterval is how often workers look for new jobs when nothing
	// wakes them. Defaults to 1 s on PostgreSQL (LISTEN/NOTIFY wakes them
	// sooner) and 100 ms on SQLite (which has no notifications; jobs
	// submitted in-process wake the workers at once anyway).
	PollInterval time.Duration
	// MaxDesignCells bounds the model matrix of a regression
	// (MAX_DESIGN_CELLS; see stats.Options.MaxDesignCells): a larger one
	// fails the job at once with inferra.ETooLarge. Defaults to
	// stats.DefaultMaxDesignCells.
	MaxDesignCells int
	// ReconcileEvery is how often the service looks for jobs left queued
	// or running whose queue entry has ended without them (discarded after
	// its last attempt, canceled, or gone) and ends them: failed with
	// inferra.EInternal, or canceled. It also looks once at Start.
	// Defaults to 1 minute.
	ReconcileEvery time.Duration
	// PollOnly turns LISTEN/NOTIFY off on PostgreSQL, as a transaction
	// pooler needs. Defaults to on only when the store uses the simple
	// protocol (see postgres.Store.SimpleProtocol).
	PollOnly bool
	// Engine decides the analysis from the prompt. Defaults to the rule
	// engine with the default rules.
	Engine *decision.Engine
	// Charts draws the chart analyses (boxplot, scatter, histogram, kde,
	// regplot), and the companion chart of a test (a boxplot beside a
	// t-test): it is called for every analysis, and may return none.
	// Defaults to none: the chart analyses then fail with EUnsupported. A
	// companion that cannot be drawn is logged and left out; the test's
	// result stands.
	Charts func(ctx context.Context, ds *inferra.Dataset, analysis string, params map[string]string) ([]Chart, error)
	// Fetch returns the bytes of a dataset given by URL. Defaults to none:
	// a URL dataset is then an EInvalid error (the server fetches).
	Fetch func(ctx context.Context, url string) ([]byte, error)
	// Load limits the datasets accepted. Defaults to inferra's defaults.
	Load load.Options
	// Version is the Inferra version written in provenance. Defaults to
	// the main module's version from the build information.
	Version string
	// Logger logs the service's and River's events. Defaults to
	// slog.Default().
	Logger *slog.Logger
	// Now returns the current time. Defaults to time.Now.
	Now func() time.Time
}

// Service submits, runs and keeps analysis jobs. It is safe for
// concurrent use.
type Service struct {
	cfg    Config
	st     inferra.JobStore
	q      queue
	engine *decision.Engine
	// decisions batches the log of decisions made without a job;
	// decisionErrors counts its entries that could not be written.
	decisions      *decisionLog
	decisionErrors atomic.Int64

	mu sync.Mutex
	// attempts are the executions running in this process, by job id: at
	// most one per job (see exclusive).
	attempts map[string]*attempt
	running  sync.WaitGroup
	stopped  bool
	// sweep stops the reconciler; sweeping is closed when it has stopped.
	sweep    context.CancelFunc
	sweeping chan struct{}
}

// New builds a service. It migrates nothing and starts nothing: call
// Store.Migrate first and Start to work jobs.
func New(ctx context.Context, cfg Config) (*Service, error) {
	if cfg.Store == nil {
		return nil, errors.New("jobs: Config.Store is required")
	}
	switch cfg.Role {
	case "":
		cfg.Role = RoleAll
	case RoleAll, RoleAPI, RoleWorker:
	default:
		return nil, inferra.Errorf(inferra.EInvalid, "jobs: unknown role %q (want all, api or worker)", cfg.Role)
	}
	if cfg.Name == "" {
		host, _ := os.Hostname()
		cfg.Name = fmt.Sprintf("%s-%d", host, os.Getpid())
	}
	if cfg.JobTimeout <= 0 {
		cfg.JobTimeout = 60 * time.Second
	}
	if cfg.RescueAfter <= 0 {
		cfg.RescueAfter = max(time.Minute, cfg.JobTimeout)
	}
	if cfg.RescueAfter < cfg.JobTimeout {
		return nil, inferra.Errorf(inferra.EInvalid, "jobs: JOB_RESCUE_AFTER (%v) must be at least JOB_TIMEOUT (%v), or running jobs would be taken over", cfg.RescueAfter, cfg.JobTimeout)
	}
	if cfg.SyncWait <= 0 {
		cfg.SyncWait = cfg.JobTimeout
	}
	if cfg.Workers <= 0 {
		cfg.Workers = 10
	}
	if cfg.MaxAttempts <= 0 {
		cfg.MaxAttempts = 5
	}
	if cfg.MaxDesignCells <= 0 {
		cfg.MaxDesignCells = stats.DefaultMaxDesignCells
	}
	if cfg.ReconcileEvery <= 0 {
		cfg.ReconcileEvery = time.Minute
	}
	if cfg.MaxQueuedPerUser == 0 {
		cfg.MaxQueuedPerUser = DefaultMaxQueuedPerUser
	}
	if cfg.PollInterval <= 0 {
		cfg.PollInterval = time.Second
		if _, ok := cfg.Store.(*sqlite.Store); ok {
			cfg.PollInterval = 100 * time.Millisecond
		}
	}
	if cfg.Version == "" {
		cfg.Version = buildVersion()
	}
	if cfg.Logger == nil {
		cfg.Logger = slog.Default()
	}
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	s := &Service{cfg: cfg, st: cfg.Store, engine: cfg.Engine, attempts: map[string]*attempt{}}
	if s.engine == nil {
		e, err := decision.New(decision.Config{})
		if err != nil {
			return nil, err
		}
		s.engine = e
	}
	q, err := newQueue(s)
	if err != nil {
		return nil, err
	}
	s.q = q
	s.decisions = newDecisionLog(s)
	return s, nil
}

func buildVersion() string {
	if info, ok := debug.ReadBuildInfo(); ok && info.Main.Version != "" && info.Main.Version != "(devel)" {
		return info.Main.Version
	}
	return "devel"
}

// Config returns the configuration with its defaults applied.
func (s *Service) Config() Config { return s.cfg }

// Start ends the jobs an earlier process left behind (see
// Config.ReconcileEvery) and starts working queued jobs (unless the role
// is RoleAPI) and looking for such jobs every ReconcileEvery. It returns
// once the workers are running.
func (s *Service) Start(ctx context.Context) error {
	if _, err := s.Reconcile(ctx); err != nil {
		s.cfg.Logger.Warn("jobs: reconciling jobs at start-up", "err", err)
	}
	if err := s.q.start(ctx); err != nil {
		return fmt.Errorf("jobs: starting the queue: %w", err)
	}
	sctx, cancel := context.WithCancel(context.WithoutCancel(ctx))
	s.mu.Lock()
	s.sweep, s.sweeping = cancel, make(chan struct{})
	s.mu.Unlock()
	go s.reconcileLoop(sctx, s.sweeping)
	return nil
}

// Stop stops taking jobs and waits, until ctx ends, for the running ones
// (queued and in-process sync jobs alike) to finish. Jobs still running
// when ctx ends are rescued later by another process.
func (s *Service) Stop(ctx context.Context) error {
	s.mu.Lock()
	s.stopped = true
	sweep, sweeping := s.sweep, s.sweeping
	s.mu.Unlock()
	if sweep != nil {
		sweep()
		<-sweeping
	}
	err := s.q.stop(ctx)
	if derr := s.decisions.close(ctx); derr != nil {
		err = errors.Join(err, derr)
	}
	done := make(chan struct{})
	go func() { s.running.Wait(); close(done) }()
	select {
	case <-done:
	case <-ctx.Done():
		err = errors.Join(err, ctx.Err())
	}
	return err
}

// DatasetInput is the dataset of a request: inline CSV (or JSON) bytes, the
// id of an uploaded dataset, or a URL that Config.Fetch fetches. Exactly
// one of CSV, ID and URL is set.
type DatasetInput struct {
	CSV  []byte
	ID   string
	URL  string
	Name string
	// Dictionary describes the columns of an inline or fetched dataset
	// (see inferra.Dictionary); it is stored with the dataset. A dataset
	// uploaded before keeps the descriptions it was uploaded with.
	Dictionary *inferra.Dictionary
}

// SubmitRequest is one analysis request.
type SubmitRequest struct {
	// UserID owns the job. Required.
	UserID string
	// Prompt is the question in plain words; the engine decides the
	// analysis from it unless Analysis or Decision is given.
	Prompt string
	// Analysis and Params name the analysis explicitly.
	Analysis string
	Params   map[string]string
	Dataset  DatasetInput
	// Mode is ModeSync (the default) or ModeAsync.
	Mode string
	// DecisionOnly stops after deciding: the job succeeds with the
	// decision and no result.
	DecisionOnly bool
	// Decision is a decision given whole (POST /api/run): it is run as is,
	// after checking its analysis is allow-listed.
	Decision *inferra.Decision
}

// Submit creates a job for the request. An async job is returned queued;
// a sync one is returned finished, or still running if it has not finished
// within Config.SyncWait (or ctx ended first). Bad requests (no user, no
// dataset, a malformed CSV, an unknown analysis) are *inferra.Error values
// and create no job; so is a user's submit beyond Config.MaxQueuedPerUser
// unfinished jobs (ERateLimited, with the limit, the count and
// retry_after_seconds in its details).
func (s *Service) Submit(ctx context.Context, req SubmitRequest) (*inferra.Job, error) {
	p, err := s.prepare(ctx, req)
	if err != nil {
		return nil, err
	}
	if p.mode == ModeAsync || s.cfg.Role == RoleAPI {
		err = s.st.InTx(ctx, func(tx inferra.JobTx) error { return s.enqueueTx(ctx, tx, p) })
		if err != nil {
			return nil, err
		}
		if p.mode == ModeAsync {
			return p.job, nil
		}
		return s.await(ctx, p.job)
	}
	return s.runInline(ctx, p)
}

// SubmitTx creates an async job inside the caller's store transaction
// (from Config.Store's InTx): if the transaction rolls back, neither the
// job nor its queue entry exists. The request's mode is ignored.
func (s *Service) SubmitTx(ctx context.Context, tx inferra.JobTx, req SubmitRequest) (*inferra.Job, error) {
	req.Mode = ModeAsync
	p, err := s.prepare(ctx, req)
	if err != nil {
		return nil, err
	}
	if err := s.enqueueTx(ctx, tx, p); err != nil {
		return nil, err
	}
	return p.job, nil
}

// prepared is a validated request: its job (not yet stored), the dataset
// to store (nil when it was stored before) and the parsed dataset when
// the request carried its bytes.
type prepared struct {
	job          *inferra.Job
	mode         string
	decisionOnly bool
	upload       *inferra.StoredDataset
	ds           *inferra.Dataset
}

func (s *Service) prepare(ctx context.Context, req SubmitRequest) (*prepared, error) {
	if req.UserID == "" {
		return nil, inferra.Errorf(inferra.EUnauthorized, "a job needs a user")
	}
	mode := req.Mode
	switch mode {
	case "":
		mode = ModeSync
	case ModeSync, ModeAsync:
	default:
		return nil, inferra.Errorf(inferra.EInvalid, "unknown mode %q: want sync or async", req.Mode).WithDetail("mode", req.Mode)
	}
	if err := checkText(req); err != nil {
		return nil, err
	}
	d, err := userDecision(req)
	if err != nil {
		return nil, err
	}
	if d == nil && req.Prompt == "" {
		return nil, inferra.Errorf(inferra.EInvalid, "give a prompt (a question in plain words) or an analysis")
	}
	now := store.Normalize(s.cfg.Now())
	p := &prepared{mode: mode, decisionOnly: req.DecisionOnly}
	p.job = &inferra.Job{
		ID: store.NewID(), UserID: req.UserID, Status: inferra.JobQueued, Prompt: req.Prompt,
		Decision: d, Plots: []inferra.Plot{}, CreatedAt: now,
	}
	in := req.Dataset
	n := 0
	for _, set := range []bool{in.CSV != nil, in.ID != "", in.URL != ""} {
		if set {
			n++
		}
	}
	if n != 1 {
		return nil, inferra.Errorf(inferra.EInvalid, "give exactly one dataset: inline CSV, an uploaded dataset id, or a URL")
	}
	switch {
	case in.ID != "" && in.Dictionary != nil:
		return nil, inferra.Errorf(inferra.EInvalid, "an uploaded dataset keeps the column descriptions it was uploaded with: give them with the upload, or the CSV inline with its descriptions").
			WithDetail("field", "dataset.dictionary")
	case in.ID != "":
		sd, err := s.st.GetDataset(ctx, req.UserID, in.ID, false)
		if err != nil {
			return nil, err
		}
		p.job.Dataset = inferra.DatasetRef{ID: sd.ID, Name: sd.Name, SHA256: sd.SHA256, Rows: sd.Schema.Rows, Columns: len(sd.Schema.Columns)}
		return p, nil
	case in.URL != "":
		if s.cfg.Fetch == nil {
			return nil, inferra.Errorf(inferra.EInvalid, "datasets by URL are not enabled here; upload the CSV instead").WithDetail("url", in.URL)
		}
		b, err := s.cfg.Fetch(ctx, in.URL)
		if err != nil {
			return nil, err
		}
		in.CSV = b
		if in.Name == "" {
			in.Name = in.URL
		}
	}
	ds, err := s.parse(in.CSV)
	if err != nil {
		return nil, err
	}
	if err := store.CheckDataset(in.CSV, ds); err != nil {
		return nil, err
	}
	if err := describe(ds, in.Dictionary); err != nil {
		return nil, err
	}
	p.ds = ds
	p.upload = &inferra.StoredDataset{UserID: req.UserID, Name: in.Name, SHA256: ds.SHA256, Size: int64(len(in.CSV)), Schema: ds.Schema(), Content: in.CSV}
	p.job.Dataset = inferra.DatasetRef{Name: in.Name, SHA256: ds.SHA256, Rows: ds.Rows(), Columns: ds.SourceColumns}
	return p, nil
}

// checkText refuses a request whose text no store can keep (a NUL
// character, bytes that are not UTF-8; see store.CheckText) with an
// EInvalid error naming the field, before anything is stored: SQLite would
// keep such text and PostgreSQL refuse it, and a request must not depend
// on the store.
func checkText(req SubmitRequest) error {
	fields := []struct{ name, text string }{
		{"prompt", req.Prompt}, {"analysis", req.Analysis},
		{"dataset.name", req.Dataset.Name}, {"dataset.url", req.Dataset.URL}, {"dataset.id", req.Dataset.ID},
	}
	params, prefix := req.Params, "params"
	if req.Decision != nil {
		fields = append(fields, struct{ name, text string }{"decision.analysis", req.Decision.Analysis})
		params, prefix = req.Decision.Params, "decision.params"
	}
	for _, f := range fields {
		if err := store.CheckText(f.name, f.text); err != nil {
			return err
		}
	}
	for k, v := range params {
		if err := store.CheckText("a name in "+prefix, k); err != nil {
			return err
		}
		if err := store.CheckText(prefix+"."+k, v); err != nil {
			return err
		}
	}
	return nil
}

// describe attaches a dictionary to a dataset, after checking that its
// text is storable (store.CheckText): it is kept in the dataset's schema.
func describe(ds *inferra.Dataset, dict *inferra.Dictionary) error {
	if dict == nil {
		return nil
	}
	for name, l := range dict.Columns {
		if err := store.CheckText("dataset.dictionary", name+l.Description); err != nil {
			return err
		}
		for v, lab := range l.Levels {
			if err := store.CheckText("dataset.dictionary", v+lab); err != nil {
				return err
			}
		}
	}
	return ds.Describe(dict)
}

// parse loads dataset bytes: JSON when they start with '[', CSV otherwise.
func (s *Service) parse(b []byte) (*inferra.Dataset, error) {
	if t := bytes.TrimLeft(b, " \t\r\n\ufeff"); len(t) > 0 && t[0] == '[' {
		return load.ParseJSON(b, s.cfg.Load)
	}
	return load.ParseCSV(b, s.cfg.Load)
}

// userDecision returns the decision a request gives (an explicit analysis
// or a whole decision), checked against the allow-list, or nil.
func userDecision(req SubmitRequest) (*inferra.Decision, error) {
	if req.Decision != nil && req.Analysis != "" {
		return nil, inferra.Errorf(inferra.EInvalid, "give either an analysis or a decision, not both")
	}
	var d *inferra.Decision
	switch {
	case req.Decision != nil:
		c := *req.Decision
		d = &c
		if d.Source == "" {
			d.Source = inferra.SourceUser
		}
	case req.Analysis != "":
		d = GivenDecision(req.Analysis, req.Params, "analysis "+req.Analysis)
	default:
		return nil, nil
	}
	a, ok := decision.LookupAnalysis(d.Analysis)
	if !ok {
		return nil, UnknownAnalysis(d.Analysis)
	}
	d.Library, d.Function = a.Library, a.Function
	if d.Params == nil {
		d.Params = map[string]string{}
	}
	return d, nil
}

// storeUpload stores the request's dataset, if it carried one, and points
// the job at it.
func storeUpload(ctx context.Context, tx inferra.JobTx, p *prepared) error {
	if p.upload == nil {
		return nil
	}
	if err := tx.PutDataset(ctx, p.upload); err != nil {
		return err
	}
	if p.upload.Schema.Dictionary() != nil {
		stored, err := tx.GetDataset(ctx, p.upload.UserID, p.upload.ID, false)
		if err != nil {
			return err
		}
		if err := keptDescriptions(stored, p.upload); err != nil {
			return err
		}
	}
	p.job.Dataset.ID = p.upload.ID
	return nil
}

// keptDescriptions returns an EInvalid error when stored, the dataset the
// store kept for d's bytes (PutDataset keeps the first upload), has column
// descriptions other than the ones d was given: a job run later from the
// stored bytes would read the old ones.
func keptDescriptions(stored, d *inferra.StoredDataset) error {
	want := d.Schema.Dictionary()
	if want != nil && !reflect.DeepEqual(stored.Schema.Dictionary(), want) {
		return inferra.Errorf(inferra.EInvalid, "this file was uploaded before (dataset %s) with other column descriptions, which it keeps; upload a copy under other bytes or use the descriptions it has", stored.ID).
			WithDetail("dataset_id", stored.ID)
	}
	return nil
}

// DefaultMaxQueuedPerUser is Config.MaxQueuedPerUser's default.
const DefaultMaxQueuedPerUser = 100

// queueFullRetry is the wait a refused submit is told to make: long
// enough for some of a full queue to finish, short enough not to idle.
const queueFullRetry = 10 * time.Second

// checkQueueCap refuses a new job of user when MaxQueuedPerUser of theirs
// are queued or running. Called in the transaction that creates the job,
// whose count the store orders with the user's other submits.
func (s *Service) checkQueueCap(ctx context.Context, tx inferra.JobTx, user string) error {
	limit := s.cfg.MaxQueuedPerUser
	if limit < 0 {
		return nil
	}
	n, err := tx.CountActiveJobs(ctx, user)
	if err != nil {
		return err
	}
	if n < limit {
		return nil
	}
	return inferra.Errorf(inferra.ERateLimited,
		"You have %d analyses queued or running, the most allowed at once; wait for some to finish (or cancel some), then submit again.", n).
		WithDetail("limit", limit).WithDetail("active", n).
		WithDetail("retry_after_seconds", int(queueFullRetry/time.Second))
}

// enqueueTx stores the dataset, the job and its queue entry in tx.
func (s *Service) enqueueTx(ctx context.Context, tx inferra.JobTx, p *prepared) error {
	if err := s.checkQueueCap(ctx, tx, p.job.UserID); err != nil {
		return err
	}
	if err := storeUpload(ctx, tx, p); err != nil {
		return err
	}
	id, err := s.q.insertTx(ctx, tx, analysisArgs{JobID: p.job.ID, UserID: p.job.UserID, DecisionOnly: p.decisionOnly}, nil)
	if err != nil {
		return err
	}
	p.job.QueueID = id
	return tx.CreateJob(ctx, p.job)
}

// await polls a queued sync job until it ends, SyncWait passes or ctx
// ends, and returns it as last read.
func (s *Service) await(ctx context.Context, j *inferra.Job) (*inferra.Job, error) {
	deadline := time.NewTimer(s.cfg.SyncWait)
	defer deadline.Stop()
	wait := 2 * time.Millisecond
	for {
		t := time.NewTimer(wait)
		select {
		case <-ctx.Done():
			t.Stop()
			return j, nil
		case <-deadline.C:
			t.Stop()
			return j, nil
		case <-t.C:
		}
		cur, err := s.st.GetJob(ctx, j.UserID, j.ID)
		if err != nil {
			if ctx.Err() != nil {
				return j, nil // the caller stopped waiting mid-read: the job as last read
			}
			return nil, err
		}
		j = cur
		if j.Status.Terminal() {
			return j, nil
		}
		wait = min(2*wait, 50*time.Millisecond)
	}
}

// runInline executes a sync job in this process. The job is stored
// running, with a queue entry scheduled after the job could have timed
// out and been rescued: if this process dies, a worker picks the job up
// then; if it finishes, the entry is deleted in the same transaction that
// writes the result.
func (s *Service) runInline(ctx context.Context, p *prepared) (*inferra.Job, error) {
	s.mu.Lock()
	if s.stopped {
		s.mu.Unlock()
		return nil, inferra.Errorf(inferra.EUnavailable, "the service is shutting down")
	}
	s.running.Add(1)
	s.mu.Unlock()
	j := p.job
	start := j.CreatedAt
	j.Status, j.Attempt, j.StartedAt, j.Progress = inferra.JobRunning, 1, &start, inferra.StageLoading
	err := s.st.InTx(ctx, func(tx inferra.JobTx) error {
		if err := s.checkQueueCap(ctx, tx, j.UserID); err != nil {
			return err
		}
		if err := storeUpload(ctx, tx, p); err != nil {
			return err
		}
		id, err := s.q.insertTx(ctx, tx, analysisArgs{JobID: j.ID, UserID: j.UserID, DecisionOnly: p.decisionOnly},
			&river.InsertOpts{ScheduledAt: start.Add(s.cfg.JobTimeout + s.cfg.RescueAfter)})
		if err != nil {
			return err
		}
		j.QueueID = id
		return tx.CreateJob(ctx, j)
	})
	if err != nil {
		s.running.Done()
		return nil, err
	}
	// The execution outlives the request: its deadline is the job's.
	tctx, tcancel := context.WithTimeout(context.WithoutCancel(ctx), s.cfg.JobTimeout)
	rctx, a, err := s.exclusive(tctx, j.ID)
	if err != nil { // a new job id: no other attempt can hold it
		tcancel()
		s.running.Done()
		return nil, err
	}
	snapshot := *j
	done := make(chan *inferra.Job, 1)
	go func() {
		defer s.running.Done()
		defer tcancel()
		defer s.release(j.ID, a)
		go s.watch(rctx, a, j.UserID, j.ID, j.Attempt)
		out, err := s.safeExecute(rctx, j, p.ds, p.decisionOnly)
		if err == nil && a.abandoned() {
			done <- nil // the row is no longer this attempt's to write
			return
		}
		if err == nil {
			fctx, fcancel := context.WithTimeout(context.WithoutCancel(ctx), 10*time.Second)
			err = s.finish(fctx, out, func(tx inferra.JobTx) error { return s.q.deleteTx(fctx, tx, j.QueueID) })
			fcancel()
		}
		if err != nil {
			if !errors.Is(err, inferra.ErrConflict) {
				s.cfg.Logger.Error("jobs: a sync job could not be finished; its queue entry will run it again", "job", j.ID, "err", err)
			}
			done <- nil
			return
		}
		done <- out.job
	}()
	wait := time.NewTimer(s.cfg.SyncWait)
	defer wait.Stop()
	select {
	case fin := <-done:
		if fin != nil {
			return fin, nil
		}
		return s.st.GetJob(context.WithoutCancel(ctx), snapshot.UserID, snapshot.ID)
	case <-wait.C:
	case <-ctx.Done():
	}
	return &snapshot, nil
}

// Get returns one of the user's jobs; another user's is ENotFound.
func (s *Service) Get(ctx context.Context, userID, id string) (*inferra.Job, error) {
	return s.st.GetJob(ctx, userID, id)
}

// ListFilter selects jobs for List; see inferra.JobFilter.
type ListFilter = inferra.JobFilter

// List returns a page of the user's jobs, newest first, and the cursor of
// the next page ("" after the last).
func (s *Service) List(ctx context.Context, userID string, f ListFilter) ([]*inferra.Job, string, error) {
	return s.st.ListJobs(ctx, userID, f)
}

// Delete deletes one of the user's jobs with its plots, first stopping it
// if it is queued or running.
func (s *Service) Delete(ctx context.Context, userID, id string) error {
	var qid int64
	err := s.st.InTx(ctx, func(tx inferra.JobTx) error {
		j, err := tx.GetJob(ctx, userID, id)
		if err != nil {
			return err
		}
		qid = j.QueueID
		return tx.DeleteJob(ctx, userID, id)
	})
	if err != nil {
		return err
	}
	s.stopExecution(ctx, id, qid)
	return nil
}

// Cancel cancels one of the user's jobs if it is queued or running and
// returns it. A job that has already ended is returned unchanged.
func (s *Service) Cancel(ctx context.Context, userID, id string) (*inferra.Job, error) {
	var j *inferra.Job
	err := s.st.InTx(ctx, func(tx inferra.JobTx) error {
		var err error
		j, err = tx.GetJob(ctx, userID, id)
		if err != nil || j.Status.Terminal() {
			return err
		}
		now := store.Normalize(s.cfg.Now())
		j.Status, j.Progress, j.FinishedAt = inferra.JobCanceled, "", &now
		j.Error = inferra.Errorf(inferra.ECanceled, "the job was canceled before it finished")
		return tx.UpdateJob(ctx, j, inferra.JobCanceled.From()...)
	})
	if errors.Is(err, inferra.ErrConflict) {
		// It ended meanwhile: report how.
		return s.st.GetJob(ctx, userID, id)
	}
	if err != nil {
		return nil, err
	}
	if j.Status == inferra.JobCanceled {
		s.stopExecution(ctx, id, j.QueueID)
	}
	return j, nil
}

// stopExecution cancels a job's queue entry and its in-process execution.
func (s *Service) stopExecution(ctx context.Context, id string, qid int64) {
	s.mu.Lock()
	if a, ok := s.attempts[id]; ok {
		a.cancel(errJobEnded)
	}
	s.mu.Unlock()
	if qid != 0 {
		if err := s.q.cancel(ctx, qid); err != nil {
			s.cfg.Logger.Warn("jobs: canceling the queue entry", "job", id, "queue_id", qid, "err", err)
		}
	}
}

// Plot returns a chart of one of the user's jobs.
func (s *Service) Plot(ctx context.Context, userID, jobID, name string) (contentType string, data []byte, err error) {
	p, err := s.st.GetPlot(ctx, userID, jobID, name)
	if err != nil {
		return "", nil, err
	}
	return p.ContentType, p.Data, nil
}

// DatasetInfo describes an uploaded dataset.
type DatasetInfo struct {
	ID        string         `json:"id"`
	Name      string         `json:"name"`
	SHA256    string         `json:"sha256"`
	Size      int64          `json:"size"`
	Schema    inferra.Schema `json:"schema"`
	CreatedAt time.Time      `json:"created_at"`
}

func info(d *inferra.StoredDataset) *DatasetInfo {
	return &DatasetInfo{ID: d.ID, Name: d.Name, SHA256: d.SHA256, Size: d.Size, Schema: d.Schema, CreatedAt: d.CreatedAt}
}

// PutDataset parses and stores a dataset for later jobs. Uploading the
// same bytes again returns the stored dataset.
func (s *Service) PutDataset(ctx context.Context, userID, name string, csv []byte) (*DatasetInfo, error) {
	return s.PutDescribedDataset(ctx, userID, name, csv, nil)
}

// PutDescribedDataset is PutDataset with column descriptions (see
// inferra.Dictionary), stored in the dataset's schema for the decision
// engine and the UI. Uploading the same bytes again with other
// descriptions is an EInvalid error: the stored dataset keeps its own.
func (s *Service) PutDescribedDataset(ctx context.Context, userID, name string, csv []byte, dict *inferra.Dictionary) (*DatasetInfo, error) {
	if userID == "" {
		return nil, inferra.Errorf(inferra.EUnauthorized, "a dataset needs a user")
	}
	if err := store.CheckText("the dataset name", name); err != nil {
		return nil, err
	}
	ds, err := s.parse(csv)
	if err != nil {
		return nil, err
	}
	if err := store.CheckDataset(csv, ds); err != nil {
		return nil, err
	}
	if err := describe(ds, dict); err != nil {
		return nil, err
	}
	d := &inferra.StoredDataset{UserID: userID, Name: name, SHA256: ds.SHA256, Size: int64(len(csv)), Schema: ds.Schema(), Content: csv}
	if err := s.st.PutDataset(ctx, d); err != nil {
		return nil, err
	}
	// The same bytes uploaded before are kept as they were stored.
	stored, err := s.st.GetDataset(ctx, userID, d.ID, false)
	if err != nil {
		return nil, err
	}
	if err := keptDescriptions(stored, d); err != nil {
		return nil, err
	}
	return info(stored), nil
}

// GetDataset describes one of the user's datasets.
func (s *Service) GetDataset(ctx context.Context, userID, id string) (*DatasetInfo, error) {
	d, err := s.st.GetDataset(ctx, userID, id, false)
	if err != nil {
		return nil, err
	}
	return info(d), nil
}

// Health is the state of the service for a health check.
type Health struct {
	// OK is true when the store and the queue both answer.
	OK bool `json:"ok"`
	// Store is "ok" or what went wrong.
	Store string `json:"store"`
	// Queue is "ok" or what went wrong; QueueDepth counts the jobs waiting
	// or running (up to 10,000).
	Queue      string `json:"queue"`
	QueueDepth int    `json:"queue_depth"`
	// Running counts the executions running in this process: the work
	// of a job stops with its timeout or cancel, so it falls back to
	// zero once none is due.
	Running int `json:"running"`
	// Role is the service's role; Name its River client id.
	Role string `json:"role"`
	Name string `json:"name"`
	// JobCounts counts the stored jobs by state (of every user); nil when
	// the store could not count them.
	JobCounts map[inferra.JobState]int64 `json:"job_counts,omitempty"`
	// DecisionLogErrors counts the decision log entries that could not be
	// written since the service started (see Service.DecisionLogErrors).
	DecisionLogErrors int64 `json:"decision_log_errors"`
}

// Health checks the store and the queue.
func (s *Service) Health(ctx context.Context) Health {
	h := Health{Store: "ok", Queue: "ok", Role: s.cfg.Role, Name: s.cfg.Name, DecisionLogErrors: s.DecisionLogErrors()}
	s.mu.Lock()
	h.Running = len(s.attempts)
	s.mu.Unlock()
	if err := s.st.Ping(ctx); err != nil {
		h.Store = err.Error()
	}
	n, err := s.q.depth(ctx)
	if err != nil {
		h.Queue = err.Error()
	}
	h.QueueDepth = n
	if h.Store == "ok" {
		if c, err := s.st.CountJobs(ctx); err == nil {
			h.JobCounts = c
		}
	}
	h.OK = h.Store == "ok" && h.Queue == "ok"
	return h
}

// LogLLMCall records one call to the LLM (the fallback planner's) in
// llm_call_logs, for usage and cost reports.
func (s *Service) LogLLMCall(ctx context.Context, l *inferra.LLMCallLog) error {
	return s.st.LogLLMCall(ctx, l)
}

// DecisionLogs returns the decision log of one of the user's jobs, oldest
// first: the decision it ran with and its evidence.
func (s *Service) DecisionLogs(ctx context.Context, userID, jobID string) ([]*inferra.DecisionLog, error) {
	return s.st.DecisionLogs(ctx, userID, jobID)
}
