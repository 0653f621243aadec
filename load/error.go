package load

import "github.com/inferra/inferra"

// ParseError is an error in CSV input at a known place, like encoding/csv's
// ParseError. Err is the *inferra.Error a caller reports (its code is
// EInvalid or ETooLarge and its details hold "line", and "column" when
// the error is in one field), so errors.As finds both the ParseError and
// the *inferra.Error, and inferra.ErrorCode reads the code through it.
type ParseError struct {
	// Line is the 1-based physical line of the error: the line the record
	// starts on, or the line of a quote that is never closed or is
	// followed by text, counting the header, blank lines and line breaks
	// inside quoted fields.
	Line int
	// Column is the 1-based field of the record the error is in, or 0 when
	// it concerns the whole record (such as a wrong number of fields).
	Column int
	// Err is the *inferra.Error that says what is wrong.
	Err error
}

// Error returns the message of Err, which names the line.
func (e *ParseError) Error() string { return e.Err.Error() }

// Unwrap returns Err.
func (e *ParseError) Unwrap() error { return e.Err }

// parseError returns e, with its "line" detail set, as a ParseError at the
// given line and 1-based column (0 for the whole record).
func parseError(line, column int, e *inferra.Error) *ParseError {
	return &ParseError{Line: line, Column: column, Err: e.WithDetail("line", line)}
}
