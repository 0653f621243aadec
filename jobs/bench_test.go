package jobs_test

import (
	"context"
	"sort"
	"sync/atomic"
	"testing"
	"time"

	"github.com/inferra/inferra"
	"github.com/inferra/inferra/jobs"
)

// benchService is an API-only service (it queues, works nothing) on a
// fresh backend, so that the benchmark measures submitting alone.
func benchService(b *testing.B, kind string, role string) *jobs.Service {
	b.Helper()
	be := newBackend(b, kind)
	st, err := be.open(context.Background())
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { st.Close() })
	svc, err := jobs.New(context.Background(), jobs.Config{Store: st, Role: role, Logger: quietLogger, Charts: quickChart})
	if err != nil {
		b.Fatal(err)
	}
	if err := svc.Start(context.Background()); err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
		defer cancel()
		_ = svc.Stop(ctx)
	})
	return svc
}

// BenchmarkSubmitAsync measures async submits into PostgreSQL (each one a
// transaction storing the dataset reference, the job row and its River
// entry) from parallel clients; it reports jobs/s.
//
//	TEST_DATABASE_URL=postgres://… go test -run='^$' -bench=SubmitAsync -benchtime=5000x ./jobs
func BenchmarkSubmitAsync(b *testing.B) {
	svc := benchService(b, "postgres", jobs.RoleAPI)
	csv := dietCSV(40)
	b.SetParallelism(4) // 4 × GOMAXPROCS clients
	var n atomic.Int64
	b.ResetTimer()
	start := time.Now()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			_, err := svc.Submit(context.Background(), jobs.SubmitRequest{UserID: "bench", Mode: jobs.ModeAsync, Analysis: "ttest_ind",
				Params: map[string]string{"group": "diet", "value": "weight_loss"}, Dataset: jobs.DatasetInput{CSV: csv}})
			if err != nil {
				b.Error(err)
				return
			}
			n.Add(1)
		}
	})
	b.ReportMetric(float64(n.Load())/time.Since(start).Seconds(), "jobs/s")
}

// BenchmarkSubmitSync measures one client's sync submits (a t-test on 40
// rows, run in-process and stored) on each store; it reports the median
// and 95th percentile latency.
//
//	TEST_DATABASE_URL=postgres://… go test -run='^$' -bench=SubmitSync -benchtime=500x ./jobs
func BenchmarkSubmitSync(b *testing.B) {
	for _, kind := range kinds {
		b.Run(kind, func(b *testing.B) {
			svc := benchService(b, kind, jobs.RoleAll)
			csv := dietCSV(40)
			lat := make([]time.Duration, 0, b.N)
			b.ResetTimer()
			for range b.N {
				t0 := time.Now()
				j, err := svc.Submit(context.Background(), jobs.SubmitRequest{UserID: "bench", Analysis: "ttest_ind",
					Params: map[string]string{"group": "diet", "value": "weight_loss"}, Dataset: jobs.DatasetInput{CSV: csv}})
				if err != nil || j.Status != inferra.JobSucceeded {
					b.Fatalf("Submit = %+v, %v", j, err)
				}
				lat = append(lat, time.Since(t0))
			}
			b.StopTimer()
			sort.Slice(lat, func(i, j int) bool { return lat[i] < lat[j] })
			b.ReportMetric(float64(lat[len(lat)/2].Microseconds())/1000, "p50-ms")
			b.ReportMetric(float64(lat[len(lat)*95/100].Microseconds())/1000, "p95-ms")
		})
	}
}
