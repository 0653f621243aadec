package stats

import (
	"context"
	"errors"

	"github.com/inferra/inferra"
)

// DefaultMaxDesignCells is the default of Options.MaxDesignCells: 50
// million cells, 400 MB of float64 values.
const DefaultMaxDesignCells = 50_000_000

// Options bound the work of one analysis. The zero value takes the
// defaults.
type Options struct {
	// MaxDesignCells bounds the size of a regression's model matrix. The
	// size counts the matrix itself, rows × columns, and the square
	// matrices the fit works with, about 8 × columns²: (rows + 8 ×
	// columns) × columns. A formula whose design exceeds it is refused
	// with ETooLarge as soon as its columns are counted, before any of
	// them is built. Defaults to DefaultMaxDesignCells.
	MaxDesignCells int
}

func (o Options) maxDesignCells() int {
	if o.MaxDesignCells <= 0 {
		return DefaultMaxDesignCells
	}
	return o.MaxDesignCells
}

// designCells is the size of an n×p design as Options.MaxDesignCells
// counts it, saturating instead of overflowing.
func designCells(n, p int) int {
	const limit = 1 << 62
	if p <= 0 {
		return 0
	}
	if p > limit/(n+8*p) || n+8*p < 0 {
		return limit
	}
	return (n + 8*p) * p
}

// canceledError is the error of a computation stopped because its context
// ended. It wraps the context's error, so errors.Is(err,
// context.DeadlineExceeded) holds, and reads as an *inferra.Error: ETimeout
// for a deadline, ECanceled otherwise.
type canceledError struct{ err error }

func (e canceledError) Error() string { return e.inferra().Message }

func (e canceledError) Unwrap() error { return e.err }

// As lets errors.As find the *inferra.Error that describes e.
func (e canceledError) As(target any) bool {
	if t, ok := target.(**inferra.Error); ok {
		*t = e.inferra()
		return true
	}
	return false
}

func (e canceledError) inferra() *inferra.Error {
	if errors.Is(e.err, context.DeadlineExceeded) {
		return inferra.Errorf(inferra.ETimeout, "the analysis did not finish in the time allowed")
	}
	return inferra.Errorf(inferra.ECanceled, "the analysis was canceled before it finished")
}

// stopped returns a canceledError when ctx has ended, nil otherwise. Long
// computations call it at intervals of a few milliseconds of work, so that
// a job's timeout or cancel stops the work itself.
func stopped(ctx context.Context) error {
	if err := ctx.Err(); err != nil {
		return canceledError{err}
	}
	return nil
}
