package store

import (
	"context"
	"encoding/base64"
	"errors"
	"math/rand/v2"
	"strconv"
	"strings"
	"time"

	"github.com/google/uuid"
	"github.com/inferra/inferra"
)

// Retry runs op until it succeeds, fails with an error that transient does
// not accept, or has run attempts times (defaults to 5 when attempts ≤ 0).
// Between runs it waits 20 ms·2ⁿ, capped at one second, with ±50 % jitter,
// and gives up early when ctx ends.
func Retry(ctx context.Context, attempts int, transient func(error) bool, op func() error) error {
	if attempts <= 0 {
		attempts = 5
	}
	wait := 20 * time.Millisecond
	for i := 1; ; i++ {
		err := op()
		if err == nil || i >= attempts || !transient(err) || ctx.Err() != nil {
			return err
		}
		d := wait/2 + time.Duration(rand.Int64N(int64(wait)))
		t := time.NewTimer(d)
		select {
		case <-ctx.Done():
			t.Stop()
			return err
		case <-t.C:
		}
		wait = min(2*wait, time.Second)
	}
}

// NewID returns a random UUID (version 4) in its canonical text form.
func NewID() string { return uuid.NewString() }

// ValidID reports whether id is a UUID in text form. Stores answer
// ENotFound for an id that is not one, rather than a database error.
func ValidID(id string) bool {
	_, err := uuid.Parse(id)
	return err == nil && len(id) == 36
}

// Now returns the current time in UTC, truncated to the microsecond both
// databases keep, so that a stored time reads back equal.
func Now() time.Time { return time.Now().UTC().Truncate(time.Microsecond) }

// Normalize returns t in UTC truncated to the microsecond.
func Normalize(t time.Time) time.Time { return t.UTC().Truncate(time.Microsecond) }

// Page is a normalized JobFilter: the limit with its default and bound
// applied and the cursor decoded.
type Page struct {
	inferra.JobFilter
	// After is set when the filter has a cursor: the page starts after the
	// job created at AfterTime with id AfterID, in newest-first order.
	After     bool
	AfterTime time.Time
	AfterID   string
}

// DefaultLimit and MaxLimit bound JobFilter.Limit.
const (
	DefaultLimit = 50
	MaxLimit     = 500
)

// ParseFilter validates f, applies the limit's default and bound, and
// decodes its cursor; a malformed cursor or an unknown state is an
// EInvalid error.
func ParseFilter(f inferra.JobFilter) (Page, error) {
	p := Page{JobFilter: f}
	switch {
	case f.Limit <= 0:
		p.Limit = DefaultLimit
	case f.Limit > MaxLimit:
		p.Limit = MaxLimit
	}
	for _, s := range f.Status {
		if !s.Valid() {
			return p, inferra.Errorf(inferra.EInvalid, "unknown job status %q", s).WithDetail("status", string(s))
		}
	}
	if !f.Since.IsZero() && !f.Until.IsZero() && !f.Until.After(f.Since) {
		return p, inferra.Errorf(inferra.EInvalid, "the time range is empty: until must be after since")
	}
	if f.Cursor != "" {
		t, id, err := decodeCursor(f.Cursor)
		if err != nil {
			return p, inferra.Errorf(inferra.EInvalid, "malformed page cursor").WithDetail("cursor", f.Cursor)
		}
		p.After, p.AfterTime, p.AfterID = true, t, id
	}
	return p, nil
}

// Cursor returns the cursor of the page that follows job j in
// newest-first order.
func Cursor(j *inferra.Job) string {
	s := strconv.FormatInt(j.CreatedAt.UnixMicro(), 10) + "/" + j.ID
	return base64.RawURLEncoding.EncodeToString([]byte(s))
}

func decodeCursor(c string) (time.Time, string, error) {
	b, err := base64.RawURLEncoding.DecodeString(c)
	if err != nil {
		return time.Time{}, "", err
	}
	us, id, ok := strings.Cut(string(b), "/")
	if !ok || !ValidID(id) {
		return time.Time{}, "", errors.New("bad cursor")
	}
	n, err := strconv.ParseInt(us, 10, 64)
	if err != nil {
		return time.Time{}, "", err
	}
	return time.UnixMicro(n).UTC(), id, nil
}

// NotFound returns the ENotFound error for a missing thing ("job",
// "dataset", "plot") with the given id.
func NotFound(what, id string) *inferra.Error {
	return inferra.Errorf(inferra.ENotFound, "%s %s not found", what, id).WithDetail(what+"_id", id)
}

// CheckJob validates a job before it is created.
func CheckJob(j *inferra.Job) error {
	switch {
	case !ValidID(j.ID):
		return inferra.Errorf(inferra.EInvalid, "store: job id %q is not a UUID", j.ID)
	case j.UserID == "":
		return inferra.Errorf(inferra.EInvalid, "store: a job needs a user id")
	case !j.Status.Valid():
		return inferra.Errorf(inferra.EInvalid, "store: unknown job status %q", j.Status)
	}
	return nil
}

// Rows is what CountByState reads: *sql.Rows and pgx.Rows both are.
type Rows interface {
	Next() bool
	Scan(dest ...any) error
	Err() error
}

// CountByState reads (status, count) rows into a map, for CountJobs.
func CountByState(rows Rows) (map[inferra.JobState]int64, error) {
	out := map[inferra.JobState]int64{}
	for rows.Next() {
		var st string
		var n int64
		if err := rows.Scan(&st, &n); err != nil {
			return nil, err
		}
		out[inferra.JobState(st)] = n
	}
	return out, rows.Err()
}

// CountJobsQuery counts the jobs by state; both stores run it.
const CountJobsQuery = `select status, count(*) from analysis_jobs group by status`
