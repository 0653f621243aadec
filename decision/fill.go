package decision

import (
	"fmt"
	"regexp"
	"slices"
	"strings"
)

var pyIdentRE = regexp.MustCompile(`^[A-Za-z_][A-Za-z0-9_]*$`)

var pyKeywords = map[string]bool{
	"False": true, "None": true, "True": true, "and": true, "as": true, "assert": true, "async": true,
	"await": true, "break": true, "class": true, "continue": true, "def": true, "del": true, "elif": true,
	"else": true, "except": true, "finally": true, "for": true, "from": true, "global": true, "if": true,
	"import": true, "in": true, "is": true, "lambda": true, "nonlocal": true, "not": true, "or": true,
	"pass": true, "raise": true, "return": true, "try": true, "while": true, "with": true, "yield": true,
}

// QuoteName writes a column name for a formula: as it is when it is a
// Python identifier and not a keyword, otherwise as Q('name').
func QuoteName(name string) string {
	if pyIdentRE.MatchString(name) && !pyKeywords[name] {
		return name
	}
	return "Q('" + strings.ReplaceAll(name, "'", `\'`) + "')"
}

func compatible(a Assessment, col string, spec RoleSpec) bool {
	c, ok := a.Column(col)
	return ok && compatibleRole(c, spec)
}

func compatibleRole(c ColumnRole, spec RoleSpec) bool {
	if c.Identifier {
		return false
	}
	okKind := false
	for _, k := range spec.Kinds {
		if c.hasKind(k) {
			okKind = true
			break
		}
	}
	if !okKind {
		return false
	}
	if c.Group && !c.Measure {
		if spec.MinLevels > 0 && c.Levels < spec.MinLevels || spec.MaxLevels > 0 && c.Levels > spec.MaxLevels {
			return false
		}
	}
	if c.Group && c.Measure && !slices.Contains(spec.Kinds, KindNumeric) {
		if spec.MinLevels > 0 && c.Levels < spec.MinLevels || spec.MaxLevels > 0 && c.Levels > spec.MaxLevels {
			return false
		}
	}
	return true
}

// inferOne returns the only column that fits spec and is not excluded.
func inferOne(a Assessment, spec RoleSpec, exclude ...string) (string, bool) {
	found := ""
	for _, c := range a.Columns {
		if !slices.Contains(exclude, c.Name) && compatibleRole(c, spec) {
			if found != "" {
				return "", false
			}
			found = c.Name
		}
	}
	return found, found != ""
}

var groupCue = map[string]bool{"by": true, "across": true, "between": true, "per": true, "each": true, "among": true, "grouped": true, "for": true}

// fill assigns columns to the roles of c's rule from the mentions, and
// sets c.params, c.roles and c.fit, or c.problem and c.question.
func fill(c *candidate, ws []string, mentions []Mention, byLevels []string, a Assessment, vocab map[string]bool, l *lexicon) {
	rule := c.rule.rule
	roles := rule.RequiredSchema.Roles
	var named []Mention
	var ambiguous []Mention
	for _, m := range mentions {
		if m.Ambiguous() {
			ambiguous = append(ambiguous, m)
		} else {
			named = append(named, m)
		}
	}
	assigned := map[string][]string{}
	text := map[string]string{}
	used := map[string]bool{}
	inferred := 0
	fail := func(problem, question string) {
		c.problem, c.question = problem, question
	}
	_, hasGroup := roles["group"]
	_, hasOutcome := roles["outcome"]
	_, hasY := roles["y"]
	switch {
	case hasGroup:
		gs, vs := roles["group"], roles["value"]
		var group, value string
		for _, m := range named {
			col := m.Columns[0]
			cr, _ := a.Column(col)
			if cr.Group && !cr.Measure && !compatible(a, col, gs) {
				fail(fmt.Sprintf("%s has %d groups", col, cr.Levels), "")
				return
			}
		}
		// A group that is not a measure first, then one after a cue word.
		for _, m := range named {
			col := m.Columns[0]
			cr, _ := a.Column(col)
			if group == "" && compatible(a, col, gs) && !cr.Measure {
				group = col
			}
		}
		if group == "" {
			for _, m := range named {
				if m.Start > 0 && groupCue[ws[m.Start-1]] && compatible(a, m.Columns[0], gs) {
					group = m.Columns[0]
					break
				}
			}
		}
		for _, m := range named {
			if value == "" && m.Columns[0] != group && compatible(a, m.Columns[0], vs) {
				value = m.Columns[0]
			}
		}
		if group == "" {
			var fits []string
			for _, g := range byLevels {
				if compatible(a, g, gs) && g != value {
					fits = append(fits, g)
				}
			}
			if len(fits) == 1 {
				group = fits[0]
			}
		}
		if len(ambiguous) > 0 && (group == "" || value == "") {
			m := ambiguous[0]
			fail("ambiguous column", fmt.Sprintf("Which column do you mean by %q: %s?", m.Text, strings.Join(m.Columns, " or ")))
			return
		}
		if group == "" {
			g, ok := inferOne(a, gs, value)
			if !ok {
				fail("no group column named", "Which column holds the groups to compare?")
				return
			}
			group = g
			inferred++
		}
		if value == "" {
			if v, ok := l.impliedMeasure(ws, a, vs, group); ok {
				value = v
			}
		}
		if value == "" {
			v, ok := inferOne(a, vs, group)
			if !ok {
				fail("no measure named", fmt.Sprintf("Which measurement should be compared across %s?", group))
				return
			}
			value = v
			inferred++
		}
		assigned["group"], assigned["value"] = []string{group}, []string{value}
		used[group], used[value] = true, true
	case hasOutcome:
		if len(ambiguous) > 0 {
			m := ambiguous[0]
			fail("ambiguous column", fmt.Sprintf("Which column do you mean by %q: %s?", m.Text, strings.Join(m.Columns, " or ")))
			return
		}
		if len(named) < 2 {
			fail("needs an outcome and predictors", "Which column should be predicted, and from which columns?")
			return
		}
		oi := outcomeIndex(ws, named)
		out := named[oi]
		if !compatible(a, out.Columns[0], roles["outcome"]) {
			fail(out.Columns[0]+" is not a numeric outcome", "Which numeric column should be predicted?")
			return
		}
		assigned["outcome"] = []string{out.Columns[0]}
		text["outcome"] = QuoteName(out.Columns[0])
		used[out.Columns[0]] = true
		var terms []string
		for i, m := range named {
			col := m.Columns[0]
			if i == oi || used[col] {
				continue
			}
			if !compatible(a, col, roles["predictors"]) {
				fail(col+" cannot be a predictor", "")
				return
			}
			used[col] = true
			assigned["predictors"] = append(assigned["predictors"], col)
			t := QuoteName(col)
			factor := slices.ContainsFunc(named, func(o Mention) bool { return o.Columns[0] == col && o.Factor })
			switch {
			case factor:
				t = "C(" + t + ")"
			case m.Log:
				t = "np.log(" + t + ")"
			}
			terms = append(terms, t)
		}
		text["predictors"] = strings.Join(terms, " + ")
	case hasY && rule.RequiredSchema.Paired:
		xs, ys := roles["x"], roles["y"]
		var ms []string
		for _, m := range named {
			if compatible(a, m.Columns[0], xs) {
				ms = append(ms, m.Columns[0])
			}
		}
		var x, y string
		if len(ms) >= 2 {
			x, y = ms[0], ms[1]
			isPair := false
			for _, p := range a.Pairs {
				if p.X == ms[1] && p.Y == ms[0] || p.X == ms[0] && p.Y == ms[1] {
					x, y = p.X, p.Y
					isPair = true
				}
			}
			if !isPair {
				// Two named columns that do not look like repeated
				// measurements need the prompt to say they are paired.
				inferred++
			}
		} else {
			var cands []Pair
			for _, p := range a.Pairs {
				hit := len(mentions) == 0
				for _, m := range mentions {
					if slices.Contains(m.Columns, p.X) || slices.Contains(m.Columns, p.Y) {
						hit = true
					}
				}
				if hit {
					cands = append(cands, p)
				}
			}
			if len(cands) != 1 {
				fail("no paired measurements named", "Which two columns hold the repeated measurements of the same subjects?")
				return
			}
			x, y = cands[0].X, cands[0].Y
			if len(mentions) == 0 {
				inferred++
			}
		}
		if !compatible(a, y, ys) {
			fail(y+" does not fit", "")
			return
		}
		assigned["x"], assigned["y"] = []string{x}, []string{y}
		used[x], used[y] = true, true
	case hasY:
		xs, ys := roles["x"], roles["y"]
		if len(ambiguous) > 0 {
			m := ambiguous[0]
			fail("ambiguous column", fmt.Sprintf("Which column do you mean by %q: %s?", m.Text, strings.Join(m.Columns, " or ")))
			return
		}
		var ms []Mention
		for _, m := range named {
			// A column named twice ("dose-response between dose_mg and
			// …") is one column.
			dup := slices.ContainsFunc(ms, func(o Mention) bool { return o.Columns[0] == m.Columns[0] })
			if !dup && (compatible(a, m.Columns[0], xs) || compatible(a, m.Columns[0], ys)) {
				ms = append(ms, m)
			}
		}
		var x, y string
		switch {
		case len(ms) >= 2:
			x, y = ms[0].Columns[0], ms[1].Columns[0]
			if rule.Library == "plots" && between(ws, ms[0].End, ms[1].Start, "versus", "vs", "against", "over") {
				x, y = y, x
			}
		case len(ms) == 1:
			o, ok := inferOne(a, ys, ms[0].Columns[0])
			if !ok {
				fail("needs two columns", fmt.Sprintf("Which column should %s be related to?", ms[0].Columns[0]))
				return
			}
			x, y = ms[0].Columns[0], o
			inferred++
		default:
			fail("needs two columns", "Which two columns should be related?")
			return
		}
		if x == y {
			fail("the same column twice", "Which two different columns should be related?")
			return
		}
		if !compatible(a, x, xs) || !compatible(a, y, ys) {
			fail("columns do not fit", "")
			return
		}
		assigned["x"], assigned["y"] = []string{x}, []string{y}
		used[x], used[y] = true, true
	default:
		xs := roles["x"]
		if len(ambiguous) > 0 && len(named) == 0 {
			m := ambiguous[0]
			fail("ambiguous column", fmt.Sprintf("Which column do you mean by %q: %s?", m.Text, strings.Join(m.Columns, " or ")))
			return
		}
		var x string
		for _, m := range named {
			if compatible(a, m.Columns[0], xs) {
				x = m.Columns[0]
				break
			}
		}
		if x == "" {
			v, ok := inferOne(a, xs)
			if !ok {
				fail("no column named", "Which column should be plotted?")
				return
			}
			x = v
			inferred++
		}
		assigned["x"] = []string{x}
		used[x] = true
	}
	// Roles beyond the ones above (strata, covariates, an optional group):
	// the next named column that fits, else for a required role the only
	// column that fits.
	for _, name := range sortedKeys(roles) {
		spec := roles[name]
		if len(assigned[name]) > 0 || name == "x" || name == "y" || name == "group" || name == "value" ||
			name == "outcome" || name == "predictors" {
			continue
		}
		col := ""
		for _, m := range named {
			if !used[m.Columns[0]] && compatible(a, m.Columns[0], spec) {
				col = m.Columns[0]
				break
			}
		}
		if col == "" && !spec.Optional {
			var excl []string
			for u := range used {
				excl = append(excl, u)
			}
			v, ok := inferOne(a, spec, excl...)
			if !ok {
				fail("no column for "+name, fmt.Sprintf("Which column holds the %s?", name))
				return
			}
			col = v
			inferred++
		}
		if col != "" {
			assigned[name] = []string{col}
			used[col] = true
		}
	}
	if inferred > 0 {
		if w := l.unknownWord(ws, a, vocab); w != "" {
			// A word that names no column may be the variable the rule
			// would infer: the prompt asks about a column that does not
			// exist.
			fail("no column named "+w, fmt.Sprintf("The dataset has no column for %q. Which column did you mean?", w))
			return
		}
	}
	c.fit = 2 - float64(inferred)
	for _, m := range mentions {
		if !slices.ContainsFunc(m.Columns, func(s string) bool { return used[s] }) {
			// The prompt names a column the analysis would ignore: the
			// rule has misread the question.
			fail(fmt.Sprintf("%s would not be used", m.Columns[0]),
				fmt.Sprintf("What part should %s play in the analysis?", m.Columns[0]))
			return
		}
	}
	c.roles = assigned
	c.params = make(map[string]string, len(rule.ParamMap))
	for name, p := range rule.ParamMap {
		switch {
		case p.Role != "":
			if len(assigned[p.Role]) == 0 {
				continue // an optional role left empty
			}
			c.params[name] = strings.Join(assigned[p.Role], " + ")
		case p.Template != "":
			c.params[name] = placeholderRE.ReplaceAllStringFunc(p.Template, func(s string) string {
				role := s[1 : len(s)-1]
				if t, ok := text[role]; ok {
					return t
				}
				return strings.Join(assigned[role], " + ")
			})
		default:
			c.params[name] = p.Value
		}
	}
}

// impliedMeasure finds the one measure that a comparative in the prompt
// speaks of: "more expensive" → price.
func (l *lexicon) impliedMeasure(ws []string, a Assessment, spec RoleSpec, exclude string) (string, bool) {
	var found []string
	for _, w := range ws {
		for _, noun := range l.implied[w] {
			for _, c := range a.Columns {
				if c.Name != exclude && compatibleRole(c, spec) && slices.Contains(l.newColumnWords(c.Name, false).words, noun) && !slices.Contains(found, c.Name) {
					found = append(found, c.Name)
				}
			}
		}
	}
	if len(found) == 1 {
		return found[0], true
	}
	return "", false
}

// unknownWord returns the first content word of the prompt that is neither
// a common word, a word of a rule, a column name nor a level, with the
// unknown words that follow it ("blood sugar").
func (l *lexicon) unknownWord(ws []string, a Assessment, vocab map[string]bool) string {
	unknown := func(w string, first bool) bool {
		if (first && len(w) < 4) || l.stop[w] || vocab[w] || !isContent(w) || connectors[w] {
			return false
		}
		if s, ok := strings.CutSuffix(w, "s"); ok && (vocab[s] || l.stop[s]) {
			return false
		}
		for _, c := range a.Columns {
			if matchesAny(w, l.newColumnWords(c.Name, false).words) {
				return false
			}
		}
		return true
	}
	for i, w := range ws {
		if !unknown(w, true) {
			continue
		}
		j := i + 1
		for j < len(ws) && j < i+3 && unknown(ws[j], false) {
			j++
		}
		return strings.Join(ws[i:j], " ")
	}
	return ""
}

func between(ws []string, from, to int, cues ...string) bool {
	for i := from; i < to && i < len(ws); i++ {
		if slices.Contains(cues, ws[i]) {
			return true
		}
	}
	return false
}

var modelVerbs = map[string]bool{"predict": true, "regress": true, "regression": true, "model": true, "fit": true}

// effectVerbs say that the column before them acts on the column after:
// "does A raise Y", "A adds to Y".
var effectVerbs = map[string]bool{"affect": true, "affects": true, "raise": true, "raises": true, "increase": true,
	"increases": true, "boost": true, "boosts": true, "improve": true, "improves": true, "lower": true, "lowers": true,
	"reduce": true, "reduces": true, "drive": true, "drives": true, "add": true, "adds": true, "influence": true,
	"influences": true, "impact": true, "impacts": true, "determine": true, "determines": true, "change": true, "changes": true}

// outcomeIndex picks the mention that is the outcome of a model: the one
// after "on" in "effect of A on Y"; else the first named after "predict",
// "regress", "model" or "fit"; else the first after "on"; else the first.
func outcomeIndex(ws []string, named []Mention) int {
	for i := 0; i+1 < len(ws); i++ {
		if (ws[i] == "effect" || ws[i] == "effects" || ws[i] == "impact" || ws[i] == "influence") && ws[i+1] == "of" {
			for j := i + 2; j < len(ws); j++ {
				if ws[j] != "on" {
					continue
				}
				for k, m := range named {
					if m.Start > j {
						return k
					}
				}
			}
		}
	}
	for i, w := range ws {
		if modelVerbs[w] {
			for k, m := range named {
				if m.Start > i {
					return k
				}
			}
		}
	}
	// "Y depends on A and B": the outcome comes before the verb.
	for i, w := range ws {
		if w == "depend" || w == "depends" || w == "dependent" || w == "determined" || w == "driven" || w == "explained" {
			for k := len(named) - 1; k >= 0; k-- {
				if named[k].End <= i {
					return k
				}
			}
		}
	}
	// "A raises Y", "does A add to Y": the outcome is the first column
	// named after a verb of effect, when a column is named before it.
	for i, w := range ws {
		if effectVerbs[w] && len(named) > 1 && named[0].End <= i {
			for k, m := range named {
				if m.Start > i {
					return k
				}
			}
		}
	}
	for i := len(ws) - 1; i >= 0; i-- {
		if ws[i] == "on" && i > 0 {
			for k, m := range named {
				if m.Start > i && k > 0 {
					return k
				}
			}
		}
	}
	return 0
}
