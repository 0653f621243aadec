// Package ratelimit keeps each user of the API to a fair share: a token
// bucket per user for the request rate, and a small bound on how many of
// a user's requests run at once.
//
// # Buckets
//
// Each user's bucket holds up to burst tokens and refills at perMinute a
// minute (RATE_LIMIT_PER_MIN, 600 by default); a request takes one token.
// When none is left, Allow says no and how long until one is back, which a
// handler turns into 429 with a Retry-After header. A refused request
// takes nothing, so hammering does not lengthen the wait.
//
//	limiter := ratelimit.New(perMinute, 0) // burst: a tenth of a minute's worth
//	if ok, wait := limiter.Allow(userID); !ok {
//		w.Header().Set("Retry-After", strconv.Itoa(int(math.Ceil(wait.Seconds()))))
//		return inferra.Errorf(inferra.ERateLimited, "too many requests; try again in %s", wait)
//	}
//	release, ok := limiter.Acquire(userID)
//	if !ok {
//		return inferra.Errorf(inferra.ERateLimited, "too many analyses running at once")
//	}
//	defer release()
//
// # Memory
//
// Buckets live in a map with a least-recently-seen list. A bucket that has
// gone unused long enough to refill is indistinguishable from a new one, so
// it is dropped the next time a new user arrives; and past a cap on users
// (100,000 by default) the least recently seen user is dropped even if
// its bucket was not yet full, which at worst gives that user a fresh
// burst. Users with requests in flight are never dropped, so Acquire's
// bound holds.
//
// A Limiter is safe for concurrent use; one mutex guards it, which
// BENCHMARKS.md shows is far from the bottleneck of a request. See
// ExampleLimiter_Allow and ExampleLimiter_Acquire.
package ratelimit
