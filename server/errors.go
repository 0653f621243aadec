package server

import (
	"encoding/json"
	"errors"
	"net/http"
	"strconv"
	"time"

	"github.com/inferra/inferra"
)

// Every error the API returns is the error document
//
//	{"error": {"code": "…", "message": "…", "details": {…}}}
//
// with the codes of error.go — the same object as a job document's
// "error" — and the HTTP status that HTTPStatus gives the code:
//
//	invalid_input  400 for a request that does not decode or validate,
//	               422 for data the analysis cannot use
//	not_found      404 (also for another user's job, plot or dataset)
//	unauthorized   401 (with WWW-Authenticate: Bearer)
//	too_large      413
//	rate_limited   429 (with Retry-After)
//	unsupported    422
//	unavailable    503 with Retry-After: the server is busy, or the
//	               store cannot be reached or used (store.Unavailable;
//	               the cause is logged, never shown)
//	llm_not_configured
//	               503: the feature needs a language model and the
//	               server has none (LLM_API_KEY)
//	canceled       409: the job was canceled, so the request conflicts
//	               with its state; 499 is not used, since it is no
//	               standard status and a client that went away sees none
//	timeout        504: the analysis did not finish within JOB_TIMEOUT
//	               (the job failed with this code); the same request
//	               will time out again unless it asks for less
//	internal       500, with a generic message (the cause is logged)

// errorDoc is the body of every error response.
type errorDoc struct {
	Error *inferra.Error `json:"error"`
}

// apiError is an error with an HTTP status other than the one its code
// maps to, and an optional Retry-After.
type apiError struct {
	status     int
	retryAfter time.Duration
	err        *inferra.Error
}

func (e *apiError) Error() string { return e.err.Message }
func (e *apiError) Unwrap() error { return e.err }

// badRequest is an invalid_input error about the request itself (400).
func badRequest(e *inferra.Error) error {
	return &apiError{status: http.StatusBadRequest, err: e}
}

// HTTPStatus is the HTTP status of an error code (the E… constants of
// package inferra), as the table above gives it: 422 for invalid_input
// and unsupported (a request that does not decode is the caller's 400),
// 404, 401, 413, 429, 503, 409 for canceled, 504 for timeout, and 500 for
// internal or unknown codes.
func HTTPStatus(code string) int {
	switch code {
	case inferra.EInvalid, inferra.EUnsupported:
		return http.StatusUnprocessableEntity
	case inferra.ENotFound:
		return http.StatusNotFound
	case inferra.EUnauthorized:
		return http.StatusUnauthorized
	case inferra.ETooLarge:
		return http.StatusRequestEntityTooLarge
	case inferra.ERateLimited:
		return http.StatusTooManyRequests
	case inferra.EUnavailable, inferra.ELLMNotConfigured:
		return http.StatusServiceUnavailable
	case inferra.ECanceled:
		return http.StatusConflict
	case inferra.ETimeout:
		return http.StatusGatewayTimeout
	}
	return http.StatusInternalServerError
}

// writeError writes err as the error document. Internal errors are
// logged with their cause and shown with a generic message.
func writeError(w http.ResponseWriter, r *http.Request, err error) {
	status, retry := 0, time.Duration(0)
	var ae *apiError
	if errors.As(err, &ae) {
		status, retry = ae.status, ae.retryAfter
	}
	var mbe *http.MaxBytesError
	if errors.As(err, &mbe) {
		err = inferra.Errorf(inferra.ETooLarge, "the request body exceeds the limit of %d bytes", mbe.Limit).
			WithDetail("limit_bytes", mbe.Limit)
	}
	e := inferra.AsError(err)
	if status == 0 {
		status = HTTPStatus(e.Code)
	}
	if n, ok := e.Details["retry_after_seconds"].(int); ok && retry == 0 && e.Code == inferra.ERateLimited && n > 0 {
		retry = time.Duration(n) * time.Second // a full job queue says how long to wait
	}
	switch e.Code {
	case inferra.EInternal:
		logger(r.Context()).ErrorContext(r.Context(), "internal error", "request_id", requestID(r.Context()), "err", err.Error())
		e = &inferra.Error{Code: inferra.EInternal, Message: "An internal error occurred; it has been logged with the request id."}
	case inferra.EUnavailable:
		// A store outage: its cause (hosts, databases, tables) is logged,
		// and only the error's own fixed message is shown.
		if err.Error() != e.Message {
			logger(r.Context()).WarnContext(r.Context(), "unavailable", "request_id", requestID(r.Context()), "err", err.Error())
		}
	}
	switch {
	case status == http.StatusUnauthorized:
		w.Header().Set("WWW-Authenticate", `Bearer realm="inferra"`)
	case retry > 0:
		w.Header().Set("Retry-After", strconv.Itoa(int((retry+time.Second-1)/time.Second)))
	case status == http.StatusTooManyRequests || status == http.StatusServiceUnavailable:
		w.Header().Set("Retry-After", "1")
	}
	writeJSON(w, status, errorDoc{Error: e})
}

// writeJSON writes v as a JSON response with the given status.
func writeJSON(w http.ResponseWriter, status int, v any) {
	b, err := json.Marshal(v)
	if err != nil {
		status = http.StatusInternalServerError
		b = []byte(`{"error":{"code":"internal","message":"An internal error occurred while encoding the response."}}`)
	}
	h := w.Header()
	h.Set("Content-Type", "application/json")
	h.Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	_, _ = w.Write(append(b, '\n'))
}
