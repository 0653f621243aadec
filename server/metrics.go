package server

import (
	"fmt"
	"io"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/inferra/inferra"
)

// latencyBuckets are the upper bounds, in seconds, of the request latency
// histogram.
var latencyBuckets = []float64{0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30}

// metrics counts requests by route and status with latency histograms,
// and writes them in the Prometheus text format.
type metrics struct {
	mu     sync.Mutex
	series map[seriesKey]*histogram
}

type seriesKey struct {
	route  string
	status int
}

type histogram struct {
	counts []uint64 // per bucket, not cumulative; the last is +Inf
	sum    float64
	total  uint64
}

func newMetrics() *metrics {
	return &metrics{series: map[seriesKey]*histogram{}}
}

// observe counts one request.
func (m *metrics) observe(route string, status int, d time.Duration) {
	sec := d.Seconds()
	i, _ := slices.BinarySearch(latencyBuckets, sec)
	k := seriesKey{route, status}
	m.mu.Lock()
	h := m.series[k]
	if h == nil {
		h = &histogram{counts: make([]uint64, len(latencyBuckets)+1)}
		m.series[k] = h
	}
	h.counts[i]++
	h.sum += sec
	h.total++
	m.mu.Unlock()
}

// write writes the request metrics in the Prometheus text format.
func (m *metrics) write(w io.Writer) {
	m.mu.Lock()
	keys := make([]seriesKey, 0, len(m.series))
	for k := range m.series {
		keys = append(keys, k)
	}
	slices.SortFunc(keys, func(a, b seriesKey) int {
		if c := strings.Compare(a.route, b.route); c != 0 {
			return c
		}
		return a.status - b.status
	})
	snap := make([]histogram, len(keys))
	for i, k := range keys {
		h := m.series[k]
		snap[i] = histogram{counts: slices.Clone(h.counts), sum: h.sum, total: h.total}
	}
	m.mu.Unlock()

	fmt.Fprintln(w, "# HELP inferra_http_requests_total HTTP requests served, by route and status.")
	fmt.Fprintln(w, "# TYPE inferra_http_requests_total counter")
	for i, k := range keys {
		fmt.Fprintf(w, "inferra_http_requests_total{route=%s,status=\"%d\"} %d\n", quoteLabel(k.route), k.status, snap[i].total)
	}
	fmt.Fprintln(w, "# HELP inferra_http_request_duration_seconds HTTP request latency, by route and status.")
	fmt.Fprintln(w, "# TYPE inferra_http_request_duration_seconds histogram")
	for i, k := range keys {
		labels := fmt.Sprintf("route=%s,status=\"%d\"", quoteLabel(k.route), k.status)
		var cum uint64
		for j, le := range latencyBuckets {
			cum += snap[i].counts[j]
			fmt.Fprintf(w, "inferra_http_request_duration_seconds_bucket{%s,le=\"%s\"} %d\n", labels, strconv.FormatFloat(le, 'g', -1, 64), cum)
		}
		fmt.Fprintf(w, "inferra_http_request_duration_seconds_bucket{%s,le=\"+Inf\"} %d\n", labels, snap[i].total)
		fmt.Fprintf(w, "inferra_http_request_duration_seconds_sum{%s} %s\n", labels, strconv.FormatFloat(snap[i].sum, 'g', -1, 64))
		fmt.Fprintf(w, "inferra_http_request_duration_seconds_count{%s} %d\n", labels, snap[i].total)
	}
}

// quoteLabel quotes a label value as the text format requires.
func quoteLabel(s string) string {
	r := strings.NewReplacer(`\`, `\\`, `"`, `\"`, "\n", `\n`)
	return `"` + r.Replace(s) + `"`
}

// handleMetrics serves GET /metrics: the request metrics, and the job
// counts, queue depth and lost decision log entries that the job service
// reports.
func (s *server) handleMetrics(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "text/plain; version=0.0.4; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	s.metrics.write(w)
	h := s.svc.Health(r.Context())
	fmt.Fprintln(w, "# HELP inferra_jobs Stored jobs, by state.")
	fmt.Fprintln(w, "# TYPE inferra_jobs gauge")
	states := make([]string, 0, len(h.JobCounts))
	for st := range h.JobCounts {
		states = append(states, string(st))
	}
	slices.Sort(states)
	for _, st := range states {
		fmt.Fprintf(w, "inferra_jobs{state=%s} %d\n", quoteLabel(st), h.JobCounts[inferra.JobState(st)])
	}
	fmt.Fprintln(w, "# HELP inferra_queue_depth Jobs waiting in the queue.")
	fmt.Fprintln(w, "# TYPE inferra_queue_depth gauge")
	fmt.Fprintf(w, "inferra_queue_depth %d\n", h.QueueDepth)
	fmt.Fprintln(w, "# HELP inferra_decision_log_errors_total Decision log entries (of POST /api/decide) that could not be written.")
	fmt.Fprintln(w, "# TYPE inferra_decision_log_errors_total counter")
	fmt.Fprintf(w, "inferra_decision_log_errors_total %d\n", h.DecisionLogErrors)
	fmt.Fprintln(w, "# HELP inferra_up Whether the store and the queue are reachable (1) or not (0).")
	fmt.Fprintln(w, "# TYPE inferra_up gauge")
	fmt.Fprintf(w, "inferra_up{part=\"store\"} %d\n", b2i(h.Store == "ok"))
	fmt.Fprintf(w, "inferra_up{part=\"queue\"} %d\n", b2i(h.Queue == "ok"))
}

func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}
