package main

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/inferra/inferra"
	"github.com/inferra/inferra/jobs"
	"github.com/inferra/inferra/llm/llmtest"
	"github.com/inferra/inferra/server"
	"github.com/inferra/inferra/store/storetest"
	"github.com/jackc/pgx/v5"
)

// TestNewLLMProxyFromConfig builds the proxy as serve does, on the SQLite
// store under DATA_DIR, and checks that the quota lives in that file: a
// second proxy (a restarted server) sees the first one's tokens.
func TestNewLLMProxyFromConfig(t *testing.T) {
	t.Parallel()
	provider := llmtest.NewProvider(t, 1000, 2000)
	cfg := serveConfig{DataDir: t.TempDir(), Role: "all", LLMAPIKey: "test-key", LLMEndpoint: provider.Endpoint, LLMModel: "fake-1", LLMDailyTokens: 6000}
	for i, want := range []int{http.StatusOK, http.StatusTooManyRequests} {
		p, closeFn, err := proxyOnStore(t, cfg)
		if err != nil || p == nil {
			t.Fatalf("newLLMProxy: %v, %v", p, err)
		}
		w := askProxy(t, p, fmt.Sprintf("call %d", i))
		if w.Code != want {
			t.Errorf("server %d: %d %s, want %d", i+1, w.Code, w.Body.String(), want)
		}
		if err := closeFn(); err != nil {
			t.Error(err)
		}
	}
	p, closeFn, err := proxyOnStore(t, serveConfig{DataDir: t.TempDir()})
	if p != nil || err != nil {
		t.Errorf("newLLMProxy without LLM_API_KEY = %v, %v; want none", p, err)
	}
	if err := closeFn(); err != nil {
		t.Error(err)
	}
	cfg.Role = "worker"
	p, closeFn, err = proxyOnStore(t, cfg)
	if p != nil || err != nil {
		t.Errorf("a worker built a proxy: %v, %v", p, err)
	}
	if err := closeFn(); err != nil {
		t.Error(err)
	}
}

// TestLLMProxyChild is not a test of its own: it is the server process
// that TestLLMProxyQuotaAcrossServerProcesses starts (twice) by running
// this test binary again. It builds the proxy from the environment as
// serve does, prints the address it listens on, and serves until its
// standard input closes.
func TestLLMProxyChild(t *testing.T) {
	if os.Getenv("INFERRA_LLM_CHILD") != "1" {
		t.Skip("the server process of TestLLMProxyQuotaAcrossServerProcesses")
	}
	cfg, err := loadServeConfig(os.Getenv, "127.0.0.1:0", "", "")
	if err != nil {
		t.Fatal(err)
	}
	p, closeProxy, err := proxyOnStore(t, cfg)
	if err != nil || p == nil {
		t.Fatalf("newLLMProxy: %v, %v", p, err)
	}
	defer closeProxy()
	s, err := server.New(server.Config{Jobs: noJobs{}, Auth: bearerAuth, LLMProxy: p})
	if err != nil {
		t.Fatal(err)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	hs := &http.Server{Handler: s, ReadHeaderTimeout: 10 * time.Second}
	go hs.Serve(ln) //nolint:errcheck // ends with Close
	fmt.Printf("LISTENING %s\n", ln.Addr())
	_, _ = io.Copy(io.Discard, os.Stdin)
	hs.Close()
}

// TestLLMProxyQuotaAcrossServerProcesses is the proof: two server
// processes on one PostgreSQL database, each building its proxy from the
// environment (LLM_DAILY_TOKENS=8000) and migrating at the same time,
// share each user's daily token count.
func TestLLMProxyQuotaAcrossServerProcesses(t *testing.T) {
	t.Parallel()
	base := storetest.PostgresURL(t)
	schema := storetest.SchemaName()
	ctx := context.Background()
	conn, err := pgx.Connect(ctx, base)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { conn.Close(ctx) })
	if _, err := conn.Exec(ctx, "create schema "+pgx.Identifier{schema}.Sanitize()); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if _, err := conn.Exec(ctx, "drop schema if exists "+pgx.Identifier{schema}.Sanitize()+" cascade"); err != nil {
			t.Errorf("dropping schema %s: %v", schema, err)
		}
	})
	u, err := url.Parse(base)
	if err != nil {
		t.Fatal(err)
	}
	q := u.Query()
	q.Set("search_path", schema)
	u.RawQuery = q.Encode()

	provider := llmtest.NewProvider(t, 1000, 2000) // 3000 a call, up to about 4300 reserved
	env := append(os.Environ(), "INFERRA_LLM_CHILD=1", "DATABASE_URL="+u.String(), "DATA_DIR="+t.TempDir(),
		"LLM_API_KEY=test-key", "LLM_ENDPOINT="+provider.Endpoint, "LLM_MODEL=fake-1", "LLM_DAILY_TOKENS=8000")
	addrs := make([]string, 2)
	var wg sync.WaitGroup
	for i := range addrs {
		cmd := exec.Command(os.Args[0], "-test.run=^TestLLMProxyChild$", "-test.v")
		cmd.Env = env
		cmd.Stderr = os.Stderr
		stdin, err := cmd.StdinPipe()
		if err != nil {
			t.Fatal(err)
		}
		stdout, err := cmd.StdoutPipe()
		if err != nil {
			t.Fatal(err)
		}
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() {
			stdin.Close()
			if err := cmd.Wait(); err != nil {
				t.Errorf("server process %d: %v", i+1, err)
			}
		})
		wg.Go(func() {
			sc := bufio.NewScanner(stdout)
			for sc.Scan() {
				if a, ok := strings.CutPrefix(sc.Text(), "LISTENING "); ok {
					addrs[i] = a
					break
				}
			}
			go io.Copy(io.Discard, stdout) //nolint:errcheck // the rest of the child's output
		})
	}
	wg.Wait()
	if addrs[0] == "" || addrs[1] == "" {
		t.Fatalf("the server processes did not start: %q", addrs)
	}
	post := func(addr, prompt string) (int, map[string]any) {
		req, _ := http.NewRequest("POST", "http://"+addr+"/api/llm-proxy", strings.NewReader(`{"prompt": "`+prompt+`"}`))
		req.Header.Set("Authorization", "Bearer ann")
		req.Header.Set("Content-Type", "application/json")
		res, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer res.Body.Close()
		var body map[string]any
		_ = json.NewDecoder(res.Body).Decode(&body)
		return res.StatusCode, body
	}
	for i, s := range []struct {
		proc int
		want int
	}{{0, 200}, {1, 200}, {0, 429}, {1, 429}} {
		code, body := post(addrs[s.proc], fmt.Sprintf("question %d", i))
		if code != s.want {
			t.Fatalf("call %d to process %d: %d %v, want %d", i+1, s.proc+1, code, body, s.want)
		}
		if code == 429 {
			if d := body["error"].(map[string]any)["details"].(map[string]any); d["used"] != float64(6000) || d["limit"] != float64(8000) {
				t.Errorf("call %d: details %v, want used 6000 of 8000", i+1, d)
			}
		}
	}
	var used, calls int
	if err := conn.QueryRow(ctx, "select (select used from "+pgx.Identifier{schema, "llm_token_usage"}.Sanitize()+" where user_id = 'ann'), "+
		"(select count(*) from "+pgx.Identifier{schema, "llm_call_logs"}.Sanitize()+" where user_id = 'ann')").Scan(&used, &calls); err != nil {
		t.Fatal(err)
	}
	if used != 6000 || calls != 4 {
		t.Errorf("the database holds %d tokens and %d call logs for ann, want 6000 and 4", used, calls)
	}
}

// TestServeWiresLLMProxy runs inferra serve with an LLM configured and
// asks it through the network: the proxy is built, its quota counted in
// the store under DATA_DIR, and closed with the server.
func TestServeWiresLLMProxy(t *testing.T) {
	t.Parallel()
	provider := llmtest.NewProvider(t, 1000, 2000)
	ctx, stop := context.WithCancel(context.Background())
	defer stop()
	addrc := make(chan string, 1)
	done := make(chan int, 1)
	logs := &syncBuffer{}
	env := envOf(map[string]string{"ADDR": "127.0.0.1:0", "DATA_DIR": t.TempDir(), "LLM_API_KEY": "test-key",
		"LLM_ENDPOINT": provider.Endpoint, "LLM_MODEL": "fake-1", "LLM_DAILY_TOKENS": "6000"})
	go func() { done <- runServe(ctx, nil, env, logs, func(a string) { addrc <- a }) }()
	var addr string
	select {
	case addr = <-addrc:
	case code := <-done:
		t.Fatalf("serve exited with %d: %s", code, logs.String())
	}
	for i, want := range []int{http.StatusOK, http.StatusTooManyRequests} {
		res, err := http.Post("http://"+addr+"/api/llm-proxy", "application/json", strings.NewReader(fmt.Sprintf(`{"prompt": "question %d"}`, i)))
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(res.Body)
		res.Body.Close()
		if res.StatusCode != want {
			t.Errorf("call %d: %d %s, want %d", i+1, res.StatusCode, b, want)
		}
	}
	stop()
	if code := <-done; code != exitOK {
		t.Errorf("serve exited with %d: %s", code, logs.String())
	}
}

// proxyOnStore opens and migrates the job store of cfg as serve does, and
// builds the LLM proxy on it; the function returned closes the store.
func proxyOnStore(t *testing.T, cfg serveConfig) (server.LLMProxy, func() error, error) {
	t.Helper()
	st, err := openJobStore(context.Background(), cfg, slog.New(slog.NewTextHandler(io.Discard, nil)))
	if err != nil {
		t.Fatal(err)
	}
	p, err := newLLMProxy(cfg, st, nil)
	if err != nil {
		st.Close()
		return nil, nil, err
	}
	return p, st.Close, nil
}

// noJobs is the job service of a server asked only about its LLM proxy
// or its authentication: it lists no jobs, and any other call panics.
type noJobs struct{ server.JobService }

func (noJobs) List(context.Context, string, jobs.ListFilter) ([]*inferra.Job, string, error) {
	return nil, "", nil
}

// bearerAuth takes the bearer token as the user id.
var bearerAuth = server.AuthenticatorFunc(func(r *http.Request) (string, error) {
	if u, ok := strings.CutPrefix(r.Header.Get("Authorization"), "Bearer "); ok && u != "" {
		return u, nil
	}
	return "", inferra.Errorf(inferra.EUnauthorized, "no bearer token")
})

// askProxy asks the LLM proxy p, through the API, a prompt of user ann.
func askProxy(t *testing.T, p server.LLMProxy, prompt string) *httptest.ResponseRecorder {
	t.Helper()
	s, err := server.New(server.Config{Jobs: noJobs{}, Auth: bearerAuth, LLMProxy: p})
	if err != nil {
		t.Fatal(err)
	}
	req := httptest.NewRequest("POST", "/api/llm-proxy", strings.NewReader(`{"prompt": `+strconv.Quote(prompt)+`}`))
	req.Header.Set("Authorization", "Bearer ann")
	req.Header.Set("Content-Type", "application/json")
	w := httptest.NewRecorder()
	s.ServeHTTP(w, req)
	return w
}
