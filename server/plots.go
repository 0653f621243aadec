package server

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"net/http"
	"net/url"
	"strconv"
	"time"

	"github.com/inferra/inferra"
)

// plotSigner makes and checks the short-lived plot URLs that an <img> tag
// can load without a bearer token: the URL carries the user id, an expiry
// and an HMAC-SHA256 over job id, plot name, user id and expiry.
type plotSigner struct {
	key []byte
	ttl time.Duration
	now func() time.Time
}

func (p *plotSigner) mac(jobID, name, user string, exp int64) []byte {
	m := hmac.New(sha256.New, p.key)
	for _, s := range []string{jobID, name, user, strconv.FormatInt(exp, 10)} {
		m.Write([]byte(s))
		m.Write([]byte{0})
	}
	return m.Sum(nil)
}

// url returns the signed URL of a job's plot for user.
func (p *plotSigner) url(jobID, name, user string) string {
	exp := p.now().Add(p.ttl).Unix()
	q := url.Values{}
	q.Set("u", user)
	q.Set("exp", strconv.FormatInt(exp, 10))
	q.Set("sig", base64.RawURLEncoding.EncodeToString(p.mac(jobID, name, user, exp)))
	return "/api/jobs/" + url.PathEscape(jobID) + "/plots/" + url.PathEscape(name) + "?" + q.Encode()
}

// verify checks a signed URL's query and returns the user it was made for.
func (p *plotSigner) verify(jobID, name string, q url.Values) (string, bool) {
	user := q.Get("u")
	exp, err := strconv.ParseInt(q.Get("exp"), 10, 64)
	if err != nil || user == "" || p.now().Unix() > exp {
		return "", false
	}
	sig, err := base64.RawURLEncoding.DecodeString(q.Get("sig"))
	if err != nil || !hmac.Equal(sig, p.mac(jobID, name, user, exp)) {
		return "", false
	}
	return user, true
}

// present returns the job as the API shows it to user: plots[].url signed,
// plots[].path (a server file) left out. The stored job is not changed.
func (s *server) present(job *inferra.Job, user string) *inferra.Job {
	if job == nil {
		return nil
	}
	out := *job
	out.Plots = make([]inferra.Plot, len(job.Plots))
	for i, p := range job.Plots {
		p.URL = s.signer.url(job.ID, p.Name, user)
		p.Path = ""
		out.Plots[i] = p
	}
	return &out
}

// handlePlot serves GET /api/jobs/{id}/plots/{name}.
// svgCSP is the Content-Security-Policy of a chart's SVG: its own inline
// styles, nothing loaded, no script.
const svgCSP = "default-src 'none'; style-src 'unsafe-inline'"

func (s *server) handlePlot(w http.ResponseWriter, r *http.Request, user string) error {
	ctype, data, err := s.svc.Plot(r.Context(), user, r.PathValue("id"), r.PathValue("name"))
	if err != nil {
		return err
	}
	h := w.Header()
	h.Set("Content-Type", ctype)
	if ctype == "image/svg+xml" {
		// A chart's SVG styles its shapes with style attributes, which
		// the API's default-src 'none' blocks: opened on its own (the
		// UI's SVG link), it drew as a black rectangle.
		h.Set("Content-Security-Policy", svgCSP)
	}
	h.Set("Cache-Control", "private, max-age=300")
	h.Set("Content-Length", strconv.Itoa(len(data)))
	_, _ = w.Write(data) // a failed write means the client went away
	return nil
}
