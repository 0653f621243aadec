package decision

import (
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"

	"github.com/inferra/inferra"
	"github.com/inferra/inferra/stats/formula"
)

// maxFallbackConfidence caps the confidence of a decision that did not
// come from the rules: a plan the engine merely checked is never as sure
// as one it derived.
const maxFallbackConfidence = 0.6

// Validate checks that a decision the engine did not make itself — the
// Fallback's, or one a user sends back — can run on a dataset with the
// given schema: the analysis is on the allow-list, every required
// parameter is given and no unknown one, and every parameter names an
// existing column of a fitting kind (a group column with the levels the
// analysis needs, a numeric measure that is not an identifier) or, for a
// formula, parses and names only existing columns.
//
// The error is an EInvalid *inferra.Error whose Details["param"] names the
// offending parameter, when there is one.
func Validate(d *inferra.Decision, schema inferra.Schema) error {
	if d == nil {
		return inferra.Errorf(inferra.EInvalid, "no decision to check")
	}
	an, ok := LookupAnalysis(d.Analysis)
	if !ok {
		return inferra.Errorf(inferra.EInvalid, "%q is not an analysis Inferra runs (one of %s)", d.Analysis, strings.Join(analysisIDs(), ", ")).
			WithDetail("analysis", d.Analysis)
	}
	for _, p := range an.Params {
		if strings.TrimSpace(d.Params[p]) == "" {
			return inferra.Errorf(inferra.EInvalid, "%s needs the parameter %q", an.ID, p).WithDetail("param", p)
		}
	}
	for _, p := range sortedKeys(d.Params) {
		if !slices.Contains(an.Params, p) && !slices.Contains(an.Optional, p) {
			return inferra.Errorf(inferra.EInvalid, "%s has no parameter %q", an.ID, p).WithDetail("param", p)
		}
	}
	a := Assess(schema)
	for _, p := range sortedKeys(d.Params) {
		v := d.Params[p]
		switch p {
		case "formula":
			if err := validFormula(v, a); err != nil {
				return err
			}
			continue
		case "cov":
			if v != "nonrobust" && v != "HC3" {
				return inferra.Errorf(inferra.EInvalid, "cov must be nonrobust or HC3, not %q", v).WithDetail("param", p)
			}
			continue
		case "bins", "stat":
			continue // the analysis checks these itself
		case "popmean":
			if f, err := strconv.ParseFloat(strings.TrimSpace(v), 64); err != nil || math.IsNaN(f) || math.IsInf(f, 0) {
				return inferra.Errorf(inferra.EInvalid, "popmean must be a number, not %q", v).WithDetail("param", p)
			}
			continue
		case "covar":
			names := []string{strings.TrimSpace(v)}
			if _, ok := a.Column(names[0]); !ok {
				names = strings.Split(v, ",")
			}
			for _, name := range names {
				c, ok := a.Column(strings.TrimSpace(name))
				if !ok {
					return inferra.Errorf(inferra.EInvalid, "covar: the dataset has no column %q", strings.TrimSpace(name)).WithDetail("param", p)
				}
				if c.Identifier || !c.Measure {
					return inferra.Errorf(inferra.EInvalid, "covar: %q is not a numeric measure", c.Name).WithDetail("param", p)
				}
			}
			continue
		case "dist":
			if !slices.Contains([]string{"norm", "expon", "gamma", "uniform"}, v) {
				return inferra.Errorf(inferra.EInvalid, "dist must be norm, expon, gamma or uniform, not %q", v).WithDetail("param", p)
			}
			continue
		}
		c, ok := a.Column(v)
		if !ok {
			return inferra.Errorf(inferra.EInvalid, "%s: the dataset has no column %q", p, v).WithDetail("param", p)
		}
		if c.Identifier {
			return inferra.Errorf(inferra.EInvalid, "%s: %q identifies rows and is not a variable to analyse", p, v).WithDetail("param", p)
		}
		levels, isCat := categorical[an.ID]
		switch {
		case isCat && (p == "x" || p == "y" || p == "strata"):
			if !c.Group {
				return inferra.Errorf(inferra.EInvalid, "%s: %q has %d distinct values and is not a column of categories", p, v, c.Levels).WithDetail("param", p)
			}
			if levels > 0 && p != "strata" && c.Levels != levels {
				return inferra.Errorf(inferra.EInvalid, "%s takes a 2×2 table, but %q has %d levels", an.ID, v, c.Levels).WithDetail("param", p)
			}
			continue
		}
		switch p {
		case "group", "hue":
			if !c.Group {
				return inferra.Errorf(inferra.EInvalid, "%s: %q has %d distinct values and is not a column of groups", p, v, c.Levels).WithDetail("param", p)
			}
			if two := slices.Contains([]string{"ttest_ind", "mannwhitneyu", "mood", "f_test", "ks_2samp"}, an.ID); two && c.Levels != 2 {
				return inferra.Errorf(inferra.EInvalid, "%s compares two groups, but %q has %d", an.ID, v, c.Levels).WithDetail("param", p)
			}
		default: // value, x, y
			if !c.Measure {
				return inferra.Errorf(inferra.EInvalid, "%s: %q is not a numeric measure", p, v).WithDetail("param", p)
			}
		}
	}
	if x, y := d.Params["x"], d.Params["y"]; x != "" && x == y {
		return inferra.Errorf(inferra.EInvalid, "x and y are the same column %q", x).WithDetail("param", "y")
	}
	if g, v := d.Params["group"], d.Params["value"]; g != "" && g == v {
		return inferra.Errorf(inferra.EInvalid, "group and value are the same column %q", g).WithDetail("param", "value")
	}
	return nil
}

func validFormula(text string, a Assessment) error {
	f, err := formula.Parse(text)
	if err != nil {
		return inferra.Errorf(inferra.EInvalid, "formula: %v", err).WithDetail("param", "formula")
	}
	for _, col := range f.Columns() {
		c, ok := a.Column(col)
		if !ok {
			return inferra.Errorf(inferra.EInvalid, "formula: the dataset has no column %q", col).WithDetail("param", "formula")
		}
		if c.Identifier {
			return inferra.Errorf(inferra.EInvalid, "formula: %q identifies rows and is not a variable to analyse", col).WithDetail("param", "formula")
		}
	}
	return nil
}

// checkFallback validates the Fallback's decision. A valid one is
// returned marked as the fallback's, with its confidence capped; an
// invalid one becomes the rules' no-decision, its question extended with
// why the suggestion was refused.
func (e *Engine) checkFallback(fd, rules *inferra.Decision, schema inferra.Schema) *inferra.Decision {
	if IsNoDecision(fd) {
		if fd.Question == "" {
			fd.Question = rules.Question
		}
		if fd.RulesVersion == "" {
			fd.RulesVersion = e.rules.Version
		}
		if len(fd.Candidates) == 0 {
			fd.Candidates = rules.Candidates
		}
		return fd
	}
	if err := Validate(fd, schema); err != nil {
		d := cloneDecision(rules)
		d.Evidence = append(d.Evidence, fmt.Sprintf("the fallback suggested %s, refused: %s", fd.Analysis, inferra.ErrorMessage(err)))
		return d
	}
	if an, ok := LookupAnalysis(fd.Analysis); ok {
		fd.Library, fd.Function = an.Library, an.Function
	}
	if fd.Source == "" || fd.Source == inferra.SourceRules || fd.Source == inferra.SourceUser {
		fd.Source = inferra.SourceLLM
	}
	fd.Confidence = min(max(fd.Confidence, 0), maxFallbackConfidence)
	if fd.RulesVersion == "" {
		fd.RulesVersion = e.rules.Version
	}
	if fd.Candidates == nil {
		fd.Candidates = []inferra.Candidate{}
	}
	return fd
}
