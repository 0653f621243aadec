package server

import (
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"net/http"
	"os"
	"path"
	"regexp"
	"strings"

	"github.com/inferra/inferra"
)

// ui is the built-in front end: plain HTML, CSS and JavaScript files, no
// build step and nothing loaded from elsewhere, so that a strict CSP
// (no inline script) holds.
//
//go:embed ui
var uiFiles embed.FS

// openAPIDoc is the OpenAPI 3.1 description of the API. Its result
// schemas are generated from the Go result types of the analyses
// (internal/openapigen); the rest is written by hand.
//
//go:generate go run ../scripts/openapigen -doc openapi.json
//go:embed openapi.json
var openAPIDoc []byte

// newStatic returns the handler of the front end: dir with an SPA
// fallback when dir is set, the built-in UI otherwise.
func newStatic(dir string) (http.Handler, error) {
	if dir == "" {
		sub, _ := fs.Sub(uiFiles, "ui")
		return &staticFiles{fsys: sub}, nil
	}
	st := &staticFiles{dir: dir, spa: true}
	fsys, done, err := st.open()
	if err != nil {
		return nil, fmt.Errorf("serve: FRONTEND_DIR %s: %w", dir, err)
	}
	defer done()
	if !isFile(fsys, "index.html") {
		return nil, fmt.Errorf("serve: FRONTEND_DIR %s has no index.html", dir)
	}
	return st, nil
}

// staticFiles serves a front end's files: the embedded fsys, or the
// directory dir. With spa, a path that is no file gets index.html, so
// that client-side routes load the app.
type staticFiles struct {
	fsys fs.FS
	dir  string
	spa  bool
}

// open returns the files to serve and the function that releases them.
// dir is opened as an os.Root for each request: no name, .. or symbolic
// link inside it resolves to a file outside it (a link that leads out is
// as absent as a missing file), and a deployment that swaps the directory
// (or a link to it) is served at once.
func (s *staticFiles) open() (fs.FS, func(), error) {
	if s.dir == "" {
		return s.fsys, func() {}, nil
	}
	root, err := os.OpenRoot(s.dir)
	if err != nil {
		return nil, nil, err
	}
	return root.FS(), func() { _ = root.Close() }, nil
}

// hashedName matches the file names that bundlers give content-hashed
// assets (app-3f9a1c2b.js, index.Bw3k9Yv1.css), which can be cached for
// good: a run of 8 or more letters and digits, at least one a digit, so
// that a plain name such as my-component.js is not taken for a hash.
var hashedName = regexp.MustCompile(`[.-]([A-Za-z0-9_]*[0-9][A-Za-z0-9_]*)\.(js|mjs|css|woff2?|png|svg|jpg|webp|ico|map)$`)

// isHashed reports whether a file name carries a content hash.
func isHashed(name string) bool {
	m := hashedName.FindStringSubmatch(name)
	return m != nil && len(m[1]) >= 8
}

// ServeHTTP implements http.Handler.
func (s *staticFiles) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	fsys, done, err := s.open()
	if err != nil {
		writeError(w, r, fmt.Errorf("opening FRONTEND_DIR: %w", err))
		return
	}
	defer done()
	name := strings.TrimPrefix(path.Clean("/"+r.URL.Path), "/")
	if name == "" {
		name = "index.html"
	}
	if strings.HasPrefix(name, ".") || strings.Contains(name, "/.") || !isFile(fsys, name) {
		// A missing asset (a script of an older build) is a 404, not the
		// app's page served as a script; other paths are the app's routes.
		if ext := path.Ext(name); !s.spa || ext != "" && ext != ".html" && !strings.HasPrefix(path.Base(name), ".") {
			writeError(w, r, inferra.Errorf(inferra.ENotFound, "no page at %s", r.URL.Path))
			return
		}
		name = "index.html"
	}
	switch {
	case name == "index.html" || !s.spa:
		w.Header().Set("Cache-Control", "no-cache")
	case strings.HasPrefix(name, "assets/") || isHashed(name):
		w.Header().Set("Cache-Control", "public, max-age=31536000, immutable")
	default:
		w.Header().Set("Cache-Control", "public, max-age=300")
	}
	http.ServeFileFS(w, r, fsys, name)
}

// isFile reports whether name is a regular file of fsys (for a directory
// opened as an os.Root, one that resolves inside it).
func isFile(fsys fs.FS, name string) bool {
	st, err := fs.Stat(fsys, name)
	return err == nil && st.Mode().IsRegular()
}

// handleStatic serves the front end for every path outside the API.
func (s *server) handleStatic(w http.ResponseWriter, r *http.Request) {
	if s.opt.Role == "worker" {
		writeError(w, r, inferra.Errorf(inferra.ENotFound, "this process runs jobs only (role worker); it serves /api/health and /metrics"))
		return
	}
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		w.Header().Set("Allow", "GET, HEAD")
		writeError(w, r, &apiError{status: http.StatusMethodNotAllowed,
			err: inferra.Errorf(inferra.EInvalid, "%s is not allowed here; pages are read with GET", r.Method)})
		return
	}
	s.static.ServeHTTP(w, r)
}

// handleOpenAPI serves GET /api/openapi.json.
func handleOpenAPI(w http.ResponseWriter, _ *http.Request) {
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Cache-Control", "no-cache")
	_, _ = w.Write(openAPIDoc)
}

// handleDocs serves GET /api/docs: a page (ui/docs.html with ui/docs.js)
// that renders the OpenAPI document.
var handleDocs = handleDocsAsset("ui/docs.html", "text/html; charset=utf-8")

// handleDocsAsset serves one embedded file of the docs page, under /api/
// so that it is there whatever front end is served at /.
func handleDocsAsset(name, contentType string) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		b, err := uiFiles.ReadFile(name)
		if err != nil {
			writeError(w, r, errors.New("the docs page is missing from the build"))
			return
		}
		w.Header().Set("Content-Type", contentType)
		w.Header().Set("Cache-Control", "no-cache")
		_, _ = w.Write(b)
	}
}
