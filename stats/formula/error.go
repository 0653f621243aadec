package formula

import (
	"fmt"

	"github.com/inferra/inferra"
)

// Error is a formula that cannot be parsed: Msg says what is wrong and Pos
// is the byte offset in Formula of the offending token (len(Formula) when
// the formula ends too soon).
//
// Error unwraps to an *inferra.Error with code inferra.EInvalid, so
// inferra.ErrorCode reports a parse error as the user's input error.
type Error struct {
	Formula string
	Pos     int
	Msg     string
}

// Error returns a message such as
// `formula "y ~ x +": expected a term at position 7`.
func (e *Error) Error() string {
	return fmt.Sprintf("formula %q: %s at position %d", e.Formula, e.Msg, e.Pos)
}

// Unwrap returns the error as an *inferra.Error (code invalid_input, with
// the position in its details).
func (e *Error) Unwrap() error {
	return inferra.Errorf(inferra.EInvalid, "%s", e.Error()).
		WithDetail("formula", e.Formula).
		WithDetail("position", e.Pos)
}
