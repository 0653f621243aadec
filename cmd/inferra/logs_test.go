package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// logKey is an LLM key of 29 characters, as in the leaked log lines.
const logKey = "xai-Zq8LmN3vR7tY1pK5wX9cB2dF6"

// keyPiece returns the first piece of logKey of 8 or more characters in
// text, or "" (a longer piece contains one of 8).
func keyPiece(text string) string {
	for i := 0; i+8 <= len(logKey); i++ {
		if strings.Contains(text, logKey[i:i+8]) {
			return logKey[i : i+8]
		}
	}
	return ""
}

// providerText is a long provider message, with multi-byte characters.
var providerText = []rune(strings.Repeat("Invalid request: paramètre inconnu, 请检查. ", 12))

// echoingProvider answers every chat request 400 with a long message that
// echoes the key at the rune offset the prompt names ("offset N").
func echoingProvider(t *testing.T) *httptest.Server {
	t.Helper()
	offset := regexp.MustCompile(`offset (\d+)`)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b, _ := io.ReadAll(r.Body)
		i := 0
		if m := offset.FindSubmatch(b); m != nil {
			i, _ = strconv.Atoi(string(m[1]))
		}
		i = min(i, len(providerText))
		msg, _ := json.Marshal(string(providerText[:i]) + logKey + string(providerText[i:]))
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(http.StatusBadRequest)
		fmt.Fprintf(w, `{"error":{"message":%s}}`, msg)
	}))
	t.Cleanup(srv.Close)
	return srv
}

// nonJSONLines returns the lines of out that are not JSON objects.
func nonJSONLines(out string) []string {
	var bad []string
	for _, line := range strings.Split(strings.TrimRight(out, "\n"), "\n") {
		var v map[string]any
		if err := json.Unmarshal([]byte(line), &v); err != nil || v["msg"] == nil || v["level"] == nil {
			bad = append(bad, line)
		}
	}
	return bad
}

// TestServeLogsOnlyJSONAndNoKey runs inferra serve, has it log through
// every path a line can take — its own logger, an internal error (an LLM
// provider that rejects the request and echoes the key, at every offset of
// its long message), the HTTP server's ErrorLog, slog.Default and the
// standard log package as a library would use them — and checks that
// every line on stderr but the one for a person is a JSON object and that
// no piece of the key is in any. Not parallel: serve takes over the process's default loggers while
// it runs.
func TestServeLogsOnlyJSONAndNoKey(t *testing.T) {
	provider := echoingProvider(t)
	ctx, stop := context.WithCancel(context.Background())
	defer stop()
	addrc := make(chan string, 1)
	done := make(chan int, 1)
	logs := &syncBuffer{}
	env := envOf(map[string]string{"ADDR": "127.0.0.1:0", "DATA_DIR": t.TempDir(), "LOG_LEVEL": "debug",
		"LLM_API_KEY": logKey, "LLM_ENDPOINT": provider.URL + "/v1", "LLM_DAILY_TOKENS": "0", "RATE_LIMIT_PER_MIN": "0"})
	go func() { done <- runServe(ctx, nil, env, logs, func(a string) { addrc <- a }) }()
	var addr string
	select {
	case addr = <-addrc:
	case code := <-done:
		t.Fatalf("serve exited with %d: %s", code, logs.String())
	}
	for i := 0; i <= len(providerText); i++ {
		res, err := http.Post("http://"+addr+"/api/llm-proxy", "application/json",
			strings.NewReader(fmt.Sprintf(`{"prompt": "question at offset %d"}`, i)))
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(res.Body)
		res.Body.Close()
		if res.StatusCode != http.StatusInternalServerError || keyPiece(string(b)) != "" {
			t.Fatalf("offset %d: %d %s, want 500 without the key", i, res.StatusCode, b)
		}
	}
	log.Printf("a library's line through the log package, key %s", logKey)
	slog.Warn("a library's line through slog.Default", "key", logKey)
	stop()
	if code := <-done; code != exitOK {
		t.Fatalf("serve exited with %d: %s", code, logs.String())
	}
	out := logs.String()
	// The one line for a person, and only it, is plain text.
	ready := "Inferra is ready: open http://" + addr + " (Ctrl-C stops it)\n"
	if strings.Count(out, ready) != 1 {
		t.Errorf("the log holds %d lines %q, want one", strings.Count(out, ready), ready)
	}
	if bad := nonJSONLines(strings.Replace(out, ready, "", 1)); len(bad) > 0 {
		t.Errorf("%d lines are not JSON objects, such as %q", len(bad), bad[0])
	}
	if piece := keyPiece(out); piece != "" {
		i := strings.Index(out, piece)
		t.Errorf("the log shows %q of the key: …%s…", piece, out[max(0, i-200):min(len(out), i+100)])
	}
	for _, want := range []string{`"msg":"internal error"`, "through the log package", "through slog.Default"} {
		if !strings.Contains(out, want) {
			t.Errorf("the log lacks %s", want)
		}
	}
	if n := strings.Count(out, `"msg":"internal error"`); n != len(providerText)+1 {
		t.Errorf("%d internal-error lines, want one per request (%d)", n, len(providerText)+1)
	}
}

// TestHTTPServerErrorLogIsJSON checks the HTTP server's own complaints:
// a handler that writes its header twice makes net/http log through
// ErrorLog, which must be a JSON line of serve's logger.
func TestHTTPServerErrorLogIsJSON(t *testing.T) {
	t.Parallel()
	logs := &syncBuffer{}
	twice := http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		w.WriteHeader(http.StatusNoContent)
		w.WriteHeader(http.StatusOK)
	})
	hs := newHTTPServer(serveConfig{}, twice, newServeLogger(logs, slog.LevelInfo, nil))
	srv := httptest.NewUnstartedServer(twice)
	srv.Config = hs
	srv.Start()
	defer srv.Close()
	res, err := http.Get(srv.URL)
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	srv.Close()
	out := logs.String()
	if !strings.Contains(out, "superfluous") || !strings.Contains(out, `"level":"WARN"`) {
		t.Errorf("the HTTP server's complaint is missing: %q", out)
	}
	if bad := nonJSONLines(out); len(bad) > 0 {
		t.Errorf("lines that are not JSON: %q", bad)
	}
}

// TestServeUsageErrorsAreJSON checks that what serve says about bad flags,
// arguments and configuration is JSON lines too; --help alone is text.
func TestServeUsageErrorsAreJSON(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		args []string
		env  map[string]string
		want string
	}{
		{[]string{"--nope"}, nil, "nope"},
		{[]string{"extra"}, nil, "extra"},
		{nil, map[string]string{"ADDR": "0.0.0.0:0", "LOG_LEVEL": "loud", "MAX_QUEUED_PER_USER": "-1"}, "LOG_LEVEL"},
	} {
		var stderr bytes.Buffer
		code := runServe(context.Background(), tc.args, envOf(tc.env), &stderr, func(string) { t.Error("the server listened") })
		if code != exitUsage || !strings.Contains(stderr.String(), tc.want) {
			t.Errorf("serve %v: exit %d, %s; want 2 naming %s", tc.args, code, stderr.String(), tc.want)
		}
		if bad := nonJSONLines(stderr.String()); len(bad) > 0 {
			t.Errorf("serve %v: lines that are not JSON: %q", tc.args, bad)
		}
	}
	var stderr bytes.Buffer
	if code := runServe(context.Background(), []string{"--help"}, envOf(nil), &stderr, nil); code != exitOK || !strings.Contains(stderr.String(), "-data-dir") {
		t.Errorf("serve --help: exit %d, %s; want 0 and the flags", code, stderr.String())
	}
}

// TestRedactingHandler checks each kind of attribute a secret can ride in.
func TestRedactingHandler(t *testing.T) {
	t.Parallel()
	var buf bytes.Buffer
	l := newServeLogger(&buf, slog.LevelDebug, []string{logKey, "", "abc"})
	l.With("bound", "k="+logKey).WithGroup("g").Info("message "+logKey,
		"s", logKey, "err", errors.New("failed: "+logKey), "stringer", stringer(logKey),
		"map", map[string]string{"k": logKey}, slog.Group("inner", "s", logKey), "n", 3, "short", "abc")
	out := buf.String()
	if keyPiece(out) != "" {
		t.Errorf("the line shows the key: %s", out)
	}
	for _, want := range []string{`"msg":"message [REDACTED]"`, `"bound":"k=[REDACTED]"`, `"n":3`, `"short":"abc"`, `"inner":{"s":"[REDACTED]"}`} {
		if !strings.Contains(out, want) {
			t.Errorf("the line lacks %s: %s", want, out)
		}
	}
}

type stringer string

func (s stringer) String() string { return string(s) }
