package jobs_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"math/rand/v2"
	"os"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/inferra/inferra"
	"github.com/inferra/inferra/decision"
	"github.com/inferra/inferra/jobs"
	"github.com/inferra/inferra/load"
	"github.com/inferra/inferra/stats"
)

// dietCSV is a two-group dataset with a clear difference.
func dietCSV(n int) []byte {
	r := rand.New(rand.NewPCG(1, 2))
	var b strings.Builder
	b.WriteString("diet,weight_loss,age\n")
	for i := range n {
		g, shift := "control", 0.0
		if i%2 == 1 {
			g, shift = "new", 2.5
		}
		fmt.Fprintf(&b, "%s,%.3f,%d\n", g, shift+r.NormFloat64()*2, 20+i%40)
	}
	return []byte(b.String())
}

// quickChart is a Charts hook that draws a fake PNG at once.
// quickChart is a Charts hook as the server's: the chart of a chart
// analysis with its facts, a boxplot beside a two-group t-test, nothing
// beside other tests.
func quickChart(_ context.Context, ds *inferra.Dataset, analysis string, _ map[string]string) ([]jobs.Chart, error) {
	data := []byte("\x89PNG " + ds.SHA256[:8])
	switch analysis {
	case "boxplot", "scatter", "histogram", "kde", "regplot":
		return []jobs.Chart{{Name: analysis, ContentType: "image/png", Data: data,
			Stats: map[string]int{"n": ds.Rows()}, Report: "A " + analysis + ".", RowsUsed: ds.Rows()}}, nil
	case "ttest_ind":
		return []jobs.Chart{{Name: "boxplot", ContentType: "image/png", Data: data}}, nil
	}
	return nil, nil
}

// newService builds and starts a service on b, stopped at the end.
func newService(t *testing.T, b backend, cfg jobs.Config) *jobs.Service {
	t.Helper()
	if cfg.Store == nil {
		cfg.Store = b.mustOpen(t)
	}
	if cfg.Charts == nil {
		cfg.Charts = quickChart
	}
	if cfg.Logger == nil {
		cfg.Logger = quietLogger
	}
	ctx := context.Background()
	svc, err := jobs.New(ctx, cfg)
	if err != nil {
		t.Fatal(err)
	}
	if err := svc.Start(ctx); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		sctx, cancel := context.WithTimeout(ctx, 30*time.Second)
		defer cancel()
		if err := svc.Stop(sctx); err != nil {
			t.Errorf("Stop: %v", err)
		}
	})
	return svc
}

// waitFor polls a job until it reaches a terminal state.
func waitFor(t *testing.T, svc *jobs.Service, user, id string, d time.Duration) *inferra.Job {
	t.Helper()
	deadline := time.Now().Add(d)
	for {
		j, err := svc.Get(context.Background(), user, id)
		if err != nil {
			t.Fatalf("Get(%s): %v", id, err)
		}
		if j.Status.Terminal() || time.Now().After(deadline) {
			return j
		}
		time.Sleep(20 * time.Millisecond)
	}
}

var ctx = context.Background()

// quietLogger logs warnings and errors only: River's start and stop
// notices would drown the test output.
var quietLogger = slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: slog.LevelWarn}))

func TestSubmitSync(t *testing.T) {
	forEachStore(t, func(t *testing.T, b backend) {
		svc := newService(t, b, jobs.Config{})
		csv := dietCSV(40)
		j, err := svc.Submit(ctx, jobs.SubmitRequest{UserID: "alice", Analysis: "ttest_ind",
			Params: map[string]string{"group": "diet", "value": "weight_loss"}, Dataset: jobs.DatasetInput{CSV: csv, Name: "diet.csv"}})
		if err != nil {
			t.Fatal(err)
		}
		if j.Status != inferra.JobSucceeded {
			t.Fatalf("sync job status %s (error %+v), want succeeded", j.Status, j.Error)
		}
		ds, _ := load.ParseCSV(csv, load.Options{})
		want, err := stats.Run(ctx, ds, "ttest_ind", map[string]string{"group": "diet", "value": "weight_loss"})
		if err != nil {
			t.Fatal(err)
		}
		wantJSON, _ := json.Marshal(want.Stats)
		if string(j.Result) != string(wantJSON) || j.Report != want.Report {
			t.Errorf("result %s, report %q; want stats.Run's %s, %q", j.Result, j.Report, wantJSON, want.Report)
		}
		if j.Provenance == nil || j.Provenance.DatasetSHA256 != ds.SHA256 || j.Provenance.RowsUsed != 40 || j.Dataset.Rows != 40 || j.Dataset.ID == "" {
			t.Errorf("provenance %+v dataset %+v, want the dataset's digest and 40 rows", j.Provenance, j.Dataset)
		}
		if j.Attempt != 1 || j.FinishedAt == nil || j.Decision.Source != inferra.SourceUser || j.Decision.Function != "TTestInd" {
			t.Errorf("attempt %d finished %v decision %+v", j.Attempt, j.FinishedAt, j.Decision)
		}
		// What was returned is what is stored.
		got, err := svc.Get(ctx, "alice", j.ID)
		if err != nil {
			t.Fatal(err)
		}
		if got.Status != inferra.JobSucceeded || got.Report != j.Report {
			t.Errorf("stored job %s %q, want the returned one", got.Status, got.Report)
		}
		// The safety-net queue entry went with the result.
		if h := svc.Health(ctx); !h.OK || h.QueueDepth != 0 {
			t.Errorf("Health = %+v, want ok and an empty queue", h)
		}
		logs, err := b.mustOpen(t).DecisionLogs(ctx, "alice", j.ID)
		if err != nil || len(logs) != 1 || logs[0].Source != inferra.SourceUser || logs[0].Analysis != "ttest_ind" {
			t.Errorf("decision logs %+v, %v; want one user entry", logs, err)
		}
	})
}

func TestSubmitAsyncPrompt(t *testing.T) {
	forEachStore(t, func(t *testing.T, b backend) {
		svc := newService(t, b, jobs.Config{})
		j, err := svc.Submit(ctx, jobs.SubmitRequest{UserID: "alice", Mode: jobs.ModeAsync,
			Prompt: "Do people on the new diet lose more weight than the control group?", Dataset: jobs.DatasetInput{CSV: dietCSV(30)}})
		if err != nil {
			t.Fatal(err)
		}
		if j.Status != inferra.JobQueued {
			t.Errorf("async job status %s, want queued", j.Status)
		}
		j = waitFor(t, svc, "alice", j.ID, 30*time.Second)
		if j.Status != inferra.JobSucceeded || j.Decision == nil || j.Decision.Source != inferra.SourceRules || j.Decision.Analysis == "" {
			t.Fatalf("job %s decision %+v error %+v, want succeeded by the rules", j.Status, j.Decision, j.Error)
		}
		logs, err := b.mustOpen(t).DecisionLogs(ctx, "alice", j.ID)
		if err != nil || len(logs) != 1 || logs[0].Source != inferra.SourceRules || len(logs[0].Decision.Evidence) == 0 {
			t.Errorf("decision logs %+v, %v; want one rules entry with evidence", logs, err)
		}

		// A prompt the rules cannot answer ends as no_decision, with a question.
		j, err = svc.Submit(ctx, jobs.SubmitRequest{UserID: "alice", Prompt: "hello there", Dataset: jobs.DatasetInput{CSV: dietCSV(30)}})
		if err != nil {
			t.Fatal(err)
		}
		if j.Status != inferra.JobNoDecision || j.Decision == nil || j.Decision.Question == "" || j.Result != nil {
			t.Errorf("job %s decision %+v, want no_decision with a question", j.Status, j.Decision)
		}
		// DecisionOnly stops after deciding.
		j, err = svc.Submit(ctx, jobs.SubmitRequest{UserID: "alice", DecisionOnly: true,
			Prompt: "Do people on the new diet lose more weight than the control group?", Dataset: jobs.DatasetInput{CSV: dietCSV(30)}})
		if err != nil {
			t.Fatal(err)
		}
		if j.Status != inferra.JobSucceeded || j.Decision.Analysis == "" || j.Result != nil {
			t.Errorf("decision-only job %s %+v result %s, want succeeded with a decision and no result", j.Status, j.Decision, j.Result)
		}
	})
}

func TestBadRequests(t *testing.T) {
	forEachStore(t, func(t *testing.T, b backend) {
		svc := newService(t, b, jobs.Config{})
		csv := dietCSV(10)
		for _, tc := range []struct {
			name string
			req  jobs.SubmitRequest
			code string
		}{
			{"no user", jobs.SubmitRequest{Prompt: "x", Dataset: jobs.DatasetInput{CSV: csv}}, inferra.EUnauthorized},
			{"no dataset", jobs.SubmitRequest{UserID: "u", Prompt: "x"}, inferra.EInvalid},
			{"two datasets", jobs.SubmitRequest{UserID: "u", Prompt: "x", Dataset: jobs.DatasetInput{CSV: csv, ID: "y"}}, inferra.EInvalid},
			{"no question", jobs.SubmitRequest{UserID: "u", Dataset: jobs.DatasetInput{CSV: csv}}, inferra.EInvalid},
			{"malformed CSV", jobs.SubmitRequest{UserID: "u", Prompt: "x", Dataset: jobs.DatasetInput{CSV: []byte("a,b\n1,2,3\n\"x")}}, inferra.EInvalid},
			{"unknown analysis", jobs.SubmitRequest{UserID: "u", Analysis: "anova9", Dataset: jobs.DatasetInput{CSV: csv}}, inferra.EUnsupported},
			{"bad mode", jobs.SubmitRequest{UserID: "u", Prompt: "x", Mode: "later", Dataset: jobs.DatasetInput{CSV: csv}}, inferra.EInvalid},
			{"unknown dataset", jobs.SubmitRequest{UserID: "u", Prompt: "x", Dataset: jobs.DatasetInput{ID: "6f1c1f4e-3d2b-4c1a-9f0e-0a1b2c3d4e5f"}}, inferra.ENotFound},
			{"URL without fetcher", jobs.SubmitRequest{UserID: "u", Prompt: "x", Dataset: jobs.DatasetInput{URL: "https://example.org/x.csv"}}, inferra.EInvalid},
		} {
			j, err := svc.Submit(ctx, tc.req)
			if code := inferra.ErrorCode(err); code != tc.code || j != nil {
				t.Errorf("%s: Submit = %v, %v (code %q), want no job and code %q", tc.name, j, err, code, tc.code)
			}
		}
		if jl, _, _ := svc.List(ctx, "u", jobs.ListFilter{}); len(jl) != 0 {
			t.Errorf("bad requests created %d jobs", len(jl))
		}
		// A column the dataset lacks is the job's failure, recorded.
		j, err := svc.Submit(ctx, jobs.SubmitRequest{UserID: "u", Analysis: "ttest_ind",
			Params: map[string]string{"group": "diet", "value": "wieght_loss"}, Dataset: jobs.DatasetInput{CSV: csv}})
		if err != nil {
			t.Fatal(err)
		}
		if j.Status != inferra.JobFailed || j.Error == nil || j.Error.Code != inferra.EInvalid || j.Result != nil {
			t.Errorf("job %s error %+v, want failed with invalid_input", j.Status, j.Error)
		}
	})
}

func TestUploadedDataset(t *testing.T) {
	forEachStore(t, func(t *testing.T, b backend) {
		svc := newService(t, b, jobs.Config{})
		info, err := svc.PutDataset(ctx, "alice", "diet.csv", dietCSV(20))
		if err != nil {
			t.Fatal(err)
		}
		if info.Schema.Rows != 20 || len(info.Schema.Columns) != 3 {
			t.Errorf("dataset schema %+v, want 20 rows and 3 columns", info.Schema)
		}
		again, err := svc.GetDataset(ctx, "alice", info.ID)
		if err != nil || again.SHA256 != info.SHA256 {
			t.Errorf("GetDataset = %+v, %v", again, err)
		}
		if _, err := svc.GetDataset(ctx, "bob", info.ID); inferra.ErrorCode(err) != inferra.ENotFound {
			t.Errorf("GetDataset(bob) = %v, want not found", err)
		}
		j, err := svc.Submit(ctx, jobs.SubmitRequest{UserID: "alice", Mode: jobs.ModeAsync, Analysis: "pearsonr",
			Params: map[string]string{"x": "age", "y": "weight_loss"}, Dataset: jobs.DatasetInput{ID: info.ID}})
		if err != nil {
			t.Fatal(err)
		}
		j = waitFor(t, svc, "alice", j.ID, 30*time.Second)
		if j.Status != inferra.JobSucceeded || j.Dataset.ID != info.ID {
			t.Errorf("job on an uploaded dataset: %s %+v, dataset %+v", j.Status, j.Error, j.Dataset)
		}
		if _, err := svc.Submit(ctx, jobs.SubmitRequest{UserID: "bob", Analysis: "pearsonr",
			Params: map[string]string{"x": "age", "y": "weight_loss"}, Dataset: jobs.DatasetInput{ID: info.ID}}); inferra.ErrorCode(err) != inferra.ENotFound {
			t.Errorf("bob submitting on alice's dataset: %v, want not found", err)
		}
	})
}

func TestScopeListDeletePlots(t *testing.T) {
	forEachStore(t, func(t *testing.T, b backend) {
		svc := newService(t, b, jobs.Config{})
		var ids []string
		for range 3 {
			j, err := svc.Submit(ctx, jobs.SubmitRequest{UserID: "alice", Analysis: "boxplot",
				Params: map[string]string{"group": "diet", "value": "weight_loss"}, Dataset: jobs.DatasetInput{CSV: dietCSV(12)}})
			if err != nil {
				t.Fatal(err)
			}
			if j.Status != inferra.JobSucceeded || len(j.Plots) != 1 || j.Plots[0].Name != "boxplot" {
				t.Fatalf("chart job %s plots %+v error %+v", j.Status, j.Plots, j.Error)
			}
			ids = append(ids, j.ID)
		}
		ct, data, err := svc.Plot(ctx, "alice", ids[0], "boxplot")
		if err != nil || ct != "image/png" || !strings.HasPrefix(string(data), "\x89PNG") {
			t.Errorf("Plot = %q, %d bytes, %v", ct, len(data), err)
		}
		for _, call := range []func() error{
			func() error { _, err := svc.Get(ctx, "bob", ids[0]); return err },
			func() error { _, err := svc.Cancel(ctx, "bob", ids[0]); return err },
			func() error { return svc.Delete(ctx, "bob", ids[0]) },
			func() error { _, _, err := svc.Plot(ctx, "bob", ids[0], "boxplot"); return err },
		} {
			if err := call(); inferra.ErrorCode(err) != inferra.ENotFound {
				t.Errorf("bob reaching alice's job: %v, want not found", err)
			}
		}
		page, next, err := svc.List(ctx, "alice", jobs.ListFilter{Limit: 2})
		if err != nil || len(page) != 2 || next == "" || page[0].ID != ids[2] {
			t.Fatalf("List(limit 2) = %d jobs, next %q, %v; want the 2 newest", len(page), next, err)
		}
		rest, next, err := svc.List(ctx, "alice", jobs.ListFilter{Limit: 2, Cursor: next})
		if err != nil || len(rest) != 1 || next != "" || rest[0].ID != ids[0] {
			t.Errorf("List(page 2) = %d jobs, next %q, %v; want the oldest", len(rest), next, err)
		}
		if err := svc.Delete(ctx, "alice", ids[0]); err != nil {
			t.Fatal(err)
		}
		if _, _, err := svc.Plot(ctx, "alice", ids[0], "boxplot"); inferra.ErrorCode(err) != inferra.ENotFound {
			t.Errorf("Plot of a deleted job: %v, want not found", err)
		}
		if _, err := svc.Get(ctx, "alice", ids[0]); inferra.ErrorCode(err) != inferra.ENotFound {
			t.Errorf("Get of a deleted job: %v, want not found", err)
		}
	})
}

// blockingChart blocks until its context ends, after signalling started,
// when it draws a chart analysis; a test's companion chart (the hook is
// called for every analysis) is drawn at once, so a test's job is not held
// up.
func blockingChart(started chan<- string) func(context.Context, *inferra.Dataset, string, map[string]string) ([]jobs.Chart, error) {
	return func(ctx context.Context, ds *inferra.Dataset, analysis string, params map[string]string) ([]jobs.Chart, error) {
		if a, ok := decision.LookupAnalysis(analysis); !ok || a.Library != "plots" {
			return quickChart(ctx, ds, analysis, params) // a test's companion draws at once
		}
		select {
		case started <- "started":
		default:
		}
		<-ctx.Done()
		return nil, ctx.Err()
	}
}

func chartRequest(user, mode string) jobs.SubmitRequest {
	return jobs.SubmitRequest{UserID: user, Mode: mode, Analysis: "histogram",
		Params: map[string]string{"x": "weight_loss"}, Dataset: jobs.DatasetInput{CSV: dietCSV(12)}}
}

func TestCancel(t *testing.T) {
	forEachStore(t, func(t *testing.T, b backend) {
		st := b.mustOpen(t)
		started := make(chan string, 1)
		// An API-only service queues but does not work: the job waits.
		api := newService(t, b, jobs.Config{Store: st, Role: jobs.RoleAPI})
		q, err := api.Submit(ctx, chartRequest("alice", jobs.ModeAsync))
		if err != nil {
			t.Fatal(err)
		}
		c, err := api.Cancel(ctx, "alice", q.ID)
		if err != nil || c.Status != inferra.JobCanceled || c.Error == nil || c.Error.Code != inferra.ECanceled {
			t.Fatalf("Cancel(queued) = %+v, %v; want canceled", c, err)
		}
		// A worker now starts: the canceled job stays canceled, and a
		// running one is canceled mid-way.
		w := newService(t, b, jobs.Config{Store: st, Role: jobs.RoleWorker, Charts: blockingChart(started)})
		r, err := api.Submit(ctx, chartRequest("alice", jobs.ModeAsync))
		if err != nil {
			t.Fatal(err)
		}
		select {
		case <-started:
		case <-time.After(30 * time.Second):
			t.Fatal("the worker did not start the job")
		}
		// A polling client sees the stage the job is in.
		deadline := time.Now().Add(5 * time.Second)
		for {
			got, _ := w.Get(ctx, "alice", r.ID)
			if got.Status != inferra.JobRunning || got.Attempt != 1 {
				t.Fatalf("job in the worker is %s attempt %d, want running attempt 1", got.Status, got.Attempt)
			}
			if got.Progress == inferra.StagePlotting {
				break
			}
			if time.Now().After(deadline) {
				t.Fatalf("a job blocked in its chart shows progress %q, want %q", got.Progress, inferra.StagePlotting)
			}
			time.Sleep(10 * time.Millisecond)
		}
		c, err = api.Cancel(ctx, "alice", r.ID)
		if err != nil || c.Status != inferra.JobCanceled {
			t.Fatalf("Cancel(running) = %+v, %v", c, err)
		}
		time.Sleep(300 * time.Millisecond)
		for _, id := range []string{q.ID, r.ID} {
			j, _ := w.Get(ctx, "alice", id)
			if j.Status != inferra.JobCanceled || j.Result != nil {
				t.Errorf("job %s is %s with result %s, want canceled and none", id, j.Status, j.Result)
			}
		}
		// Canceling a finished job changes nothing.
		again, err := api.Cancel(ctx, "alice", q.ID)
		if err != nil || again.Status != inferra.JobCanceled {
			t.Errorf("second Cancel = %+v, %v", again, err)
		}
	})
}

func TestTimeout(t *testing.T) {
	forEachStore(t, func(t *testing.T, b backend) {
		started := make(chan string, 4)
		svc := newService(t, b, jobs.Config{JobTimeout: 500 * time.Millisecond, RescueAfter: time.Minute, Charts: blockingChart(started)})
		for _, mode := range []string{jobs.ModeSync, jobs.ModeAsync} {
			j, err := svc.Submit(ctx, chartRequest("alice", mode))
			if err != nil {
				t.Fatal(err)
			}
			j = waitFor(t, svc, "alice", j.ID, 30*time.Second)
			if j.Status != inferra.JobFailed || j.Error == nil || j.Error.Code != inferra.ETimeout || !strings.Contains(j.Error.Message, "timeout") {
				t.Errorf("%s job past its timeout: %s %+v, want failed with a timeout error", mode, j.Status, j.Error)
			}
			if j.Attempt != 1 {
				t.Errorf("%s job past its timeout ran %d times, want once (a timeout is not retried)", mode, j.Attempt)
			}
		}
	})
}

func TestSyncWaitReturnsRunning(t *testing.T) {
	forEachStore(t, func(t *testing.T, b backend) {
		started := make(chan string, 1)
		svc := newService(t, b, jobs.Config{JobTimeout: 2 * time.Second, SyncWait: 100 * time.Millisecond, Charts: blockingChart(started)})
		j, err := svc.Submit(ctx, chartRequest("alice", jobs.ModeSync))
		if err != nil {
			t.Fatal(err)
		}
		if j.Status != inferra.JobRunning {
			t.Errorf("sync job past SyncWait is %s, want running", j.Status)
		}
		if _, err := svc.Cancel(ctx, "alice", j.ID); err != nil {
			t.Fatal(err)
		}
		if j = waitFor(t, svc, "alice", j.ID, 10*time.Second); j.Status != inferra.JobCanceled {
			t.Errorf("canceled sync job is %s", j.Status)
		}
	})
}

func TestSubmitTxRollback(t *testing.T) {
	forEachStore(t, func(t *testing.T, b backend) {
		st := b.mustOpen(t)
		svc := newService(t, b, jobs.Config{Store: st})
		var id string
		rollback := errors.New("rollback")
		err := st.InTx(ctx, func(tx inferra.JobTx) error {
			j, err := svc.SubmitTx(ctx, tx, jobs.SubmitRequest{UserID: "alice", Analysis: "pearsonr",
				Params: map[string]string{"x": "age", "y": "weight_loss"}, Dataset: jobs.DatasetInput{CSV: dietCSV(10)}})
			if err != nil {
				return err
			}
			id = j.ID
			return rollback
		})
		if !errors.Is(err, rollback) {
			t.Fatalf("InTx = %v", err)
		}
		if _, err := svc.Get(ctx, "alice", id); inferra.ErrorCode(err) != inferra.ENotFound {
			t.Errorf("Get(rolled back job) = %v, want not found", err)
		}
		if h := svc.Health(ctx); h.QueueDepth != 0 {
			t.Errorf("a rolled-back submit left %d queue entries", h.QueueDepth)
		}
	})
}

// TestThroughPooler runs sync, async and cancel with the simple protocol,
// as through a transaction pooler; River then polls instead of LISTEN.
func TestThroughPooler(t *testing.T) {
	b := newBackend(t, "pooler")
	started := make(chan string, 1)
	svc := newService(t, b, jobs.Config{PollInterval: 50 * time.Millisecond, Charts: blockingChart(started)})
	j, err := svc.Submit(ctx, jobs.SubmitRequest{UserID: "alice", Analysis: "ttest_ind",
		Params: map[string]string{"group": "diet", "value": "weight_loss"}, Dataset: jobs.DatasetInput{CSV: dietCSV(20)}})
	if err != nil || j.Status != inferra.JobSucceeded {
		t.Fatalf("sync through the pooler: %+v, %v", j, err)
	}
	j, err = svc.Submit(ctx, jobs.SubmitRequest{UserID: "alice", Mode: jobs.ModeAsync, Prompt: "Do people on the new diet lose more weight than the control group?",
		Dataset: jobs.DatasetInput{CSV: dietCSV(20)}})
	if err != nil {
		t.Fatal(err)
	}
	if j = waitFor(t, svc, "alice", j.ID, 30*time.Second); j.Status != inferra.JobSucceeded {
		t.Errorf("async through the pooler: %s %+v", j.Status, j.Error)
	}
	j, err = svc.Submit(ctx, chartRequest("alice", jobs.ModeAsync))
	if err != nil {
		t.Fatal(err)
	}
	select {
	case <-started:
	case <-time.After(30 * time.Second):
		t.Fatal("the chart job did not start")
	}
	if _, err := svc.Cancel(ctx, "alice", j.ID); err != nil {
		t.Fatal(err)
	}
	if j = waitFor(t, svc, "alice", j.ID, 10*time.Second); j.Status != inferra.JobCanceled {
		t.Errorf("canceled job through the pooler: %s", j.Status)
	}
}

// TestAPIRoleSync submits a sync job to an API-only service: a worker
// elsewhere runs it, and Submit waits for the result.
func TestAPIRoleSync(t *testing.T) {
	forEachStore(t, func(t *testing.T, b backend) {
		st := b.mustOpen(t)
		api := newService(t, b, jobs.Config{Store: st, Role: jobs.RoleAPI})
		newService(t, b, jobs.Config{Store: st, Role: jobs.RoleWorker, PollInterval: 20 * time.Millisecond})
		j, err := api.Submit(ctx, jobs.SubmitRequest{UserID: "alice", Analysis: "spearmanr",
			Params: map[string]string{"x": "age", "y": "weight_loss"}, Dataset: jobs.DatasetInput{CSV: dietCSV(20)}})
		if err != nil {
			t.Fatal(err)
		}
		if j.Status != inferra.JobSucceeded || j.Attempt != 1 || j.Result == nil {
			t.Errorf("sync job through an API-only service: %s attempt %d error %+v, want succeeded", j.Status, j.Attempt, j.Error)
		}
		if h := api.Health(ctx); h.Role != jobs.RoleAPI || !h.OK {
			t.Errorf("Health = %+v", h)
		}
	})
}

// TestChartsBesideTests checks that a chart analysis's job carries the
// chart's facts as its result, that a test's job carries its companion
// chart, and that a companion that cannot be drawn leaves the test's
// result standing.
func TestChartsBesideTests(t *testing.T) {
	forEachStore(t, func(t *testing.T, b backend) {
		svc := newService(t, b, jobs.Config{})
		j, err := svc.Submit(ctx, jobs.SubmitRequest{UserID: "alice", Analysis: "histogram",
			Params: map[string]string{"x": "weight_loss"}, Dataset: jobs.DatasetInput{CSV: dietCSV(12)}})
		if err != nil {
			t.Fatal(err)
		}
		if j.Status != inferra.JobSucceeded || string(j.Result) != `{"n":12}` || j.Report != "A histogram." || j.Provenance.RowsUsed != 12 {
			t.Errorf("histogram job: %s result %s report %q rows %d", j.Status, j.Result, j.Report, j.Provenance.RowsUsed)
		}
		j, err = svc.Submit(ctx, jobs.SubmitRequest{UserID: "alice", Analysis: "ttest_ind",
			Params: map[string]string{"group": "diet", "value": "weight_loss"}, Dataset: jobs.DatasetInput{CSV: dietCSV(12)}})
		if err != nil {
			t.Fatal(err)
		}
		if j.Status != inferra.JobSucceeded || len(j.Plots) != 1 || j.Plots[0].Name != "boxplot" || len(j.Result) < 10 {
			t.Fatalf("t-test job: %s plots %+v result %s", j.Status, j.Plots, j.Result)
		}
		if _, data, err := svc.Plot(ctx, "alice", j.ID, "boxplot"); err != nil || len(data) == 0 {
			t.Errorf("the companion chart is not stored: %v", err)
		}

		broken := newService(t, b, jobs.Config{Charts: func(context.Context, *inferra.Dataset, string, map[string]string) ([]jobs.Chart, error) {
			return nil, inferra.Errorf(inferra.EInvalid, "cannot draw")
		}})
		j, err = broken.Submit(ctx, jobs.SubmitRequest{UserID: "alice", Analysis: "ttest_ind",
			Params: map[string]string{"group": "diet", "value": "weight_loss"}, Dataset: jobs.DatasetInput{CSV: dietCSV(12)}})
		if err != nil {
			t.Fatal(err)
		}
		if j.Status != inferra.JobSucceeded || len(j.Plots) != 0 || len(j.Result) < 10 {
			t.Errorf("t-test with a broken chart: %s plots %+v result %s error %+v", j.Status, j.Plots, j.Result, j.Error)
		}
	})
}

// TestLogDecisionWithoutJob logs decisions from several goroutines and
// finds every one in the store, scoped by user.
func TestLogDecisionWithoutJob(t *testing.T) {
	forEachStore(t, func(t *testing.T, b backend) {
		svc := newService(t, b, jobs.Config{})
		const per, workers = 150, 4
		var wg sync.WaitGroup
		for w := range workers {
			wg.Go(func() {
				for i := range per {
					d := &inferra.Decision{Analysis: "pearsonr", Source: inferra.SourceRules, Params: map[string]string{"x": "a", "y": "b"},
						Evidence: []string{fmt.Sprintf("worker %d item %d", w, i)}}
					if err := svc.LogDecision(ctx, "carol", "is a related to b?", d); err != nil {
						t.Error(err)
						return
					}
				}
			})
		}
		wg.Wait()
		deadline := time.Now().Add(10 * time.Second)
		for {
			logs, err := svc.DecisionLogs(ctx, "carol", "")
			if err != nil {
				t.Fatal(err)
			}
			if len(logs) == per*workers {
				if logs[0].Decision == nil || logs[0].Decision.Analysis != "pearsonr" || logs[0].Prompt != "is a related to b?" {
					t.Errorf("first entry: %+v", logs[0])
				}
				break
			}
			if time.Now().After(deadline) {
				t.Fatalf("%d of %d decisions logged after 10 s", len(logs), per*workers)
			}
			time.Sleep(20 * time.Millisecond)
		}
		if logs, err := svc.DecisionLogs(ctx, "dave", ""); err != nil || len(logs) != 0 {
			t.Errorf("another user sees %d decisions (%v)", len(logs), err)
		}
	})
}
