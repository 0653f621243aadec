package llm

import (
	"encoding/json"
	"fmt"
	"slices"
	"sort"
	"strings"

	"github.com/inferra/inferra"
	"github.com/inferra/inferra/decision"
	"github.com/inferra/inferra/stats/formula"
)

// maxReplyText caps the model's explanation and question as shown to users.
const maxReplyText = 500

// defaultQuestion is asked when the model's plan is rejected without a
// question of its own.
const defaultQuestion = "Which analysis would answer your question (a comparison of groups, a correlation, a regression or a plot), and on which columns?"

// rejection is why a plan was not accepted.
type rejection struct {
	reason string
}

// validate turns the model's reply into a decision: the plan when it holds,
// a no-decision otherwise.
func (p *Planner) validate(resp *inferra.ChatResponse, s inferra.Schema, names map[string]string) *inferra.Decision {
	evidence := fmt.Sprintf("llm: %s, %d tokens", resp.Model, resp.Usage.TotalTokens)
	pl, err := parsePlan(resp.Content)
	if err != nil {
		return noDecision("", nil, "the model's reply does not follow the required format: "+err.Error(), evidence)
	}
	question := capText(strings.TrimSpace(pl.Question), maxReplyText)
	if pl.Analysis == "" {
		return noDecision(question, nil, "the model asked a question instead of choosing an analysis", evidence)
	}
	params, cand, rej := resolve(pl, s, names)
	if rej != nil {
		return noDecision(question, cand, rej.reason, evidence)
	}
	a, _ := decision.LookupAnalysis(pl.Analysis)
	d := &inferra.Decision{
		Analysis: a.ID, RuleID: "llm.fallback", Library: a.Library, Function: a.Function,
		Params: params, Confidence: p.cfg.Confidence, Source: inferra.SourceLLM,
		Explanation: capText(strings.TrimSpace(pl.Explanation), maxReplyText),
		Evidence:    []string{evidence},
	}
	for _, k := range sortedKeys(params) {
		d.Evidence = append(d.Evidence, fmt.Sprintf("column %s → %s (checked against the schema)", params[k], k))
	}
	return d
}

func sortedKeys(m map[string]string) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// noDecision is the planner's no-decision. The plan, when it named an
// allow-listed analysis, is its one candidate, with the reason it was
// rejected.
func noDecision(question string, cand *candidatePlan, reason, evidence string) *inferra.Decision {
	if question == "" {
		question = defaultQuestion
	}
	d := &inferra.Decision{Source: inferra.SourceLLM, Question: question,
		Explanation: "The language model could not choose an analysis: " + reason + ".",
		Evidence:    []string{evidence, "rejected: " + reason}}
	if cand != nil {
		d.Candidates = []inferra.Candidate{{Analysis: cand.analysis, Params: cand.params, Reason: reason}}
	}
	return d
}

// parsePlan reads a plan: one JSON object with exactly the four keys (a
// code fence around it is tolerated, for servers without structured
// outputs), string values, and string or null parameters.
func parsePlan(content string) (*plan, error) {
	c := strings.TrimSpace(content)
	if rest, ok := strings.CutPrefix(c, "```"); ok {
		rest = strings.TrimPrefix(rest, "json")
		c = strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(rest), "```"))
	}
	var raw map[string]json.RawMessage
	if err := json.Unmarshal([]byte(c), &raw); err != nil {
		return nil, fmt.Errorf("not a JSON object")
	}
	want := []string{"analysis", "params", "explanation", "question"}
	for _, k := range want {
		if _, ok := raw[k]; !ok {
			return nil, fmt.Errorf("the key %q is missing", k)
		}
	}
	for k := range raw {
		if !slices.Contains(want, k) {
			return nil, fmt.Errorf("unexpected key %q", capText(k, 32))
		}
	}
	var pl plan
	if err := json.Unmarshal([]byte(c), &pl); err != nil {
		return nil, fmt.Errorf("a value has the wrong type")
	}
	pl.Analysis = strings.TrimSpace(pl.Analysis)
	return &pl, nil
}

// candidatePlan is a rejected plan on the allow-list.
type candidatePlan struct {
	analysis string
	params   map[string]string
}

// resolve checks the plan against the allow-list and the schema and
// returns its parameters with real column names. On rejection it also
// returns the plan as a candidate when its analysis is allow-listed.
func resolve(pl *plan, s inferra.Schema, names map[string]string) (map[string]string, *candidatePlan, *rejection) {
	a, ok := decision.LookupAnalysis(pl.Analysis)
	if !ok {
		return nil, nil, &rejection{fmt.Sprintf("%q is not an allowed analysis", capText(pl.Analysis, 32))}
	}
	given := map[string]string{}
	for k, v := range pl.Params {
		if v == nil || strings.TrimSpace(*v) == "" {
			continue
		}
		given[k] = strings.TrimSpace(*v)
	}
	cand := &candidatePlan{analysis: a.ID, params: given}
	reject := func(format string, args ...any) (map[string]string, *candidatePlan, *rejection) {
		return nil, cand, &rejection{fmt.Sprintf(format, args...)}
	}
	for _, k := range sortedKeys(given) {
		if !slices.Contains(a.Params, k) && !slices.Contains(a.Optional, k) {
			return reject("%s takes no parameter %q", a.ID, capText(k, 32))
		}
	}
	for _, k := range a.Params {
		if given[k] == "" {
			return reject("%s needs the parameter %s", a.ID, k)
		}
	}
	roles := decision.Assess(s)
	out := map[string]string{}
	for _, k := range sortedKeys(given) {
		v := given[k]
		switch k {
		case "formula":
			if r := checkFormula(v, roles); r != nil {
				return nil, cand, r
			}
			out[k] = v
		case "cov":
			if !strings.EqualFold(v, "HC3") && !strings.EqualFold(v, "nonrobust") {
				return reject("cov must be HC3 or nonrobust, not %q", capText(v, 32))
			}
			out[k] = v
		default:
			name, ok := columnName(v, s, names)
			if !ok {
				return reject("the dataset has no column %q", capText(v, 64))
			}
			r, _ := roles.Column(name)
			switch {
			case r.Identifier:
				return reject("%s identifies rows and cannot be %s", name, k)
			case k == "group" && !r.Group:
				return reject("%s cannot split the rows into groups (it needs 2 to 20 levels, or a few integer codes)", name)
			case k == "group" && twoGroups[a.ID] && r.Levels != 2:
				return reject("%s compares two groups but %s has %d levels", a.ID, name, r.Levels)
			case k != "group" && !r.Measure:
				return reject("%s is not a numeric measure, so it cannot be %s", name, k)
			}
			out[k] = name
		}
	}
	if out["x"] != "" && out["x"] == out["y"] {
		return reject("x and y are the same column %s", out["x"])
	}
	if out["group"] != "" && out["group"] == out["value"] {
		return reject("group and value are the same column %s", out["group"])
	}
	return out, nil, nil
}

// columnName finds the column a name stands for: itself, or the name as it
// was sent to the model when it was shortened.
func columnName(v string, s inferra.Schema, names map[string]string) (string, bool) {
	if _, ok := s.Column(v); ok {
		return v, true
	}
	if real, ok := names[v]; ok {
		return real, true
	}
	return "", false
}

// maxFormulaLen caps a formula from the model.
const maxFormulaLen = 1000

// checkFormula accepts a formula that parses and uses existing columns, no
// identifier and no free text, with a numeric measure as its outcome.
func checkFormula(f string, roles decision.Assessment) *rejection {
	if len(f) > maxFormulaLen {
		return &rejection{"the formula is too long"}
	}
	parsed, err := formula.Parse(f)
	if err != nil {
		return &rejection{fmt.Sprintf("the formula %q does not parse: %s", capText(f, 120), inferra.ErrorMessage(err))}
	}
	for _, c := range parsed.Columns() {
		r, ok := roles.Column(c)
		switch {
		case !ok:
			return &rejection{fmt.Sprintf("the formula names %q, which is not a column of the dataset", capText(c, 64))}
		case r.Identifier:
			return &rejection{fmt.Sprintf("the formula uses %s, which identifies rows", c)}
		case r.Kind == inferra.Text:
			return &rejection{fmt.Sprintf("the formula uses %s, which holds free text", c)}
		}
	}
	for _, c := range parsed.Response.Expr.Columns() {
		if r, _ := roles.Column(c); !r.Measure {
			return &rejection{fmt.Sprintf("the formula's outcome %s is not a numeric measure", c)}
		}
	}
	return nil
}
