package decision_test

import (
	"slices"
	"strings"
	"testing"

	"github.com/inferra/inferra"
	"github.com/inferra/inferra/decision"
	"github.com/inferra/inferra/load"
)

// schemaOf reads a small CSV text and returns its schema.
func schemaOf(t *testing.T, csv string) inferra.Schema {
	t.Helper()
	ds, err := load.ReadCSV(strings.NewReader(csv), load.Options{})
	if err != nil {
		t.Fatalf("ReadCSV: %v", err)
	}
	return ds.Schema()
}

func TestAssessColumns(t *testing.T) {
	t.Parallel()
	s := schemaOf(t, `id,subject_id,diet,treated,dose,rating,age,weight,city,note
1,101,keto,true,0,1,34,70.5,a,x1
2,102,vegan,false,1,2,29,81.2,b,x2
3,103,keto,true,2,3,41,65.0,c,x3
4,104,paleo,false,0,4,52,90.1,d,x4
5,105,vegan,true,1,5,38,77.7,e,x5
6,106,paleo,false,2,1,45,68.3,f,x6
7,107,keto,true,0,2,33,72.9,g,x7
8,108,vegan,false,1,3,60,84.4,h,x8
`)
	a := decision.Assess(s)
	type want struct {
		group, measure, identifier bool
		levels                     int
		kinds                      []string
	}
	tests := map[string]want{
		"id":         {identifier: true, levels: 8},                                                        // consecutive integers
		"subject_id": {identifier: true, levels: 8},                                                        // its name says so
		"diet":       {group: true, levels: 3, kinds: []string{"categorical"}},                             // three labels
		"treated":    {group: true, levels: 2, kinds: []string{"boolean"}},                                 // true/false
		"dose":       {group: true, levels: 3, kinds: []string{"integer_coded"}},                           // 0/1/2 codes only
		"rating":     {group: true, measure: true, levels: 5, kinds: []string{"numeric", "integer_coded"}}, // 1..5 is both
		"age":        {measure: true, levels: 8, kinds: []string{"numeric"}},                               // distinct integers, not id-like
		"weight":     {measure: true, levels: 8, kinds: []string{"numeric"}},
		"city":       {identifier: true, levels: 8}, // all-distinct labels
		"note":       {identifier: true, levels: 8},
	}
	for name, w := range tests {
		c, ok := a.Column(name)
		if !ok {
			t.Errorf("Assess: no column %s", name)
			continue
		}
		if c.Group != w.group || c.Measure != w.measure || c.Identifier != w.identifier || c.Levels != w.levels {
			t.Errorf("Assess column %s = group %v measure %v identifier %v levels %d, want %v %v %v %d",
				name, c.Group, c.Measure, c.Identifier, c.Levels, w.group, w.measure, w.identifier, w.levels)
		}
		if got := c.Kinds(); !slices.Equal(got, w.kinds) {
			t.Errorf("Assess column %s Kinds() = %v, want %v", name, got, w.kinds)
		}
	}
	if got, want := a.Groups(), []string{"diet", "treated", "dose", "rating"}; !slices.Equal(got, want) {
		t.Errorf("Groups() = %v, want %v", got, want)
	}
	if got, want := a.Measures(), []string{"rating", "age", "weight"}; !slices.Equal(got, want) {
		t.Errorf("Measures() = %v, want %v", got, want)
	}
	if len(a.Pairs) != 0 {
		t.Errorf("Pairs = %+v, want none", a.Pairs)
	}
}

func TestAssessManyLevels(t *testing.T) {
	t.Parallel()
	var b strings.Builder
	b.WriteString("team,score\n")
	for i := range 50 {
		b.WriteString("t" + string(rune('a'+i%25)) + ",1.5\n")
	}
	a := decision.Assess(schemaOf(t, b.String()))
	if c, _ := a.Column("team"); c.Group || c.Levels != 25 {
		t.Errorf("25-level column: group %v levels %d, want false 25", c.Group, c.Levels)
	}
}

func TestAssessPairs(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		csv  string
		want []decision.Pair // Reason checked for a prefix
	}{
		{"before/after", "id,weight_before,weight_after,group\n1,80.5,78.1,a\n2,92.3,90.0,b\n3,70.2,69.9,a\n4,85.0,83.3,b\n",
			[]decision.Pair{{X: "weight_before", Y: "weight_after", Reason: `before/after of "weight"; means`}}},
		{"pre/post reversed order", "post_score,pre_score\n12.5,10.5\n14.5,11.5\n13.5,12.5\n",
			[]decision.Pair{{X: "pre_score", Y: "post_score", Reason: `pre/post of "score"`}}},
		{"_1/_2", "score_1,score_2\n3.5,4.5\n5.5,6.5\n4.5,4.5\n",
			[]decision.Pair{{X: "score_1", Y: "score_2", Reason: `1/2 of "score"`}}},
		{"glued digits", "trial1,trial2\n3.5,4.5\n5.5,6.5\n4.5,4.5\n",
			[]decision.Pair{{X: "trial1", Y: "trial2", Reason: `1/2 of "trial"`}}},
		{"t1/t2", "T1_anxiety,T2_anxiety\n30.5,25.5\n40.5,35.5\n35.5,33.5\n",
			[]decision.Pair{{X: "T1_anxiety", Y: "T2_anxiety", Reason: `t1/t2 of "anxiety"`}}},
		{"baseline/follow-up", "bp_baseline,bp_follow_up\n140.5,130.5\n150.5,135.5\n145.5,140.5\n",
			[]decision.Pair{{X: "bp_baseline", Y: "bp_follow_up", Reason: `baseline/followup of "bp"`}}},
		{"left/right camelCase", "gripLeft,gripRight\n30.5,32.5\n28.5,29.5\n35.5,36.5\n",
			[]decision.Pair{{X: "gripLeft", Y: "gripRight", Reason: `left/right of "grip"`}}},
		{"different stems", "weight_before,height_after\n80.5,170.5\n70.5,180.5\n75.5,175.5\n", nil},
		{"different scales", "income_before,income_after\n30000.5,30.5\n40000.5,40.5\n35000.5,35.5\n", nil},
		{"integer and fractional", "count_pre,count_post\n1,1.5\n2,2.5\n3,2.5\n", nil},
		{"predictors x1 x2", "x1,x2\n1.5,1.5\n2.5,2.5\n3.5,3.5\n", nil},
		{"group codes are not measures", "arm_pre,arm_post\n0,1\n1,0\n0,1\n1,1\n", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			got := decision.Assess(schemaOf(t, tt.csv)).Pairs
			if len(got) != len(tt.want) {
				t.Fatalf("Assess pairs = %+v, want %+v", got, tt.want)
			}
			for i, w := range tt.want {
				g := got[i]
				if g.X != w.X || g.Y != w.Y || !strings.HasPrefix(g.Reason, w.Reason) {
					t.Errorf("Assess pair %d = %+v, want %+v (reason prefix)", i, g, w)
				}
			}
		})
	}
}

// TestAssessMeasurementNameBeatsIdentifier checks that distinct, evenly
// spaced numbers are a measurement unless the column's name says
// identifier.
func TestAssessMeasurementNameBeatsIdentifier(t *testing.T) {
	t.Parallel()
	s := schemaOf(t, `dose,age,obs,response
10,21,1,3.1
20,22,2,4.5
30,23,3,5.2
40,24,4,6.8
50,25,5,7.1
60,26,6,8.9
`)
	a := decision.Assess(s)
	for name, ident := range map[string]bool{"dose": false, "age": false, "obs": true} {
		c, _ := a.Column(name)
		if c.Identifier != ident || c.Measure == ident {
			t.Errorf("Assess column %s: identifier %v measure %v, want identifier %v", name, c.Identifier, c.Measure, ident)
		}
	}
}
