package decision_test

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/inferra/inferra"
	"github.com/inferra/inferra/decision"
)

// The target is accuracy ≥ 0.95 on the decidable items of the
// whole corpus, and no decision at all on any must-decline item. Each
// split also has a floor at the accuracy it has reached, a ratchet to be
// raised (never lowered) as the rules improve: the tune split is what the
// rules were developed against, the holdout split was never looked at
// item by item, so its score is the honest estimate for new questions.
const (
	minAccuracy             = 0.95
	minTuneAccuracy         = 0.98
	minHoldoutAccuracy      = 0.87
	maxTuneWrongDeclines    = 0
	maxHoldoutWrongDeclines = 0
)

type corpusItem struct {
	ID      string         `json:"id"`
	Dataset string         `json:"dataset"`
	Prompt  string         `json:"prompt"`
	Expect  corpusAnswer   `json:"expect"`
	Accept  []corpusAnswer `json:"accept"`
	Split   string         `json:"split"`
}

type corpusAnswer struct {
	Analysis string            `json:"analysis"`
	Params   map[string]string `json:"params"`
	Decline  bool              `json:"decline"`
}

type splitScore struct {
	decidable, right   int
	declines, wrongDec int
	// wrongDecided counts decidable items given a wrong analysis or
	// wrong columns rather than declined.
	wrongDecided int
}

func TestCorpus(t *testing.T) {
	dir := filepath.Join("..", "testdata", "decisions")
	data, err := os.ReadFile(filepath.Join(dir, "corpus.json"))
	if err != nil {
		t.Fatal(err)
	}
	var items []corpusItem
	if err := json.Unmarshal(data, &items); err != nil {
		t.Fatal(err)
	}
	e, err := decision.New(decision.Config{CacheSize: -1})
	if err != nil {
		t.Fatal(err)
	}
	schemas := map[string]inferra.Schema{}
	scores := map[string]*splitScore{"tune": {}, "holdout": {}}
	for _, it := range items {
		s, ok := schemas[it.Dataset]
		if !ok {
			ds, err := inferra.LoadFile(filepath.Join(dir, "data", it.Dataset), inferra.LoadOptions{})
			if err != nil {
				t.Fatalf("%s: %v", it.Dataset, err)
			}
			s = ds.Schema()
			schemas[it.Dataset] = s
		}
		d, err := e.Decide(context.Background(), it.Prompt, s)
		if err != nil {
			t.Fatalf("%s: %v", it.ID, err)
		}
		sc := scores[it.Split]
		if sc == nil {
			t.Fatalf("%s: unknown split %q", it.ID, it.Split)
		}
		right := false
		if it.Expect.Decline {
			sc.declines++
			right = decision.IsNoDecision(d)
			if !right {
				sc.wrongDec++
			}
		} else {
			sc.decidable++
			right = !decision.IsNoDecision(d) && slices.ContainsFunc(append([]corpusAnswer{it.Expect}, it.Accept...), func(want corpusAnswer) bool {
				return sameAnswer(want, d, s)
			})
			if right {
				sc.right++
			} else if !decision.IsNoDecision(d) {
				sc.wrongDecided++
			}
		}
		// Holdout items are scored, never shown.
		if !right && it.Split == "tune" && testing.Verbose() {
			t.Logf("tune miss %s: %q → %s %v (q: %s)", it.ID, it.Prompt, d.Analysis, d.Params, d.Question)
		}
	}
	check := func(split string, minAcc float64, maxWrong int) {
		sc := scores[split]
		acc := float64(sc.right) / float64(max(sc.decidable, 1))
		t.Logf("%s: accuracy %.3f (%d/%d decidable), must-decline decided %d/%d", split, acc, sc.right, sc.decidable, sc.wrongDec, sc.declines)
		if acc < minAcc {
			t.Errorf("%s accuracy = %.3f, want ≥ %.2f", split, acc, minAcc)
		}
		if sc.wrongDec > maxWrong {
			t.Errorf("%s must-decline items decided = %d, want ≤ %d", split, sc.wrongDec, maxWrong)
		}
	}
	tu, ho := scores["tune"], scores["holdout"]
	t.Logf("corpus summary: tune %d/%d decidable right, %d/%d must-decline decided; holdout %d/%d decidable right, %d/%d must-decline decided",
		tu.right, tu.decidable, tu.wrongDec, tu.declines, ho.right, ho.decidable, ho.wrongDec, ho.declines)
	check("tune", minTuneAccuracy, maxTuneWrongDeclines)
	check("holdout", minHoldoutAccuracy, maxHoldoutWrongDeclines)
	right, decidable := tu.right+ho.right, tu.decidable+ho.decidable
	acc := float64(right) / float64(max(decidable, 1))
	t.Logf("whole corpus: accuracy %.3f (%d/%d decidable); decidable items decided wrongly (not declined): tune %d, holdout %d",
		acc, right, decidable, tu.wrongDecided, ho.wrongDecided)
	if acc < minAccuracy {
		t.Errorf("whole-corpus accuracy = %.3f, want ≥ %.2f", acc, minAccuracy)
	}
}

// sameAnswer scores a decision against a label as testdata/decisions/README.md says.
func sameAnswer(want corpusAnswer, d *inferra.Decision, s inferra.Schema) bool {
	if want.Analysis != d.Analysis || len(want.Params) != len(d.Params) {
		return false
	}
	switch want.Analysis {
	case "pearsonr", "spearmanr", "ttest_rel", "wilcoxon":
		return want.Params["x"] == d.Params["x"] && want.Params["y"] == d.Params["y"] ||
			want.Params["x"] == d.Params["y"] && want.Params["y"] == d.Params["x"]
	case "ols":
		return sameFormula(want.Params["formula"], d.Params["formula"], s)
	}
	for k, v := range want.Params {
		if d.Params[k] != v {
			return false
		}
	}
	return true
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

// normFormula returns [[response], sorted terms].
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
	var terms []string
	depth, start := 0, 0
	split := func(end int) {
		t := rhs[start:end]
		start = end + 1
		if t == "1" || t == "" {
			return
		}
		if m := cRE.FindStringSubmatch(t); m != nil {
			name := m[1]
			if qm := qRE.FindStringSubmatch(name); qm != nil {
				name = qm[1] + qm[2]
			}
			if c, ok := s.Column(name); ok && c.Kind != inferra.Numeric {
				t = m[1]
			}
		}
		parts := strings.Split(t, ":")
		slices.Sort(parts)
		terms = append(terms, strings.Join(parts, ":"))
	}
	for i, r := range rhs {
		switch r {
		case '(':
			depth++
		case ')':
			depth--
		case '+':
			if depth == 0 {
				split(i)
			}
		}
	}
	split(len(rhs))
	slices.Sort(terms)
	return [][]string{{lhs}, terms}
}
