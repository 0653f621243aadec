package store_test

import (
	"context"
	"encoding/json"
	"errors"
	"math"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/inferra/inferra"
	"github.com/inferra/inferra/store"
)

// TestJobCodecRoundTrip checks that a job's JSON columns read back into
// the fields they were written from, and that absent fields are NULL.
func TestJobCodecRoundTrip(t *testing.T) {
	in := &inferra.Job{
		ID:     store.NewID(),
		Result: json.RawMessage(` {"statistic": 2.5} `),
		Decision: &inferra.Decision{Analysis: "ttest_ind", Confidence: 0.9,
			Params: map[string]string{"group": "diet", "value": "weight_loss"}},
		Provenance: &inferra.Provenance{RulesVersion: "7", RowsUsed: 12, Seed: 42},
		Error:      inferra.Errorf(inferra.EInvalid, "bad column").WithDetail("column", "x"),
	}
	c, err := store.EncodeJob(in)
	if err != nil {
		t.Fatal(err)
	}
	if string(c.Result) != `{"statistic": 2.5}` {
		t.Errorf("result column = %q, want the result without surrounding space", c.Result)
	}
	out := &inferra.Job{ID: in.ID}
	if err := store.DecodeJob(out, c); err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(out.Decision, in.Decision) || !reflect.DeepEqual(out.Provenance, in.Provenance) {
		t.Errorf("decoded decision/provenance = %+v %+v, want %+v %+v", out.Decision, out.Provenance, in.Decision, in.Provenance)
	}
	if out.Error.Code != inferra.EInvalid || out.Error.Message != "bad column" || out.Error.Details["column"] != "x" {
		t.Errorf("decoded error = %+v", out.Error)
	}
	if string(out.Result) != `{"statistic": 2.5}` {
		t.Errorf("decoded result = %s", out.Result)
	}

	// A job with nothing set writes NULL everywhere; a JSON null result is
	// NULL too. Decoding NULLs clears fields left from an earlier read.
	for _, res := range []json.RawMessage{nil, json.RawMessage("null"), json.RawMessage("  ")} {
		c, err := store.EncodeJob(&inferra.Job{ID: "j", Result: res})
		if err != nil || c.Decision != nil || c.Result != nil || c.Provenance != nil || c.Error != nil {
			t.Errorf("EncodeJob(empty job, result %q) = %+v, %v; want all NULL", res, c, err)
		}
	}
	if err := store.DecodeJob(out, store.JobJSON{}); err != nil || out.Decision != nil || out.Result != nil || out.Provenance != nil || out.Error != nil {
		t.Errorf("DecodeJob(all NULL) left %+v, %v", out, err)
	}
}

func TestEncodeJobErrors(t *testing.T) {
	for name, tc := range map[string]struct {
		job  *inferra.Job
		want string
	}{
		"invalid result": {&inferra.Job{ID: "j1", Result: json.RawMessage(`{"p":`)}, "the result of job j1 is not valid JSON"},
		"NaN confidence": {&inferra.Job{ID: "j2", Decision: &inferra.Decision{Confidence: math.NaN()}}, "encoding the decision"},
		"unencodable error detail": {&inferra.Job{ID: "j3", Error: inferra.Errorf(inferra.EInternal, "x").WithDetail("f", func() {})},
			"encoding the error"},
	} {
		if _, err := store.EncodeJob(tc.job); err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: EncodeJob = %v, want an error containing %q", name, err, tc.want)
		}
	}
}

func TestDecodeJobErrors(t *testing.T) {
	for name, c := range map[string]store.JobJSON{
		"decision":   {Decision: []byte(`{"analysis": 3}`)},
		"provenance": {Provenance: []byte(`[`)},
		"error":      {Error: []byte(`"text"`)},
	} {
		err := store.DecodeJob(&inferra.Job{ID: "j9"}, c)
		if err == nil || !strings.Contains(err.Error(), "decoding the "+name+" of job j9") {
			t.Errorf("DecodeJob(bad %s) = %v, want an error naming the %s and the job", name, err, name)
		}
	}
}

func TestPrepareDataset(t *testing.T) {
	for _, bad := range []*inferra.StoredDataset{{SHA256: "ab"}, {UserID: "alice"}} {
		if _, err := store.PrepareDataset(bad); inferra.ErrorCode(err) != inferra.EInvalid {
			t.Errorf("PrepareDataset(%+v) = %v, want EInvalid", bad, err)
		}
	}
	d := &inferra.StoredDataset{UserID: "alice", SHA256: "ab", Schema: inferra.Schema{Rows: 3,
		Columns: []inferra.ColumnSchema{{Name: "x", Kind: inferra.Numeric, Count: 3}}}}
	before := time.Now().Add(-time.Second)
	b, err := store.PrepareDataset(d)
	if err != nil {
		t.Fatal(err)
	}
	if !store.ValidID(d.ID) || d.CreatedAt.Before(before) || d.CreatedAt.Location() != time.UTC {
		t.Errorf("PrepareDataset filled id %q and time %v, want a UUID and now in UTC", d.ID, d.CreatedAt)
	}
	var s inferra.Schema
	if err := json.Unmarshal(b, &s); err != nil || !reflect.DeepEqual(s, d.Schema) {
		t.Errorf("schema JSON %s decodes to %+v, %v", b, s, err)
	}
	// Given values are kept, the time normalized to the microsecond in UTC.
	at := time.Date(2026, 1, 2, 3, 4, 5, 6789, time.FixedZone("X", 3600))
	d = &inferra.StoredDataset{ID: "given", UserID: "alice", SHA256: "ab", CreatedAt: at}
	if _, err := store.PrepareDataset(d); err != nil || d.ID != "given" || !d.CreatedAt.Equal(at.Truncate(time.Microsecond)) || d.CreatedAt.Location() != time.UTC {
		t.Errorf("PrepareDataset(given id and time) = %q %v, %v", d.ID, d.CreatedAt, err)
	}
}

func TestPrepareLogs(t *testing.T) {
	l := &inferra.DecisionLog{UserID: "alice", Decision: &inferra.Decision{Analysis: "pearsonr"}}
	b, err := store.PrepareDecisionLog(l)
	if err != nil || !store.ValidID(l.ID) || l.CreatedAt.IsZero() || !strings.Contains(string(b), `"analysis":"pearsonr"`) {
		t.Errorf("PrepareDecisionLog = %s, %v; entry %+v", b, err, l)
	}
	if _, err := store.PrepareDecisionLog(&inferra.DecisionLog{Decision: &inferra.Decision{Confidence: math.Inf(1)}}); err == nil || !strings.Contains(err.Error(), "encoding the decision") {
		t.Errorf("PrepareDecisionLog(infinite confidence) = %v, want an encoding error", err)
	}
	at := time.Date(2026, 1, 2, 3, 4, 5, 6789, time.UTC)
	c := &inferra.LLMCallLog{ID: "given", CreatedAt: at}
	if err := store.PrepareLLMCallLog(c); err != nil {
		t.Fatal(err)
	}
	if c.ID != "given" || !c.CreatedAt.Equal(at.Truncate(time.Microsecond)) {
		t.Errorf("PrepareLLMCallLog changed the given id or time: %+v", c)
	}
	c = &inferra.LLMCallLog{}
	if err := store.PrepareLLMCallLog(c); err != nil {
		t.Fatal(err)
	}
	if !store.ValidID(c.ID) || c.CreatedAt.IsZero() || c.CreatedAt.Nanosecond()%1000 != 0 {
		t.Errorf("PrepareLLMCallLog filled %+v, want a UUID and a time in microseconds", c)
	}
}

func TestCheckJob(t *testing.T) {
	ok := inferra.Job{ID: store.NewID(), UserID: "alice", Status: inferra.JobQueued}
	if err := store.CheckJob(&ok); err != nil {
		t.Errorf("CheckJob(valid) = %v", err)
	}
	for name, mod := range map[string]func(*inferra.Job){
		"is not a UUID":      func(j *inferra.Job) { j.ID = "42" },
		"needs a user id":    func(j *inferra.Job) { j.UserID = "" },
		"unknown job status": func(j *inferra.Job) { j.Status = "done" },
	} {
		j := ok
		mod(&j)
		if err := store.CheckJob(&j); inferra.ErrorCode(err) != inferra.EInvalid || !strings.Contains(err.Error(), name) {
			t.Errorf("CheckJob(%+v) = %v, want EInvalid %q", j, err, name)
		}
	}
}

func TestNotFoundAndConflict(t *testing.T) {
	e := store.NotFound("plot", "p1")
	if e.Code != inferra.ENotFound || e.Message != "plot p1 not found" || e.Details["plot_id"] != "p1" {
		t.Errorf("NotFound = %+v", e)
	}
	err := store.Conflict("j1", []inferra.JobState{inferra.JobQueued, inferra.JobRunning})
	if !errors.Is(err, inferra.ErrConflict) || !strings.Contains(err.Error(), "job j1 is not [queued running]") {
		t.Errorf("Conflict = %v", err)
	}
}

// fakeRows is a result set of (status, count) rows.
type fakeRows struct {
	rows    [][2]any
	i       int
	scanErr error
	err     error
}

func (r *fakeRows) Next() bool { r.i++; return r.i <= len(r.rows) }
func (r *fakeRows) Err() error { return r.err }
func (r *fakeRows) Scan(dest ...any) error {
	if r.scanErr != nil {
		return r.scanErr
	}
	row := r.rows[r.i-1]
	*dest[0].(*string) = row[0].(string)
	*dest[1].(*int64) = row[1].(int64)
	return nil
}

func TestCountByState(t *testing.T) {
	got, err := store.CountByState(&fakeRows{rows: [][2]any{{"queued", int64(3)}, {"failed", int64(1)}}})
	want := map[inferra.JobState]int64{inferra.JobQueued: 3, inferra.JobFailed: 1}
	if err != nil || !reflect.DeepEqual(got, want) {
		t.Errorf("CountByState = %v, %v; want %v", got, err, want)
	}
	boom := errors.New("boom")
	if _, err := store.CountByState(&fakeRows{rows: [][2]any{{"queued", int64(3)}}, scanErr: boom}); !errors.Is(err, boom) {
		t.Errorf("CountByState with a scan error = %v, want it", err)
	}
	if _, err := store.CountByState(&fakeRows{err: boom}); !errors.Is(err, boom) {
		t.Errorf("CountByState with a rows error = %v, want it", err)
	}
}

func TestRetryDefaultsAndCancelWhileWaiting(t *testing.T) {
	calls := 0
	err := store.Retry(t.Context(), 0, isTransient, func() error { calls++; return errTransient })
	if calls != 5 || !errors.Is(err, errTransient) {
		t.Errorf("Retry with attempts 0 ran %d times (%v), want the default 5", calls, err)
	}
	// The context ends before the wait after the first failure: there is
	// no second call. (Canceling from a timer raced the backoff on a
	// loaded machine.)
	ctx, cancel := context.WithCancel(t.Context())
	calls = 0
	err = store.Retry(ctx, 5, isTransient, func() error { calls++; cancel(); return errTransient })
	if calls != 1 || !errors.Is(err, errTransient) {
		t.Errorf("Retry canceled while waiting ran %d times (%v), want once", calls, err)
	}
}
