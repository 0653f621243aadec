package storetest

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"net/url"
	"os"
	"reflect"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/inferra/inferra"
	"github.com/inferra/inferra/load"
	"github.com/inferra/inferra/store"
	"github.com/jackc/pgx/v5"
)

// Run runs the conformance suite against stores made by open, which is
// called once per subtest and must return a migrated, empty store (the
// suite closes it).
func Run(t *testing.T, open func(t *testing.T) inferra.JobStore) {
	tests := []struct {
		name string
		f    func(*testing.T, inferra.JobStore)
	}{
		{"CreateGet", testCreateGet},
		{"UserScope", testUserScope},
		{"Update", testUpdate},
		{"Progress", testProgress},
		{"List", testList},
		{"ListFilters", testListFilters},
		{"DeletePlots", testDeletePlots},
		{"Datasets", testDatasets},
		{"Logs", testLogs},
		{"Tx", testTx},
		{"Concurrent", testConcurrent},
		{"MigrateTwice", testMigrateTwice},
		{"CountJobs", testCountJobs},
		{"CountActiveJobs", testCountActiveJobs},
		{"TokenQuota", testTokenQuota},
		{"Text", testText},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s := open(t)
			t.Cleanup(func() { s.Close() })
			tc.f(t, s)
		})
	}
}

// PostgresURL returns TEST_DATABASE_URL. Without it the test is skipped,
// except in CI (CI=true or INFERRA_CI=1), where it fails: CI always runs
// the PostgreSQL tests.
func PostgresURL(t testing.TB) string {
	t.Helper()
	u := os.Getenv("TEST_DATABASE_URL")
	if u == "" {
		if InCI() {
			t.Fatal("TEST_DATABASE_URL is not set, and CI must run the PostgreSQL tests")
		}
		t.Skip("TEST_DATABASE_URL is not set")
	}
	return u
}

// InCI reports whether the tests run in CI.
func InCI() bool {
	return os.Getenv("CI") == "true" || os.Getenv("INFERRA_CI") == "1"
}

// SchemaName returns a fresh schema name for one test's tables.
func SchemaName() string {
	var b [6]byte
	_, _ = rand.Read(b[:])
	return "inferra_t_" + hex.EncodeToString(b[:])
}

var ctx = context.Background()

func newJob(user string) *inferra.Job {
	return &inferra.Job{ID: store.NewID(), UserID: user, Status: inferra.JobQueued, Prompt: "Does diet change weight?"}
}

func mustCreate(t *testing.T, s inferra.JobTx, j *inferra.Job) {
	t.Helper()
	if err := s.CreateJob(ctx, j); err != nil {
		t.Fatalf("CreateJob: %v", err)
	}
}

func mustGet(t *testing.T, s inferra.JobTx, user, id string) *inferra.Job {
	t.Helper()
	j, err := s.GetJob(ctx, user, id)
	if err != nil {
		t.Fatalf("GetJob(%s, %s): %v", user, id, err)
	}
	return j
}

func wantCode(t *testing.T, what string, err error, code string) {
	t.Helper()
	if got := inferra.ErrorCode(err); got != code {
		t.Errorf("%s: error %v (code %q), want code %q", what, err, got, code)
	}
}

// jsonEqual compares two JSON documents by value (jsonb reorders keys).
func jsonEqual(a, b []byte) bool {
	var x, y any
	if json.Unmarshal(a, &x) != nil || json.Unmarshal(b, &y) != nil {
		return false
	}
	return reflect.DeepEqual(x, y)
}

func testCreateGet(t *testing.T, s inferra.JobStore) {
	start := store.Now().Add(-time.Second)
	fin := store.Now()
	j := &inferra.Job{
		ID: store.NewID(), UserID: "alice", Status: inferra.JobSucceeded, Prompt: "Does ü-diet change weight?",
		Dataset: inferra.DatasetRef{ID: store.NewID(), Name: "diet.csv", SHA256: strings.Repeat("ab", 32), Rows: 64, Columns: 4},
		Decision: &inferra.Decision{Analysis: "ttest_ind", RuleID: "r1", Library: "stats", Function: "TTestInd",
			Params: map[string]string{"group": "diet", "value": "loss"}, Confidence: 0.9, Source: inferra.SourceRules,
			Explanation: "two groups", Evidence: []string{"diet has 2 levels"}, RulesVersion: "2026.11.5", Candidates: []inferra.Candidate{}},
		Result:     json.RawMessage(`{"statistic": 2.41, "p_value": 0.019, "df": 57.8}`),
		Report:     "t(57.8) = 2.41, p = .019",
		Provenance: &inferra.Provenance{InferraVersion: "v1", GoVersion: "go1.26", RulesVersion: "2026.11.5", DatasetSHA256: "x", RowsUsed: 62, RowsDropped: 2, StartedAt: start, DurationMS: 3},
		Error:      nil,
		CreatedAt:  start,
		StartedAt:  &start,
		FinishedAt: &fin,
		Attempt:    2,
		QueueID:    42,
		Progress:   "",
	}
	mustCreate(t, s, j)
	got := mustGet(t, s, "alice", j.ID)
	if !jsonEqual(got.Result, j.Result) {
		t.Errorf("GetJob result = %s, want %s", got.Result, j.Result)
	}
	got.Result, j.Result = nil, nil
	j.Plots = []inferra.Plot{}
	if !reflect.DeepEqual(got, j) {
		a, _ := json.Marshal(got)
		b, _ := json.Marshal(j)
		t.Errorf("GetJob = %s\nwant     %s (attempt %d/%d queue %d/%d)", a, b, got.Attempt, j.Attempt, got.QueueID, j.QueueID)
	}

	// A failed job with an error and no result reads back with a nil result.
	f := newJob("alice")
	f.Status = inferra.JobFailed
	f.Result = json.RawMessage("null")
	f.Error = inferra.Errorf(inferra.EInvalid, "column %q not found", "wieght").WithDetail("did_you_mean", []any{"weight"})
	mustCreate(t, s, f)
	got = mustGet(t, s, "alice", f.ID)
	if got.Result != nil || got.Error == nil || got.Error.Code != inferra.EInvalid || got.Error.Message != f.Error.Message {
		t.Errorf("GetJob(failed) result %s error %+v, want nil result and %+v", got.Result, got.Error, f.Error)
	}
	if got.Decision != nil || got.Provenance != nil || got.StartedAt != nil || got.FinishedAt != nil {
		t.Errorf("GetJob(failed) = %+v, want nil decision, provenance and times", got)
	}

	if err := s.CreateJob(ctx, f); err == nil {
		t.Errorf("CreateJob of an existing id succeeded")
	}
	for _, bad := range []*inferra.Job{
		{ID: "nope", UserID: "u", Status: inferra.JobQueued},
		{ID: store.NewID(), Status: inferra.JobQueued},
		{ID: store.NewID(), UserID: "u", Status: "sleeping"},
	} {
		if err := s.CreateJob(ctx, bad); inferra.ErrorCode(err) != inferra.EInvalid {
			t.Errorf("CreateJob(%+v) = %v, want an EInvalid error", bad, err)
		}
	}
}

func testUserScope(t *testing.T, s inferra.JobStore) {
	j := newJob("alice")
	mustCreate(t, s, j)
	_, err := s.GetJob(ctx, "bob", j.ID)
	wantCode(t, "GetJob(bob, alice's job)", err, inferra.ENotFound)
	_, err = s.GetJob(ctx, "alice", store.NewID())
	wantCode(t, "GetJob(unknown id)", err, inferra.ENotFound)
	_, err = s.GetJob(ctx, "alice", "not-a-uuid")
	wantCode(t, "GetJob(malformed id)", err, inferra.ENotFound)
	wantCode(t, "DeleteJob(bob, alice's job)", s.DeleteJob(ctx, "bob", j.ID), inferra.ENotFound)
	wantCode(t, "PutPlot(bob, alice's job)", s.PutPlot(ctx, "bob", j.ID, inferra.PlotData{Name: "p", ContentType: "image/png", Data: []byte{1}}), inferra.ENotFound)
	b := *j
	b.UserID = "bob"
	b.Status = inferra.JobCanceled
	wantCode(t, "UpdateJob(bob, alice's job)", s.UpdateJob(ctx, &b, inferra.JobQueued), inferra.ENotFound)
	if err := s.SetProgress(ctx, "bob", j.ID, inferra.StageLoading); err != nil {
		t.Errorf("SetProgress(bob): %v", err)
	}
	jobs, _, err := s.ListJobs(ctx, "bob", inferra.JobFilter{})
	if err != nil || len(jobs) != 0 {
		t.Errorf("ListJobs(bob) = %d jobs, %v; want none", len(jobs), err)
	}
	if got := mustGet(t, s, "alice", j.ID); got.Status != inferra.JobQueued || got.Progress != "" {
		t.Errorf("after bob's attempts alice's job is %s/%q, want queued", got.Status, got.Progress)
	}
}

func testUpdate(t *testing.T, s inferra.JobStore) {
	j := newJob("alice")
	mustCreate(t, s, j)
	now := store.Now()
	j.Status, j.StartedAt, j.Attempt, j.Progress = inferra.JobRunning, &now, 1, inferra.StageLoading
	if err := s.UpdateJob(ctx, j, inferra.JobRunning.From()...); err != nil {
		t.Fatalf("UpdateJob(queued → running): %v", err)
	}
	j.Status, j.Progress, j.Result, j.Report = inferra.JobSucceeded, "", json.RawMessage(`{"r":1}`), "done"
	j.FinishedAt = &now
	if err := s.UpdateJob(ctx, j, inferra.JobSucceeded.From()...); err != nil {
		t.Fatalf("UpdateJob(running → succeeded): %v", err)
	}
	// A second result, or a cancel, must not overwrite the first.
	k := *j
	k.Result, k.Report = json.RawMessage(`{"r":2}`), "again"
	if err := s.UpdateJob(ctx, &k, inferra.JobSucceeded.From()...); !errors.Is(err, inferra.ErrConflict) {
		t.Errorf("UpdateJob(succeeded → succeeded) = %v, want ErrConflict", err)
	}
	k.Status = inferra.JobCanceled
	if err := s.UpdateJob(ctx, &k, inferra.JobCanceled.From()...); !errors.Is(err, inferra.ErrConflict) {
		t.Errorf("UpdateJob(succeeded → canceled) = %v, want ErrConflict", err)
	}
	got := mustGet(t, s, "alice", j.ID)
	if got.Status != inferra.JobSucceeded || got.Report != "done" || !jsonEqual(got.Result, []byte(`{"r":1}`)) || got.Attempt != 1 {
		t.Errorf("job after a refused second result = %s %q %s attempt %d, want the first result", got.Status, got.Report, got.Result, got.Attempt)
	}
	k.ID = store.NewID()
	wantCode(t, "UpdateJob(unknown)", s.UpdateJob(ctx, &k, inferra.JobQueued), inferra.ENotFound)
}

func testProgress(t *testing.T, s inferra.JobStore) {
	j := newJob("alice")
	mustCreate(t, s, j)
	if err := s.SetProgress(ctx, "alice", j.ID, inferra.StageLoading); err != nil {
		t.Fatal(err)
	}
	if got := mustGet(t, s, "alice", j.ID); got.Progress != "" {
		t.Errorf("a queued job got progress %q, want none", got.Progress)
	}
	j.Status = inferra.JobRunning
	if err := s.UpdateJob(ctx, j, inferra.JobQueued); err != nil {
		t.Fatal(err)
	}
	for _, stage := range []string{inferra.StageLoading, inferra.StageDeciding, inferra.StageAnalysing, inferra.StagePlotting, inferra.StageSaving} {
		if err := s.SetProgress(ctx, "alice", j.ID, stage); err != nil {
			t.Fatal(err)
		}
		if got := mustGet(t, s, "alice", j.ID); got.Progress != stage {
			t.Errorf("progress = %q, want %q", got.Progress, stage)
		}
	}
}

// createAt creates n jobs for user, one microsecond-spaced second apart
// from base, with statuses cycling through states.
func createAt(t *testing.T, s inferra.JobTx, user string, base time.Time, n int, states ...inferra.JobState) []*inferra.Job {
	t.Helper()
	var out []*inferra.Job
	for i := range n {
		j := newJob(user)
		j.CreatedAt = base.Add(time.Duration(i) * time.Second)
		if len(states) > 0 {
			j.Status = states[i%len(states)]
		}
		mustCreate(t, s, j)
		out = append(out, j)
	}
	return out
}

func ids(jobs []*inferra.Job) []string {
	out := make([]string, len(jobs))
	for i, j := range jobs {
		out[i] = j.ID
	}
	return out
}

func testList(t *testing.T, s inferra.JobStore) {
	base := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	made := createAt(t, s, "alice", base, 7)
	// Two jobs at the same instant: the id breaks the tie, and paging
	// neither skips nor repeats them.
	same := createAt(t, s, "alice", base.Add(3*time.Second+time.Millisecond), 1)
	twin := newJob("alice")
	twin.CreatedAt = same[0].CreatedAt
	mustCreate(t, s, twin)
	createAt(t, s, "bob", base, 3)
	made = append(made, same[0], twin)

	var got []*inferra.Job
	cursor := ""
	pages := 0
	for {
		page, next, err := s.ListJobs(ctx, "alice", inferra.JobFilter{Limit: 2, Cursor: cursor})
		if err != nil {
			t.Fatal(err)
		}
		pages++
		if len(page) > 2 {
			t.Fatalf("page of %d jobs, want at most 2", len(page))
		}
		got = append(got, page...)
		if next == "" {
			break
		}
		cursor = next
		if pages > 10 {
			t.Fatal("paging does not end")
		}
	}
	if len(got) != len(made) {
		t.Fatalf("paged through %d jobs, want %d", len(got), len(made))
	}
	seen := map[string]bool{}
	for i, j := range got {
		if seen[j.ID] {
			t.Errorf("job %s listed twice", j.ID)
		}
		seen[j.ID] = true
		if i > 0 {
			p := got[i-1]
			if p.CreatedAt.Before(j.CreatedAt) || (p.CreatedAt.Equal(j.CreatedAt) && p.ID < j.ID) {
				t.Errorf("jobs %d and %d are not newest first: %v %s then %v %s", i-1, i, p.CreatedAt, p.ID, j.CreatedAt, j.ID)
			}
		}
	}
	_, _, err := s.ListJobs(ctx, "alice", inferra.JobFilter{Cursor: "%%%"})
	wantCode(t, "ListJobs(bad cursor)", err, inferra.EInvalid)
	all, next, err := s.ListJobs(ctx, "alice", inferra.JobFilter{Limit: 100})
	if err != nil || next != "" || len(all) != len(made) {
		t.Errorf("ListJobs(limit 100) = %d jobs, next %q, %v; want %d and no next", len(all), next, err, len(made))
	}
}

func testListFilters(t *testing.T, s inferra.JobStore) {
	base := time.Date(2026, 2, 1, 0, 0, 0, 0, time.UTC)
	states := []inferra.JobState{inferra.JobQueued, inferra.JobRunning, inferra.JobSucceeded, inferra.JobFailed}
	made := createAt(t, s, "alice", base, 12, states...)
	jobs, _, err := s.ListJobs(ctx, "alice", inferra.JobFilter{Status: []inferra.JobState{inferra.JobSucceeded, inferra.JobFailed}})
	if err != nil {
		t.Fatal(err)
	}
	var want []string
	for i := len(made) - 1; i >= 0; i-- {
		if st := made[i].Status; st == inferra.JobSucceeded || st == inferra.JobFailed {
			want = append(want, made[i].ID)
		}
	}
	if !reflect.DeepEqual(ids(jobs), want) {
		t.Errorf("ListJobs(succeeded|failed) = %v, want %v", ids(jobs), want)
	}
	jobs, _, err = s.ListJobs(ctx, "alice", inferra.JobFilter{Since: base.Add(3 * time.Second), Until: base.Add(6 * time.Second)})
	if err != nil {
		t.Fatal(err)
	}
	if w := []string{made[5].ID, made[4].ID, made[3].ID}; !reflect.DeepEqual(ids(jobs), w) {
		t.Errorf("ListJobs([3 s, 6 s)) = %v, want %v", ids(jobs), w)
	}
	_, _, err = s.ListJobs(ctx, "alice", inferra.JobFilter{Status: []inferra.JobState{"sleeping"}})
	wantCode(t, "ListJobs(unknown status)", err, inferra.EInvalid)
	_, _, err = s.ListJobs(ctx, "alice", inferra.JobFilter{Since: base.Add(time.Hour), Until: base})
	wantCode(t, "ListJobs(until before since)", err, inferra.EInvalid)
}

func testDeletePlots(t *testing.T, s inferra.JobStore) {
	j := newJob("alice")
	mustCreate(t, s, j)
	png := []byte("\x89PNG fake")
	if err := s.PutPlot(ctx, "alice", j.ID, inferra.PlotData{Name: "boxplot", ContentType: "image/png", Data: png}); err != nil {
		t.Fatal(err)
	}
	if err := s.PutPlot(ctx, "alice", j.ID, inferra.PlotData{Name: "boxplot", ContentType: "image/svg+xml", Data: []byte("<svg/>")}); err != nil {
		t.Fatal(err)
	}
	if err := s.PutPlot(ctx, "alice", j.ID, inferra.PlotData{Name: "a-hist", ContentType: "image/png", Data: png}); err != nil {
		t.Fatal(err)
	}
	p, err := s.GetPlot(ctx, "alice", j.ID, "boxplot")
	if err != nil || p.ContentType != "image/svg+xml" || string(p.Data) != "<svg/>" {
		t.Errorf("GetPlot after replace = %+v, %v; want the SVG", p, err)
	}
	_, err = s.GetPlot(ctx, "bob", j.ID, "boxplot")
	wantCode(t, "GetPlot(bob)", err, inferra.ENotFound)
	_, err = s.GetPlot(ctx, "alice", j.ID, "nope")
	wantCode(t, "GetPlot(unknown name)", err, inferra.ENotFound)
	got := mustGet(t, s, "alice", j.ID)
	want := []inferra.Plot{{Name: "a-hist", ContentType: "image/png"}, {Name: "boxplot", ContentType: "image/svg+xml"}}
	if !reflect.DeepEqual(got.Plots, want) {
		t.Errorf("GetJob plots = %+v, want %+v", got.Plots, want)
	}
	if err := s.DeleteJob(ctx, "alice", j.ID); err != nil {
		t.Fatal(err)
	}
	_, err = s.GetJob(ctx, "alice", j.ID)
	wantCode(t, "GetJob(deleted)", err, inferra.ENotFound)
	_, err = s.GetPlot(ctx, "alice", j.ID, "boxplot")
	wantCode(t, "GetPlot(deleted job)", err, inferra.ENotFound)
	wantCode(t, "DeleteJob(twice)", s.DeleteJob(ctx, "alice", j.ID), inferra.ENotFound)
	// The plots went with the job: a new job with the same id has none.
	mustCreate(t, s, j)
	if got := mustGet(t, s, "alice", j.ID); len(got.Plots) != 0 {
		t.Errorf("plots survived their job's deletion: %+v", got.Plots)
	}
}

func testDatasets(t *testing.T, s inferra.JobStore) {
	csv := []byte("g,y\na,1\nb,2\n")
	ds, err := load.ParseCSV(csv, load.Options{})
	if err != nil {
		t.Fatal(err)
	}
	d := &inferra.StoredDataset{UserID: "alice", Name: "tiny.csv", SHA256: ds.SHA256, Size: int64(len(csv)), Schema: ds.Schema(), Content: csv}
	if err := s.PutDataset(ctx, d); err != nil {
		t.Fatal(err)
	}
	if !store.ValidID(d.ID) || d.CreatedAt.IsZero() {
		t.Fatalf("PutDataset left id %q created %v", d.ID, d.CreatedAt)
	}
	again := &inferra.StoredDataset{UserID: "alice", Name: "copy.csv", SHA256: ds.SHA256, Size: int64(len(csv)), Schema: ds.Schema(), Content: csv}
	if err := s.PutDataset(ctx, again); err != nil {
		t.Fatal(err)
	}
	if again.ID != d.ID {
		t.Errorf("the same bytes stored twice got ids %s and %s, want one", d.ID, again.ID)
	}
	bobs := &inferra.StoredDataset{UserID: "bob", Name: "tiny.csv", SHA256: ds.SHA256, Size: int64(len(csv)), Schema: ds.Schema(), Content: csv}
	if err := s.PutDataset(ctx, bobs); err != nil {
		t.Fatal(err)
	}
	if bobs.ID == d.ID {
		t.Errorf("bob's upload shares alice's dataset id")
	}
	got, err := s.GetDataset(ctx, "alice", d.ID, true)
	if err != nil {
		t.Fatal(err)
	}
	if string(got.Content) != string(csv) || got.Name != "tiny.csv" || got.SHA256 != ds.SHA256 || got.Size != int64(len(csv)) ||
		!reflect.DeepEqual(got.Schema, ds.Schema()) || !got.CreatedAt.Equal(d.CreatedAt) {
		t.Errorf("GetDataset = %+v, want %+v", got, d)
	}
	got, err = s.GetDataset(ctx, "alice", d.ID, false)
	if err != nil || got.Content != nil {
		t.Errorf("GetDataset(without content) = %d bytes, %v; want none", len(got.Content), err)
	}
	_, err = s.GetDataset(ctx, "bob", d.ID, true)
	wantCode(t, "GetDataset(bob, alice's)", err, inferra.ENotFound)
	_, err = s.GetDataset(ctx, "alice", "x", true)
	wantCode(t, "GetDataset(malformed id)", err, inferra.ENotFound)
}

func testLogs(t *testing.T, s inferra.JobStore) {
	j := newJob("alice")
	mustCreate(t, s, j)
	d := &inferra.Decision{Analysis: "pearsonr", Source: inferra.SourceRules, Params: map[string]string{"x": "a", "y": "b"}, Evidence: []string{"a and b are numeric"}}
	for i, src := range []string{inferra.SourceRules, inferra.SourceLLM} {
		l := &inferra.DecisionLog{UserID: "alice", JobID: j.ID, Prompt: j.Prompt, Source: src, Analysis: "pearsonr", Decision: d,
			CreatedAt: store.Now().Add(time.Duration(i) * time.Millisecond)}
		if err := s.LogDecision(ctx, l); err != nil {
			t.Fatal(err)
		}
	}
	logs, err := s.DecisionLogs(ctx, "alice", j.ID)
	if err != nil {
		t.Fatal(err)
	}
	if len(logs) != 2 || logs[0].Source != inferra.SourceRules || logs[1].Source != inferra.SourceLLM || !reflect.DeepEqual(logs[0].Decision, d) {
		t.Errorf("DecisionLogs = %+v, want the rules then the llm entry with the decision", logs)
	}
	if logs, _ := s.DecisionLogs(ctx, "bob", j.ID); len(logs) != 0 {
		t.Errorf("bob sees %d of alice's decision logs", len(logs))
	}
	l := &inferra.LLMCallLog{UserID: "alice", JobID: j.ID, Model: "grok", PromptTokens: 10, CompletionTokens: 5, LatencyMS: 120,
		Status: "ok", Request: json.RawMessage(`{"m":1}`)}
	if err := s.LogLLMCall(ctx, l); err != nil {
		t.Fatal(err)
	}
	if !store.ValidID(l.ID) {
		t.Errorf("LogLLMCall left id %q", l.ID)
	}
}

func testTx(t *testing.T, s inferra.JobStore) {
	kept, dropped := newJob("alice"), newJob("alice")
	if err := s.InTx(ctx, func(tx inferra.JobTx) error {
		mustCreate(t, tx, kept)
		// Reads inside the transaction see its writes.
		mustGet(t, tx, "alice", kept.ID)
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	boom := errors.New("boom")
	err := s.InTx(ctx, func(tx inferra.JobTx) error {
		mustCreate(t, tx, dropped)
		if err := tx.PutPlot(ctx, "alice", dropped.ID, inferra.PlotData{Name: "p", ContentType: "image/png", Data: []byte{1}}); err != nil {
			return err
		}
		return boom
	})
	if !errors.Is(err, boom) {
		t.Errorf("InTx = %v, want the function's error", err)
	}
	mustGet(t, s, "alice", kept.ID)
	_, err = s.GetJob(ctx, "alice", dropped.ID)
	wantCode(t, "GetJob(rolled back)", err, inferra.ENotFound)
}

func testConcurrent(t *testing.T, s inferra.JobStore) {
	const n = 40
	var wg sync.WaitGroup
	errs := make(chan error, n)
	j := newJob("alice")
	mustCreate(t, s, j)
	var won sync.Map
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			k := newJob(fmt.Sprintf("user%d", i%4))
			if err := s.CreateJob(ctx, k); err != nil {
				errs <- err
				return
			}
			if _, err := s.GetJob(ctx, k.UserID, k.ID); err != nil {
				errs <- err
				return
			}
			// Everyone races to finish one job; exactly one may.
			c := *j
			c.Status = inferra.JobCanceled
			c.Report = fmt.Sprint(i)
			err := s.InTx(ctx, func(tx inferra.JobTx) error { return tx.UpdateJob(ctx, &c, inferra.JobQueued) })
			switch {
			case err == nil:
				won.Store(i, true)
			case !errors.Is(err, inferra.ErrConflict):
				errs <- err
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	winners := 0
	won.Range(func(any, any) bool { winners++; return true })
	if winners != 1 {
		t.Errorf("%d updates from queued won, want exactly 1", winners)
	}
	total := 0
	for u := range 4 {
		jobs, _, err := s.ListJobs(ctx, fmt.Sprintf("user%d", u), inferra.JobFilter{Limit: 100})
		if err != nil {
			t.Fatal(err)
		}
		total += len(jobs)
	}
	if total != n {
		t.Errorf("%d jobs stored by %d concurrent creators, want %d", total, n, n)
	}
}

func testMigrateTwice(t *testing.T, s inferra.JobStore) {
	j := newJob("alice")
	mustCreate(t, s, j)
	if err := s.Migrate(ctx); err != nil {
		t.Fatalf("Migrate again: %v", err)
	}
	mustGet(t, s, "alice", j.ID)
	if err := s.Ping(ctx); err != nil {
		t.Errorf("Ping: %v", err)
	}
}

func testCountJobs(t *testing.T, s inferra.JobStore) {
	c, err := s.CountJobs(ctx)
	if err != nil || len(c) != 0 {
		t.Fatalf("CountJobs on an empty store = %v, %v", c, err)
	}
	for _, user := range []string{"alice", "alice", "bob"} {
		if err := s.CreateJob(ctx, newJob(user)); err != nil {
			t.Fatal(err)
		}
	}
	j := newJob("bob")
	if err := s.CreateJob(ctx, j); err != nil {
		t.Fatal(err)
	}
	j.Status = inferra.JobRunning
	if err := s.UpdateJob(ctx, j, inferra.JobQueued); err != nil {
		t.Fatal(err)
	}
	c, err = s.CountJobs(ctx)
	if err != nil || c[inferra.JobQueued] != 3 || c[inferra.JobRunning] != 1 || len(c) != 2 {
		t.Errorf("CountJobs = %v, %v; want 3 queued and 1 running, of every user", c, err)
	}
}

// testCountActiveJobs checks the count behind MAX_QUEUED_PER_USER: queued
// and running jobs of one user, and a count-then-create in concurrent
// transactions that never overshoots the cap.
func testCountActiveJobs(t *testing.T, s inferra.JobStore) {
	count := func(tx inferra.JobTx, user string) int {
		t.Helper()
		n, err := tx.CountActiveJobs(ctx, user)
		if err != nil {
			t.Fatalf("CountActiveJobs(%s): %v", user, err)
		}
		return n
	}
	if n := count(s, "alice"); n != 0 {
		t.Fatalf("CountActiveJobs on an empty store = %d", n)
	}
	var alice []*inferra.Job
	for range 4 {
		j := newJob("alice")
		mustCreate(t, s, j)
		alice = append(alice, j)
	}
	mustCreate(t, s, newJob("bob"))
	alice[0].Status = inferra.JobRunning
	if err := s.UpdateJob(ctx, alice[0], inferra.JobQueued); err != nil {
		t.Fatal(err)
	}
	for i, st := range []inferra.JobState{inferra.JobSucceeded, inferra.JobCanceled} {
		j := alice[i+1]
		j.Status = st
		now := store.Now()
		j.FinishedAt = &now
		if err := s.UpdateJob(ctx, j, inferra.JobQueued); err != nil {
			t.Fatal(err)
		}
	}
	if a, b, c := count(s, "alice"), count(s, "bob"), count(s, "carol"); a != 2 || b != 1 || c != 0 {
		t.Errorf("CountActiveJobs = alice %d, bob %d, carol %d; want 2 (one queued, one running), 1, 0", a, b, c)
	}
	if err := s.InTx(ctx, func(tx inferra.JobTx) error {
		mustCreate(t, tx, newJob("alice"))
		if n := count(tx, "alice"); n != 3 {
			t.Errorf("CountActiveJobs inside the transaction that created a job = %d, want 3", n)
		}
		return nil
	}); err != nil {
		t.Fatal(err)
	}

	// Submitters race for a cap of 8: each counts, then creates only below
	// it, in one transaction.
	const limit, racers = 8, 24
	var wg sync.WaitGroup
	errs := make(chan error, racers)
	for range racers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			errs <- s.InTx(ctx, func(tx inferra.JobTx) error {
				n, err := tx.CountActiveJobs(ctx, "dave")
				if err != nil || n >= limit {
					return err
				}
				return tx.CreateJob(ctx, newJob("dave"))
			})
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Error(err)
		}
	}
	if n := count(s, "dave"); n != limit {
		t.Errorf("%d concurrent count-then-create transactions left %d active jobs, want exactly the cap %d", racers, n, limit)
	}
}

// tokenQuota is the LLM proxy's daily token count, which both stores keep
// (the server adapts it to llm.QuotaStore).
type tokenQuota interface {
	ReserveTokens(ctx context.Context, userID string, day time.Time, tokens, limit int) (int, error)
	ConsumeTokens(ctx context.Context, userID string, day time.Time, reserved, used int) error
}

func testTokenQuota(t *testing.T, s inferra.JobStore) {
	q, ok := s.(tokenQuota)
	if !ok {
		t.Fatalf("%T keeps no token quota", s)
	}
	day := time.Date(2026, 11, 25, 23, 59, 0, 0, time.UTC)
	if used, err := q.ReserveTokens(ctx, "alice", day, 600, 1000); err != nil || used != 600 {
		t.Fatalf("first reservation = %d, %v; want 600", used, err)
	}
	if used, err := q.ReserveTokens(ctx, "alice", day, 500, 1000); !errors.Is(err, store.ErrQuotaExceeded) || used != 600 {
		t.Errorf("a reservation past the limit = %d, %v; want 600 and ErrQuotaExceeded", used, err)
	}
	if used, err := q.ReserveTokens(ctx, "bob", day, 1001, 1000); !errors.Is(err, store.ErrQuotaExceeded) || used != 0 {
		t.Errorf("a first reservation past the limit = %d, %v; want 0 and ErrQuotaExceeded", used, err)
	}
	// The call cost 200 of the 600 reserved: 400 come back.
	if err := q.ConsumeTokens(ctx, "alice", day, 600, 200); err != nil {
		t.Fatal(err)
	}
	if used, err := q.ReserveTokens(ctx, "alice", day, 800, 1000); err != nil || used != 1000 {
		t.Errorf("after settling = %d, %v; want 1000", used, err)
	}
	// Another UTC day (one minute later) starts from zero, in any zone.
	next := day.Add(time.Minute).In(time.FixedZone("UTC-5", -5*3600))
	if used, err := q.ReserveTokens(ctx, "alice", next, 10, 1000); err != nil || used != 10 {
		t.Errorf("next day = %d, %v; want 10", used, err)
	}
	// Settling never goes below zero.
	if err := q.ConsumeTokens(ctx, "alice", next, 500, 0); err != nil {
		t.Fatal(err)
	}
	if used, err := q.ReserveTokens(ctx, "alice", next, 0, 1000); err != nil || used != 0 {
		t.Errorf("after over-refunding = %d, %v; want 0", used, err)
	}
}

// wantField checks that err is an EInvalid error whose details name field.
func wantField(t *testing.T, what string, err error, field string) {
	t.Helper()
	e := inferra.AsError(err)
	if e == nil || e.Code != inferra.EInvalid || e.Details["field"] != field || !strings.Contains(e.Message, field) {
		t.Errorf("%s: %v, want an EInvalid error naming %q", what, err, field)
	}
}

// testText: text PostgreSQL cannot keep (a NUL character, bytes that are
// not UTF-8, the JSON escape \u0000) is refused by every store alike, with
// an EInvalid error naming the field, and nothing is written; any other
// text, controls and the literal characters \u0000 included, round-trips.
func testText(t *testing.T, s inferra.JobStore) {
	j := newJob("alice")
	j.Prompt = "a\x00b"
	wantField(t, "CreateJob(NUL prompt)", s.CreateJob(ctx, j), "prompt")
	_, err := s.GetJob(ctx, "alice", j.ID)
	wantCode(t, "GetJob(refused job)", err, inferra.ENotFound)
	j.Prompt, j.Dataset.Name = "ok", "bad\xff.csv"
	wantField(t, "CreateJob(non-UTF-8 dataset name)", s.CreateJob(ctx, j), "dataset.name")
	j.Dataset.Name = ""
	j.Decision = &inferra.Decision{Analysis: "ttest_ind", Params: map[string]string{"group": "g\x00"}}
	wantField(t, "CreateJob(NUL in a parameter)", s.CreateJob(ctx, j), "decision")
	j.Decision = nil
	j.Result = json.RawMessage(`{"level": "a\u0000"}`)
	wantField(t, "CreateJob(\\u0000 in the result)", s.CreateJob(ctx, j), "result")

	// Odd but storable text round-trips, on both stores.
	odd := "tab\t, bell \x07, \ufffd, 😀, and the six characters \\u0000"
	j.Result = json.RawMessage(`{"level": "\\u0000 \u0001"}`)
	j.Prompt, j.Report = odd, odd
	mustCreate(t, s, j)
	got := mustGet(t, s, "alice", j.ID)
	if got.Prompt != odd || got.Report != odd || !jsonEqual(got.Result, j.Result) {
		t.Errorf("odd text read back as %q / %q / %s", got.Prompt, got.Report, got.Result)
	}
	j.Status, j.Report = inferra.JobRunning, "x\x00"
	wantField(t, "UpdateJob(NUL report)", s.UpdateJob(ctx, j, inferra.JobQueued), "report")
	j.Report = odd
	j.Error = inferra.Errorf(inferra.EInvalid, "bad \x00 level")
	wantField(t, "UpdateJob(NUL in the error)", s.UpdateJob(ctx, j, inferra.JobQueued), "error")
	if got := mustGet(t, s, "alice", j.ID); got.Status != inferra.JobQueued {
		t.Errorf("a refused update changed the job to %s", got.Status)
	}

	csv := []byte("g,y\na,1\nb,2\n")
	ds, err := load.ParseCSV(csv, load.Options{})
	if err != nil {
		t.Fatal(err)
	}
	d := &inferra.StoredDataset{UserID: "alice", Name: "x\x00.csv", SHA256: ds.SHA256, Size: int64(len(csv)), Schema: ds.Schema(), Content: csv}
	wantField(t, "PutDataset(NUL name)", s.PutDataset(ctx, d), "dataset.name")
	d.Name, d.ID = "x.csv", ""
	d.Schema.Columns[0].Name = "g\x00"
	if err := s.PutDataset(ctx, d); inferra.ErrorCode(err) != inferra.EInvalid || !strings.Contains(err.Error(), "NUL") {
		t.Errorf("PutDataset(NUL in a column name) = %v, want EInvalid", err)
	}
	// The content is bytes: any bytes are kept.
	d.ID, d.Schema = "", ds.Schema()
	d.Content = []byte("g,y\na\x00,1\n\xff,2\n")
	if err := s.PutDataset(ctx, d); err != nil {
		t.Errorf("PutDataset(odd bytes in the content) = %v", err)
	} else if back, err := s.GetDataset(ctx, "alice", d.ID, true); err != nil || string(back.Content) != string(d.Content) {
		t.Errorf("GetDataset content = %q, %v; want %q", back.Content, err, d.Content)
	}

	l := &inferra.DecisionLog{UserID: "alice", Prompt: "why\x00", Source: inferra.SourceRules, Analysis: "ttest_ind",
		Decision: &inferra.Decision{Analysis: "ttest_ind"}}
	wantField(t, "LogDecision(NUL prompt)", s.LogDecision(ctx, l), "prompt")
	l.ID, l.Prompt = "", "why"
	l.Decision.Explanation = "because \x00"
	wantField(t, "LogDecision(NUL in the decision)", s.LogDecision(ctx, l), "decision")
	if logs, err := s.DecisionLogs(ctx, "alice", ""); err != nil || len(logs) != 0 {
		t.Errorf("DecisionLogs after refused entries = %d entries, %v; want none", len(logs), err)
	}
	c := &inferra.LLMCallLog{UserID: "alice", Model: "m", Status: "ok", Response: json.RawMessage(`{"a": "\u0000"}`)}
	wantField(t, "LogLLMCall(\\u0000 in the response)", s.LogLLMCall(ctx, c), "response")
	c.ID, c.Response, c.Error = "", nil, "cut \xe2\x82"
	wantField(t, "LogLLMCall(cut UTF-8 in the error)", s.LogLLMCall(ctx, c), "error")
}

// PostgresDatabase creates a database of its own on TEST_DATABASE_URL's server
// and returns its URL; it is dropped at the end of the test.
func PostgresDatabase(t testing.TB) string {
	t.Helper()
	admin := PostgresURL(t)
	u, err := url.Parse(admin)
	if err != nil {
		t.Fatalf("TEST_DATABASE_URL: %v", err)
	}
	var b [6]byte
	_, _ = rand.Read(b[:])
	name := "inferra_t_" + hex.EncodeToString(b[:])
	ctx := context.Background()
	exec := func(sql string) error {
		conn, err := pgx.Connect(ctx, admin)
		if err != nil {
			return err
		}
		defer conn.Close(ctx)
		_, err = conn.Exec(ctx, sql)
		return err
	}
	if err := exec("create database " + name); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if err := exec("drop database if exists " + name + " with (force)"); err != nil {
			t.Errorf("dropping database %s: %v", name, err)
		}
	})
	u.Path = "/" + name
	return u.String()
}
