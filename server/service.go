package server

import (
	"context"
	"net/http"
	"sync"
	"time"

	"github.com/inferra/inferra"
	"github.com/inferra/inferra/jobs"
	"github.com/inferra/inferra/llm"
)

// JobService is the job service as the API uses it; *jobs.Service
// implements it, and a test may give a stand-in. Every method that takes
// a user id must treat another user's job or dataset as absent (an
// *inferra.Error with code ENotFound).
type JobService interface {
	// Submit creates a job. In sync mode it returns the finished job, in
	// async mode the queued one.
	Submit(ctx context.Context, req jobs.SubmitRequest) (*inferra.Job, error)
	// Get returns one of the user's jobs.
	Get(ctx context.Context, userID, id string) (*inferra.Job, error)
	// List returns a page of the user's jobs, newest first, and the
	// cursor of the next page ("" on the last page).
	List(ctx context.Context, userID string, f jobs.ListFilter) ([]*inferra.Job, string, error)
	// Delete removes one of the user's jobs with its plots.
	Delete(ctx context.Context, userID, id string) error
	// Cancel stops one of the user's queued or running jobs and returns it.
	Cancel(ctx context.Context, userID, id string) (*inferra.Job, error)
	// Plot returns the named chart of one of the user's jobs.
	Plot(ctx context.Context, userID, jobID, name string) (contentType string, data []byte, err error)
	// PutDataset stores an uploaded CSV file for the user.
	PutDescribedDataset(ctx context.Context, userID, name string, csv []byte, dict *inferra.Dictionary) (*jobs.DatasetInfo, error)
	// GetDataset returns the description of one of the user's datasets.
	GetDataset(ctx context.Context, userID, id string) (*jobs.DatasetInfo, error)
	// LogDecision records a decision that /api/decide made without a job,
	// so that decisions stay auditable. It should be cheap: the decide
	// endpoint aims at thousands of requests a second.
	LogDecision(ctx context.Context, userID, prompt string, d *inferra.Decision) error
	// Health reports the state of the store and the queue.
	Health(ctx context.Context) jobs.Health
}

// Authenticator turns a request's credentials into a user id. An error is
// reported as 401 (its *inferra.Error message, when it has one).
type Authenticator interface {
	Authenticate(r *http.Request) (userID string, err error)
}

// AuthenticatorFunc is a function used as an Authenticator.
type AuthenticatorFunc func(r *http.Request) (userID string, err error)

// Authenticate implements Authenticator.
func (f AuthenticatorFunc) Authenticate(r *http.Request) (string, error) { return f(r) }

// Limiter is a per-user rate limit: Allow reports whether the user may
// make one more request now and, if not, how long to wait.
type Limiter interface {
	Allow(userID string) (ok bool, retryAfter time.Duration)
}

// LLMProxy is the logic of POST /api/llm-proxy; *llm.Proxy implements it.
type LLMProxy interface {
	Do(ctx context.Context, userID string, req llm.ProxyRequest) (*llm.ProxyResponse, error)
}

// LocalUserID is the one user of local mode (no Authenticator given).
const LocalUserID = "local"

// localAuth is the authenticator of local mode: every request is the
// local user.
type localAuth struct{}

// Authenticate implements Authenticator.
func (localAuth) Authenticate(*http.Request) (string, error) { return LocalUserID, nil }

// noLimit is the limiter used when none is configured.
type noLimit struct{}

// Allow implements Limiter.
func (noLimit) Allow(string) (bool, time.Duration) { return true, 0 }

// datasetCache remembers the descriptions of recently used datasets: a
// dataset never changes once uploaded (its id names its bytes), and POST
// /api/decide on an uploaded dataset needs only its schema, so a question
// about a known dataset costs no read of the store. It is a bounded map
// from (user, dataset id) to the description; when full, it forgets an
// arbitrary entry.
type datasetCache struct {
	mu sync.Mutex
	m  map[[2]string]*jobs.DatasetInfo
}

// maxCachedDatasets bounds the cache; a description is a few kilobytes.
const maxCachedDatasets = 4096

// getDataset returns the description of one of the user's datasets, from
// the cache when it holds it.
func (s *server) getDataset(ctx context.Context, user, id string) (*jobs.DatasetInfo, error) {
	c := &s.datasets
	key := [2]string{user, id}
	c.mu.Lock()
	d, ok := c.m[key]
	c.mu.Unlock()
	if ok {
		return d, nil
	}
	d, err := s.svc.GetDataset(ctx, user, id)
	if err != nil {
		return nil, err
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.m == nil {
		c.m = make(map[[2]string]*jobs.DatasetInfo)
	}
	if len(c.m) >= maxCachedDatasets {
		for k := range c.m {
			delete(c.m, k)
			break
		}
	}
	c.m[key] = d
	return d, nil
}
