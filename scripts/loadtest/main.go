// Command loadtest measures the throughput and latency of a running
// inferra serve: POST /api/decide and synchronous POST /api/analyze on an
// uploaded dataset of -rows rows, with each number of concurrent clients
// in -clients, for -duration each. It only talks to loopback addresses.
//
//	go run ./scripts/loadtest -url http://127.0.0.1:8000 -clients 1,50 -duration 5s
//
// scripts/load.sh builds and starts a server, runs this, and stops it.
package main

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"math/rand/v2"
	"net"
	"net/http"
	"net/url"
	"os"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/golang-jwt/jwt/v5"
)

func main() {
	if err := cli(os.Args[1:]); err != nil {
		fmt.Fprintln(os.Stderr, "loadtest:", err)
		os.Exit(1)
	}
}

// cli parses the flags and runs the load.
func cli(args []string) error {
	fs := flag.NewFlagSet("loadtest", flag.ContinueOnError)
	base := fs.String("url", "http://127.0.0.1:8000", "the server's base `URL` (loopback only)")
	clients := fs.String("clients", "1,50", "comma-separated numbers of concurrent clients")
	duration := fs.Duration("duration", 5*time.Second, "how long each scenario runs (at most 60s)")
	rows := fs.Int("rows", 1000, "rows of the generated dataset")
	token := fs.String("token", "", "bearer token, when the server authenticates")
	secret := fs.String("jwt-secret", "", "sign a Supabase-style HS256 access token with this `secret` (the server's SUPABASE_JWT_SECRET) instead of -token")
	only := fs.String("scenarios", "decide,analyze", "comma-separated scenarios to run: decide, analyze")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *secret != "" {
		t, err := signToken(*secret, clock())
		if err != nil {
			return err
		}
		*token = t
	}
	scenarioSet = map[string]bool{}
	for _, s := range strings.Split(*only, ",") {
		scenarioSet[strings.TrimSpace(s)] = true
	}
	return run(*base, *clients, *duration, *rows, *token)
}

// clock is the time tokens are signed at; tests fix it.
var clock = time.Now

// signToken returns a Supabase-style access token for one load-test user,
// signed with the HS256 secret and valid for an hour from now.
func signToken(secret string, now time.Time) (string, error) {
	return jwt.NewWithClaims(jwt.SigningMethodHS256, jwt.MapClaims{
		"sub": "6f1c2f7e-8a9b-4c3d-9e2f-0000000010ad", "aud": "authenticated", "role": "authenticated",
		"exp": now.Add(time.Hour).Unix(), "iat": now.Unix(),
	}).SignedString([]byte(secret))
}

func run(base, clientList string, d time.Duration, rows int, token string) error {
	u, err := url.Parse(base)
	if err != nil {
		return err
	}
	if ip := net.ParseIP(u.Hostname()); u.Hostname() != "localhost" && (ip == nil || !ip.IsLoopback()) {
		return fmt.Errorf("refusing %s: load is only sent to loopback addresses", u.Host)
	}
	if d <= 0 || d > time.Minute {
		return fmt.Errorf("-duration must be in (0, 60s], got %s", d)
	}
	var ns []int
	for _, s := range strings.Split(clientList, ",") {
		n, err := strconv.Atoi(strings.TrimSpace(s))
		if err != nil || n < 1 || n > 512 {
			return fmt.Errorf("-clients: want numbers from 1 to 512, got %q", s)
		}
		ns = append(ns, n)
	}
	client := &http.Client{Timeout: 30 * time.Second, Transport: &http.Transport{MaxIdleConnsPerHost: 512, MaxConnsPerHost: 0}}
	id, err := upload(client, base, token, dataset(rows))
	if err != nil {
		return err
	}
	body := func(extra string) []byte {
		return []byte(`{"prompt":"Does score differ between the groups?","dataset":{"id":"` + id + `"}` + extra + `}`)
	}
	scenarios := []struct {
		key, name, path string
		body            []byte
	}{
		{"decide", "POST /api/decide", "/api/decide", body("")},
		{"analyze", "POST /api/analyze (sync)", "/api/analyze", body(`,"mode":"sync"`)},
	}
	fmt.Printf("dataset: %d rows; %s per scenario; latencies of 200 answers, other statuses counted apart\n", rows, d)
	fmt.Printf("%-26s %7s %9s %10s %10s %10s %7s %7s %7s\n", "scenario", "clients", "requests", "ok/s", "p50", "p99", "429", "503", "other")
	for _, sc := range scenarios {
		if len(scenarioSet) > 0 && !scenarioSet[sc.key] {
			continue
		}
		for _, n := range ns {
			r := hammer(client, base+sc.path, token, sc.body, n, d)
			fmt.Printf("%-26s %7d %9d %10.0f %10s %10s %7d %7d %7d\n", sc.name, n, r.count, float64(len(r.lat))/r.elapsed.Seconds(),
				r.quantile(0.50), r.quantile(0.99), r.status[429], r.status[503], r.errors-r.status[429]-r.status[503])
		}
	}
	return nil
}

// scenarioSet holds the -scenarios to run; empty runs them all.
var scenarioSet map[string]bool

// dataset is a deterministic CSV file: two groups whose scores differ.
func dataset(rows int) []byte {
	rng := rand.New(rand.NewPCG(1, 2))
	var b bytes.Buffer
	b.WriteString("id,group,score,age\n")
	for i := range rows {
		g, shift := "control", 0.0
		if i%2 == 1 {
			g, shift = "treated", 0.4
		}
		fmt.Fprintf(&b, "%d,%s,%.3f,%d\n", i+1, g, 10+shift+rng.NormFloat64(), 20+rng.IntN(50))
	}
	return b.Bytes()
}

func upload(c *http.Client, base, token string, csv []byte) (string, error) {
	req, _ := http.NewRequest("POST", base+"/api/datasets?name=load.csv", bytes.NewReader(csv))
	req.Header.Set("Content-Type", "text/csv")
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	res, err := c.Do(req)
	if err != nil {
		return "", err
	}
	defer res.Body.Close()
	var info struct{ ID string }
	if err := json.NewDecoder(res.Body).Decode(&info); err != nil || res.StatusCode != http.StatusCreated {
		return "", fmt.Errorf("upload: %s %v", res.Status, err)
	}
	return info.ID, nil
}

type result struct {
	count, errors int
	elapsed       time.Duration
	lat           []time.Duration // of 200 answers
	status        map[int]int     // counts of other statuses (0: no answer)
}

func (r result) quantile(q float64) time.Duration {
	if len(r.lat) == 0 {
		return 0
	}
	return r.lat[min(len(r.lat)-1, int(q*float64(len(r.lat))))].Round(time.Microsecond)
}

// hammer sends the request from n clients in a loop for d.
func hammer(c *http.Client, target, token string, body []byte, n int, d time.Duration) result {
	ctx, cancel := context.WithTimeout(context.Background(), d)
	defer cancel()
	var mu sync.Mutex
	all := result{status: map[int]int{}}
	var wg sync.WaitGroup
	start := time.Now()
	for range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			mine := result{status: map[int]int{}}
			for ctx.Err() == nil {
				req, _ := http.NewRequest("POST", target, bytes.NewReader(body))
				req.Header.Set("Content-Type", "application/json")
				if token != "" {
					req.Header.Set("Authorization", "Bearer "+token)
				}
				t0 := time.Now()
				res, err := c.Do(req)
				code := 0
				if err == nil {
					_, _ = io.Copy(io.Discard, res.Body)
					res.Body.Close()
					code = res.StatusCode
				}
				if ctx.Err() != nil && code == 0 {
					break // cut off by the end of the scenario
				}
				mine.count++
				if code == http.StatusOK {
					mine.lat = append(mine.lat, time.Since(t0))
				} else {
					mine.errors++
					mine.status[code]++
				}
			}
			mu.Lock()
			all.count += mine.count
			all.errors += mine.errors
			all.lat = append(all.lat, mine.lat...)
			for k, v := range mine.status {
				all.status[k] += v
			}
			mu.Unlock()
		}()
	}
	wg.Wait()
	all.elapsed = time.Since(start)
	slices.Sort(all.lat)
	return all
}
