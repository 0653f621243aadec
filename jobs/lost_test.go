package jobs_test

import (
	"context"
	"database/sql"
	"syscall"
	"testing"
	"time"

	"github.com/inferra/inferra"
	"github.com/inferra/inferra/jobs"
	"github.com/inferra/inferra/store/postgres"
	"github.com/inferra/inferra/store/sqlite"
)

// These tests prove that no job is lost: with two worker processes, when a
// worker is killed, when a submit is rolled back, and across restarts.

// queueRow is River's record of one job: its attempts and by whom.
type queueRow struct {
	state   string
	attempt int
	lastBy  string
}

// queueRows reads River's job table directly.
func queueRows(t *testing.T, st inferra.JobStore) map[int64]queueRow {
	t.Helper()
	out := map[int64]queueRow{}
	switch s := st.(type) {
	case *postgres.Store:
		rows, err := s.Pool().Query(ctx, "select id, state::text, attempt, coalesce(attempted_by[array_length(attempted_by, 1)], '') from river_job")
		if err != nil {
			t.Fatal(err)
		}
		defer rows.Close()
		for rows.Next() {
			var id int64
			var r queueRow
			if err := rows.Scan(&id, &r.state, &r.attempt, &r.lastBy); err != nil {
				t.Fatal(err)
			}
			out[id] = r
		}
	case *sqlite.Store:
		rows, err := s.DB().QueryContext(ctx, "select id, state, attempt, coalesce(json_extract(attempted_by, '$[#-1]'), '') from river_job")
		if err != nil {
			t.Fatal(err)
		}
		defer rows.Close()
		for rows.Next() {
			var id int64
			var r queueRow
			var by sql.NullString
			if err := rows.Scan(&id, &r.state, &r.attempt, &by); err != nil {
				t.Fatal(err)
			}
			r.lastBy = by.String
			out[id] = r
		}
	}
	return out
}

func TestTwoProcessesShareTheQueue(t *testing.T) {
	forEachStore(t, func(t *testing.T, b backend) {
		const n = 200
		st := b.mustOpen(t)
		cmd, _ := startChild(t, b, "child", false)
		// 200 jobs of one user at once: beyond the default cap on queued jobs.
		svc := newService(t, b, jobs.Config{Store: st, Name: "parent", MaxQueuedPerUser: -1})
		csv := dietCSV(16)
		ids := make([]string, 0, n)
		for range n {
			j, err := svc.Submit(ctx, jobs.SubmitRequest{UserID: "alice", Mode: jobs.ModeAsync, Analysis: "histogram",
				Params: map[string]string{"x": "weight_loss"}, Dataset: jobs.DatasetInput{CSV: csv}})
			if err != nil {
				t.Fatal(err)
			}
			ids = append(ids, j.ID)
		}
		deadline := time.Now().Add(2 * time.Minute)
		for _, id := range ids {
			j := waitFor(t, svc, "alice", id, time.Until(deadline))
			if j.Status != inferra.JobSucceeded || j.Attempt != 1 || len(j.Plots) != 1 {
				t.Errorf("job %s: %s attempt %d plots %d error %+v; want succeeded once with one plot", id, j.Status, j.Attempt, len(j.Plots), j.Error)
			}
			if logs, err := st.DecisionLogs(ctx, "alice", id); err != nil || len(logs) != 1 {
				t.Errorf("job %s has %d decision log entries (%v), want 1", id, len(logs), err)
			}
		}
		by := map[string]int{}
		for id, r := range queueRows(t, st) {
			if r.state != "completed" || r.attempt != 1 {
				t.Errorf("queue entry %d is %s after %d attempts, want completed after 1", id, r.state, r.attempt)
			}
			by[r.lastBy]++
		}
		t.Logf("%d jobs worked: %v", n, by)
		if by["parent"]+by["child"] != n || by["parent"] == 0 || by["child"] == 0 {
			t.Errorf("jobs worked by %v, want all %d by the two processes, each some", by, n)
		}
		if err := cmd.Process.Signal(syscall.SIGTERM); err != nil {
			t.Fatal(err)
		}
		if err := cmd.Wait(); err != nil {
			t.Errorf("the child did not stop cleanly: %v", err)
		}
	})
}

// rescueConfig makes a survivor that rescues stuck jobs after seconds.
func rescueConfig(st inferra.JobStore) jobs.Config {
	return jobs.Config{Store: st, Name: "survivor", JobTimeout: time.Second, RescueAfter: 2 * time.Second}
}

func TestKilledWorkerJobFinishesElsewhere(t *testing.T) {
	t.Parallel() // mostly waiting for the rescue
	forEachStore(t, func(t *testing.T, b backend) {
		st := b.mustOpen(t)
		api, err := jobs.New(ctx, jobs.Config{Store: st, Role: jobs.RoleAPI, Logger: quietLogger})
		if err != nil {
			t.Fatal(err)
		}
		cmd, lines := startChild(t, b, "doomed", true)
		j, err := api.Submit(ctx, chartRequest("alice", jobs.ModeAsync))
		if err != nil {
			t.Fatal(err)
		}
		waitLine(t, lines, "blocked", 60*time.Second)
		if got, _ := api.Get(ctx, "alice", j.ID); got.Status != inferra.JobRunning || got.Attempt != 1 {
			t.Fatalf("job in the doomed worker is %s attempt %d, want running", got.Status, got.Attempt)
		}
		if err := cmd.Process.Kill(); err != nil { // SIGKILL: no goodbye
			t.Fatal(err)
		}
		_ = cmd.Wait()
		killed := time.Now()
		svc := newService(t, b, rescueConfig(st))
		j = waitFor(t, svc, "alice", j.ID, 3*time.Minute)
		t.Logf("finished %v after the kill", time.Since(killed).Round(time.Second))
		if j.Status != inferra.JobSucceeded || j.Attempt != 2 || len(j.Plots) != 1 {
			t.Fatalf("job after its worker was killed: %s attempt %d plots %d error %+v; want succeeded on attempt 2", j.Status, j.Attempt, len(j.Plots), j.Error)
		}
		if logs, _ := st.DecisionLogs(ctx, "alice", j.ID); len(logs) != 1 {
			t.Errorf("%d decision log entries, want 1 (one result)", len(logs))
		}
		r := queueRows(t, st)[j.QueueID]
		if r.state != "completed" || r.lastBy != "survivor" {
			t.Errorf("queue entry %+v, want completed by the survivor", r)
		}
	})
}

func TestKilledSyncSubmitterJobFinishesElsewhere(t *testing.T) {
	t.Parallel() // mostly waiting for the rescue
	forEachStore(t, func(t *testing.T, b backend) {
		st := b.mustOpen(t)
		cmd, lines := startChild(t, b, "doomed", true, "INFERRA_JOBS_SUBMIT=1", "INFERRA_JOBS_TIMEOUT=1s", "INFERRA_JOBS_RESCUE=2s")
		waitLine(t, lines, "blocked", 60*time.Second)
		if err := cmd.Process.Kill(); err != nil {
			t.Fatal(err)
		}
		_ = cmd.Wait()
		killed := time.Now()
		page, _, err := st.ListJobs(ctx, "alice", inferra.JobFilter{})
		if err != nil || len(page) != 1 || page[0].Status != inferra.JobRunning {
			t.Fatalf("the killed process's sync job: %v %v, want one running job", page, err)
		}
		svc := newService(t, b, rescueConfig(st))
		j := waitFor(t, svc, "alice", page[0].ID, 3*time.Minute)
		t.Logf("finished %v after the kill", time.Since(killed).Round(time.Second))
		if j.Status != inferra.JobSucceeded || j.Attempt != 2 || len(j.Plots) != 1 {
			t.Errorf("sync job after its process was killed: %s attempt %d plots %d error %+v; want succeeded on attempt 2", j.Status, j.Attempt, len(j.Plots), j.Error)
		}
	})
}

func TestRestartKeepsEveryJob(t *testing.T) {
	forEachStore(t, func(t *testing.T, b backend) {
		const n = 20
		st, err := b.open(ctx)
		if err != nil {
			t.Fatal(err)
		}
		api, err := jobs.New(ctx, jobs.Config{Store: st, Role: jobs.RoleAPI, Logger: quietLogger})
		if err != nil {
			t.Fatal(err)
		}
		var ids []string
		for range n {
			j, err := api.Submit(ctx, jobs.SubmitRequest{UserID: "alice", Mode: jobs.ModeAsync, Analysis: "pearsonr",
				Params: map[string]string{"x": "age", "y": "weight_loss"}, Dataset: jobs.DatasetInput{CSV: dietCSV(20)}})
			if err != nil {
				t.Fatal(err)
			}
			ids = append(ids, j.ID)
		}
		sctx, cancel := context.WithTimeout(ctx, 10*time.Second)
		defer cancel()
		if err := api.Stop(sctx); err != nil {
			t.Fatal(err)
		}
		st.Close()

		svc := newService(t, b, jobs.Config{})
		for _, id := range ids {
			if j := waitFor(t, svc, "alice", id, time.Minute); j.Status != inferra.JobSucceeded || j.Attempt != 1 {
				t.Errorf("job %s after a restart: %s attempt %d, want succeeded once", id, j.Status, j.Attempt)
			}
		}
	})
}
