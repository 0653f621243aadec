package llm

import (
	"errors"
	"fmt"
	"time"

	"github.com/inferra/inferra"
)

// The kinds of failure a Client reports. Test for them with errors.Is; each
// *Error also carries an *inferra.Error (read with inferra.ErrorCode) for
// the server's single mapping of errors to statuses.
var (
	// ErrRateLimited: the provider answered 429 and kept answering it, or
	// asked for a longer wait than MaxRetryWait. Code ERateLimited.
	ErrRateLimited = errors.New("llm: rate limited")
	// ErrUnavailable: the provider could not be reached, timed out or
	// answered 5xx, 408 or 409 on every attempt. Code EUnavailable.
	ErrUnavailable = errors.New("llm: unavailable")
	// ErrUnauthorized: the provider refused the configured key (401, 403).
	// Code EUnavailable, since it is the service's key, not the caller's
	// credentials, that is wrong.
	ErrUnauthorized = errors.New("llm: unauthorized")
	// ErrContextTooLong: the conversation exceeds the model's context
	// window (413, or 400 naming the context length). Code ETooLarge.
	ErrContextTooLong = errors.New("llm: context too long")
	// ErrInvalidResponse: the provider answered 2xx with a body that is not
	// a chat completion (malformed JSON, no choices, no content). Code
	// EUnavailable.
	ErrInvalidResponse = errors.New("llm: invalid response")
	// ErrRejected: the provider refused the request for another reason
	// (400, 404, 422: an unknown model, a parameter it does not take).
	// Code EInternal: it is a configuration or programming error.
	ErrRejected = errors.New("llm: request rejected")
)

// Error is a failed completion: which kind of failure (one of the Err…
// variables), the last HTTP status (0 when none came back), the provider's
// message, and how long the provider asked to wait.
type Error struct {
	Kind       error
	Status     int
	Message    string
	RetryAfter time.Duration
	// Attempts is how many requests were sent.
	Attempts int
}

// Error implements the error interface.
func (e *Error) Error() string {
	s := e.Kind.Error()
	if e.Status != 0 {
		s += fmt.Sprintf(" (HTTP %d)", e.Status)
	}
	if e.Message != "" {
		s += ": " + e.Message
	}
	return s
}

// Unwrap returns the kind and the *inferra.Error, so that both errors.Is
// (err, ErrRateLimited) and inferra.ErrorCode(err) work.
func (e *Error) Unwrap() []error {
	return []error{e.Kind, e.inferra()}
}

func (e *Error) inferra() *inferra.Error {
	var ie *inferra.Error
	switch e.Kind {
	case ErrRateLimited:
		ie = inferra.Errorf(inferra.ERateLimited, "The language model is rate limited; try again later.")
		if e.RetryAfter > 0 {
			ie.WithDetail("retry_after_seconds", int(e.RetryAfter.Round(time.Second)/time.Second))
		}
	case ErrContextTooLong:
		ie = inferra.Errorf(inferra.ETooLarge, "The text is too long for the language model's context window; shorten it.")
	case ErrUnauthorized:
		ie = inferra.Errorf(inferra.EUnavailable, "The language model refused the service's credentials.")
	case ErrRejected:
		ie = inferra.Errorf(inferra.EInternal, "The language model rejected the request.")
	default:
		ie = inferra.Errorf(inferra.EUnavailable, "The language model is unavailable; try again later.")
	}
	return ie
}
