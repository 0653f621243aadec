package inferra

import (
	"errors"
	"fmt"
)

// Error codes. They are part of the job document and the HTTP API, so they
// never change meaning once released.
const (
	// EInvalid means the caller's input is wrong: a missing column, a
	// malformed CSV file, a constant column, too few observations.
	EInvalid = "invalid_input"
	// ENotFound means the thing asked for does not exist (or is not the
	// caller's to see).
	ENotFound = "not_found"
	// EUnauthorized means no valid credentials came with the request.
	EUnauthorized = "unauthorized"
	// ETooLarge means the input exceeds a configured limit.
	ETooLarge = "too_large"
	// ERateLimited means the caller asked too often.
	ERateLimited = "rate_limited"
	// EUnsupported means the request is well formed but asks for something
	// Inferra does not do, such as an unknown analysis id.
	EUnsupported = "unsupported"
	// EUnavailable means a dependency (database, LLM) cannot be reached now.
	EUnavailable = "unavailable"
	// ECanceled means the work was stopped before it finished, by the
	// caller (a deadline that ends a job is ETimeout).
	ECanceled = "canceled"
	// ETimeout means the work did not finish within the time allowed for
	// it (JOB_TIMEOUT): the job failed; the same request will time out
	// again unless it asks for less.
	ETimeout = "timeout"
	// ELLMNotConfigured means a feature needs a language model and none is
	// configured (no LLM_API_KEY or LLM_ENDPOINT); the server answers 503.
	// Rule-based analyses never need one.
	ELLMNotConfigured = "llm_not_configured"
	// EInternal means a bug or an unexpected failure; details are logged,
	// never shown.
	EInternal = "internal"
)

// Error is the one error type that crosses package boundaries and reaches
// users. Code is one of the E… constants, Message is a sentence a user can
// act on, and Details carries structured hints (the column that was not
// found, the closest existing names, the line of a CSV error).
type Error struct {
	Code    string         `json:"code"`
	Message string         `json:"message"`
	Details map[string]any `json:"details,omitempty"`
}

// Error implements the error interface.
func (e *Error) Error() string {
	return e.Message
}

// Errorf returns an *Error with the given code and a formatted message.
func Errorf(code, format string, args ...any) *Error {
	return &Error{Code: code, Message: fmt.Sprintf(format, args...)}
}

// WithDetail returns e after setting Details[key] = value; it is a
// convenience for building errors in one expression.
func (e *Error) WithDetail(key string, value any) *Error {
	if e.Details == nil {
		e.Details = make(map[string]any)
	}
	e.Details[key] = value
	return e
}

// ErrorCode returns the code of the first *Error in err's chain, "" for a
// nil error and EInternal for any other error.
func ErrorCode(err error) string {
	if err == nil {
		return ""
	}
	var e *Error
	if errors.As(err, &e) {
		return e.Code
	}
	return EInternal
}

// ErrorMessage returns the user-facing message of the first *Error in err's
// chain. Other errors are internal, so their text is not shown: the message
// is a generic one.
func ErrorMessage(err error) string {
	if err == nil {
		return ""
	}
	var e *Error
	if errors.As(err, &e) {
		return e.Message
	}
	return "An internal error occurred."
}

// AsError returns err as an *Error: the first *Error in its chain, or an
// EInternal error with a generic message.
func AsError(err error) *Error {
	if err == nil {
		return nil
	}
	var e *Error
	if errors.As(err, &e) {
		return e
	}
	return &Error{Code: EInternal, Message: ErrorMessage(err)}
}
