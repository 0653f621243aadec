package inferra_test

import (
	"encoding/json"
	"math"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/inferra/inferra"
	"github.com/inferra/inferra/load"
)

func TestSchema(t *testing.T) {
	t.Parallel()
	s := schemaOf(t, "x,g,f,z,one,e\n"+
		"1,a,true,0.5,7,\n"+
		"2,b,false,0.5,,\n"+
		"3,a,TRUE,1.5,,\n"+
		"4,,true,,,\n"+
		",a,true,,,\n")
	if s.Rows != 5 || len(s.Columns) != 6 {
		t.Fatalf("Schema: %d rows, %d columns, want 5, 6", s.Rows, len(s.Columns))
	}
	// Expected values computed by hand:
	// x = 1 2 3 4: mean 2.5, SD² = (1.5²+0.5²+0.5²+1.5²)/3 = 5/3.
	// z = 0.5 0.5 1.5: mean 5/6, SD² = ((1/3)²+(1/3)²+(2/3)²)/2 = 1/3.
	tests := []struct {
		name                     string
		kind                     inferra.Kind
		count, missing, distinct int
		levels                   []string
		counts                   []int
		min, max, mean, sd       float64 // NaN: want nil
		integerCoded, identifier bool
	}{
		{"x", inferra.Numeric, 4, 1, 4, []string{"1", "2", "3", "4"}, []int{1, 1, 1, 1}, 1, 4, 2.5, math.Sqrt(5.0 / 3), true, true},
		{"g", inferra.Categorical, 4, 1, 2, []string{"a", "b"}, []int{3, 1}, nan, nan, nan, nan, false, false},
		{"f", inferra.Boolean, 5, 0, 2, []string{"false", "true"}, []int{1, 4}, nan, nan, nan, nan, false, false},
		{"z", inferra.Numeric, 3, 2, 2, []string{"0.5", "1.5"}, []int{2, 1}, 0.5, 1.5, 5.0 / 6, math.Sqrt(1.0 / 3), false, false},
		{"one", inferra.Numeric, 1, 4, 1, []string{"7"}, []int{1}, 7, 7, 7, nan, false, false},
		{"e", inferra.Categorical, 0, 5, 0, nil, nil, nan, nan, nan, nan, false, false},
	}
	for _, tt := range tests {
		c, ok := s.Column(tt.name)
		if !ok {
			t.Fatalf("Schema.Column(%q) not found", tt.name)
		}
		if c.Kind != tt.kind || c.Count != tt.count || c.Missing != tt.missing || c.Distinct != tt.distinct {
			t.Errorf("%s: kind %v count %d missing %d distinct %d, want %v %d %d %d",
				tt.name, c.Kind, c.Count, c.Missing, c.Distinct, tt.kind, tt.count, tt.missing, tt.distinct)
		}
		if !slices.Equal(c.Levels, tt.levels) || !slices.Equal(c.LevelCounts, tt.counts) {
			t.Errorf("%s: levels %q counts %v, want %q %v", tt.name, c.Levels, c.LevelCounts, tt.levels, tt.counts)
		}
		for _, f := range []struct {
			field string
			got   *float64
			want  float64
		}{{"Min", c.Min, tt.min}, {"Max", c.Max, tt.max}, {"Mean", c.Mean, tt.mean}, {"SD", c.SD, tt.sd}} {
			switch {
			case math.IsNaN(f.want) && f.got != nil:
				t.Errorf("%s: %s = %g, want nil", tt.name, f.field, *f.got)
			case !math.IsNaN(f.want) && f.got == nil:
				t.Errorf("%s: %s = nil, want %g", tt.name, f.field, f.want)
			case f.got != nil && math.Abs(*f.got-f.want) > 1e-12*math.Max(1, math.Abs(f.want)):
				t.Errorf("%s: %s = %.17g, want %.17g", tt.name, f.field, *f.got, f.want)
			}
		}
		if c.IntegerCoded != tt.integerCoded || c.Identifier != tt.identifier {
			t.Errorf("%s: integer coded %v identifier %v, want %v %v", tt.name, c.IntegerCoded, c.Identifier, tt.integerCoded, tt.identifier)
		}
	}
	if _, ok := s.Column("nope"); ok {
		t.Error(`Schema.Column("nope") found a column`)
	}
}

var nan = math.NaN()

func TestSchemaLargeAndText(t *testing.T) {
	t.Parallel()
	var b strings.Builder
	b.WriteString("id,name,code,v\n")
	for i := range 100 {
		b.WriteString(strings.Join([]string{strconv.Itoa(i), "n" + strconv.Itoa(i), strconv.Itoa(i % 3), strconv.Itoa(i%25) + ".5"}, ",") + "\n")
	}
	s := schemaOf(t, b.String())
	id, _ := s.Column("id")
	if !id.Identifier || id.IntegerCoded || id.Distinct != 100 || id.Levels != nil {
		t.Errorf("id: identifier %v integer coded %v distinct %d levels %d, want true false 100 0", id.Identifier, id.IntegerCoded, id.Distinct, len(id.Levels))
	}
	name, _ := s.Column("name")
	if name.Kind != inferra.Text || !name.Identifier || name.Distinct != 100 {
		t.Errorf("name: kind %v identifier %v distinct %d, want text true 100", name.Kind, name.Identifier, name.Distinct)
	}
	code, _ := s.Column("code")
	if !code.IntegerCoded || code.Identifier || !slices.Equal(code.Levels, []string{"0", "1", "2"}) || !slices.Equal(code.LevelCounts, []int{34, 33, 33}) {
		t.Errorf("code: integer coded %v identifier %v levels %q %v, want true false [0 1 2] [34 33 33]", code.IntegerCoded, code.Identifier, code.Levels, code.LevelCounts)
	}
	v, _ := s.Column("v")
	if v.Distinct != 25 || v.Levels != nil || v.IntegerCoded {
		t.Errorf("v: distinct %d levels %q integer coded %v, want 25, none, false", v.Distinct, v.Levels, v.IntegerCoded)
	}
}

// TestSchemaJSONFinite checks that a schema of a dataset holding
// infinities and huge values still encodes as JSON.
func TestSchemaJSONFinite(t *testing.T) {
	t.Parallel()
	d, err := inferra.NewDataset([]*inferra.Column{
		{Name: "inf", Kind: inferra.Numeric, Floats: []float64{1, math.Inf(1), 2}},
		{Name: "huge", Kind: inferra.Numeric, Floats: []float64{math.MaxFloat64, math.MaxFloat64, -math.MaxFloat64}},
		{Name: "none", Kind: inferra.Numeric, Floats: []float64{nan, nan, nan}},
	})
	if err != nil {
		t.Fatal(err)
	}
	out, err := json.Marshal(d.Schema())
	if !json.Valid(out) {
		t.Errorf("schema JSON %s is not valid", out)
	}
	if err != nil {
		t.Fatalf("json.Marshal(Schema()) = %v", err)
	}
	inf, _ := d.Schema().Column("inf")
	if inf.Min != nil || inf.Max != nil || inf.Mean != nil || inf.SD != nil {
		t.Errorf("inf: min %v max %v mean %v sd %v, want all nil", inf.Min, inf.Max, inf.Mean, inf.SD)
	}
	huge, _ := d.Schema().Column("huge")
	if huge.Mean != nil || huge.Max == nil {
		t.Errorf("huge: mean %v max %v, want nil (the sum overflows) and set", huge.Mean, huge.Max)
	}
	none, _ := d.Schema().Column("none")
	if none.Count != 0 || none.Missing != 3 || none.Min != nil {
		t.Errorf("none: count %d missing %d min %v, want 0 3 nil", none.Count, none.Missing, none.Min)
	}
}

// TestSchemaDistinctLarge checks the distinct count of columns long enough
// to be counted by parts, including 0 and -0, which count as one value.
func TestSchemaDistinctLarge(t *testing.T) {
	t.Parallel()
	const n = 200000
	a, b := make([]float64, n), make([]float64, n)
	for i := range n {
		a[i] = float64(i%37000) * 0.5 // 37000 values
		b[i] = float64(i)
		if i%2 == 1 {
			b[i] = -b[i]
		}
	}
	b[1] = math.Copysign(0, -1)
	b[7] = nan
	d, err := inferra.NewDataset([]*inferra.Column{
		{Name: "a", Kind: inferra.Numeric, Floats: a},
		{Name: "b", Kind: inferra.Numeric, Floats: b},
	})
	if err != nil {
		t.Fatal(err)
	}
	s := d.Schema()
	if ca, _ := s.Column("a"); ca.Distinct != 37000 || ca.Identifier {
		t.Errorf("a: distinct %d identifier %v, want 37000 false", ca.Distinct, ca.Identifier)
	}
	if cb, _ := s.Column("b"); cb.Distinct != n-2 || cb.Count != n-1 || cb.Identifier {
		t.Errorf("b: distinct %d count %d identifier %v, want %d %d false", cb.Distinct, cb.Count, cb.Identifier, n-2, n-1)
	}
}

// schemaOf is the schema of the CSV text src, failing the test when it
// does not load.
func schemaOf(t *testing.T, src string) inferra.Schema {
	t.Helper()
	d, err := load.ParseCSV([]byte(src), load.Options{})
	if err != nil {
		t.Fatal(err)
	}
	return d.Schema()
}
