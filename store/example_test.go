package store_test

import (
	"context"
	"errors"
	"fmt"

	"github.com/inferra/inferra/store"
)

// ExampleRetry retries an operation whose first two runs fail
// transiently.
func ExampleRetry() {
	busy := errors.New("database is locked")
	runs := 0
	err := store.Retry(context.Background(), 5, func(err error) bool { return errors.Is(err, busy) }, func() error {
		runs++
		if runs < 3 {
			return busy
		}
		return nil
	})
	fmt.Println(runs, err)
	// Output: 3 <nil>
}
