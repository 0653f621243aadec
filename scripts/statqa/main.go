// Command statqa scores the decision engine and package applicable on the
// training questions of the StatQA benchmark (HKUSTDial, NeurIPS 2024), as
// the benchmark scores a model: for each question, are the columns right
// (the set of columns the decision uses equals the question's), are the
// methods right (the set of applicable analyses, in StatQA's names, equals
// the set whose result is not "Not applicable"), and both, Acc(C,M).
//
//	go run ./scripts/statqa -dir STATQA
//	go run ./scripts/statqa -dir STATQA -split tune -misses 20
//
// The material is read at run time from -dir (its train/, datasets/ and
// metadata/ folders); none of it is in this repository. A fifth of the
// questions, chosen by a hash of the dataset and the set of columns (so
// every question about one set of columns falls on one side), is kept
// aside: the "held" split, reported separately and never to be tuned on.
package main

import (
	"context"
	"encoding/csv"
	"encoding/json"
	"flag"
	"fmt"
	"hash/fnv"
	"io"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"

	"github.com/inferra/inferra"
	"github.com/inferra/inferra/applicable"
	"github.com/inferra/inferra/decision"
	"github.com/inferra/inferra/load"
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

// Splits of the questions.
const (
	splitTune = "tune"
	splitHeld = "held"
)

// options are the command's flags.
type options struct {
	dir      string
	split    string // "", tune or held
	heldPct  int
	meta     bool
	task     string
	misses   int
	failures bool
	oracle   bool
}

func run(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("statqa", flag.ContinueOnError)
	fs.SetOutput(stderr)
	var o options
	fs.StringVar(&o.dir, "dir", "", "the StatQA material: a `directory` with train/, datasets/ and metadata/ (required; not shipped in this repository)")
	fs.StringVar(&o.split, "split", "", "score only this split: tune or held (default both)")
	fs.IntVar(&o.heldPct, "held", 20, "`percent` of the column sets kept aside as the held split")
	fs.BoolVar(&o.meta, "meta", true, "attach the column descriptions of metadata/ to each dataset")
	fs.StringVar(&o.task, "task", "", "score only the tasks whose file name contains this `text`")
	fs.IntVar(&o.misses, "misses", 0, "print up to `n` questions answered wrongly, per failure class")
	fs.BoolVar(&o.failures, "failures", true, "print the failure classes with their counts")
	fs.BoolVar(&o.oracle, "oracle", false, "score package applicable alone: decide from the question's own columns and task, not from its words")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if o.dir == "" {
		fmt.Fprintln(stderr, "statqa: -dir DIR is required: the folder of StatQA's training material (train/, datasets/, metadata/)")
		return 2
	}
	if fs.NArg() > 0 || (o.split != "" && o.split != splitTune && o.split != splitHeld) || o.heldPct < 0 || o.heldPct > 100 {
		fmt.Fprintln(stderr, "statqa: want -split tune|held, -held 0..100 and no arguments")
		return 2
	}
	rep, err := evaluate(context.Background(), o)
	if err != nil {
		fmt.Fprintln(stderr, "statqa:", err)
		return 1
	}
	rep.print(stdout, o)
	return 0
}

// question is one training question and its answer.
type question struct {
	task    string
	dataset string
	columns []string // sorted
	methods []string // sorted StatQA method names that apply
	text    string
	split   string
	// ordered are the columns in the file's order (Column 1, Column 2,
	// then the strata or control column); dist and stat the named
	// distribution and descriptive statistic, if any.
	ordered    []string
	dist, stat string
}

// outcome is how the engine answered one question.
type outcome struct {
	q                *question
	columns, methods []string
	analysis         string
	params           []string
	colOK, methOK    bool
	class            string
}

// score counts questions and right answers.
type score struct{ n, c, m, cm int }

func (s *score) add(o *outcome) {
	s.n++
	if o.colOK {
		s.c++
	}
	if o.methOK {
		s.m++
	}
	if o.colOK && o.methOK {
		s.cm++
	}
}

func pct(k, n int) string {
	if n == 0 {
		return "    -"
	}
	return fmt.Sprintf("%5.1f", 100*float64(k)/float64(n))
}

// report is the result of an evaluation.
type report struct {
	tasks    []string
	byTask   map[string]map[string]*score // task → split → score
	overall  map[string]*score
	classes  map[string]map[string]int // split → class → count
	examples map[string][]*outcome
	skipped  map[string]int // dataset not found → questions
}

// evaluate reads the questions under o.dir, runs the engine and the
// applicability checks on each, and scores them.
func evaluate(ctx context.Context, o options) (*report, error) {
	files, err := filepath.Glob(filepath.Join(o.dir, "train", "*.csv"))
	if err != nil {
		return nil, err
	}
	if len(files) == 0 {
		return nil, fmt.Errorf("no questions in %s", filepath.Join(o.dir, "train"))
	}
	engine, err := decision.New(decision.Config{})
	if err != nil {
		return nil, err
	}
	rep := &report{byTask: map[string]map[string]*score{}, overall: map[string]*score{},
		classes: map[string]map[string]int{}, examples: map[string][]*outcome{}, skipped: map[string]int{}}
	sets := newDatasets(o.dir, o.meta)
	memo := map[string]*inferra.Decision{}
	for _, f := range files {
		task := strings.TrimSuffix(filepath.Base(f), "_withPreliminaryQuestions.csv")
		if o.task != "" && !strings.Contains(filepath.Base(f), o.task) {
			continue
		}
		qs, err := readQuestions(f, task, o.heldPct)
		if err != nil {
			return nil, err
		}
		for _, q := range qs {
			if o.split != "" && q.split != o.split {
				continue
			}
			ds, schema, err := sets.get(q.dataset)
			if err != nil {
				return nil, err
			}
			if ds == nil {
				rep.skipped[q.dataset]++
				continue
			}
			d, err := engine.Decide(ctx, q.text, schema)
			if err != nil {
				return nil, fmt.Errorf("%s: %q: %w", task, q.text, err)
			}
			if o.oracle {
				d = oracle(q)
			}
			if !decision.IsNoDecision(d) {
				key := q.dataset + "\x00" + d.Analysis + "\x00" + fmt.Sprint(sortedParams(d.Params))
				if m, ok := memo[key]; ok {
					d.Analysis, d.Params, d.Applicable = m.Analysis, m.Params, m.Applicable
				} else {
					applicable.Apply(ctx, ds, d)
					memo[key] = &inferra.Decision{Analysis: d.Analysis, Params: d.Params, Applicable: d.Applicable}
				}
			}
			out := judge(q, ds, d)
			if rep.byTask[task] == nil {
				rep.byTask[task] = map[string]*score{}
				rep.tasks = append(rep.tasks, task)
			}
			for _, sp := range []string{q.split, "all"} {
				if rep.byTask[task][sp] == nil {
					rep.byTask[task][sp] = &score{}
				}
				rep.byTask[task][sp].add(out)
				if rep.overall[sp] == nil {
					rep.overall[sp] = &score{}
				}
				rep.overall[sp].add(out)
			}
			if out.class != "" {
				if rep.classes[q.split] == nil {
					rep.classes[q.split] = map[string]int{}
				}
				rep.classes[q.split][out.class]++
				if q.split == splitTune && len(rep.examples[out.class]) < o.misses {
					rep.examples[out.class] = append(rep.examples[out.class], out)
				}
			}
		}
	}
	return rep, nil
}

// oracle is the decision a perfect reading of q would make: the task's
// analysis on the question's own columns.
func oracle(q *question) *inferra.Decision {
	c := func(i int) string {
		if i < len(q.ordered) {
			return q.ordered[i]
		}
		return ""
	}
	t := strings.ToLower(q.task)
	d := &inferra.Decision{Source: inferra.SourceUser}
	switch {
	case strings.HasPrefix(t, "chi-square"):
		d.Analysis, d.Params = "chi2_contingency", map[string]string{"x": c(0), "y": c(1)}
	case strings.HasPrefix(t, "correlation"):
		d.Analysis, d.Params = "pearsonr", map[string]string{"x": c(0), "y": c(1)}
	case strings.HasPrefix(t, "descriptive"):
		stat := ""
		for k, v := range describeNames {
			if v == q.stat {
				stat = k
			}
		}
		d.Analysis, d.Params = "describe", map[string]string{"x": c(0), "stat": stat}
	case strings.HasPrefix(t, "ks distribution"):
		d.Analysis, d.Params = "ks_2samp", map[string]string{"x": c(0), "y": c(1)}
	case strings.HasPrefix(t, "mantel"):
		d.Analysis, d.Params = "mantel_haenszel", map[string]string{"x": c(0), "y": c(1), "strata": c(2)}
	case strings.HasPrefix(t, "normality"):
		d.Analysis, d.Params = "anderson", map[string]string{"x": c(0)}
	case strings.HasPrefix(t, "other distribution"):
		dist := map[string]string{"Exponential": "expon", "Gamma": "gamma", "Uniform": "uniform"}[q.dist]
		d.Analysis, d.Params = "kstest", map[string]string{"x": c(0), "dist": dist}
	case strings.HasPrefix(t, "partial"):
		d.Analysis, d.Params = "partial_corr", map[string]string{"x": c(0), "y": c(1), "covar": c(2)}
	case strings.HasPrefix(t, "variance"):
		d.Analysis, d.Params = "levene", map[string]string{"x": c(0), "y": c(1)}
	}
	return d
}

// sortedParams lists params as sorted k=v pairs.
func sortedParams(p map[string]string) []string {
	var out []string
	for _, k := range slices.Sorted(maps.Keys(p)) {
		out = append(out, k+"="+p[k])
	}
	return out
}

// readQuestions reads one training file of StatQA: the dataset, the
// columns (Column, or Column 1, Column 2 and a Strata or Control Column),
// the methods whose result is not "Not applicable", and the question.
func readQuestions(path, task string, heldPct int) ([]*question, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	r := csv.NewReader(f)
	header, err := r.Read()
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	col := map[string]int{}
	for i, h := range header {
		col[h] = i
	}
	for _, need := range []string{"Dataset Name", "question"} {
		if _, ok := col[need]; !ok {
			return nil, fmt.Errorf("%s: no %q column", path, need)
		}
	}
	var colCols, methodCols []int
	for i, h := range header {
		switch h {
		case "Column", "Column 1", "Column 2", "Strata Column", "Control Column":
			colCols = append(colCols, i)
		case "Dataset Name", "question", "difficulty", "Method", "Results", "Distribution":
		default:
			methodCols = append(methodCols, i)
		}
	}
	var qs []*question
	for {
		rec, err := r.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("%s: %w", path, err)
		}
		q := &question{task: task, dataset: rec[col["Dataset Name"]], text: rec[col["question"]]}
		for _, i := range colCols {
			q.ordered = append(q.ordered, rec[i])
			if !slices.Contains(q.columns, rec[i]) {
				q.columns = append(q.columns, rec[i])
			}
		}
		sort.Strings(q.columns)
		switch {
		case hasCol(col, "Method"): // descriptive statistics: one method a row
			q.methods = []string{rec[col["Method"]]}
			q.stat = rec[col["Method"]]
		case hasCol(col, "Distribution"): // Kolmogorov–Smirnov against a named distribution
			q.dist = rec[col["Distribution"]]
			if applies(rec[methodCols[0]]) {
				q.methods = []string{"Kolmogorov-Smirnov Test for " + rec[col["Distribution"]]}
			}
		default:
			for _, i := range methodCols {
				if applies(rec[i]) {
					q.methods = append(q.methods, header[i])
				}
			}
		}
		sort.Strings(q.methods)
		q.split = splitOf(q.dataset, q.columns, heldPct)
		qs = append(qs, q)
	}
	return qs, nil
}

func hasCol(col map[string]int, name string) bool {
	_, ok := col[name]
	return ok
}

// applies reports whether a result cell is not "Not applicable".
func applies(cell string) bool {
	if cell == "" || cell == "null" {
		return false
	}
	var v struct {
		Conclusion string `json:"conclusion"`
	}
	if err := json.Unmarshal([]byte(cell), &v); err != nil {
		return true
	}
	return v.Conclusion != "Not applicable"
}

// splitOf puts a column set on the held side for heldPct percent of the
// hashes of dataset and columns.
func splitOf(dataset string, columns []string, heldPct int) string {
	h := fnv.New32a()
	h.Write([]byte(dataset))
	for _, c := range columns {
		h.Write([]byte{0})
		h.Write([]byte(c))
	}
	if int(h.Sum32()%100) < heldPct {
		return splitHeld
	}
	return splitTune
}

// methodName maps an applicable analysis to StatQA's method name (README
// of the material); an analysis StatQA does not name keeps its id.
func methodName(a inferra.Applicable) string {
	switch a.Analysis {
	case "kstest":
		switch a.Params["dist"] {
		case "", "norm":
			return "Kolmogorov-Smirnov Test for Normality"
		case "expon":
			return "Kolmogorov-Smirnov Test for Exponential"
		case "gamma":
			return "Kolmogorov-Smirnov Test for Gamma"
		case "uniform":
			return "Kolmogorov-Smirnov Test for Uniform"
		}
	case "describe":
		if n, ok := describeNames[a.Params["stat"]]; ok {
			return n
		}
	}
	if n, ok := methodNames[a.Analysis]; ok {
		return n
	}
	return a.Analysis
}

var methodNames = map[string]string{
	"pearsonr": "Pearson Correlation Coefficient", "spearmanr": "Spearman Correlation Coefficient",
	"kendalltau": "Kendall Correlation Coefficient", "partial_corr": "Partial Correlation Coefficient",
	"chi2_contingency": "Chi-square Independence Test", "fisher_exact": "Fisher Exact Test",
	"mantel_haenszel": "Mantel-Haenszel Test",
	"levene":          "Levene Test", "bartlett": "Bartlett Test", "mood": "Mood Variance Test", "f_test": "F-Test for Variance",
	"shapiro": "Shapiro-Wilk Test of Normality", "anderson": "Anderson-Darling Test", "lilliefors": "Lilliefors Test",
	"ks_2samp": "Kolmogorov-Smirnov Test",
}

var describeNames = map[string]string{
	"mean": "Mean", "median": "Median", "mode": "Mode", "std": "Standard Deviation", "range": "Range",
	"quartiles": "Quartile", "skewness": "Skewness", "kurtosis": "Kurtosis",
}

// nonColumnParams are parameters whose values are not column names.
var nonColumnParams = map[string]bool{"dist": true, "stat": true, "popmean": true, "cov": true, "bins": true}

// judge scores decision d on question q.
func judge(q *question, ds *inferra.Dataset, d *inferra.Decision) *outcome {
	out := &outcome{q: q, analysis: d.Analysis, params: sortedParams(d.Params)}
	if decision.IsNoDecision(d) {
		out.class = "declined (" + q.task + ")"
		return out
	}
	known := map[string]bool{}
	for _, n := range ds.Names() {
		known[n] = true
	}
	for k, v := range d.Params {
		if nonColumnParams[k] {
			continue
		}
		names := []string{v}
		if k == "covar" {
			names = strings.Split(v, ",")
		}
		for _, n := range names {
			if known[n] && !slices.Contains(out.columns, n) {
				out.columns = append(out.columns, n)
			}
		}
	}
	sort.Strings(out.columns)
	for _, a := range d.Applicable {
		if n := methodName(a); !slices.Contains(out.methods, n) {
			out.methods = append(out.methods, n)
		}
	}
	sort.Strings(out.methods)
	out.colOK = slices.Equal(out.columns, q.columns)
	out.methOK = slices.Equal(out.methods, q.methods)
	primary := methodName(inferra.Applicable{Analysis: d.Analysis, Params: d.Params})
	switch {
	case out.colOK && out.methOK:
	case !slices.Contains(q.methods, primary) && !out.methOK && !overlap(out.methods, q.methods):
		out.class = "wrong analysis (" + q.task + " → " + d.Analysis + ")"
	case !out.colOK && !out.methOK:
		out.class = "columns and methods wrong"
	case !out.colOK:
		out.class = "columns wrong, methods right"
	default:
		out.class = "methods wrong, columns right"
	}
	return out
}

func overlap(a, b []string) bool {
	for _, x := range a {
		if slices.Contains(b, x) {
			return true
		}
	}
	return false
}

// datasets loads each dataset once, with its metadata.
type datasets struct {
	dir   string
	meta  bool
	cache map[string]*loaded
}

type loaded struct {
	ds     *inferra.Dataset
	schema inferra.Schema
}

func newDatasets(dir string, meta bool) *datasets {
	return &datasets{dir: dir, meta: meta, cache: map[string]*loaded{}}
}

// get returns the dataset called name and its schema, or nil when the
// material has no such table.
func (s *datasets) get(name string) (*inferra.Dataset, inferra.Schema, error) {
	if l, ok := s.cache[name]; ok {
		return l.ds, l.schema, nil
	}
	path := filepath.Join(s.dir, "datasets", name+".csv")
	if _, err := os.Stat(path); os.IsNotExist(err) {
		s.cache[name] = &loaded{}
		return nil, inferra.Schema{}, nil
	}
	ds, err := load.File(path, load.Options{})
	if err != nil {
		return nil, inferra.Schema{}, fmt.Errorf("%s: %w", path, err)
	}
	if s.meta {
		if dict, err := readMeta(filepath.Join(s.dir, "metadata", name+"_col_meta.csv"), ds); err == nil && dict != nil {
			if err := ds.Describe(dict); err != nil {
				return nil, inferra.Schema{}, fmt.Errorf("%s: the column descriptions: %w", name, err)
			}
		}
	}
	l := &loaded{ds: ds, schema: ds.Schema()}
	s.cache[name] = l
	return l.ds, l.schema, nil
}

// readMeta reads a table's column metadata (column_header,
// column_description) as a dictionary of the columns ds has.
func readMeta(path string, ds *inferra.Dataset) (*inferra.Dictionary, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	r := csv.NewReader(f)
	r.FieldsPerRecord = -1
	recs, err := r.ReadAll()
	if err != nil || len(recs) < 2 {
		return nil, err
	}
	ci, di := slices.Index(recs[0], "column_header"), slices.Index(recs[0], "column_description")
	if ci < 0 || di < 0 {
		return nil, nil
	}
	known := map[string]bool{}
	for _, n := range ds.Names() {
		known[n] = true
	}
	dict := &inferra.Dictionary{Columns: map[string]inferra.ColumnLabel{}}
	for _, rec := range recs[1:] {
		if len(rec) <= max(ci, di) || !known[rec[ci]] {
			continue
		}
		desc := rec[di]
		if len(desc) > 500 {
			desc = desc[:500]
		}
		dict.Columns[rec[ci]] = inferra.ColumnLabel{Description: desc}
	}
	return dict, nil
}

// print writes the scores per task and split, overall, and the failure
// classes.
func (r *report) print(w io.Writer, o options) {
	splits := []string{splitTune, splitHeld}
	if o.split != "" {
		splits = []string{o.split}
	}
	for _, sp := range splits {
		fmt.Fprintf(w, "split %s\n%-100s %6s %6s %6s %6s\n", sp, "task", "n", "Acc(C)", "Acc(M)", "Acc(CM)")
		for _, t := range r.tasks {
			s := r.byTask[t][sp]
			if s == nil {
				continue
			}
			fmt.Fprintf(w, "%-100s %6d  %s  %s  %s\n", t, s.n, pct(s.c, s.n), pct(s.m, s.n), pct(s.cm, s.n))
		}
		if s := r.overall[sp]; s != nil {
			fmt.Fprintf(w, "%-100s %6d  %s  %s  %s\n\n", "overall", s.n, pct(s.c, s.n), pct(s.m, s.n), pct(s.cm, s.n))
		}
	}
	for _, name := range slices.Sorted(maps.Keys(r.skipped)) {
		fmt.Fprintf(w, "skipped (no dataset in datasets/): %s, %d questions\n", name, r.skipped[name])
	}
	if !o.failures {
		return
	}
	for _, sp := range splits {
		cl := r.classes[sp]
		keys := slices.Collect(maps.Keys(cl))
		sort.Slice(keys, func(i, j int) bool {
			return cl[keys[i]] > cl[keys[j]] || cl[keys[i]] == cl[keys[j]] && keys[i] < keys[j]
		})
		fmt.Fprintf(w, "failures, split %s\n", sp)
		for _, k := range keys {
			fmt.Fprintf(w, "%6d  %s\n", cl[k], k)
			for _, e := range r.examples[k] {
				fmt.Fprintf(w, "        %s | %q\n          got %s %v %v %v\n          want %v %v\n", e.q.dataset, e.q.text, e.analysis, e.params, e.columns, e.methods, e.q.columns, e.q.methods)
			}
		}
	}
}
