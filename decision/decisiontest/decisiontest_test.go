package decisiontest_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/inferra/inferra"
	"github.com/inferra/inferra/decision"
	"github.com/inferra/inferra/decision/decisiontest"
)

func TestRunAndScore(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "d.csv"), []byte("treatment,yield,rainfall\nold,1.5,2.25\nold,2.5,3.5\nold,3.25,5.5\nnew,4.75,4.25\nnew,5.5,7.75\nnew,6.25,6.5\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	items := `[
 {"id": "1", "dataset": "d.csv", "prompt": "t-test of yield between treatment groups", "expect": {"analysis": "ttest_ind", "params": {"group": "treatment", "value": "yield"}}, "split": "tune"},
 {"id": "2", "dataset": "d.csv", "prompt": "correlation between yield and rainfall", "expect": {"analysis": "pearsonr", "params": {"x": "rainfall", "y": "yield"}}, "split": "tune"},
 {"id": "3", "dataset": "d.csv", "prompt": "Is it going to rain tomorrow?", "expect": {"decline": true}, "split": "tune"},
 {"id": "4", "dataset": "d.csv", "prompt": "t-test of yield between treatment groups", "expect": {"analysis": "mannwhitneyu", "params": {"group": "treatment", "value": "yield"}}, "split": "holdout"},
 {"id": "5", "dataset": "d.csv", "prompt": "What stands out?", "expect": {"analysis": "histogram", "params": {"x": "yield"}}, "split": "holdout"}
]`
	path := filepath.Join(dir, "items.json")
	if err := os.WriteFile(path, []byte(items), 0o644); err != nil {
		t.Fatal(err)
	}
	its, err := decisiontest.ReadItems(path)
	if err != nil {
		t.Fatal(err)
	}
	e, err := decision.New(decision.Config{CacheSize: -1})
	if err != nil {
		t.Fatal(err)
	}
	results, err := decisiontest.Run(context.Background(), e, its, dir)
	if err != nil {
		t.Fatal(err)
	}
	want := []decisiontest.Outcome{decisiontest.Right, decisiontest.Right, decisiontest.Right, decisiontest.Wrong, decisiontest.Declined}
	var s decisiontest.Score
	for i, r := range results {
		if r.Outcome != want[i] {
			t.Errorf("item %s: outcome %d, want %d (decision %s %v)", r.Item.ID, r.Outcome, want[i], r.Decision.Analysis, r.Decision.Params)
		}
		s.Add(r)
	}
	if s.Decidable != 4 || s.Right != 2 || s.Wrong != 1 || s.Declined != 1 || s.MustDecline != 1 || s.Decided != 0 {
		t.Errorf("score = %+v", s)
	}
	if s.Accuracy() != 0.5 || s.WrongRate() != 0.25 {
		t.Errorf("accuracy %v wrong rate %v, want 0.5 and 0.25", s.Accuracy(), s.WrongRate())
	}
	if !strings.Contains(s.String(), "2/4 decidable right") {
		t.Errorf("String() = %q", s.String())
	}
	if _, err := decisiontest.Run(context.Background(), e, []decisiontest.Item{{ID: "x", Dataset: "missing.csv"}}, dir); err == nil {
		t.Error("Run with a missing dataset: no error")
	}
	if _, err := decisiontest.ReadItems(filepath.Join(dir, "d.csv")); err == nil {
		t.Error("ReadItems of a CSV file: no error")
	}
	if _, err := decisiontest.ReadItems(filepath.Join(dir, "none.json")); err == nil {
		t.Error("ReadItems of a missing file: no error")
	}
}

func TestSame(t *testing.T) {
	s := inferra.Schema{Columns: []inferra.ColumnSchema{
		{Name: "y", Kind: inferra.Numeric}, {Name: "a", Kind: inferra.Numeric}, {Name: "b", Kind: inferra.Numeric},
		{Name: "region", Kind: inferra.Categorical}, {Name: "floor.area", Kind: inferra.Numeric},
	}}
	ans := func(a string, kv ...string) decisiontest.Answer {
		p := map[string]string{}
		for i := 0; i+1 < len(kv); i += 2 {
			p[kv[i]] = kv[i+1]
		}
		return decisiontest.Answer{Analysis: a, Params: p}
	}
	dec := func(a string, kv ...string) *inferra.Decision {
		x := ans(a, kv...)
		return &inferra.Decision{Analysis: x.Analysis, Params: x.Params}
	}
	cases := []struct {
		want decisiontest.Answer
		got  *inferra.Decision
		same bool
	}{
		{ans("pearsonr", "x", "a", "y", "b"), dec("pearsonr", "x", "b", "y", "a"), true},
		{ans("chi2_contingency", "x", "a", "y", "b"), dec("chi2_contingency", "x", "b", "y", "a"), true},
		{ans("ttest_ind", "group", "a", "value", "b"), dec("ttest_ind", "group", "b", "value", "a"), false},
		{ans("ols", "formula", "y ~ a * b"), dec("ols", "formula", "y ~ b + a + a:b"), true},
		{ans("ols", "formula", "y ~ C(region) + Q('floor.area')"), dec("ols", "formula", "y ~ region + Q(\"floor.area\")"), true},
		{ans("ols", "formula", "y ~ a"), dec("ols", "formula", "a ~ y"), false},
		{ans("describe", "stat", "skew"), dec("describe", "stat", "skewness"), true},
		{ans("describe", "stat", "sd"), dec("describe", "stat", "var"), false},
		{ans("partial_corr", "x", "a", "y", "b", "covar", "y,region"), dec("partial_corr", "x", "b", "y", "a", "covar", "region, y"), true},
		{ans("ttest_1samp", "x", "a", "popmean", "15"), dec("ttest_1samp", "x", "a", "popmean", "15.0"), true},
		{ans("ttest_1samp", "x", "a", "popmean", "15"), dec("ttest_1samp", "x", "a", "popmean", "16"), false},
		{ans("describe", "x", "a"), dec("describe", "x", "a", "stat", "mean"), false},
		{ans("describe", "x", "a"), dec("histogram", "x", "a"), false},
	}
	for _, c := range cases {
		if got := decisiontest.Same(c.want, c.got, s); got != c.same {
			t.Errorf("Same(%v, %s %v) = %v, want %v", c.want, c.got.Analysis, c.got.Params, got, c.same)
		}
	}
	if (decisiontest.Score{Confident: 4, ConfidentRight: 3}).Calibration() != 0.75 {
		t.Error("Calibration of 3/4 is not 0.75")
	}
}
