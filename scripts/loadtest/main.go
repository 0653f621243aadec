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
)

func main() {
	base := flag.String("url", "http://127.0.0.1:8000", "the server's base `URL` (loopback only)")
	clients := flag.String("clients", "1,50", "comma-separated numbers of concurrent clients")
	duration := flag.Duration("duration", 5*time.Second, "how long each scenario runs (at most 60s)")
	rows := flag.Int("rows", 1000, "rows of the generated dataset")
	token := flag.String("token", "", "bearer token, when the server authenticates")
	flag.Parse()
	if err := run(*base, *clients, *duration, *rows, *token); err != nil {
		fmt.Fprintln(os.Stderr, "loadtest:", err)
		os.Exit(1)
	}
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
		name, path string
		body       []byte
	}{
		{"POST /api/decide", "/api/decide", body("")},
		{"POST /api/analyze (sync)", "/api/analyze", body(`,"mode":"sync"`)},
	}
	fmt.Printf("dataset: %d rows; %s per scenario\n", rows, d)
	fmt.Printf("%-26s %7s %9s %10s %10s %10s %7s\n", "scenario", "clients", "requests", "req/s", "p50", "p99", "errors")
	for _, sc := range scenarios {
		for _, n := range ns {
			r := hammer(client, base+sc.path, token, sc.body, n, d)
			fmt.Printf("%-26s %7d %9d %10.0f %10s %10s %7d\n", sc.name, n, r.count, float64(r.count)/r.elapsed.Seconds(),
				r.quantile(0.50), r.quantile(0.99), r.errors)
		}
	}
	return nil
}

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
	lat           []time.Duration
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
	var all result
	var wg sync.WaitGroup
	start := time.Now()
	for range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var mine result
			for ctx.Err() == nil {
				req, _ := http.NewRequest("POST", target, bytes.NewReader(body))
				req.Header.Set("Content-Type", "application/json")
				if token != "" {
					req.Header.Set("Authorization", "Bearer "+token)
				}
				t0 := time.Now()
				res, err := c.Do(req)
				if err == nil {
					_, _ = io.Copy(io.Discard, res.Body)
					res.Body.Close()
				}
				mine.lat = append(mine.lat, time.Since(t0))
				mine.count++
				if err != nil || res.StatusCode != http.StatusOK {
					mine.errors++
				}
			}
			mu.Lock()
			all.count += mine.count
			all.errors += mine.errors
			all.lat = append(all.lat, mine.lat...)
			mu.Unlock()
		}()
	}
	wg.Wait()
	all.elapsed = time.Since(start)
	slices.Sort(all.lat)
	return all
}
