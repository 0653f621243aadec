package jobs_test

import (
	"bytes"
	"log/slog"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/inferra/inferra"
	"github.com/inferra/inferra/jobs"
	"github.com/inferra/inferra/store/sqlite"
)

// TestTextNoStoreKeeps submits text PostgreSQL cannot keep, in every
// field a request has, on both stores: each is refused alike with an
// EInvalid error naming the field (or the line and column of the CSV), and
// no job, dataset or log entry is written.
func TestTextNoStoreKeeps(t *testing.T) {
	forEachStore(t, func(t *testing.T, b backend) {
		svc := newService(t, b, jobs.Config{})
		csv := dietCSV(10)
		ds := func(c string) jobs.DatasetInput { return jobs.DatasetInput{CSV: []byte(c)} }
		for _, tc := range []struct {
			name string
			req  jobs.SubmitRequest
			want string
		}{
			{"prompt", jobs.SubmitRequest{Prompt: "Does diet\x00 matter?", Dataset: jobs.DatasetInput{CSV: csv}}, "prompt contains a NUL character"},
			{"prompt UTF-8", jobs.SubmitRequest{Prompt: "Does di\xe9t matter?", Dataset: jobs.DatasetInput{CSV: csv}}, "prompt is not valid UTF-8"},
			{"dataset name", jobs.SubmitRequest{Prompt: "x", Dataset: jobs.DatasetInput{CSV: csv, Name: "d\x00.csv"}}, "dataset.name contains a NUL"},
			{"param value", jobs.SubmitRequest{Analysis: "ttest_ind", Params: map[string]string{"group": "diet\x00", "value": "weight_loss"},
				Dataset: jobs.DatasetInput{CSV: csv}}, "params.group contains a NUL"},
			{"param name", jobs.SubmitRequest{Analysis: "ttest_ind", Params: map[string]string{"gr\x00oup": "diet"},
				Dataset: jobs.DatasetInput{CSV: csv}}, "a name in params contains a NUL"},
			{"decision param", jobs.SubmitRequest{Decision: &inferra.Decision{Analysis: "ttest_ind", Params: map[string]string{"value": "w\x00"}},
				Dataset: jobs.DatasetInput{CSV: csv}}, "decision.params.value contains a NUL"},
			{"CSV header", jobs.SubmitRequest{Prompt: "x", Dataset: ds("g\x00,v\na,1\nb,2\n")}, "line 1, column \"g\ufffd\": the column name contains a NUL"},
			{"CSV cell", jobs.SubmitRequest{Analysis: "boxplot", Params: map[string]string{"group": "g", "value": "v"},
				Dataset: ds("g,v\na,1\na,2\nb\x00,3\nb,4\n")}, "line 4, column \"g\": the value contains a NUL"},
			{"CSV Latin-1", jobs.SubmitRequest{Prompt: "x", Dataset: ds("g,v\nM\xfcller,1\nb,2\n")}, "line 2, column \"g\": the value is not valid UTF-8"},
			{"JSON escape", jobs.SubmitRequest{Prompt: "x", Dataset: ds(`[{"g": "a\u0000", "v": 1}, {"g": "b", "v": 2}]`)}, "column \"g\": the value contains a NUL"},
		} {
			for _, mode := range []string{jobs.ModeSync, jobs.ModeAsync} {
				tc.req.UserID, tc.req.Mode = "u", mode
				j, err := svc.Submit(ctx, tc.req)
				if e := inferra.AsError(err); j != nil || e == nil || e.Code != inferra.EInvalid || !strings.Contains(e.Message, tc.want) {
					t.Errorf("%s (%s): Submit = %v, %v; want no job and EInvalid %q", tc.name, mode, j, err, tc.want)
				}
			}
		}
		if jl, _, _ := svc.List(ctx, "u", jobs.ListFilter{}); len(jl) != 0 {
			t.Errorf("refused requests created %d jobs", len(jl))
		}
		if _, err := svc.PutDataset(ctx, "u", "n\x00.csv", csv); inferra.ErrorCode(err) != inferra.EInvalid || !strings.Contains(err.Error(), "dataset name contains a NUL") {
			t.Errorf("PutDataset(NUL name) = %v, want EInvalid naming the dataset name", err)
		}
		if _, err := svc.PutDataset(ctx, "u", "n.csv", []byte("g,v\na,1\nb\x00,2\n")); inferra.ErrorCode(err) != inferra.EInvalid || !strings.Contains(err.Error(), "line 3, column \"g\"") {
			t.Errorf("PutDataset(NUL cell) = %v, want EInvalid at line 3, column g", err)
		}
		d := &inferra.Decision{Analysis: "pearsonr", Source: inferra.SourceRules}
		if err := svc.LogDecision(ctx, "u", "why\x00", d); inferra.ErrorCode(err) != inferra.EInvalid || !strings.Contains(err.Error(), "prompt contains a NUL") {
			t.Errorf("LogDecision(NUL prompt) = %v, want EInvalid naming the prompt", err)
		}
	})
}

// lockedBuffer is a bytes.Buffer safe for a logger's concurrent writes.
type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

// TestDecisionLogFailureIsCountedAndLogged: an entry the store refuses is
// counted (DecisionLogErrors, Health) and logged at ERROR level, and the
// entries batched with it are written all the same.
func TestDecisionLogFailureIsCountedAndLogged(t *testing.T) {
	b := newBackend(t, "sqlite")
	st := b.mustOpen(t)
	// The store refuses the prompt "poison", as PostgreSQL refuses what it
	// cannot keep.
	if _, err := st.(*sqlite.Store).DB().Exec(`create trigger poison before insert on decision_logs
		when new.prompt = 'poison' begin select raise(abort, 'poisoned'); end`); err != nil {
		t.Fatal(err)
	}
	logs := &lockedBuffer{}
	svc := newService(t, b, jobs.Config{Store: st,
		Logger: slog.New(slog.NewJSONHandler(logs, &slog.HandlerOptions{Level: slog.LevelWarn}))})
	d := &inferra.Decision{Analysis: "pearsonr", Source: inferra.SourceRules}
	for _, p := range []string{"first", "poison", "last"} {
		if err := svc.LogDecision(ctx, "u", p, d); err != nil {
			t.Fatalf("LogDecision(%s): %v", p, err)
		}
	}
	deadline := time.Now().Add(30 * time.Second)
	for svc.DecisionLogErrors() == 0 && time.Now().Before(deadline) {
		time.Sleep(10 * time.Millisecond)
	}
	if n := svc.DecisionLogErrors(); n != 1 {
		t.Fatalf("DecisionLogErrors = %d, want 1", n)
	}
	if h := svc.Health(ctx); h.DecisionLogErrors != 1 {
		t.Errorf("Health().DecisionLogErrors = %d, want 1", h.DecisionLogErrors)
	}
	if !strings.Contains(logs.String(), `"level":"ERROR","msg":"jobs: decision log entries could not be written"`) {
		t.Errorf("no ERROR line for the lost entry:\n%s", logs.String())
	}
	got, err := svc.DecisionLogs(ctx, "u", "")
	if err != nil {
		t.Fatal(err)
	}
	var prompts []string
	for _, l := range got {
		prompts = append(prompts, l.Prompt)
	}
	if strings.Join(prompts, ",") != "first,last" {
		t.Errorf("logged prompts %v, want first and last (the refused entry must not take them with it)", prompts)
	}
}
