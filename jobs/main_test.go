package jobs_test

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/inferra/inferra"
	"github.com/inferra/inferra/jobs"
	"github.com/inferra/inferra/store/postgres"
	"github.com/inferra/inferra/store/sqlite"
	"github.com/inferra/inferra/store/storetest"
)

// The test binary re-executes itself as a worker process (see child) when
// INFERRA_JOBS_CHILD is set.
func TestMain(m *testing.M) {
	if os.Getenv("INFERRA_JOBS_CHILD") != "" {
		os.Exit(child())
	}
	os.Exit(m.Run())
}

// backend is where a test's jobs live: a SQLite file or a PostgreSQL
// schema, which several processes can open.
type backend struct {
	kind   string // "sqlite" or "postgres"
	path   string // sqlite file
	url    string // postgres
	schema string // postgres
}

func (b backend) env() []string {
	return []string{"INFERRA_JOBS_KIND=" + b.kind, "INFERRA_JOBS_PATH=" + b.path, "INFERRA_JOBS_URL=" + b.url, "INFERRA_JOBS_SCHEMA=" + b.schema}
}

func backendFromEnv() backend {
	return backend{kind: os.Getenv("INFERRA_JOBS_KIND"), path: os.Getenv("INFERRA_JOBS_PATH"),
		url: os.Getenv("INFERRA_JOBS_URL"), schema: os.Getenv("INFERRA_JOBS_SCHEMA")}
}

// newBackend makes an empty backend of the kind, removed after the test.
func newBackend(t testing.TB, kind string) backend {
	t.Helper()
	if kind == "sqlite" {
		return backend{kind: kind, path: filepath.Join(t.TempDir(), "jobs.db")}
	}
	b := backend{kind: "postgres", url: storetest.PostgresURL(t), schema: storetest.SchemaName()}
	if kind == "pooler" {
		// As through Supabase's transaction pooler: no prepared statements.
		sep := "?"
		if strings.Contains(b.url, "?") {
			sep = "&"
		}
		b.url += sep + "default_query_exec_mode=simple_protocol"
	}
	t.Cleanup(func() {
		ctx := context.Background()
		conn, err := pgx.Connect(ctx, b.url)
		if err != nil {
			t.Errorf("dropping schema: %v", err)
			return
		}
		defer conn.Close(ctx)
		if _, err := conn.Exec(ctx, "drop schema if exists "+pgx.Identifier{b.schema}.Sanitize()+" cascade"); err != nil {
			t.Errorf("dropping schema: %v", err)
		}
	})
	return b
}

// open opens and migrates the backend's store.
func (b backend) open(ctx context.Context) (inferra.JobStore, error) {
	var s inferra.JobStore
	var err error
	if b.kind == "sqlite" {
		s, err = sqlite.Open(ctx, sqlite.Config{Path: b.path})
	} else {
		s, err = postgres.Open(ctx, postgres.Config{URL: b.url, Schema: b.schema})
	}
	if err != nil {
		return nil, err
	}
	if err := s.Migrate(ctx); err != nil {
		s.Close()
		return nil, err
	}
	return s, nil
}

func (b backend) mustOpen(t *testing.T) inferra.JobStore {
	t.Helper()
	s, err := b.open(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

// kinds are the backends every service test runs on.
var kinds = []string{"sqlite", "postgres"}

// forEachStore runs f on a fresh backend of each kind.
func forEachStore(t *testing.T, f func(t *testing.T, b backend)) {
	for _, k := range kinds {
		t.Run(k, func(t *testing.T) { f(t, newBackend(t, k)) })
	}
}

// child is a worker process: it works jobs of the backend in its
// environment until it is killed or sent SIGTERM (then it stops
// gracefully). INFERRA_JOBS_BLOCK=1 makes chart jobs block forever, so
// that a test can kill it mid-job. It prints "ready" once working.
func child() int {
	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGTERM)
	defer stop()
	b := backendFromEnv()
	st, err := b.open(ctx)
	if err != nil {
		fmt.Fprintln(os.Stderr, "child:", err)
		return 1
	}
	defer st.Close()
	cfg := jobs.Config{Store: st, Role: jobs.RoleWorker, Name: os.Getenv("INFERRA_JOBS_NAME"),
		JobTimeout: envDuration("INFERRA_JOBS_TIMEOUT", time.Hour), RescueAfter: envDuration("INFERRA_JOBS_RESCUE", time.Hour),
		Charts: quickChart, Logger: quietLogger}
	submit := os.Getenv("INFERRA_JOBS_SUBMIT") == "1"
	if submit {
		cfg.Role = jobs.RoleAll
	}
	if os.Getenv("INFERRA_JOBS_BLOCK") == "1" {
		cfg.Charts = func(ctx context.Context, _ *inferra.Dataset, _ string, _ map[string]string) ([]jobs.Chart, error) {
			fmt.Println("blocked")
			<-ctx.Done()
			return nil, ctx.Err()
		}
	}
	svc, err := jobs.New(ctx, cfg)
	if err != nil {
		fmt.Fprintln(os.Stderr, "child:", err)
		return 1
	}
	if err := svc.Start(ctx); err != nil {
		fmt.Fprintln(os.Stderr, "child:", err)
		return 1
	}
	fmt.Println("ready")
	if submit {
		// A sync job, which this process runs itself: print its id, then
		// block in it until killed.
		req := chartRequest("alice", jobs.ModeSync)
		go func() {
			if _, err := svc.Submit(ctx, req); err != nil {
				fmt.Fprintln(os.Stderr, "child: submit:", err)
			}
		}()
	}
	<-ctx.Done()
	sctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	if err := svc.Stop(sctx); err != nil {
		fmt.Fprintln(os.Stderr, "child: stop:", err)
		return 1
	}
	return 0
}

func envDuration(name string, def time.Duration) time.Duration {
	if d, err := time.ParseDuration(os.Getenv(name)); err == nil {
		return d
	}
	return def
}

// startChild starts a worker process on b and waits until it works (or,
// with block, until it has taken a chart job and blocks in it). It is
// killed at the end of the test if still running.
func startChild(t *testing.T, b backend, name string, block bool, env ...string) (*exec.Cmd, <-chan string) {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), b.env()...)
	cmd.Env = append(cmd.Env, "INFERRA_JOBS_CHILD=1", "INFERRA_JOBS_NAME="+name)
	cmd.Env = append(cmd.Env, env...)
	if block {
		cmd.Env = append(cmd.Env, "INFERRA_JOBS_BLOCK=1")
	}
	cmd.Stderr = os.Stderr
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if cmd.ProcessState == nil {
			_ = cmd.Process.Kill()
			_ = cmd.Wait()
		}
	})
	lines := make(chan string, 16)
	go func() {
		sc := bufio.NewScanner(out)
		for sc.Scan() {
			lines <- strings.TrimSpace(sc.Text())
		}
		close(lines)
	}()
	waitLine(t, lines, "ready", 60*time.Second)
	return cmd, lines
}

func waitLine(t *testing.T, lines <-chan string, want string, d time.Duration) {
	t.Helper()
	timeout := time.After(d)
	for {
		select {
		case l, ok := <-lines:
			if !ok {
				t.Fatalf("the child process ended before printing %q", want)
			}
			if l == want {
				return
			}
		case <-timeout:
			t.Fatalf("the child process did not print %q within %v", want, d)
		}
	}
}
