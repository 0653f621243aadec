package decisiontest

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strings"

	"github.com/inferra/inferra"
	"github.com/inferra/inferra/decision"
	"github.com/inferra/inferra/load"
	"github.com/inferra/inferra/stats"
)

// Item is one labelled question: a prompt on a dataset and the answer a
// statistician expects.
type Item struct {
	ID      string `json:"id"`
	Dataset string `json:"dataset"`
	Prompt  string `json:"prompt"`
	// Expect is the answer: a decision, or Decline for a must-decline
	// item.
	Expect Answer `json:"expect"`
	// Accept are other answers a statistician would also accept.
	Accept []Answer `json:"accept,omitempty"`
	// Split is tune (rules may be developed against it), holdout (never
	// tuned on) or the name of a blind batch not yet scored.
	Split string `json:"split"`
	// Batch names the blind batch the item came in, if any.
	Batch string `json:"batch,omitempty"`
	Note  string `json:"note,omitempty"`
}

// Answer is an analysis with its parameters, or a decline.
type Answer struct {
	Analysis string            `json:"analysis,omitempty"`
	Params   map[string]string `json:"params,omitempty"`
	Decline  bool              `json:"decline,omitempty"`
}

// Outcome is how the engine did on one item.
type Outcome int

// The outcomes of an item.
const (
	// Right: the expected (or an accepted) decision, or a decline on a
	// must-decline item.
	Right Outcome = iota
	// Declined: a no-decision on a decidable item.
	Declined
	// Wrong: a decision with another analysis or other columns on a
	// decidable item.
	Wrong
	// Decided: a decision on a must-decline item.
	Decided
)

// Result is the engine's answer to one item and its outcome.
type Result struct {
	Item     Item
	Decision *inferra.Decision
	Outcome  Outcome
}

// Score is the tally of a set of results.
type Score struct {
	Decidable, Right, Declined, Wrong int
	MustDecline, Decided              int
	// Confident counts decisions with confidence ≥ 0.8, ConfidentRight
	// those of them that are right.
	Confident, ConfidentRight int
}

// Accuracy is the share of decidable items decided right.
func (s Score) Accuracy() float64 { return float64(s.Right) / float64(max(s.Decidable, 1)) }

// WrongRate is the share of decidable items decided wrongly.
func (s Score) WrongRate() float64 { return float64(s.Wrong) / float64(max(s.Decidable, 1)) }

// Calibration is the share of confident decisions that are right.
func (s Score) Calibration() float64 {
	return float64(s.ConfidentRight) / float64(max(s.Confident, 1))
}

// String summarises s in one line.
func (s Score) String() string {
	return fmt.Sprintf("%d/%d decidable right (%.1f%%), %d declined, %d decided wrongly (%.1f%%); must-decline decided %d/%d; confidence ≥ 0.8 right %d/%d (%.1f%%)",
		s.Right, s.Decidable, 100*s.Accuracy(), s.Declined, s.Wrong, 100*s.WrongRate(), s.Decided, s.MustDecline,
		s.ConfidentRight, s.Confident, 100*s.Calibration())
}

// Add counts r.
func (s *Score) Add(r Result) {
	if r.Item.Expect.Decline {
		s.MustDecline++
	} else {
		s.Decidable++
	}
	switch r.Outcome {
	case Right:
		if !r.Item.Expect.Decline {
			s.Right++
		}
	case Declined:
		s.Declined++
	case Wrong:
		s.Wrong++
	case Decided:
		s.Decided++
	}
	if !decision.IsNoDecision(r.Decision) && r.Decision.Confidence >= 0.8 {
		s.Confident++
		if r.Outcome == Right {
			s.ConfidentRight++
		}
	}
}

// ReadItems reads a JSON list of items.
func ReadItems(path string) ([]Item, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var items []Item
	if err := json.Unmarshal(data, &items); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return items, nil
}

// Run decides every item with e on the schema of its dataset, read from
// dataDir, and returns the results in item order.
func Run(ctx context.Context, e *decision.Engine, items []Item, dataDir string) ([]Result, error) {
	schemas := map[string]inferra.Schema{}
	out := make([]Result, 0, len(items))
	for _, it := range items {
		s, ok := schemas[it.Dataset]
		if !ok {
			ds, err := load.File(filepath.Join(dataDir, it.Dataset), load.Options{})
			if err != nil {
				return nil, fmt.Errorf("%s: %w", it.ID, err)
			}
			s = ds.Schema()
			schemas[it.Dataset] = s
		}
		d, err := e.Decide(ctx, it.Prompt, s)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", it.ID, err)
		}
		out = append(out, Result{Item: it, Decision: d, Outcome: Judge(it, d, s)})
	}
	return out, nil
}

// Judge scores one decision against its item.
func Judge(it Item, d *inferra.Decision, s inferra.Schema) Outcome {
	no := decision.IsNoDecision(d)
	switch {
	case it.Expect.Decline && no:
		return Right
	case it.Expect.Decline:
		return Decided
	case no:
		return Declined
	}
	for _, want := range append([]Answer{it.Expect}, it.Accept...) {
		if Same(want, d, s) {
			return Right
		}
	}
	return Wrong
}

// Same reports whether decision d gives the answer want: the same
// analysis and parameters, {x, y} unordered for correlations, paired tests
// and the tests that treat their two columns alike (tables of counts, two
// samples), formulas compared term by term, and comma lists (covariates)
// as sets.
func Same(want Answer, d *inferra.Decision, s inferra.Schema) bool {
	if want.Analysis != d.Analysis {
		return false
	}
	wp, dp := trimmed(want.Params), trimmed(d.Params)
	if len(wp) != len(dp) {
		return false
	}
	switch want.Analysis {
	case "pearsonr", "spearmanr", "kendalltau", "ttest_rel", "wilcoxon", "partial_corr",
		"chi2_contingency", "fisher_exact", "mantel_haenszel", "ks_2samp", "levene", "bartlett", "mood", "f_test":
		if !(wp["x"] == dp["x"] && wp["y"] == dp["y"] || wp["x"] == dp["y"] && wp["y"] == dp["x"]) {
			return false
		}
		delete(wp, "x")
		delete(wp, "y")
	case "ols":
		if !sameFormula(wp["formula"], dp["formula"], s) {
			return false
		}
		delete(wp, "formula")
	}
	for k, v := range wp {
		if k == "covar" {
			if !slices.Equal(sortedList(v), sortedList(dp[k])) {
				return false
			}
			continue
		}
		if k == "popmean" {
			if !sameNumber(v, dp[k]) {
				return false
			}
			continue
		}
		if k == "stat" && want.Analysis == "describe" {
			// Aliases describe accepts name one statistic: skew is
			// skewness.
			a, errA := stats.DescribeStat(v)
			b, errB := stats.DescribeStat(dp[k])
			if errA != nil || errB != nil || a != b {
				return false
			}
			continue
		}
		if dp[k] != v {
			return false
		}
	}
	return true
}

func trimmed(p map[string]string) map[string]string {
	out := make(map[string]string, len(p))
	for k, v := range p {
		if v != "" {
			out[k] = v
		}
	}
	return out
}

func sortedList(s string) []string {
	var out []string
	for _, p := range strings.Split(s, ",") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	sort.Strings(out)
	return out
}

func sameNumber(a, b string) bool {
	var x, y float64
	if _, err := fmt.Sscan(a, &x); err != nil {
		return a == b
	}
	if _, err := fmt.Sscan(b, &y); err != nil {
		return false
	}
	return x == y
}

var (
	qRE     = regexp.MustCompile(`Q\((?:'([^']*)'|"([^"]*)")\)`)
	cRE     = regexp.MustCompile(`^C\((.*)\)$`)
	identRE = regexp.MustCompile(`^[A-Za-z_][A-Za-z0-9_]*$`)
)

func sameFormula(a, b string, s inferra.Schema) bool {
	na, nb := normFormula(a, s), normFormula(b, s)
	return na != nil && nb != nil && na[0][0] == nb[0][0] && slices.Equal(na[1], nb[1])
}

// normFormula returns [[response], sorted terms], with a * b expanded to
// a + b + a:b, Q('x') written as x when x is an identifier, and C(x)
// written as x when x is not numeric (a text column is a factor anyway).
func normFormula(f string, s inferra.Schema) [][]string {
	f = strings.Join(strings.Fields(f), "")
	f = qRE.ReplaceAllStringFunc(f, func(m string) string {
		sm := qRE.FindStringSubmatch(m)
		name := sm[1] + sm[2]
		if identRE.MatchString(name) {
			return name
		}
		return "Q('" + name + "')"
	})
	lhs, rhs, ok := strings.Cut(f, "~")
	if !ok {
		return nil
	}
	norm := func(t string) string {
		if m := cRE.FindStringSubmatch(t); m != nil {
			name := m[1]
			if qm := qRE.FindStringSubmatch(name); qm != nil {
				name = qm[1] + qm[2]
			}
			if c, ok := s.Column(name); ok && c.Kind != inferra.Numeric {
				return m[1]
			}
		}
		return t
	}
	seen := map[string]bool{}
	var terms []string
	add := func(parts []string) {
		for i := range parts {
			parts[i] = norm(parts[i])
		}
		slices.Sort(parts)
		t := strings.Join(parts, ":")
		if t != "1" && t != "" && !seen[t] {
			seen[t] = true
			terms = append(terms, t)
		}
	}
	for _, term := range splitTop(rhs, '+') {
		factors := splitTop(term, '*')
		if len(factors) == 1 {
			add(splitTop(term, ':'))
			continue
		}
		// a * b * c: every non-empty subset of the factors.
		for mask := 1; mask < 1<<len(factors); mask++ {
			var parts []string
			for i, fct := range factors {
				if mask&(1<<i) != 0 {
					parts = append(parts, splitTop(fct, ':')...)
				}
			}
			add(parts)
		}
	}
	slices.Sort(terms)
	return [][]string{{lhs}, terms}
}

// splitTop splits s at sep outside parentheses.
func splitTop(s string, sep rune) []string {
	var out []string
	depth, start := 0, 0
	for i, r := range s {
		switch r {
		case '(':
			depth++
		case ')':
			depth--
		case sep:
			if depth == 0 {
				out = append(out, s[start:i])
				start = i + 1
			}
		}
	}
	return append(out, s[start:])
}
