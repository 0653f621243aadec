package pythontest

import (
	"strings"
	"testing"
)

// recorder is a testing.TB that records Fatalf and Skipf instead of
// stopping the test.
type recorder struct {
	testing.TB
	fatal, skip string
}

func (r *recorder) Helper()                        {}
func (r *recorder) Fatalf(format string, a ...any) { r.fatal = format }
func (r *recorder) Skipf(format string, a ...any)  { r.skip = format }

// TestNeedWithoutPython checks what a test gets when the Python is
// missing: a failure in CI, a skip elsewhere.
func TestNeedWithoutPython(t *testing.T) {
	for _, ci := range []string{"1", ""} {
		t.Setenv("INFERRA_CI", ci)
		t.Setenv("CI", "")
		r := &recorder{TB: t}
		if got := need(r, "/nonexistent/python3"); got != "" {
			t.Errorf("need(missing) = %q, want none", got)
		}
		switch {
		case ci == "1" && !strings.Contains(r.fatal, "required in CI"):
			t.Errorf("in CI: fatal %q, want the test failed", r.fatal)
		case ci == "" && (r.fatal != "" || !strings.Contains(r.skip, "apt-get install")):
			t.Errorf("outside CI: fatal %q, skip %q; want a skip", r.fatal, r.skip)
		}
	}
}

// TestNeed finds Debian's Python where it is installed (CI installs it).
func TestNeed(t *testing.T) {
	if got := Need(t); got != Path {
		t.Errorf("Need = %q, want %s", got, Path)
	}
}
