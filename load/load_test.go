package load_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/inferra/inferra"
	"github.com/inferra/inferra/load"
)

func TestLoadFile(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	write := func(name, content string) string {
		path := filepath.Join(dir, name)
		if err := os.WriteFile(path, []byte(content), 0o600); err != nil {
			t.Fatal(err)
		}
		return path
	}
	tests := []struct {
		name, content string
		columns       []string
	}{
		{"data.csv", "a,b\n1,x\n", []string{"a", "b"}},
		{"data.tsv", "a\tb\n1\tx\n", []string{"a", "b"}},
		{"data.json", `[{"a": 1, "b": "x"}]`, []string{"a", "b"}},
		{"data.JSON", `[{"a": 1}]`, []string{"a"}},
		{"sniffed.txt", "\xEF\xBB\xBF \n [{\"j\": 1}]", []string{"j"}},
		{"noext", "c;d\n1;2\n", []string{"c", "d"}},
	}
	for _, tt := range tests {
		d, err := load.File(write(tt.name, tt.content), load.Options{})
		if err != nil {
			t.Errorf("File(%s): %v", tt.name, err)
			continue
		}
		if got := d.Names(); len(got) != len(tt.columns) || got[0] != tt.columns[0] {
			t.Errorf("File(%s) columns = %q, want %q", tt.name, got, tt.columns)
		}
		want, _ := load.ParseCSV([]byte(tt.content), load.Options{})
		if want != nil && d.SHA256 != want.SHA256 {
			t.Errorf("File(%s) SHA256 = %s, want %s", tt.name, d.SHA256, want.SHA256)
		}
	}

	_, err := load.File(filepath.Join(dir, "missing.csv"), load.Options{})
	if code := inferra.ErrorCode(err); code != inferra.ENotFound {
		t.Errorf("File(missing) code = %q (%v), want %q", code, err, inferra.ENotFound)
	}
	_, err = load.File(write("big.csv", "a,b\n1,2\n"), load.Options{MaxBytes: 5})
	checkError(t, "File(big.csv, MaxBytes 5)", nil, err, inferra.ETooLarge, 0, nil, "limit of 5 bytes")
	_, err = load.File(write("bad.csv", "a,b\n1,2\n3\n"), load.Options{})
	checkError(t, "File(bad.csv)", nil, err, inferra.EInvalid, 3, nil, "line 3 has 1 fields")
	_, err = load.File(write("empty.csv", ""), load.Options{})
	checkError(t, "File(empty.csv)", nil, err, inferra.EInvalid, 0, nil, "empty")
}

// TestLoadFileWorkload loads a file shaped like the benchmark workload and
// checks its kinds and levels.
func TestLoadFileWorkload(t *testing.T) {
	t.Parallel()
	path := filepath.Join(t.TempDir(), "w.csv")
	writeWorkload(t, path, 50000)
	d, err := load.File(path, load.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if d.Rows() != 50000 {
		t.Fatalf("Rows() = %d, want 50000", d.Rows())
	}
	kinds := map[string]inferra.Kind{"id": inferra.Numeric, "group": inferra.Categorical, "dept": inferra.Categorical,
		"x1": inferra.Numeric, "x2": inferra.Numeric, "x3": inferra.Numeric, "y": inferra.Numeric}
	for name, kind := range kinds {
		if c := column(t, d, name); c.Kind != kind {
			t.Errorf("%s kind = %v, want %v", name, c.Kind, kind)
		}
	}
	if g := column(t, d, "group"); len(g.Levels) != 2 || g.Levels[0] != "control" || g.Levels[1] != "treatment" {
		t.Errorf("group levels = %q, want [control treatment]", g.Levels)
	}
	if id := column(t, d, "id"); id.Floats[49999] != 49999 {
		t.Errorf("id[49999] = %v, want 49999", id.Floats[49999])
	}
	s := d.Schema()
	if id, _ := s.Column("id"); !id.Identifier {
		t.Error("id is not an identifier")
	}
	if dept, _ := s.Column("dept"); dept.Distinct != 8 {
		t.Errorf("dept distinct = %d, want 8", dept.Distinct)
	}
}

// TestLoadFileSystemErrors checks that a file the system will not read is
// the user's error, named by its base name with the reason, not an internal
// one.
func TestLoadFileSystemErrors(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	sub := filepath.Join(dir, "results.csv")
	if err := os.Mkdir(sub, 0o700); err != nil {
		t.Fatal(err)
	}
	_, err := load.File(sub, load.Options{})
	checkError(t, "File(directory)", nil, err, inferra.EInvalid, 0, nil, `"results.csv" is a directory`)

	_, err = load.File(filepath.Join(dir, "gone.csv"), load.Options{})
	checkError(t, "File(missing)", nil, err, inferra.ENotFound, 0, nil, `"gone.csv" does not exist`)

	// Root reads any file whatever its mode, so the permission case can
	// only be tested as another user.
	if os.Geteuid() == 0 {
		t.Log("running as root: skipping the permission-denied case")
		return
	}
	locked := filepath.Join(dir, "locked.csv")
	if err := os.WriteFile(locked, []byte("a\n1\n"), 0o000); err != nil {
		t.Fatal(err)
	}
	_, err = load.File(locked, load.Options{})
	checkError(t, "File(mode 000)", nil, err, inferra.EInvalid, 0, nil, `"locked.csv" cannot be read: permission denied`)
	if strings.Contains(inferra.ErrorMessage(err), dir) {
		t.Errorf("File(mode 000) message %q names the directory, want the base name only", inferra.ErrorMessage(err))
	}
}
