package formula

import (
	"fmt"
	"unicode/utf8"

	"github.com/inferra/inferra"
)

// Error is a formula that cannot be parsed: Msg says what is wrong and Pos
// is the byte offset in Formula of the offending token (len(Formula) when
// the formula ends too soon). Messages and details give the position in
// characters (see Position), which is what a person counts.
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
	return fmt.Sprintf("formula %q: %s at position %d", e.Formula, e.Msg, Position(e.Formula, e.Pos))
}

// Position converts a byte offset in formula to a 0-based character
// offset, so that "position 10" of "y ~ größe $ x" is the '$'.
func Position(formula string, byteOffset int) int {
	byteOffset = max(0, min(byteOffset, len(formula)))
	return utf8.RuneCountInString(formula[:byteOffset])
}

// Unwrap returns the error as an *inferra.Error (code invalid_input, with
// the position in its details).
func (e *Error) Unwrap() error {
	return inferra.Errorf(inferra.EInvalid, "%s", e.Error()).
		WithDetail("formula", e.Formula).
		WithDetail("position", Position(e.Formula, e.Pos))
}
