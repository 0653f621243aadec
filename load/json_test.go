package load_test

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"math"
	"slices"
	"strings"
	"testing"

	"github.com/inferra/inferra"
	"github.com/inferra/inferra/load"
)

func TestParseJSON(t *testing.T) {
	t.Parallel()
	src := `[
		{"id": 1, "group": "a", "ok": true, "score": 1.5, "mixed": 1},
		{"id": 2, "group": "b", "ok": false, "score": null, "mixed": "x", "late": "NA"},
		{"id": 3, "group": "NA", "ok": true, "mixed": 2.5e0, "late": "z"}
	]`
	d, err := load.ParseJSON([]byte(src), load.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if got, want := d.Names(), []string{"id", "group", "ok", "score", "mixed", "late"}; !slices.Equal(got, want) {
		t.Errorf("Names() = %q, want %q (first-seen order)", got, want)
	}
	if id := column(t, d, "id"); id.Kind != inferra.Numeric || !floatsEqual(id.Floats, []float64{1, 2, 3}) {
		t.Errorf("id = %v %v, want numeric [1 2 3]", id.Kind, id.Floats)
	}
	if s := column(t, d, "score"); s.Kind != inferra.Numeric || !floatsEqual(s.Floats, []float64{1.5, math.NaN(), math.NaN()}) {
		t.Errorf("score = %v %v, want numeric [1.5 NaN NaN]", s.Kind, s.Floats)
	}
	if g := column(t, d, "group"); g.Kind != inferra.Categorical || !slices.Equal(labels(g), []string{"a", "b", "<NA>"}) {
		t.Errorf("group = %v %q, want categorical [a b <NA>]", g.Kind, labels(g))
	}
	if ok := column(t, d, "ok"); ok.Kind != inferra.Boolean || !slices.Equal(labels(ok), []string{"true", "false", "true"}) {
		t.Errorf("ok = %v %q, want boolean [true false true]", ok.Kind, labels(ok))
	}
	if m := column(t, d, "mixed"); m.Kind != inferra.Categorical || !slices.Equal(labels(m), []string{"1", "x", "2.5"}) {
		t.Errorf("mixed = %v %q, want categorical [1 x 2.5]", m.Kind, labels(m))
	}
	if l := column(t, d, "late"); !slices.Equal(labels(l), []string{"<NA>", "<NA>", "z"}) {
		t.Errorf("late = %q, want [<NA> <NA> z]", labels(l))
	}
	sum := sha256.Sum256([]byte(src))
	if d.SHA256 != hex.EncodeToString(sum[:]) {
		t.Errorf("SHA256 = %s, want %x", d.SHA256, sum)
	}
}

// TestParseJSONIntegerText checks Column.IntegerText on JSON numbers: set
// when none has a point or an exponent.
func TestParseJSONIntegerText(t *testing.T) {
	t.Parallel()
	src := `[
		{"int": 1, "neg": -7, "point": 1, "exp": 1, "upper": 3, "missing": null},
		{"int": 2, "neg": 0, "point": 2.0, "exp": 1e3, "upper": 4E1, "missing": 5}
	]`
	d, err := load.ParseJSON([]byte(src), load.Options{})
	if err != nil {
		t.Fatal(err)
	}
	for name, want := range map[string]bool{"int": true, "neg": true, "missing": true, "point": false, "exp": false, "upper": false} {
		if c := column(t, d, name); c.Kind != inferra.Numeric || c.IntegerText != want {
			t.Errorf("%s: %v with IntegerText %v, want numeric with %v", name, c.Kind, c.IntegerText, want)
		}
	}
}

func TestParseJSONErrors(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, src string
		opt       load.Options
		code      string
		record    int
		column    any
		message   string
	}{
		{"empty", "", load.Options{}, inferra.EInvalid, 0, nil, "empty"},
		{"not an array", `{"a": 1}`, load.Options{}, inferra.EInvalid, 0, nil, "array of records"},
		{"no records", `[]`, load.Options{}, inferra.EInvalid, 0, nil, "no records"},
		{"no keys", `[{}, {}]`, load.Options{}, inferra.EInvalid, 0, nil, "no columns"},
		{"record not object", `[{"a": 1}, 2]`, load.Options{}, inferra.EInvalid, 2, nil, "record 2 is not an object"},
		{"nested object", `[{"a": 1}, {"a": 2, "b": {"c": 1}}]`, load.Options{}, inferra.EInvalid, 2, "b", `record 2, column "b"`},
		{"nested array", `[{"a": [1]}]`, load.Options{}, inferra.EInvalid, 1, "a", `record 1, column "a"`},
		{"syntax", "[{\"a\": 1},\n {\"a\": }]", load.Options{}, inferra.EInvalid, 0, nil, "line 2"},
		{"truncated", `[{"a": 1}`, load.Options{}, inferra.EInvalid, 0, nil, "not valid JSON"},
		{"trailing data", `[{"a": 1}] [`, load.Options{}, inferra.EInvalid, 0, nil, "followed by more data"},
		{"too many rows", `[{"a": 1}, {"a": 2}, {"a": 3}]`, load.Options{MaxRows: 2}, inferra.ETooLarge, 3, nil, "more than 2 records, the limit: record 3 starts on line 1"},
		{"too many columns", `[{"a": 1, "b": 2, "c": 3}]`, load.Options{MaxColumns: 2}, inferra.ETooLarge, 1, nil, "more than 2 columns"},
		{"field too long", `[{"a": "123456789"}]`, load.Options{MaxFieldBytes: 8}, inferra.ETooLarge, 1, "a", "limit of 8 bytes"},
		{"too many bytes", `[{"a": 1}]`, load.Options{MaxBytes: 4}, inferra.ETooLarge, 0, nil, "limit of 4 bytes"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			d, err := load.ParseJSON([]byte(tt.src), tt.opt)
			call := fmt.Sprintf("ParseJSON(%q)", tt.src)
			checkError(t, call, d, err, tt.code, 0, tt.column, tt.message)
			if tt.record != 0 {
				if got := inferra.AsError(err).Details["record"]; got != tt.record {
					t.Errorf("%s record = %v, want %d", call, got, tt.record)
				}
			}
		})
	}
}

func TestReadJSON(t *testing.T) {
	t.Parallel()
	d, err := load.ReadJSON(strings.NewReader(`[{"a": 1}, {"b": "x"}]`), load.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if a := column(t, d, "a"); !floatsEqual(a.Floats, []float64{1, math.NaN()}) {
		t.Errorf("a = %v, want [1 NaN]", a.Floats)
	}
	if b := column(t, d, "b"); !slices.Equal(labels(b), []string{"<NA>", "x"}) {
		t.Errorf("b = %q, want [<NA> x]", labels(b))
	}
}

func TestParseJSONTooManyRecords(t *testing.T) {
	t.Parallel()
	src := "[\n  {\"a\": 1},\n  {\"a\": 2},\n\n  {\"a\": 3},\n  {\"a\": 4}\n]"
	_, err := load.ParseJSON([]byte(src), load.Options{MaxRows: 2})
	checkError(t, "ParseJSON(MaxRows 2)", nil, err, inferra.ETooLarge, 5, nil, "record 3 starts on line 5")
}

// TestParseJSONNonNumeric checks that a column of numbers with a few other
// values reports the first of them with its record, and that other columns
// do not.
func TestParseJSONNonNumeric(t *testing.T) {
	t.Parallel()
	src := `[
		{"x": 1, "y": "a", "z": true, "w": 1},
		{"x": "12..5", "y": 1, "z": false, "w": "a"},
		{"x": "3", "y": 2, "z": "TRUE", "w": "b"},
		{"x": 4, "y": "b", "w": 2},
		{"x": null, "y": "c", "z": null}
	]`
	d, err := load.ParseJSON([]byte(src), load.Options{})
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]*inferra.Cell{"x": {Value: "12..5", Line: 2}, "y": nil, "z": nil, "w": nil}
	for name, cell := range want {
		if got := column(t, d, name).NonNumeric; !sameCell(got, cell) {
			t.Errorf("column %q NonNumeric = %s, want %s", name, cellString(got), cellString(cell))
		}
	}
	// Infinities and numbers out of range are not numbers.
	d, err = load.ParseJSON([]byte(`[{"x": 1}, {"x": 2}, {"x": 3}, {"x": "Inf"}, {"x": 1e400}]`), load.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if got, want := column(t, d, "x").NonNumeric, (&inferra.Cell{Value: "Inf", Line: 4}); !sameCell(got, want) {
		t.Errorf("Inf: NonNumeric = %s, want %s", cellString(got), cellString(want))
	}
}
