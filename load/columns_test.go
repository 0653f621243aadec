package load_test

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/inferra/inferra"
	"github.com/inferra/inferra/load"
)

// TestLoadColumns checks Options.Columns: only the named columns are
// kept, in file order, with exactly the values a full load gives, for CSV
// (sequential and parallel, with quoted line breaks in a skipped column)
// and JSON.
func TestLoadColumns(t *testing.T) {
	t.Parallel()
	var b bytes.Buffer
	b.WriteString("id,note,group,x,y\n")
	const n = 50000
	for i := range n {
		note := fmt.Sprintf("n%d", i%5)
		if i%991 == 0 {
			note = fmt.Sprintf("\"two\nlines, %d\"", i)
		}
		fmt.Fprintf(&b, "%d,%s,%s,%d.%02d,%d\n", i, note, []string{"b", "a", "c"}[i%3], i%97, i%100, i%13)
	}
	data := b.Bytes()
	full, err := load.ParseCSV(data, load.Options{})
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"x", "group"}
	for _, workers := range []int{1, 2, 4} {
		ds, err := load.ParseCSV(data, load.Options{Columns: want, Workers: workers})
		if err != nil {
			t.Fatalf("workers %d: %v", workers, err)
		}
		if got := ds.Names(); !slices.Equal(got, []string{"group", "x"}) {
			t.Fatalf("workers %d: Names() = %q, want [group x] (file order)", workers, got)
		}
		if ds.SourceColumns != 5 || ds.Rows() != n || ds.SHA256 != full.SHA256 {
			t.Errorf("workers %d: SourceColumns %d, Rows %d, SHA256 equal %v; want 5, %d, true",
				workers, ds.SourceColumns, ds.Rows(), ds.SHA256 == full.SHA256, n)
		}
		for _, name := range want {
			got, _ := ds.Column(name)
			exp, _ := full.Column(name)
			if got.Kind != exp.Kind || !slices.Equal(got.Floats, exp.Floats) || !slices.Equal(got.Codes, exp.Codes) || !slices.Equal(got.Levels, exp.Levels) {
				t.Errorf("workers %d: column %q differs from the full load", workers, name)
			}
		}
	}

	js := `[{"a": 1, "b": "x", "c": true}, {"a": 2, "b": "y", "c": false}]`
	ds, err := load.ParseJSON([]byte(js), load.Options{Columns: []string{"c", "a"}})
	if err != nil {
		t.Fatal(err)
	}
	if got := ds.Names(); !slices.Equal(got, []string{"a", "c"}) || ds.SourceColumns != 3 {
		t.Errorf("JSON: Names() = %q, SourceColumns %d; want [a c], 3", got, ds.SourceColumns)
	}

	dir := t.TempDir()
	path := filepath.Join(dir, "d.csv")
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
	ds, err = load.File(path, load.Options{Columns: []string{"y"}})
	if err != nil || ds.Rows() != n || len(ds.Columns) != 1 {
		t.Fatalf("File with Columns: %v, %v", ds, err)
	}
}

func TestLoadColumnsErrors(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name, data string
		json       bool
		cols       []string
		want       string
	}{
		{"unknown csv column", "group,value\na,1\n", false, []string{"valeu"}, `did you mean "value"`},
		{"unknown json column", `[{"group": "a", "value": 1}]`, true, []string{"grop"}, `did you mean "group"`},
		{"skipped column still checked", "a,b\n1,\"x\n", false, []string{"a"}, "line 2"},
		{"skipped column wrong field count", "a,b\n1,2\n3\n", false, []string{"a"}, "line 3"},
	}
	for _, c := range cases {
		var err error
		opt := load.Options{Columns: c.cols}
		if c.json {
			_, err = load.ParseJSON([]byte(c.data), opt)
		} else {
			_, err = load.ParseCSV([]byte(c.data), opt)
		}
		if inferra.ErrorCode(err) != inferra.EInvalid || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: error %v, want invalid_input mentioning %q", c.name, err, c.want)
		}
	}
}
