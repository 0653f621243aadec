package inferra_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/inferra/inferra"
	"github.com/inferra/inferra/load"
)

func TestDescribe(t *testing.T) {
	t.Parallel()
	ds, err := load.ParseCSV([]byte("am,mpg\n0,21.5\n1,30.25\n0,18.5\n"), load.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if ds.Dictionary() != nil {
		t.Error("a new dataset has a dictionary")
	}
	d, err := inferra.ReadDictionary(strings.NewReader(`{"columns": {"am": {"description": "transmission", "levels": {"0": "automatic", "1": "manual"}}}}`))
	if err != nil {
		t.Fatal(err)
	}
	if err := ds.Describe(d); err != nil {
		t.Fatal(err)
	}
	c, _ := ds.Schema().Column("am")
	if c.Description != "transmission" || c.LevelLabels["1"] != "manual" {
		t.Errorf("schema of am = %+v, want its description and labels", c)
	}
	if m, _ := ds.Schema().Column("mpg"); m.Description != "" {
		t.Errorf("mpg has description %q, want none", m.Description)
	}
	if got := ds.Dictionary(); got == nil || got.Columns["am"].Description != "transmission" {
		t.Errorf("Dictionary() = %+v", got)
	}
	for _, bad := range []string{
		`{"columns": {"mgp": {}}}`,
		`{"columns": {"am": {"description": "` + strings.Repeat("x", 501) + `"}}}`,
		`{"columns": {"am": {"levels": {"0": "` + strings.Repeat("x", 201) + `"}}}}`,
	} {
		d, err := inferra.ReadDictionary(strings.NewReader(bad))
		if err != nil {
			t.Fatal(err)
		}
		if err := ds.Describe(d); err == nil {
			t.Errorf("Describe(%.40s…) = nil, want an error", bad)
		}
	}
	for _, bad := range []string{`{"columns": 3}`, `{"cols": {}}`, `not json`} {
		if _, err := inferra.ReadDictionary(strings.NewReader(bad)); inferra.ErrorCode(err) != inferra.EInvalid {
			t.Errorf("ReadDictionary(%q) = %v, want EInvalid", bad, err)
		}
	}
	if err := ds.Describe(nil); err != nil || ds.Dictionary() != nil {
		t.Errorf("Describe(nil) = %v, dictionary %v; want none", err, ds.Dictionary())
	}
}

func ExampleDataset_Describe() {
	ds, _ := load.ParseCSV([]byte("am,mpg\n0,21.5\n1,30.25\n"), load.Options{})
	d, _ := inferra.ReadDictionary(strings.NewReader(`{"columns": {"am": {"description": "transmission", "levels": {"0": "automatic", "1": "manual"}}}}`))
	if err := ds.Describe(d); err != nil {
		fmt.Println(err)
	}
	am, _ := ds.Schema().Column("am")
	fmt.Println(am.Description, am.LevelLabels["0"], am.LevelLabels["1"])
	// Output: transmission automatic manual
}
