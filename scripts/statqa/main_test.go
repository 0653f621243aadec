package main

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/inferra/inferra"
	"github.com/inferra/inferra/load"
)

const na = `"{""p value"": ""null"", ""conclusion"": ""Not applicable""}"`
const ok = `"{""p value"": 0.5, ""conclusion"": ""Independent""}"`

// fake writes a tiny StatQA layout: one table, its metadata, and a file of
// questions for four tasks; it returns the directory.
func fake(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	for _, d := range []string{"train", "datasets", "metadata"} {
		if err := os.Mkdir(filepath.Join(dir, d), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	var b strings.Builder
	b.WriteString("Score A,Score B,Sex,Smoker\n")
	for i := range 60 {
		fmt.Fprintf(&b, "%d,%d,%s,%s\n", 50+i%13*3, 70-i%7*2, []string{"F", "M"}[i%2], []string{"no", "yes"}[i/2%2])
	}
	write(t, dir, "datasets/Tiny.csv", b.String())
	write(t, dir, "metadata/Tiny_col_meta.csv", "dataset,column_header,data_type,column_description,num_of_rows,is_normality\n"+
		"Tiny,Score A,quant,the first score,60,False\nTiny,Sex,cate,sex of the pupil,60,False\nTiny,Gone,quant,not in the table,60,False\n")
	write(t, dir, "train/Chi-square tiny_withPreliminaryQuestions.csv",
		"Dataset Name,Column 1,Column 2,Chi-square Independence Test,Fisher Exact Test,question,difficulty\n"+
			"Tiny,Sex,Smoker,"+ok+","+ok+",Are Sex and Smoker independent?,easy\n"+
			"Tiny,Smoker,Sex,"+ok+","+na+",Is Smoker related to Sex?,easy\n"+
			"Missing Table,Sex,Smoker,"+ok+","+ok+",Are Sex and Smoker independent?,easy\n")
	write(t, dir, "train/Descriptive tiny_withPreliminaryQuestions.csv",
		"Dataset Name,Column,Method,Results,question,difficulty\n"+
			`Tiny,Score A,Mean,"{""conclusion"": ""55""}",What is the mean of Score A?,easy`+"\n")
	write(t, dir, "train/Other distribution tiny_withPreliminaryQuestions.csv",
		"Dataset Name,Column,Distribution,Kolmogorov-Smirnov Test,question,difficulty\n"+
			`Tiny,Score B,Uniform,"{""p value"": 0.3, ""conclusion"": ""Compliance""}",Is Score B uniform?,easy`+"\n")
	write(t, dir, "train/Normality tiny_withPreliminaryQuestions.csv",
		"Dataset Name,Column,Anderson-Darling Test,Shapiro-Wilk Test of Normality,Kolmogorov-Smirnov Test for Normality,Lilliefors Test,question,difficulty\n"+
			"Tiny,Score A,"+ok+","+na+","+ok+","+ok+",Is Score A normally distributed?,easy\n")
	return dir
}

func write(t *testing.T, dir, name, text string) {
	t.Helper()
	if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
}

func TestReadQuestions(t *testing.T) {
	dir := fake(t)
	qs, err := readQuestions(filepath.Join(dir, "train/Chi-square tiny_withPreliminaryQuestions.csv"), "chi", 20)
	if err != nil || len(qs) != 3 {
		t.Fatalf("readQuestions: %d questions, %v; want 3", len(qs), err)
	}
	if got := fmt.Sprint(qs[0].columns, qs[0].methods); got != "[Sex Smoker] [Chi-square Independence Test Fisher Exact Test]" {
		t.Errorf("first question: %s", got)
	}
	if got := fmt.Sprint(qs[1].methods); got != "[Chi-square Independence Test]" {
		t.Errorf("a Not applicable cell counted: methods %s", got)
	}
	if qs[0].split != qs[1].split {
		t.Errorf("the same column set fell on both sides: %s, %s", qs[0].split, qs[1].split)
	}
	qs, _ = readQuestions(filepath.Join(dir, "train/Other distribution tiny_withPreliminaryQuestions.csv"), "other", 20)
	if got := fmt.Sprint(qs[0].methods); got != "[Kolmogorov-Smirnov Test for Uniform]" {
		t.Errorf("other distribution: methods %s", got)
	}
	if _, err := readQuestions(filepath.Join(dir, "nope.csv"), "x", 20); err == nil {
		t.Error("readQuestions of a missing file: no error")
	}
	write(t, dir, "bad.csv", "a,b\n1,2\n")
	if _, err := readQuestions(filepath.Join(dir, "bad.csv"), "x", 20); err == nil {
		t.Error("readQuestions without a question column: no error")
	}
}

func TestSplitOf(t *testing.T) {
	held := 0
	for i := range 1000 {
		if splitOf("d", []string{fmt.Sprint(i)}, 20) == splitHeld {
			held++
		}
	}
	if held < 150 || held > 250 {
		t.Errorf("%d of 1000 column sets held aside, want about 200", held)
	}
	if splitOf("d", []string{"a"}, 0) != splitTune || splitOf("d", []string{"a"}, 100) != splitHeld {
		t.Error("-held 0 or 100 does not put everything on one side")
	}
}

// With -oracle, the decision is the task's analysis on the question's own
// columns, so every fake question is answered right but the one whose
// Fisher cell says "Not applicable" on a 2×2 table; the one about a table
// the material lacks is skipped.
func TestEvaluateOracle(t *testing.T) {
	dir := fake(t)
	rep, err := evaluate(context.Background(), options{dir: dir, heldPct: 0, meta: true, oracle: true, misses: 2})
	if err != nil {
		t.Fatal(err)
	}
	s := rep.overall["all"]
	if s == nil || s.n != 5 || s.c != 5 || s.cm != 4 {
		t.Fatalf("oracle: %+v, want 5 columns and 4 of 5 both right", s)
	}
	if n := rep.classes[splitTune]["methods wrong, columns right"]; n != 1 {
		t.Errorf("failure classes %v, want one methods wrong", rep.classes)
	}
	if rep.skipped["Missing Table"] != 1 {
		t.Errorf("skipped %v, want Missing Table once", rep.skipped)
	}
}

func TestRun(t *testing.T) {
	dir := fake(t)
	var out, errb bytes.Buffer
	if code := run([]string{"-dir", dir, "-misses", "1"}, &out, &errb); code != 0 {
		t.Fatalf("exit %d: %s", code, errb.String())
	}
	for _, want := range []string{"split tune", "split held", "overall", "failures, split", "skipped (no dataset in datasets/): Missing Table"} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("output lacks %q:\n%s", want, out.String())
		}
	}
	out.Reset()
	if code := run([]string{"-dir", dir, "-split", "held", "-task", "Normality", "-failures=false"}, &out, &errb); code != 0 || strings.Contains(out.String(), "split tune") {
		t.Errorf("-split held: exit %d, output %s", code, out.String())
	}
	for _, args := range [][]string{{"-split", "x"}, {"-held", "101"}, {"extra"}, {"-nope"}} {
		if code := run(args, &out, &errb); code != 2 {
			t.Errorf("run(%v) = %d, want 2", args, code)
		}
	}
	if code := run([]string{"-dir", t.TempDir()}, &out, &errb); code != 1 {
		t.Errorf("an empty directory: exit %d, want 1", code)
	}
}

func TestJudgeAndNames(t *testing.T) {
	ds, err := load.ParseCSV([]byte("a,b,c\n1,2,3\n4,5,6\n"), load.Options{})
	if err != nil {
		t.Fatal(err)
	}
	q := &question{task: "t", columns: []string{"a", "b"}, methods: []string{"Levene Test", "Mood Variance Test"}}
	if o := judge(q, ds, &inferra.Decision{}); !strings.HasPrefix(o.class, "declined") || o.colOK {
		t.Errorf("a no-decision: %+v", o)
	}
	d := &inferra.Decision{Analysis: "levene", Params: map[string]string{"x": "a", "y": "c"},
		Applicable: []inferra.Applicable{{Analysis: "levene"}, {Analysis: "mood"}}}
	if o := judge(q, ds, d); o.colOK || !o.methOK || o.class != "columns wrong, methods right" {
		t.Errorf("columns wrong: %+v", o)
	}
	d = &inferra.Decision{Analysis: "levene", Params: map[string]string{"x": "a", "y": "b"}, Applicable: []inferra.Applicable{{Analysis: "levene"}}}
	if o := judge(q, ds, d); !o.colOK || o.methOK || o.class != "methods wrong, columns right" {
		t.Errorf("methods wrong: %+v", o)
	}
	d = &inferra.Decision{Analysis: "partial_corr", Params: map[string]string{"x": "a", "y": "b", "covar": "c"}, Applicable: []inferra.Applicable{{Analysis: "partial_corr"}}}
	if o := judge(q, ds, d); o.colOK || o.methOK || !strings.HasPrefix(o.class, "wrong analysis") {
		t.Errorf("wrong analysis: %+v", o)
	}
	for a, want := range map[string]string{"gamma": "Kolmogorov-Smirnov Test for Gamma", "expon": "Kolmogorov-Smirnov Test for Exponential", "norm": "Kolmogorov-Smirnov Test for Normality", "weird": "kstest"} {
		if got := methodName(inferra.Applicable{Analysis: "kstest", Params: map[string]string{"dist": a}}); got != want {
			t.Errorf("methodName(kstest %s) = %q, want %q", a, got, want)
		}
	}
	if got := methodName(inferra.Applicable{Analysis: "describe", Params: map[string]string{"stat": "std"}}); got != "Standard Deviation" {
		t.Errorf("methodName(describe std) = %q", got)
	}
	if got := methodName(inferra.Applicable{Analysis: "ols"}); got != "ols" {
		t.Errorf("methodName(ols) = %q", got)
	}
	if applies("null") || !applies("something") || applies(`{"conclusion": "Not applicable"}`) {
		t.Error("applies misreads a cell")
	}
}
