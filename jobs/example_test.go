package jobs_test

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"os"
	"time"

	"github.com/inferra/inferra"
	"github.com/inferra/inferra/jobs"
	"github.com/inferra/inferra/load"
	"github.com/inferra/inferra/store/sqlite"
)

// crops is a small dataset: crop yield under two fertilisers.
var crops = []byte(`fertiliser,yield
old,4.1
old,3.8
old,4.4
old,4.0
old,3.9
old,4.2
new,5.0
new,4.7
new,5.3
new,4.9
new,5.1
new,4.8
`)

// Example runs a question in plain words on the embedded SQLite store:
// the rules choose the analysis, the job runs at once (sync) and comes
// back finished.
func Example() {
	dir, err := os.MkdirTemp("", "inferra-jobs")
	if err != nil {
		panic(err)
	}
	defer os.RemoveAll(dir)
	ctx := context.Background()

	st, err := sqlite.Open(ctx, sqlite.Config{Dir: dir})
	if err != nil {
		panic(err)
	}
	defer st.Close()
	if err := st.Migrate(ctx); err != nil {
		panic(err)
	}
	svc, err := jobs.New(ctx, jobs.Config{Store: st, Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
	if err != nil {
		panic(err)
	}
	if err := svc.Start(ctx); err != nil {
		panic(err)
	}
	defer svc.Stop(ctx)

	job, err := svc.Submit(ctx, jobs.SubmitRequest{
		UserID:  "alice",
		Prompt:  "Does the new fertiliser change crop yield?",
		Dataset: jobs.DatasetInput{CSV: crops, Name: "crops.csv"},
	})
	if err != nil {
		panic(err)
	}
	var res struct {
		PValue float64 `json:"p_value"`
	}
	if err := json.Unmarshal(job.Result, &res); err != nil {
		panic(err)
	}
	fmt.Println(job.Status, job.Decision.Source, job.Decision.Analysis, job.Decision.Params)
	fmt.Println("significant at 5%:", res.PValue < 0.05)
	// Output:
	// succeeded rules ttest_ind map[group:fertiliser value:yield]
	// significant at 5%: true
}

// ExampleService_Submit_async queues a job with an explicit analysis and
// polls it, as an HTTP client polling GET /api/jobs/{id} would.
func ExampleService_Submit_async() {
	dir, err := os.MkdirTemp("", "inferra-jobs")
	if err != nil {
		panic(err)
	}
	defer os.RemoveAll(dir)
	ctx := context.Background()
	st, err := sqlite.Open(ctx, sqlite.Config{Dir: dir})
	if err != nil {
		panic(err)
	}
	defer st.Close()
	if err := st.Migrate(ctx); err != nil {
		panic(err)
	}
	svc, err := jobs.New(ctx, jobs.Config{Store: st, Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
	if err != nil {
		panic(err)
	}
	if err := svc.Start(ctx); err != nil {
		panic(err)
	}
	defer svc.Stop(ctx)

	job, err := svc.Submit(ctx, jobs.SubmitRequest{
		UserID: "alice", Mode: jobs.ModeAsync,
		Analysis: "mannwhitneyu", Params: map[string]string{"group": "fertiliser", "value": "yield"},
		Dataset: jobs.DatasetInput{CSV: crops},
	})
	if err != nil {
		panic(err)
	}
	fmt.Println(job.Status)
	for !job.Status.Terminal() {
		time.Sleep(10 * time.Millisecond)
		if job, err = svc.Get(ctx, "alice", job.ID); err != nil {
			panic(err)
		}
	}
	fmt.Println(job.Status, job.Attempt)

	// Another user cannot see it.
	_, err = svc.Get(ctx, "bob", job.ID)
	fmt.Println(inferra.ErrorCode(err))

	page, next, err := svc.List(ctx, "alice", jobs.ListFilter{Status: []inferra.JobState{inferra.JobSucceeded}})
	if err != nil {
		panic(err)
	}
	fmt.Println(len(page), next == "")
	// Output:
	// queued
	// succeeded 1
	// not_found
	// 1 true
}

// The pipeline alone, without a store: what `inferra analyze` does with a
// file it has loaded.
func ExamplePipeline() {
	ds, err := load.ParseCSV(crops, load.Options{})
	if err != nil {
		fmt.Println(err)
		return
	}
	start := time.Now()
	job := &inferra.Job{ID: "example", Status: inferra.JobRunning, StartedAt: &start,
		Decision: jobs.GivenDecision("ttest_ind", map[string]string{"group": "fertiliser", "value": "yield"}, "analysis ttest_ind")}
	p := jobs.Pipeline{Version: "example"}
	p.Run(context.Background(), job, ds, false)
	fmt.Println(job.Status, job.Decision.Function, job.Provenance.RowsUsed)
	// Output: succeeded TTestInd 12
}
