package storetest_test

import (
	"context"
	"os"
	"os/exec"
	"strings"
	"testing"

	"github.com/inferra/inferra"
	"github.com/inferra/inferra/store/sqlite"
	"github.com/inferra/inferra/store/storetest"
)

func openSQLite(t *testing.T) inferra.JobStore {
	t.Helper()
	s, err := sqlite.Open(context.Background(), sqlite.Config{Dir: t.TempDir()})
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Migrate(context.Background()); err != nil {
		s.Close()
		t.Fatal(err)
	}
	return s
}

// TestRunOnSQLite: the suite passes on a store that keeps the contract.
func TestRunOnSQLite(t *testing.T) {
	storetest.Run(t, openSQLite)
}

// uncounted is a store whose CountJobs forgets the jobs: it breaks the
// contract.
type uncounted struct{ inferra.JobStore }

func (uncounted) CountJobs(context.Context) (map[inferra.JobState]int64, error) {
	return map[inferra.JobState]int64{}, nil
}

// TestBrokenStore runs the suite on uncounted; it runs only inside the
// process TestRunCatchesABrokenStore starts, and fails there.
func TestBrokenStore(t *testing.T) {
	if os.Getenv("STORETEST_BROKEN") != "1" {
		t.Skip("run by TestRunCatchesABrokenStore")
	}
	storetest.Run(t, func(t *testing.T) inferra.JobStore { return uncounted{openSQLite(t)} })
}

// TestRunCatchesABrokenStore checks that the suite fails a store that
// miscounts, naming the failing check, and passes its other checks.
func TestRunCatchesABrokenStore(t *testing.T) {
	cmd := exec.Command(os.Args[0], "-test.run=^TestBrokenStore$", "-test.v")
	cmd.Env = append(os.Environ(), "STORETEST_BROKEN=1")
	out, err := cmd.CombinedOutput()
	if err == nil {
		t.Fatalf("the suite passed a store whose CountJobs forgets the jobs:\n%s", out)
	}
	for _, want := range []string{"--- FAIL: TestBrokenStore/CountJobs", "want 3 queued and 1 running", "--- PASS: TestBrokenStore/CreateGet"} {
		if !strings.Contains(string(out), want) {
			t.Errorf("the suite's output lacks %q:\n%s", want, out)
		}
	}
}

func TestPostgresURLAndInCI(t *testing.T) {
	t.Setenv("TEST_DATABASE_URL", "postgres://x@127.0.0.1/db")
	if u := storetest.PostgresURL(t); u != "postgres://x@127.0.0.1/db" {
		t.Errorf("PostgresURL = %q", u)
	}
	t.Setenv("CI", "true")
	t.Setenv("INFERRA_CI", "")
	if !storetest.InCI() {
		t.Error("InCI() = false with CI=true")
	}
	t.Setenv("CI", "")
	if storetest.InCI() {
		t.Error("InCI() = true with neither CI nor INFERRA_CI")
	}
	a, b := storetest.SchemaName(), storetest.SchemaName()
	if a == b || !strings.HasPrefix(a, "inferra_t_") || len(a) != len("inferra_t_")+12 {
		t.Errorf("SchemaName() = %q, %q; want two distinct inferra_t_ names with 12 hex digits", a, b)
	}
}

func TestPostgresURLSkipsOutsideCI(t *testing.T) {
	t.Setenv("TEST_DATABASE_URL", "")
	t.Setenv("CI", "")
	t.Setenv("INFERRA_CI", "")
	var sub *testing.T
	t.Run("no database", func(t *testing.T) {
		sub = t
		storetest.PostgresURL(t)
		t.Error("PostgresURL returned without a database outside CI, want a skip")
	})
	if !sub.Skipped() {
		t.Error("PostgresURL did not skip without TEST_DATABASE_URL outside CI")
	}
}
