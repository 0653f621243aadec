package store

import (
	"errors"
	"time"
)

// ErrQuotaExceeded is returned by the stores' ReserveTokens when a
// reservation would take a user past the day's limit. The server maps it
// to llm.ErrQuotaExceeded (store does not depend on package llm).
var ErrQuotaExceeded = errors.New("store: daily token quota exceeded")

// QuotaDay returns the UTC calendar date of t as YYYY-MM-DD: the key of a
// day's token count, so that 23:59 and 00:01 UTC fall on different days
// whatever t's zone.
func QuotaDay(t time.Time) string { return t.UTC().Format(time.DateOnly) }
