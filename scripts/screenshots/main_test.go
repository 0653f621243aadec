package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/inferra/inferra/plots"
)

// TestGalleryCoversEveryChart checks that the gallery draws one chart of
// every kind package plots has, each once.
func TestGalleryCoversEveryChart(t *testing.T) {
	t.Parallel()
	var want, got []string
	for _, s := range plots.Specs() {
		want = append(want, s.ID)
	}
	for _, c := range gallery {
		got = append(got, c.id)
	}
	slices.Sort(want)
	slices.Sort(got)
	if !slices.Equal(got, want) {
		t.Errorf("the gallery draws %q, want one of each of %q", got, want)
	}
}

// TestChartsOnly runs the command with -charts-only: a PNG per chart kind
// in the output directory, each named in what it prints.
func TestChartsOnly(t *testing.T) {
	t.Parallel()
	out := t.TempDir()
	var stderr bytes.Buffer
	if code := cli([]string{"-charts-only", "-data", "../../testdata/data", "-out", out}, &stderr); code != 0 {
		t.Fatalf("exit status %d: %s", code, stderr.String())
	}
	for _, c := range gallery {
		path := filepath.Join(out, c.id+".png")
		b, err := os.ReadFile(path)
		if err != nil || !bytes.HasPrefix(b, []byte("\x89PNG\r\n\x1a\n")) {
			t.Errorf("%s: not a PNG (%v)", path, err)
		}
		if !strings.Contains(stderr.String(), "wrote "+path) {
			t.Errorf("the command did not say it wrote %s: %s", path, stderr.String())
		}
	}
}

// TestErrors checks the errors a person can make: a bad flag, a data
// directory without the shipped datasets.
func TestErrors(t *testing.T) {
	t.Parallel()
	var stderr bytes.Buffer
	if code := cli([]string{"-nope"}, &stderr); code != 1 {
		t.Errorf("a bad flag: exit status %d, want 1", code)
	}
	stderr.Reset()
	if code := cli([]string{"-charts-only", "-data", t.TempDir(), "-out", t.TempDir()}, &stderr); code != 1 || !strings.Contains(stderr.String(), "plants.csv") {
		t.Errorf("no datasets: exit status %d, %q; want 1 naming the file", code, stderr.String())
	}
	if _, err := drawCharts(context.Background(), "../../testdata/data", filepath.Join(t.TempDir(), "missing", "dir")); err == nil {
		t.Error("drawCharts into a missing directory succeeded")
	}
}

// TestReadyURL reads the address from serve's line for a person among its
// JSON logs.
func TestReadyURL(t *testing.T) {
	t.Parallel()
	logs := `{"level":"INFO","msg":"listening"}` + "\nInferra is ready: open http://127.0.0.1:41234 (Ctrl-C stops it)\n"
	if got, err := readyURL(strings.NewReader(logs)); err != nil || got != "http://127.0.0.1:41234" {
		t.Errorf("readyURL = %q, %v; want http://127.0.0.1:41234", got, err)
	}
	if _, err := readyURL(strings.NewReader(`{"level":"ERROR","msg":"serve"}` + "\n")); err == nil {
		t.Error("readyURL found an address in logs without the ready line")
	}
}

// TestScreenshots runs the whole command as `make screenshots` does: it
// builds inferra, serves it on a loopback port, asks in the UI in headless
// Chromium and saves answer.png and report.png besides the charts. It is
// skipped without Chromium, or with -short.
func TestScreenshots(t *testing.T) {
	if testing.Short() {
		t.Skip("builds inferra and starts Chromium")
	}
	exe := os.Getenv("CHROMIUM")
	if exe == "" {
		exe = "/usr/bin/chromium"
	}
	if _, err := os.Stat(exe); err != nil {
		t.Skip("no Chromium at " + exe)
	}
	root, err := filepath.Abs("../..")
	if err != nil {
		t.Fatal(err)
	}
	t.Chdir(root)
	out := t.TempDir()
	var stderr bytes.Buffer
	if code := cli([]string{"-out", out, "-chromium", exe}, &stderr); code != 0 {
		t.Fatalf("exit status %d: %s", code, stderr.String())
	}
	for _, name := range []string{"answer.png", "report.png"} {
		b, err := os.ReadFile(filepath.Join(out, name))
		if err != nil || !bytes.HasPrefix(b, []byte("\x89PNG\r\n\x1a\n")) || len(b) < 20_000 {
			t.Errorf("%s: %d bytes, %v; want a screenshot", name, len(b), err)
		}
	}
}

// TestBuildFails checks that a go command that cannot build inferra is
// reported, after the charts are drawn.
func TestBuildFails(t *testing.T) {
	t.Parallel()
	var stderr bytes.Buffer
	code := cli([]string{"-go", "false", "-data", "../../testdata/data", "-out", t.TempDir()}, &stderr)
	if code != 1 || !strings.Contains(stderr.String(), "building inferra") || !strings.Contains(stderr.String(), "ecdf.png") {
		t.Errorf("exit status %d, %q; want 1, the charts written and the build's failure", code, stderr.String())
	}
	if _, err := shootUI(context.Background(), "/nonexistent/chromium", "http://127.0.0.1:1", "../../testdata/data/plants.csv", t.TempDir()); err == nil {
		t.Error("shootUI without a browser succeeded")
	}
}
