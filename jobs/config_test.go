package jobs_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/inferra/inferra"
	"github.com/inferra/inferra/jobs"
	"github.com/inferra/inferra/store/sqlite"
)

// otherStore is a JobStore of neither kind the queue knows.
type otherStore struct{ inferra.JobStore }

func TestNewRejectsBadConfig(t *testing.T) {
	st := newBackend(t, "sqlite").mustOpen(t)
	for _, tc := range []struct {
		name string
		cfg  jobs.Config
		code string // "" for a plain error
		want string
	}{
		{"no store", jobs.Config{}, "", "Config.Store is required"},
		{"unknown role", jobs.Config{Store: st, Role: "boss"}, inferra.EInvalid, `unknown role "boss"`},
		{"rescue before timeout", jobs.Config{Store: st, JobTimeout: time.Minute, RescueAfter: time.Second}, inferra.EInvalid,
			"JOB_RESCUE_AFTER (1s) must be at least JOB_TIMEOUT (1m0s)"},
		{"store without a queue", jobs.Config{Store: otherStore{st}}, "", "has no queue driver; use store/sqlite or store/postgres"},
	} {
		svc, err := jobs.New(ctx, tc.cfg)
		if svc != nil || err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: New = %v, %v; want an error containing %q", tc.name, svc, err, tc.want)
			continue
		}
		if tc.code != "" && inferra.ErrorCode(err) != tc.code {
			t.Errorf("%s: New error code %q, want %q", tc.name, inferra.ErrorCode(err), tc.code)
		}
	}
}

// TestConfigDefaults checks the defaults New documents, as Config reports
// them.
func TestConfigDefaults(t *testing.T) {
	st := newBackend(t, "sqlite").mustOpen(t)
	svc, err := jobs.New(ctx, jobs.Config{Store: st})
	if err != nil {
		t.Fatal(err)
	}
	c := svc.Config()
	if c.Role != jobs.RoleAll || c.JobTimeout != time.Minute || c.RescueAfter != time.Minute || c.SyncWait != time.Minute ||
		c.Workers != 10 || c.MaxAttempts != 5 || c.PollInterval != 100*time.Millisecond || c.Name == "" || c.Version == "" ||
		c.Logger == nil || c.Now == nil {
		t.Errorf("defaults on SQLite: %+v", c)
	}
	svc, err = jobs.New(ctx, jobs.Config{Store: st, JobTimeout: 5 * time.Minute, Name: "w1", Version: "v9"})
	if err != nil {
		t.Fatal(err)
	}
	if c := svc.Config(); c.RescueAfter != 5*time.Minute || c.SyncWait != 5*time.Minute || c.Name != "w1" || c.Version != "v9" {
		t.Errorf("a longer job timeout raises the rescue delay and the sync wait: %+v", c)
	}
}

// startService builds and starts a service with cfg as given (no default
// Charts hook, unlike newService); the test stops it.
func startService(t *testing.T, cfg jobs.Config) *jobs.Service {
	t.Helper()
	if cfg.Logger == nil {
		cfg.Logger = quietLogger
	}
	svc, err := jobs.New(ctx, cfg)
	if err != nil {
		t.Fatal(err)
	}
	if err := svc.Start(ctx); err != nil {
		t.Fatal(err)
	}
	return svc
}

func stop(t *testing.T, svc *jobs.Service) {
	t.Helper()
	sctx, cancel := context.WithTimeout(ctx, 30*time.Second)
	defer cancel()
	if err := svc.Stop(sctx); err != nil {
		t.Errorf("Stop: %v", err)
	}
}

func TestChartsNotEnabled(t *testing.T) {
	svc := startService(t, jobs.Config{Store: newBackend(t, "sqlite").mustOpen(t)})
	defer stop(t, svc)
	j, err := svc.Submit(ctx, chartRequest("alice", jobs.ModeSync))
	if err != nil {
		t.Fatal(err)
	}
	if j.Status != inferra.JobFailed || j.Error == nil || j.Error.Code != inferra.EUnsupported || !strings.Contains(j.Error.Message, "charts are not enabled") {
		t.Errorf("a chart job without a Charts hook: %s %+v, want failed unsupported", j.Status, j.Error)
	}
	// A test still runs, without a companion chart.
	j, err = svc.Submit(ctx, jobs.SubmitRequest{UserID: "alice", Analysis: "ttest_ind",
		Params: map[string]string{"group": "diet", "value": "weight_loss"}, Dataset: jobs.DatasetInput{CSV: dietCSV(12)}})
	if err != nil || j.Status != inferra.JobSucceeded || len(j.Plots) != 0 {
		t.Errorf("a t-test without a Charts hook: %+v, %v; want succeeded without plots", j, err)
	}
}

func TestSubmitAfterStop(t *testing.T) {
	svc := startService(t, jobs.Config{Store: newBackend(t, "sqlite").mustOpen(t)})
	stop(t, svc)
	_, err := svc.Submit(ctx, jobs.SubmitRequest{UserID: "alice", Analysis: "pearsonr",
		Params: map[string]string{"x": "age", "y": "weight_loss"}, Dataset: jobs.DatasetInput{CSV: dietCSV(12)}})
	if inferra.ErrorCode(err) != inferra.EUnavailable || !strings.Contains(err.Error(), "shutting down") {
		t.Errorf("sync Submit after Stop = %v, want EUnavailable (shutting down)", err)
	}
	// A decision logged after Stop is written at once.
	if err := svc.LogDecision(ctx, "erin", "late?", &inferra.Decision{Analysis: "pearsonr"}); err != nil {
		t.Fatal(err)
	}
	logs, err := svc.DecisionLogs(ctx, "erin", "")
	if err != nil || len(logs) != 1 || logs[0].Source != inferra.SourceRules {
		t.Errorf("decision logged after Stop: %d entries %v (%v), want one from the rules", len(logs), logs, err)
	}
}

func TestWholeDecision(t *testing.T) {
	svc := newService(t, newBackend(t, "sqlite"), jobs.Config{})
	d := &inferra.Decision{Analysis: "ttest_ind", Params: map[string]string{"group": "diet", "value": "weight_loss"}}
	if _, err := svc.Submit(ctx, jobs.SubmitRequest{UserID: "alice", Analysis: "pearsonr", Decision: d,
		Dataset: jobs.DatasetInput{CSV: dietCSV(12)}}); inferra.ErrorCode(err) != inferra.EInvalid || !strings.Contains(err.Error(), "not both") {
		t.Errorf("Submit with an analysis and a decision = %v, want EInvalid", err)
	}
	j, err := svc.Submit(ctx, jobs.SubmitRequest{UserID: "alice", Decision: d, Dataset: jobs.DatasetInput{CSV: dietCSV(12)}})
	if err != nil {
		t.Fatal(err)
	}
	if j.Status != inferra.JobSucceeded || j.Decision.Source != inferra.SourceUser || j.Decision.Library != "stats" || j.Decision.Function != "TTestInd" {
		t.Errorf("whole decision job: %s decision %+v", j.Status, j.Decision)
	}
	if d.Source != "" || d.Library != "" {
		t.Errorf("Submit changed the caller's decision: %+v", d)
	}
	// No params is an empty map, and the analysis then fails on them.
	j, err = svc.Submit(ctx, jobs.SubmitRequest{UserID: "alice", Analysis: "pearsonr", Dataset: jobs.DatasetInput{CSV: dietCSV(12)}})
	if err != nil {
		t.Fatal(err)
	}
	if j.Decision.Params == nil || j.Status != inferra.JobFailed || j.Error.Code != inferra.EInvalid {
		t.Errorf("analysis without params: %s params %v error %+v", j.Status, j.Decision.Params, j.Error)
	}
}

func TestDatasetByURLAndJSON(t *testing.T) {
	const url = "https://data.example.org/diet.csv"
	unreachable := inferra.Errorf(inferra.EUnavailable, "the host did not answer")
	fetch := func(_ context.Context, u string) ([]byte, error) {
		if u == url {
			return dietCSV(16), nil
		}
		return nil, unreachable
	}
	svc := newService(t, newBackend(t, "sqlite"), jobs.Config{Fetch: fetch})
	req := jobs.SubmitRequest{UserID: "alice", Analysis: "pearsonr", Params: map[string]string{"x": "age", "y": "weight_loss"},
		Dataset: jobs.DatasetInput{URL: url}}
	j, err := svc.Submit(ctx, req)
	if err != nil || j.Status != inferra.JobSucceeded || j.Dataset.Name != url || j.Dataset.Rows != 16 {
		t.Errorf("job on a URL dataset: %+v, %v; want succeeded on 16 rows named by the URL", j, err)
	}
	req.Dataset = jobs.DatasetInput{URL: "https://data.example.org/missing.csv"}
	if j, err := svc.Submit(ctx, req); !errors.Is(err, unreachable) || j != nil {
		t.Errorf("Submit when the fetch fails = %v, %v; want the fetch's error and no job", j, err)
	}

	var recs []map[string]any
	for i := range 10 {
		recs = append(recs, map[string]any{"x": i, "y": float64(i*i) + 0.5})
	}
	b, _ := json.Marshal(recs)
	req = jobs.SubmitRequest{UserID: "alice", Analysis: "spearmanr", Params: map[string]string{"x": "x", "y": "y"},
		Dataset: jobs.DatasetInput{CSV: append([]byte("\n  "), b...), Name: "squares.json"}}
	j, err = svc.Submit(ctx, req)
	if err != nil || j.Status != inferra.JobSucceeded || j.Dataset.Rows != 10 {
		t.Fatalf("job on a JSON dataset: %+v, %v", j, err)
	}
	var res map[string]any
	if err := json.Unmarshal(j.Result, &res); err != nil || fmt.Sprint(res["statistic"]) != "1" {
		t.Errorf("Spearman's rho of a monotone JSON dataset: %s (%v), want statistic 1", j.Result, err)
	}
}

func TestPutDatasetErrors(t *testing.T) {
	svc := newService(t, newBackend(t, "sqlite"), jobs.Config{})
	if _, err := svc.PutDataset(ctx, "", "d.csv", dietCSV(5)); inferra.ErrorCode(err) != inferra.EUnauthorized {
		t.Errorf("PutDataset without a user = %v, want EUnauthorized", err)
	}
	if _, err := svc.PutDataset(ctx, "alice", "d.csv", []byte("a,b\n1,2,3\n")); inferra.ErrorCode(err) != inferra.EInvalid {
		t.Errorf("PutDataset of a malformed CSV = %v, want EInvalid", err)
	}
	if _, err := svc.PutDataset(ctx, "alice", "d.json", []byte(`[{"a": {"nested": 1}}]`)); inferra.ErrorCode(err) != inferra.EInvalid {
		t.Errorf("PutDataset of nested JSON = %v, want EInvalid", err)
	}
}

func TestLogDecisionNilAndSource(t *testing.T) {
	svc := newService(t, newBackend(t, "sqlite"), jobs.Config{})
	if err := svc.LogDecision(ctx, "frank", "nothing decided", nil); err != nil {
		t.Errorf("LogDecision(nil) = %v", err)
	}
	if err := svc.LogDecision(ctx, "frank", "by the LLM", &inferra.Decision{Analysis: "kruskal", Source: inferra.SourceLLM}); err != nil {
		t.Fatal(err)
	}
	cctx, cancel := context.WithCancel(ctx)
	cancel()
	// A canceled caller either queued the entry or got its context's error.
	if err := svc.LogDecision(cctx, "frank", "canceled", &inferra.Decision{Analysis: "kruskal"}); err != nil && !errors.Is(err, context.Canceled) {
		t.Errorf("LogDecision(canceled ctx) = %v", err)
	}
	deadline := time.Now().Add(10 * time.Second)
	for {
		logs, err := svc.DecisionLogs(ctx, "frank", "")
		if err != nil {
			t.Fatal(err)
		}
		if len(logs) >= 1 {
			if logs[0].Source != inferra.SourceLLM || logs[0].Analysis != "kruskal" || logs[0].Prompt != "by the LLM" {
				t.Errorf("logged %+v, want the LLM's kruskal decision", logs[0])
			}
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("the decision was not logged within 10 s")
		}
		time.Sleep(20 * time.Millisecond)
	}
}

func TestLogLLMCall(t *testing.T) {
	st := newBackend(t, "sqlite").mustOpen(t)
	svc := newService(t, backend{}, jobs.Config{Store: st})
	l := &inferra.LLMCallLog{UserID: "alice", Model: "m1", PromptTokens: 120, CompletionTokens: 30, Status: "ok"}
	if err := svc.LogLLMCall(ctx, l); err != nil {
		t.Fatal(err)
	}
	var model string
	var tokens int
	err := st.(*sqlite.Store).DB().QueryRowContext(ctx,
		`select model, prompt_tokens + completion_tokens from llm_call_logs where id = ?`, l.ID).Scan(&model, &tokens)
	if err != nil || model != "m1" || tokens != 150 {
		t.Errorf("llm_call_logs row = %q %d (%v), want m1 with 150 tokens", model, tokens, err)
	}
}

// TestHealthOfAClosedStore checks that Health reports, not hides, a store
// that no longer answers.
func TestHealthOfAClosedStore(t *testing.T) {
	st := newBackend(t, "sqlite").mustOpen(t)
	svc := startService(t, jobs.Config{Store: st, Role: jobs.RoleAPI})
	if h := svc.Health(ctx); !h.OK || h.Store != "ok" || h.Queue != "ok" || h.JobCounts == nil {
		t.Errorf("Health of an open store = %+v", h)
	}
	stop(t, svc)
	st.Close()
	h := svc.Health(ctx)
	if h.OK || h.Store == "ok" || h.Queue == "ok" || h.JobCounts != nil {
		t.Errorf("Health of a closed store = %+v, want not OK with the store's and the queue's errors", h)
	}
}

func TestSubmitTxBadRequest(t *testing.T) {
	st := newBackend(t, "sqlite").mustOpen(t)
	svc := newService(t, backend{}, jobs.Config{Store: st})
	err := st.InTx(ctx, func(tx inferra.JobTx) error {
		_, err := svc.SubmitTx(ctx, tx, jobs.SubmitRequest{UserID: "alice", Dataset: jobs.DatasetInput{CSV: dietCSV(5)}})
		return err
	})
	if inferra.ErrorCode(err) != inferra.EInvalid {
		t.Errorf("SubmitTx without a question = %v, want EInvalid", err)
	}
}

// TestAwaitWithoutWorker submits sync jobs to an API-only service that no
// worker serves: Submit returns the job still queued once SyncWait passes
// or the caller's context ends, without an error.
func TestAwaitWithoutWorker(t *testing.T) {
	st := newBackend(t, "sqlite").mustOpen(t)
	api := newService(t, backend{}, jobs.Config{Store: st, Role: jobs.RoleAPI, JobTimeout: time.Second, SyncWait: 100 * time.Millisecond})
	req := jobs.SubmitRequest{UserID: "alice", Analysis: "pearsonr", Params: map[string]string{"x": "age", "y": "weight_loss"},
		Dataset: jobs.DatasetInput{CSV: dietCSV(12)}}
	start := time.Now()
	j, err := api.Submit(ctx, req)
	if err != nil || j.Status != inferra.JobQueued || time.Since(start) < 100*time.Millisecond {
		t.Errorf("sync Submit past SyncWait without a worker = %+v, %v after %v; want it queued after 100ms", j, err, time.Since(start))
	}
	api = newService(t, backend{}, jobs.Config{Store: st, Role: jobs.RoleAPI, JobTimeout: time.Hour})
	// Room enough for the submit itself under the race detector on a
	// loaded machine; the wait for a worker then ends with the context.
	cctx, cancel := context.WithTimeout(ctx, 3*time.Second)
	defer cancel()
	j, err = api.Submit(cctx, req)
	if err != nil || j == nil || j.Status != inferra.JobQueued || cctx.Err() == nil {
		t.Fatalf("sync Submit whose context ends first = %+v, %v; want it queued, returned once the context ended", j, err)
	}
	if got, err := api.Get(ctx, "alice", j.ID); err != nil || got.Status != inferra.JobQueued {
		t.Errorf("the job after Submit returned: %+v, %v; want it stored and queued", got, err)
	}
}

// TestPermanentStoreFailureFailsTheJob: when the worker cannot read a
// job's dataset for a reason that is not transient (here its table is
// gone), the job fails with an internal error rather than being retried
// forever, and the error does not leak the store's message.
func TestPermanentStoreFailureFailsTheJob(t *testing.T) {
	st := newBackend(t, "sqlite").mustOpen(t)
	api := newService(t, backend{}, jobs.Config{Store: st, Role: jobs.RoleAPI})
	j, err := api.Submit(ctx, jobs.SubmitRequest{UserID: "alice", Mode: jobs.ModeAsync, Analysis: "pearsonr",
		Params: map[string]string{"x": "age", "y": "weight_loss"}, Dataset: jobs.DatasetInput{CSV: dietCSV(12)}})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := st.(*sqlite.Store).DB().ExecContext(ctx, `alter table datasets rename to datasets_gone`); err != nil {
		t.Fatal(err)
	}
	newService(t, backend{}, jobs.Config{Store: st, Role: jobs.RoleWorker, PollInterval: 20 * time.Millisecond})
	j = waitFor(t, api, "alice", j.ID, 30*time.Second)
	if j.Status != inferra.JobFailed || j.Error == nil || j.Error.Code != inferra.EInternal || strings.Contains(j.Error.Message, "datasets") {
		t.Errorf("job whose dataset cannot be read: %s %+v, want failed with a plain internal error", j.Status, j.Error)
	}
	if j.Attempt != 1 {
		t.Errorf("the job ran %d times, want once (a permanent failure is not retried)", j.Attempt)
	}
}
