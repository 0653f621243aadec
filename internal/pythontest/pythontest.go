// Package pythontest finds, for a test, the Python that runs the
// programs of package reproduce: Debian's python3 with numpy, pandas,
// scipy and statsmodels (python3-scipy, python3-statsmodels).
package pythontest

import (
	"os"
	"os/exec"
	"testing"
)

// Path is Debian's python3.
const Path = "/usr/bin/python3"

// Need returns Path when it imports numpy, pandas, scipy and
// statsmodels. Otherwise it skips the test, or fails it in CI
// (INFERRA_CI=1 or CI=true), where the programs must run.
func Need(t testing.TB) string {
	t.Helper()
	return need(t, Path)
}

// need is Need with the Python at path.
func need(t testing.TB, path string) string {
	t.Helper()
	err := exec.Command(path, "-c", "import numpy, pandas, scipy, statsmodels").Run()
	if err == nil {
		return path
	}
	if os.Getenv("INFERRA_CI") == "1" || os.Getenv("CI") == "true" {
		t.Fatalf("%s with numpy, pandas, scipy and statsmodels is required in CI: %v", path, err)
		return ""
	}
	t.Skipf("no %s with scipy and statsmodels (%v); apt-get install python3-scipy python3-statsmodels python3-pandas", path, err)
	return ""
}
