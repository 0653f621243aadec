package jobs

import (
	"encoding/json"
	"errors"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/inferra/inferra"
)

// defaultMaxBody bounds a request body when the service's Load options set
// no MaxBytes.
const defaultMaxBody = 50 << 20

// Handler returns a minimal JSON API over svc, for mounting in a program's
// own http.ServeMux (with http.StripPrefix):
//
//	POST   /jobs                    submit: {"prompt", "analysis", "params", "dataset": {"csv"|"id"|"url", "name"}, "mode", "decision_only"}
//	GET    /jobs?status=&limit=&cursor=   the user's jobs, newest first: {"jobs", "next_cursor"}
//	GET    /jobs/{id}               one job
//	DELETE /jobs/{id}               delete it and its plots (204)
//	POST   /jobs/{id}/cancel        cancel it
//	GET    /jobs/{id}/plots/{name}  a chart's bytes
//
// user returns the signed-in user of a request; an error from it is
// answered 401 (or with its own code, when it is an *inferra.Error). Every
// call is scoped by that user: another user's job is not found.
//
// A submitted job that has ended is answered 200, one still queued or
// running 202 with a Location to poll. Errors are
// {"error": {"code", "message", "details"}}: a request that does not
// decode is 400, data the analysis cannot use 422, and the other codes map
// as in `inferra serve`. It is the job service's own API; authentication,
// rate limits, CORS and the OpenAPI document are the host's (or
// `inferra serve`'s) concern.
func Handler(svc *Service, user func(*http.Request) (string, error)) http.Handler {
	h := &handler{svc: svc, user: user, maxBody: svc.Config().Load.MaxBytes}
	if h.maxBody <= 0 {
		h.maxBody = defaultMaxBody
	}
	mux := http.NewServeMux()
	mux.HandleFunc("POST /jobs", h.with(h.submit))
	mux.HandleFunc("GET /jobs", h.with(h.list))
	mux.HandleFunc("GET /jobs/{id}", h.with(h.get))
	mux.HandleFunc("DELETE /jobs/{id}", h.with(h.delete))
	mux.HandleFunc("POST /jobs/{id}/cancel", h.with(h.cancel))
	mux.HandleFunc("GET /jobs/{id}/plots/{name}", h.with(h.plot))
	return mux
}

type handler struct {
	svc     *Service
	user    func(*http.Request) (string, error)
	maxBody int64
}

// submitBody is the JSON body of POST /jobs.
type submitBody struct {
	Prompt   string            `json:"prompt"`
	Analysis string            `json:"analysis"`
	Params   map[string]string `json:"params"`
	Dataset  struct {
		CSV  string `json:"csv"`
		ID   string `json:"id"`
		URL  string `json:"url"`
		Name string `json:"name"`
	} `json:"dataset"`
	Mode         string `json:"mode"`
	DecisionOnly bool   `json:"decision_only"`
}

// badRequest marks an error about the request itself (400, not 422).
type badRequest struct{ err *inferra.Error }

func (e badRequest) Error() string { return e.err.Error() }
func (e badRequest) Unwrap() error { return e.err }

func (h *handler) with(fn func(w http.ResponseWriter, r *http.Request, user string) error) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		u, err := h.user(r)
		if err == nil && u == "" {
			err = errors.New("no user")
		}
		if err != nil {
			if inferra.ErrorCode(err) == inferra.EInternal {
				err = inferra.Errorf(inferra.EUnauthorized, "sign in first")
			}
			writeError(w, err)
			return
		}
		if err := fn(w, r, u); err != nil {
			writeError(w, err)
		}
	}
}

func (h *handler) submit(w http.ResponseWriter, r *http.Request, user string) error {
	var body submitBody
	dec := json.NewDecoder(http.MaxBytesReader(w, r.Body, h.maxBody))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&body); err != nil {
		var tooLarge *http.MaxBytesError
		if errors.As(err, &tooLarge) {
			return inferra.Errorf(inferra.ETooLarge, "the request body is larger than %d bytes", h.maxBody).WithDetail("limit_bytes", h.maxBody)
		}
		return badRequest{inferra.Errorf(inferra.EInvalid, "the request body is not a valid job request: %v", err)}
	}
	if dec.More() {
		return badRequest{inferra.Errorf(inferra.EInvalid, "the request body holds more than one JSON value")}
	}
	if body.Mode != "" && body.Mode != ModeSync && body.Mode != ModeAsync {
		return badRequest{inferra.Errorf(inferra.EInvalid, "mode must be %q or %q, not %q", ModeSync, ModeAsync, body.Mode)}
	}
	req := SubmitRequest{
		UserID: user, Prompt: body.Prompt, Analysis: body.Analysis, Params: body.Params,
		Mode: body.Mode, DecisionOnly: body.DecisionOnly,
		Dataset: DatasetInput{ID: body.Dataset.ID, URL: body.Dataset.URL, Name: body.Dataset.Name},
	}
	if body.Dataset.CSV != "" {
		req.Dataset.CSV = []byte(body.Dataset.CSV)
	}
	job, err := h.svc.Submit(r.Context(), req)
	if err != nil {
		return err
	}
	status := http.StatusOK
	if !job.Status.Terminal() {
		status = http.StatusAccepted
		w.Header().Set("Location", strings.TrimSuffix(requestPath(r), "/")+"/"+url.PathEscape(job.ID))
	}
	writeJSON(w, status, job)
	return nil
}

func (h *handler) list(w http.ResponseWriter, r *http.Request, user string) error {
	q := r.URL.Query()
	var f ListFilter
	for _, s := range q["status"] {
		for _, s := range strings.Split(s, ",") {
			st := inferra.JobState(strings.TrimSpace(s))
			if !st.Valid() {
				return badRequest{inferra.Errorf(inferra.EInvalid, "status %q is not a job state", s)}
			}
			f.Status = append(f.Status, st)
		}
	}
	if v := q.Get("limit"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 || n > 500 {
			return badRequest{inferra.Errorf(inferra.EInvalid, "limit must be an integer from 1 to 500, not %q", v)}
		}
		f.Limit = n
	}
	f.Cursor = q.Get("cursor")
	list, next, err := h.svc.List(r.Context(), user, f)
	if err != nil {
		return err
	}
	if list == nil {
		list = []*inferra.Job{}
	}
	writeJSON(w, http.StatusOK, struct {
		Jobs       []*inferra.Job `json:"jobs"`
		NextCursor string         `json:"next_cursor,omitempty"`
	}{list, next})
	return nil
}

func (h *handler) get(w http.ResponseWriter, r *http.Request, user string) error {
	job, err := h.svc.Get(r.Context(), user, r.PathValue("id"))
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, job)
	return nil
}

func (h *handler) delete(w http.ResponseWriter, r *http.Request, user string) error {
	if err := h.svc.Delete(r.Context(), user, r.PathValue("id")); err != nil {
		return err
	}
	w.WriteHeader(http.StatusNoContent)
	return nil
}

func (h *handler) cancel(w http.ResponseWriter, r *http.Request, user string) error {
	job, err := h.svc.Cancel(r.Context(), user, r.PathValue("id"))
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, job)
	return nil
}

func (h *handler) plot(w http.ResponseWriter, r *http.Request, user string) error {
	ct, data, err := h.svc.Plot(r.Context(), user, r.PathValue("id"), r.PathValue("name"))
	if err != nil {
		return err
	}
	w.Header().Set("Content-Type", ct)
	w.Header().Set("X-Content-Type-Options", "nosniff")
	w.Header().Set("Content-Length", strconv.Itoa(len(data)))
	_, _ = w.Write(data) // a client that went away has the status already
	return nil
}

// requestPath is the path the client asked for, before any StripPrefix.
func requestPath(r *http.Request) string {
	if u, err := url.ParseRequestURI(r.RequestURI); err == nil && u.Path != "" {
		return u.Path
	}
	return r.URL.Path
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v)
}

// writeError answers err as an error document with the status its code
// calls for. An internal error's message is replaced by a generic one.
func writeError(w http.ResponseWriter, err error) {
	e := inferra.AsError(err)
	status := HTTPStatus(e.Code)
	var br badRequest
	if errors.As(err, &br) {
		status = http.StatusBadRequest
	}
	if e.Code == inferra.EInternal {
		e = inferra.Errorf(inferra.EInternal, "internal error")
	}
	switch status {
	case http.StatusUnauthorized:
		w.Header().Set("WWW-Authenticate", "Bearer")
	case http.StatusServiceUnavailable, http.StatusTooManyRequests:
		// An outage (the store unreachable) or a limit: try again.
		w.Header().Set("Retry-After", "1")
	}
	writeJSON(w, status, map[string]*inferra.Error{"error": e})
}

// HTTPStatus is the HTTP status of an error code (the E… constants of
// package inferra): 422 for invalid_input and unsupported (a request that
// does not decode is the caller's 400), 404, 401, 413, 429, 503, 409 for
// canceled, 504 for timeout, and 500 for internal or unknown codes. Handler and
// `inferra serve` answer with it.
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
