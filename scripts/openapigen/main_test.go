package main

import (
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestRun(t *testing.T) {
	committed, err := os.ReadFile("../../server/openapi.json")
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "openapi.json")
	stale := strings.Replace(string(committed), `"Result_ttest_ind": {`, `"Result_ttest_ind": {"deprecated": true,`, 1)
	if err := os.WriteFile(path, []byte(stale), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := run([]string{"-check", "-doc", path}, io.Discard); err == nil || !strings.Contains(err.Error(), "out of date") {
		t.Errorf("-check of a stale document: err = %v", err)
	}
	if err := run([]string{"-doc", path}, io.Discard); err != nil {
		t.Fatal(err)
	}
	if got, _ := os.ReadFile(path); string(got) != string(committed) {
		t.Error("the rewritten document is not the committed one")
	}
	if err := run([]string{"-check", "-doc", path}, io.Discard); err != nil {
		t.Errorf("-check of an up-to-date document: %v", err)
	}
	for _, args := range [][]string{{"-doc", filepath.Join(t.TempDir(), "none.json")}, {"-bad"}, {"extra"}} {
		if code := cli(args, io.Discard); code != 1 {
			t.Errorf("cli(%q) = %d, want 1", args, code)
		}
	}
}
