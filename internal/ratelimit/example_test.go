package ratelimit_test

import (
	"fmt"
	"math"

	"github.com/inferra/inferra/internal/ratelimit"
)

func ExampleLimiter_Allow() {
	clk := newClock() // a frozen clock, so the output is the same every run
	l := ratelimit.New(600, 2, ratelimit.WithClock(clk.Now))
	for range 3 {
		ok, retryAfter := l.Allow("8f14e45f-ceea-467f-a8b4-1c2d3e4f5a6b")
		if !ok {
			// What a handler puts in the Retry-After header.
			fmt.Println("429, Retry-After:", int(math.Ceil(retryAfter.Seconds())), "after", retryAfter)
			continue
		}
		fmt.Println("allowed")
	}
	// Output:
	// allowed
	// allowed
	// 429, Retry-After: 1 after 100ms
}

func ExampleLimiter_Acquire() {
	l := ratelimit.New(600, 60, ratelimit.WithMaxConcurrent(1))
	release, ok := l.Acquire("ada")
	fmt.Println(ok)
	_, ok = l.Acquire("ada") // her first job is still running
	fmt.Println(ok)
	release()
	release, ok = l.Acquire("ada")
	fmt.Println(ok)
	defer release()
	// Output:
	// true
	// false
	// true
}
