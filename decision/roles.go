package decision

import (
	"cmp"
	"fmt"
	"maps"
	"regexp"
	"slices"
	"strconv"
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
	if c.Identifier || spec.NotMeasure && c.Measure || spec.NotGroup && c.Group && !c.Measure {
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

// fill assigns columns to the roles of c's rule from the mentions, and
// sets c.params, c.roles and c.fit, or c.problem and c.question.
func fill(c *candidate, prompt string, ws []string, mentions []Mention, byLevels []string, a Assessment, vocab map[string]bool, l *lexicon) {
	rule := c.rule.rule
	roles := rule.RequiredSchema.Roles
	if c.terms >= namedTest {
		// The prompt names the test ("chi-square of sex and cups"): a
		// count that could also be a measure may fill a role that is not
		// for measures.
		roles = relaxMeasures(roles)
	}
	// A comparative right before a named column qualifies it ("longer
	// wings" is wing_chord_mm): it implies no measure of its own.
	iws := slices.Clone(ws)
	for _, m := range mentions {
		if m.Start > 0 && l.implied[ws[m.Start-1]] != nil {
			iws[m.Start-1] = ""
		}
		// A word that names a column implies no other measure: "pay"
		// of "companies pay" is DaysToPay, not an amount.
		for i := max(m.Start, 0); i < m.End && i < len(iws); i++ {
			if len(m.Columns) == 1 {
				iws[i] = ""
			}
		}
	}
	var named []Mention
	var ambiguous []Mention
	for _, m := range mentions {
		if m.Ambiguous() {
			// Of the columns a mention may name, the one the rule takes
			// when the others are categories: "the average claim" is
			// claim_amt_usd, not claim_type, for a test of a mean.
			var fits []string
			otherKind := true
			for _, col := range m.Columns {
				if slices.ContainsFunc(sortedKeys(roles), func(r string) bool { return compatible(a, col, roles[r]) }) {
					fits = append(fits, col)
				} else if cr, _ := a.Column(col); cr.Measure || cr.IntegerCoded {
					otherKind = false
				}
			}
			if len(fits) == 1 && otherKind && m.End == m.Start+1 {
				m.Columns = fits
				named = append(named, m)
				continue
			}
			ambiguous = append(ambiguous, m)
		} else {
			named = append(named, m)
		}
	}
	assigned := map[string][]string{}
	text := map[string]string{}
	used := map[string]bool{}
	inferred := 0
	uncued := 0.0
	fail := func(problem, question string) {
		// The roles resolved so far go with the candidate, so that a
		// clarifying question never asks again for what the engine knew.
		c.problem, c.question, c.roles = problem, question, maps.Clone(assigned)
	}
	// isContext says which mentions only set the scene of the question.
	isContext := func(Mention) bool { return false }
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
		// A column the prompt treats as a factor ("treat year as a
		// group") is the group, and so is one the prompt counts by its
		// groups ("the four contractors" of Contractor coded 1-4).
		for _, m := range named {
			if group == "" && (m.Factor || a.countedGroups(ws, m)) && compatible(a, m.Columns[0], gs) {
				group = m.Columns[0]
			}
		}
		// A group that is not a measure first, then one after a cue word.
		// A group whose levels the prompt names ("urban and rural") beats
		// one named only in part ("policyholders" for policy_type).
		for _, m := range named {
			col := m.Columns[0]
			cr, _ := a.Column(col)
			if group == "" && compatible(a, col, gs) && !cr.Measure && (m.score >= 1 && !a.afterLevel(ws, m) || !slices.ContainsFunc(byLevels, func(g string) bool { return g != col })) {
				group = col
			}
		}
		if group == "" {
			for _, g := range byLevels {
				if compatible(a, g, gs) {
					group = g
					break
				}
			}
		}
		if group == "" {
			for _, m := range named {
				if (groupCued(ws, m, mentions) || whichGroups(ws, m)) && compatible(a, m.Columns[0], gs) {
					group = m.Columns[0]
					break
				}
			}
		}
		if group == "" && c.terms >= namedTest {
			// A test of groups named ("Kruskal-Wallis"), and one column
			// named that can hold groups ("the number of passengers"):
			// its values are the groups.
			var fits []string
			for _, m := range named {
				if compatible(a, m.Columns[0], gs) && !slices.Contains(fits, m.Columns[0]) {
					fits = append(fits, m.Columns[0])
				}
			}
			if len(fits) == 1 && slices.ContainsFunc(named, func(m Mention) bool { return m.Columns[0] != fits[0] && compatible(a, m.Columns[0], vs) }) {
				group = fits[0]
			}
		}
		// A measure named in full after a comparative before one named
		// in part ("more spoiled product" before the "end" of
		// temp_c_end).
		for _, strong := range []bool{true, false} {
			for _, m := range named {
				if value == "" && (!strong || m.score >= 1 && m.Start > 0 && l.classes[ws[m.Start-1]] == "{comparative}") && m.Columns[0] != group && compatible(a, m.Columns[0], vs) {
					value = m.Columns[0]
				}
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
				if value != "" {
					assigned["value"] = []string{value}
				}
				fail("no group column named", "Which column holds the groups to compare?")
				return
			}
			group = g
			inferred++
		}
		if value == "" {
			if v, ok := l.impliedMeasure(iws, a, vs, group); ok {
				value = v
			}
		}
		if value == "" {
			v, ok := inferOne(a, vs, group)
			if !ok {
				assigned["group"] = []string{group}
				fail("no measure named", fmt.Sprintf("Which measurement should be compared across %s?", group))
				return
			}
			value = v
			inferred++
		}
		assigned["group"], assigned["value"] = []string{group}, []string{value}
		if gr, _ := a.Column(group); gr.Measure && !slices.Contains(byLevels, group) && !slices.ContainsFunc(named, func(m Mention) bool {
			return m.Columns[0] == group && (m.Factor || groupCued(ws, m, mentions) || whichGroups(ws, m))
		}) {
			// A code that is also a measure, named without "by" or
			// "across": two columns to compare ("between NumOfProducts
			// and EstimatedSalary") read as well, a little better.
			uncued = 0.25
		}
		used[group], used[value] = true, true
	case hasOutcome:
		if len(ambiguous) > 0 {
			m := ambiguous[0]
			fail("ambiguous column", fmt.Sprintf("Which column do you mean by %q: %s?", m.Text, strings.Join(m.Columns, " or ")))
			return
		}
		allOthers := allOthersAt(ws) >= 0
		if len(named) < 2 && !(allOthers && len(named) == 1) {
			fail("needs an outcome and predictors", "Which column should be predicted, and from which columns?")
			return
		}
		if w := l.unnamedOutcome(ws, named, a, vocab); w != "" {
			// "regress body condition score on weight": the outcome's
			// place holds words that name no column.
			fail("no column named "+w, fmt.Sprintf("The dataset has no column for %q. Which column did you mean?", w))
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
		// Columns named before the words that ask for the model, when the
		// outcome comes after them, set the scene ("I'm a vet student
		// doing a project on endurance rides. I'd like to regress …"):
		// they are not predictors.
		// Only in "regress Y on …", "model Y using …": the outcome right
		// after the verb and a word that introduces the predictors after
		// it.
		modelAt := slices.IndexFunc(ws, func(w string) bool { return modelVerbs[w] })
		if modelAt > 0 && out.Start > modelAt && out.Start <= modelAt+2 && out.End < len(ws) && outcomeEnds[ws[out.End]] {
			isContext = func(m Mention) bool { return m.End <= modelAt }
		}
		var terms []string
		for i, m := range named {
			col := m.Columns[0]
			if i == oi || used[col] || isContext(m) {
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
		if allOthers {
			// "Y on every other column": each usable column not named.
			for _, cr := range a.Columns {
				if used[cr.Name] || !compatibleRole(cr, roles["predictors"]) {
					continue
				}
				used[cr.Name] = true
				assigned["predictors"] = append(assigned["predictors"], cr.Name)
				t := QuoteName(cr.Name)
				if cr.Group && !cr.Measure && cr.Kind == KindNumeric {
					t = "C(" + t + ")"
				}
				terms = append(terms, t)
			}
		}
		if len(terms) == 1 && !slices.ContainsFunc(ws, func(w string) bool { return modelVerbs[w] }) && slices.ContainsFunc(named, func(o Mention) bool { return o.Columns[0] == assigned["predictors"][0] && o.Factor }) {
			// One factor and no model asked for: a comparison of the
			// groups answers it.
			fail("one factor", "")
			return
		}
		if len(terms) == 0 {
			fail("needs predictors", fmt.Sprintf("Which columns should %s be predicted from?", out.Columns[0]))
			return
		}
		text["predictors"] = strings.Join(interact(ws, named, terms, assigned["predictors"]), " + ")
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
				// measurements need the prompt to say they are paired,
				// by name: "change" alone does not pair donors with year.
				if c.terms < namedTest && !shareNameWord(x, y) {
					fail("not repeated measurements", fmt.Sprintf("Are %s and %s measurements of the same subjects on the same scale?", x, y))
					return
				}
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
			if len(cands) > 1 {
				cands = narrowPairs(ws, cands, mentions)
			}
			if len(cands) != 1 {
				fail("no paired measurements named", "Which two columns hold the repeated measurements of the same subjects?")
				return
			}
			x, y = cands[0].X, cands[0].Y
			both := slices.ContainsFunc(mentions, func(m Mention) bool {
				return slices.Contains(m.Columns, x) && slices.Contains(m.Columns, y)
			})
			if len(ms) < 2 && !both {
				// One occasion named, or none: the other is inferred.
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
		if len(ms) < 2 {
			// A column whose levels the prompt names ("smokers", "pay
			// cash") is named too.
			for _, g := range byLevels {
				if len(ms) < 2 && !slices.ContainsFunc(ms, func(o Mention) bool { return o.Columns[0] == g }) && compatible(a, g, xs) && compatible(a, g, ys) {
					ms = append(ms, Mention{Columns: []string{g}, Text: g, Start: -1, End: -1, score: 1})
				}
			}
		}
		if len(ms) == 0 || len(ms) == 1 && ms[0].score < 1 {
			// Two comparatives that each imply one measure: "do people
			// ride longer when it's warmer" relates duration and
			// temperature, whatever "ride" half names.
			if im := l.impliedMeasures(iws, a, xs); len(im) == 2 && compatible(a, im[1], ys) {
				ms = []Mention{{Columns: im[:1], Start: -1, End: -1, score: 1}, {Columns: im[1:], Start: -1, End: -1, score: 1}}
			}
		}
		if slices.ContainsFunc(ms, func(m Mention) bool { return m.Factor }) {
			// A column the prompt treats as groups is no axis of a
			// correlation or a scatter.
			fail("a factor", "")
			return
		}
		var x, y string
		switch {
		case len(ms) >= 2:
			x, y = ms[0].Columns[0], ms[1].Columns[0]
			if rule.Library == "plots" && between(ws, ms[0].End, ms[1].Start, "versus", "vs", "against", "over", "with", "by") {
				x, y = y, x
			}
		case len(ms) == 1:
			o, ok := l.impliedMeasure(iws, a, ys, ms[0].Columns[0])
			if !ok {
				o, ok = inferOne(a, ys, ms[0].Columns[0])
			}
			if !ok {
				assigned["x"] = []string{ms[0].Columns[0]}
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
		if xr, _ := a.Column(x); slices.Contains(xs.Kinds, KindNumeric) && slices.Contains(xs.Kinds, KindIntegerCoded) && !xr.Measure {
			if yr, _ := a.Column(y); !yr.Measure && c.terms < namedTest {
				// Two group codes (0/1, 1-5) are related by a table of
				// counts unless a rank correlation is named.
				fail("two codes", fmt.Sprintf("%s and %s are codes of a few values: should their table of counts be tested?", x, y))
				return
			}
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
			x, _ = l.impliedMeasure(iws, a, xs, "")
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
		// A column the prompt names by its levels ("for male and female
		// patients") counts as named.
		cands := named
		for _, g := range byLevels {
			if !slices.ContainsFunc(named, func(m Mention) bool { return m.Columns[0] == g }) {
				cands = append(slices.Clip(cands), Mention{Columns: []string{g}, Start: -1, End: -1, score: 1})
			}
		}
		for _, m := range cands {
			if spec.Optional && (m.score < 1 || m.Start > 0 && ownerWords[ws[m.Start-1]]) && !(m.Start > 0 && (groupCue[ws[m.Start-1]] || rowCues[ws[m.Start-1]])) {
				// ("of our members": the rows, not a breakdown by
				// membership.)
				// An optional role takes a column the prompt names in
				// full, or after "by", "per", "for each": "how far do
				// visitors travel" is no breakdown by first_visit.
				continue
			}
			if !used[m.Columns[0]] && compatible(a, m.Columns[0], spec) {
				if spec.Multiple && col != "" {
					// Every named column that fits: "controlling for
					// age and income".
					assigned[name] = append(assigned[name], m.Columns[0])
					used[m.Columns[0]] = true
					continue
				}
				col = m.Columns[0]
				if !spec.Multiple {
					break
				}
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
			assigned[name] = append([]string{col}, assigned[name]...)
			used[col] = true
		}
	}
	if w := l.unknownInSlot(ws, mentions, a, vocab); w != "" {
		// "plot price against living area": the sentence puts a variable
		// where no column is named.
		fail("no column named "+w, fmt.Sprintf("The dataset has no column for %q. Which column did you mean?", w))
		return
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
	c.fit = 2 - float64(inferred) - uncued
	for _, m := range mentions {
		// An ambiguous mention counts as used only through a column no
		// other mention names: "week 8 wellbeing against week 8 PSQI"
		// names two columns, not psqi_wk8 twice.
		nUsed := 0
		for _, col := range m.Columns {
			if used[col] {
				nUsed++
			}
		}
		usedHere := func(s string) bool {
			if !used[s] {
				return false
			}
			return len(m.Columns) == 1 || nUsed > 1 || !slices.ContainsFunc(named, func(o Mention) bool { return o.Columns[0] == s && o.Start != m.Start })
		}
		if !slices.ContainsFunc(m.Columns, usedHere) && !isContext(m) && !(m.score < 1 && (len(m.Columns) == 1 || m.End == m.Start+1 && slices.ContainsFunc(m.Columns, func(s string) bool { return used[s] })) && inferred == 0 && (usedFully(mentions, byLevels, used) || (!rule.RequiredSchema.Paired || isGroupOnly(a, m.Columns[0])) && l.nameWordAlone(ws, m, isGroupOnly(a, m.Columns[0])) && !a.namesLevel(ws[m.Start]))) &&
			!(inferred == 0 && a.modifiesGroup(m, mentions, used, roles)) &&
			!(len(m.Columns) == 1 && l.info(m.Columns[0]).idLike && a.allNameRows(ws[m.Start:m.End])) &&
			!(m.End == m.Start+1 && m.Start > 0 && ownerWords[ws[m.Start-1]] && strings.HasSuffix(ws[m.Start], "s")) &&
			!(m.score < 1 && m.End == m.Start+1 && slices.ContainsFunc(mentions, func(o Mention) bool {
				// A noun before the name of a column used ("member
				// age"): it qualifies that name.
				return o.Start == m.End && len(o.Columns) == 1 && used[o.Columns[0]]
			})) &&
			!(rule.RequiredSchema.Paired && a.namesSubjects(ws, m)) {
			// The prompt names a column the analysis would ignore: the
			// rule has misread the question.
			fail(fmt.Sprintf("%s would not be used", m.Columns[0]),
				fmt.Sprintf("What part should %s play in the analysis?", m.Columns[0]))
			return
		}
	}
	for _, g := range byLevels {
		if !used[g] && !a.levelModifies(ws, g, mentions) {
			// The prompt names the groups of a column the analysis would
			// ignore ("for self-paced and instructor-led courses").
			fail(g+" would not be used", fmt.Sprintf("What part should %s play in the analysis?", g))
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
			c.params[name] = strings.Join(assigned[p.Role], cmp.Or(p.Join, " + "))
		case p.From == "number":
			n, ok := l.referenceNumber(prompt)
			if !ok {
				fail("no reference value", "Which value should the mean be compared with?")
				return
			}
			c.params[name] = n
		case p.From == "distribution":
			dist, ok := l.distribution(ws)
			switch {
			case !ok && dist == "":
				dist = "norm" // none named: the normal, as kstest's default
			case !ok:
				fail("several distributions named", "Which distribution should the data be compared with: normal, exponential, gamma or uniform?")
				return
			}
			c.params[name] = dist
		case p.From == "statistic":
			if st := l.statistic(outsideNames(ws, mentions)); st != "" {
				c.params[name] = st
			}
		case len(p.When) > 0:
			if slices.ContainsFunc(p.When, func(ph string) bool { return matchForm(ws, [][]string{l.canonicalize(words(ph))}) }) {
				c.params[name] = p.Value
			}
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

// modifiesGroup reports whether m names a measure right before the
// one-word name of a group column the rule uses, as the modifier of a
// compound whose head is the group: "stratify by pressure zone" names
// Zone, not Pressure (kPa) too. Only a rule none of whose roles takes the
// measure reads it so: a test of a measure may have meant it.
func (a Assessment) modifiesGroup(m Mention, mentions []Mention, used map[string]bool, roles map[string]RoleSpec) bool {
	if len(m.Columns) != 1 {
		return false
	}
	for _, spec := range roles {
		if compatible(a, m.Columns[0], spec) {
			return false
		}
	}
	if c, _ := a.Column(m.Columns[0]); !c.Measure || c.Group {
		return false
	}
	return slices.ContainsFunc(mentions, func(o Mention) bool {
		if o.Start != m.End || o.End != o.Start+1 || len(o.Columns) != 1 || !used[o.Columns[0]] {
			return false
		}
		g, _ := a.Column(o.Columns[0])
		return g.Group && !g.Measure
	})
}

// namesSubjects reports whether m, one word naming a group column, is the
// noun for the subjects a paired test measures twice: after "each",
// "every" or "same" ("each hive was weighed in spring and in autumn"), or
// in the plural and not after a word that introduces a group ("did the
// hives gain weight", not "between climates").
func (a Assessment) namesSubjects(ws []string, m Mention) bool {
	if m.End != m.Start+1 || len(m.Columns) != 1 {
		return false
	}
	if c, _ := a.Column(m.Columns[0]); !c.Group || c.Measure {
		return false
	}
	w, before := ws[m.Start], ""
	if m.Start > 0 {
		before = ws[m.Start-1]
	}
	return rowCues[before] || before == "same" || strings.HasSuffix(w, "s") && !strings.HasSuffix(w, "ss") && !groupCue[before] && !prepositions[before]
}

// countedGroups reports whether the number just before m (a word or
// digits, "the four contractors") is the number of groups m's column has.
func (a Assessment) countedGroups(ws []string, m Mention) bool {
	if m.Start == 0 || len(m.Columns) != 1 {
		return false
	}
	n := ws[m.Start-1]
	if v, ok := numberWordValues[n]; ok {
		n = v
	}
	c, ok := a.Column(m.Columns[0])
	return ok && c.Group && isDigits(n) && n == strconv.Itoa(c.Levels)
}

// usedFully reports whether every used column is named in full by some
// mention or by its levels: then a word that names part of another column and has no role
// is an ordinary word ("per trip" beside catch_kg and port), not a
// misread.
func usedFully(mentions []Mention, byLevels []string, used map[string]bool) bool {
	for col := range used {
		if !slices.Contains(byLevels, col) && !slices.ContainsFunc(mentions, func(m Mention) bool { return m.score >= 1 && len(m.Columns) == 1 && m.Columns[0] == col }) {
			return false
		}
	}
	return true
}

// nameWordAlone reports whether m is one word of its one column's name,
// not a word its unit implies, and not the name's last word: "session" of
// session_hrs, "ride" of ride_dist_km. Such a word sets the scene ("over
// a dialysis session") more often than it names the measure, whose head
// word the prompt leaves out.
func (l *lexicon) nameWordAlone(ws []string, m Mention, group bool) bool {
	if m.End != m.Start+1 || len(m.Columns) != 1 {
		return false
	}
	cw := l.newColumnWords(m.Columns[0], false)
	w := ws[m.Start]
	if len(cw.raw) < 2 || inflection(w, cw.raw[len(cw.raw)-1]) && !cw.units[cw.raw[len(cw.raw)-1]] && !group {
		return false
	}
	for iw := range cw.implied {
		if inflection(w, iw) {
			return false
		}
	}
	return inflectionOfAny(w, cw.raw)
}

// groupCued reports whether a word of grouping goes with m: a cue before
// it, also past "each", an article and one word of no other name ("for
// each policy start year"), or a noun of groups after it ("the 2.5, 5
// and 7.5 mg dose groups", "the four layer height settings").
func groupCued(ws []string, m Mention, mentions []Mention) bool {
	if m.End < len(ws) && (factorNouns[ws[m.End]] || factorNouns[strings.TrimSuffix(ws[m.End], "s")]) {
		return true
	}
	loose := 0
	for i := m.Start - 1; i >= 0 && i >= m.Start-3; i-- {
		w := ws[i]
		switch {
		case groupCue[w]:
			return true
		case rowCues[w] || w == "the" || w == "a":
		case loose == 0 && isContent(w) && !connectors[w] && !slices.ContainsFunc(mentions, func(o Mention) bool { return i >= o.Start && i < o.End }):
			loose++
		default:
			return false
		}
	}
	return false
}

// whichGroups reports whether the prompt names m's column after "which"
// and before a verb of comparing ("which model years differ in city
// mpg?", "which climate zones have higher EUI?"): the column's values are
// the groups compared, also when they are numbers.
func whichGroups(ws []string, m Mention) bool {
	return m.Start > 0 && ws[m.Start-1] == "which" && m.End < len(ws) && whichVerbs[ws[m.End]]
}

// isGroupOnly reports whether col splits rows into groups and measures
// nothing (finished_course, yes or no).
func isGroupOnly(a Assessment, col string) bool {
	c, _ := a.Column(col)
	return c.Group && !c.Measure
}

// levelModifies reports whether every place where the prompt names a
// level of group g is right before a column's name: "drug concentration"
// is the column conc, not the group trt.
func (a Assessment) levelModifies(ws []string, g string, mentions []Mention) bool {
	found := false
	for i, w := range ws {
		if !a.levelsOf(g, w) {
			continue
		}
		found = true
		if !slices.ContainsFunc(mentions, func(m Mention) bool { return m.Start == i+1 }) {
			return false
		}
	}
	return found
}

// namedTest is the term score at which the prompt names the analysis
// itself (a test's name weighs 3 or more).
const namedTest = 3

// relaxMeasures returns roles with every not_measure condition lifted.
func relaxMeasures(roles map[string]RoleSpec) map[string]RoleSpec {
	var out map[string]RoleSpec
	for k, s := range roles {
		if s.NotMeasure {
			if out == nil {
				out = maps.Clone(roles)
			}
			s.NotMeasure = false
			out[k] = s
		}
	}
	if out == nil {
		return roles
	}
	return out
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

// impliedMeasures returns, in prompt order, the measure each comparative
// of the prompt implies when it implies exactly one.
func (l *lexicon) impliedMeasures(ws []string, a Assessment, spec RoleSpec) []string {
	var out []string
	for _, w := range ws {
		var found []string
		for _, noun := range l.implied[w] {
			for _, c := range a.Columns {
				if compatibleRole(c, spec) && slices.Contains(l.newColumnWords(c.Name, false).words, noun) && !slices.Contains(found, c.Name) {
					found = append(found, c.Name)
				}
			}
		}
		if len(found) == 1 && !slices.Contains(out, found[0]) {
			out = append(out, found[0])
		}
	}
	return out
}

// unknownTerm reports whether w is a content word that is neither a
// common word, a word of a rule, a column's word nor a level: a word that
// may name a variable the data lacks. A first word of a name must have
// four letters or more.
func (l *lexicon) unknownTerm(w string, first bool, a Assessment, vocab map[string]bool) bool {
	if (first && len(w) < 4) || l.stop[w] || vocab[w] || !isContent(w) || connectors[w] || interactionWords[w] || a.namesLevel(w) || a.namesRows(w) || l.isMarker(w) || groupingVerbs[w] || l.units[w] || l.units[w+"s"] {
		return false
	}
	if s, ok := strings.CutSuffix(w, "s"); ok && (vocab[s] || l.stop[s]) {
		return false
	}
	for _, c := range a.Columns {
		cw := l.newColumnWords(c.Name, false).words
		if matchesAny(w, cw) || slices.ContainsFunc(l.implied[w], func(m string) bool { return slices.Contains(cw, m) }) {
			// A column's word, or a word that implies a column's measure
			// ("older" with age_yrs).
			return false
		}
	}
	return true
}

// unknownWord returns the first content word of the prompt that is neither
// a common word, a word of a rule, a column name nor a level, with the
// unknown words that follow it ("blood sugar").
func (l *lexicon) unknownWord(ws []string, a Assessment, vocab map[string]bool) string {
	unknown := func(w string, first bool) bool { return l.unknownTerm(w, first, a, vocab) }
	for i, w := range ws {
		// A variable's name starts a clause or follows a word that
		// introduces one ("is blood sugar", "between wild and"); a word
		// right after a noun is more likely its verb ("riders take").
		if !unknown(w, true) || i > 0 && !introducers[ws[i-1]] || rowNoun(ws, i) {
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

// rowNoun reports whether the word at i names the rows rather than a
// variable: after a row cue ("for each campaign"), or with a possessive
// ("the squad's mean").
func rowNoun(ws []string, i int) bool {
	return i > 0 && rowCues[ws[i-1]] || i+1 < len(ws) && ws[i+1] == "s"
}

func between(ws []string, from, to int, cues ...string) bool {
	for i := max(from, 0); i < to && i < len(ws); i++ {
		if slices.Contains(cues, ws[i]) {
			return true
		}
	}
	return false
}

// shareNameWord reports whether two column names have a content word in
// common (sbp_baseline and sbp_12m: sbp), as two occasions of one measure
// do.
func shareNameWord(x, y string) bool {
	tx, ty := tokens(x), tokens(y)
	return slices.ContainsFunc(tx, func(w string) bool { return isContent(w) && slices.Contains(ty, w) })
}

// modelBefore reports whether a model word stands before position i.
func modelBefore(ws []string, i int) bool {
	for _, w := range ws[:i] {
		if modelVerbs[w] {
			return true
		}
	}
	return false
}

// allOthersAt returns where the prompt says "every other column", or -1.
func allOthersAt(ws []string) int {
	for i := range ws {
		for _, p := range allOthersPhrases {
			if i+len(p) <= len(ws) && slices.Equal(ws[i:i+len(p)], p) {
				return i
			}
		}
	}
	return -1
}

// interact joins two predictors with * when the prompt asks for their
// interaction: the two named predictors nearest the interaction word, or
// A and B in "the effect of A … depend(s) on B". terms and cols run in
// parallel.
func interact(ws []string, named []Mention, terms, cols []string) []string {
	if len(terms) < 2 {
		return terms
	}
	pair := func(a, b string) []string {
		ia, ib := slices.Index(cols, a), slices.Index(cols, b)
		if ia < 0 || ib < 0 || ia == ib {
			return terms
		}
		out := []string{terms[ia] + " * " + terms[ib]}
		for k, t := range terms {
			if k != ia && k != ib {
				out = append(out, t)
			}
		}
		return out
	}
	asked := false
	for _, w := range ws {
		if interactionWords[w] {
			asked = true
		}
	}
	// "the effect of A (on Y) depend on B".
	for i := 0; i+1 < len(ws); i++ {
		if (ws[i] == "effect" || ws[i] == "impact") && ws[i+1] == "of" {
			for j := i + 2; j+1 < len(ws); j++ {
				if (ws[j] == "depend" || ws[j] == "depends" || ws[j] == "vary" || ws[j] == "varies" || ws[j] == "differ" || ws[j] == "differs") &&
					(ws[j+1] == "on" || ws[j+1] == "by" || ws[j+1] == "with" || ws[j+1] == "across" || ws[j+1] == "between" || ws[j+1] == "among") {
					var a, b string
					for _, m := range named {
						if m.Start > i+1 && m.End <= j && a == "" && slices.Contains(cols, m.Columns[0]) {
							a = m.Columns[0]
						}
						if m.Start > j+1 && b == "" && slices.Contains(cols, m.Columns[0]) {
							b = m.Columns[0]
						}
					}
					if a != "" && b != "" {
						return pair(a, b)
					}
				}
			}
		}
	}
	if !asked {
		return terms
	}
	if len(terms) == 2 {
		return pair(cols[0], cols[1])
	}
	return terms
}

// outcomeIndex picks the mention that is the outcome of a model: the one
// after "on" in "effect of A on Y"; else the first named after "predict",
// "regress", "model" or "fit"; else the first after "on"; else the first.
func outcomeIndex(ws []string, named []Mention) int {
	// "Y regressed on X", "Y modelled from A and B": the outcome stands
	// before the passive verb.
	for i := 1; i+1 < len(ws); i++ {
		if passiveModelVerbs[ws[i]] && (ws[i+1] == "on" || ws[i+1] == "from" || ws[i+1] == "by" || ws[i+1] == "using" || ws[i+1] == "with") {
			for k := len(named) - 1; k >= 0; k-- {
				if named[k].End <= i && named[k].End >= i-1 && k+1 < len(named) {
					return k
				}
			}
		}
	}
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
	// "regress Y on A and B", "OLS of Y on A", "Y on A and B": the
	// column just before "on" is the outcome, when a model is asked for
	// and no verb of effect stands before "on" ("depends on", "effect on").
	for k, m := range named {
		if k+1 < len(named) && m.End < len(ws) && ws[m.End] == "on" && named[k+1].Start > m.End && (k == 0 || modelBefore(ws, m.Start)) {
			return k
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
	// "How do A, B and C explain Y?": the outcome follows the verb.
	for i, w := range ws {
		// "once you account for Z" adjusts for Z; it explains nothing.
		if explainVerbs[w] && !(i > 0 && adjustingSubjects[ws[i-1]]) {
			for k, m := range named {
				if m.Start > i && k > 0 {
					return k
				}
			}
		}
	}
	// "does Y differ by A": the outcome is the column just before the
	// verb of difference.
	for i, w := range ws {
		if w == "differ" || w == "differs" || w == "vary" || w == "varies" || w == "change" || w == "changes" {
			for k, m := range named {
				if m.End == i || m.End == i-1 {
					return k
				}
			}
		}
	}
	// "Y depends on A and B": the outcome comes before the verb.
	for i, w := range ws {
		// A participle says so only before "by": "distance driven" is
		// a distance.
		passive := (w == "determined" || w == "driven" || w == "explained") && i+1 < len(ws) && ws[i+1] == "by"
		if w == "depend" || w == "depends" || w == "dependent" || passive {
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

// namesLevel reports whether prompt word w names a level of a group
// column, itself or in the plural ("placebo", "smokers" for smoker).
func (a Assessment) namesLevel(w string) bool {
	if a.levelWords[w] {
		return true
	}
	for lw := range a.levelWords {
		if len(lw) >= 3 && inflection(w, lw) {
			return true
		}
	}
	return false
}

// unknownInSlot returns the words that stand where the sentence puts a
// variable — across a joining word from a named column — but name no
// column, level or analysis, or "" when there are none.
func (l *lexicon) unknownInSlot(ws []string, mentions []Mention, a Assessment, vocab map[string]bool) string {
	inMention := func(i int) bool {
		for _, m := range mentions {
			if i >= m.Start && i < m.End {
				return true
			}
		}
		return false
	}
	unknown := func(w string) bool {
		if len(w) < 2 || l.stop[w] || vocab[w] || !isContent(w) || connectors[w] || interactionWords[w] || a.namesLevel(w) || a.namesRows(w) || l.isMarker(w) || groupingVerbs[w] {
			return false
		}
		if slices.ContainsFunc(a.Columns, func(c ColumnRole) bool { return l.newColumnWords(c.Name, false).units[w] }) {
			// A column's unit, in brackets: "fuel burn (L/hr)".
			return false
		}
		if s, ok := strings.CutSuffix(w, "s"); ok && (vocab[s] || l.stop[s]) {
			return false
		}
		return true
	}
	// phrase returns the unknown content words from i on, skipping
	// articles, up to the next joining word or named column.
	phrase := func(i, step int) string {
		var got []string
		for ; i >= 0 && i < len(ws) && len(got) < 3; i += step {
			w := ws[i]
			if inMention(i) || slotWords[w] || connectors[w] {
				break
			}
			if w == "the" || w == "a" || w == "an" {
				continue
			}
			if !unknown(w) {
				if len(got) > 0 {
					break
				}
				return ""
			}
			got = append(got, w)
		}
		if step < 0 && len(got) == 1 && i >= 0 && isDigits(ws[i]) {
			// A word after a number is its unit: "Hb at 12 months
			// against …" names no variable "months".
			return ""
		}
		// Words just before or after another named column qualify it
		// ("process temperature", "likelihood to recommend", "heart rate
		// grouped by"): they are not a variable of their own.
		for j, n := i, 0; j >= 0 && j < len(ws) && n < 3; j, n = j+step, n+1 {
			if inMention(j) {
				return ""
			}
			if slotWords[ws[j]] || !minor[ws[j]] {
				// A joining word ends the variable: beyond it is
				// another.
				break
			}
		}
		if step < 0 {
			slices.Reverse(got)
		}
		return strings.Join(got, " ")
	}
	for k, w := range ws {
		if !slotWords[w] || w == "with" || w == "on" {
			continue
		}
		left, right := k > 0 && inMention(k-1), k+1 < len(ws) && inMention(k+1)
		switch {
		case left && !right:
			if k+1 < len(ws) && rowNoun(ws, k+1) {
				continue
			}
			if p := phrase(k+1, 1); p != "" {
				return p
			}
		case right && !left:
			if p := phrase(k-1, -1); p != "" {
				return p
			}
		}
	}
	return ""
}

// narrowPairs chooses among several paired layouts the one the prompt
// means: each named column a pair holds counts for it (one that names both
// columns a little more), and the baseline words ("from baseline to week
// 8") for the pair that starts at the first occasion. The best pair wins
// only when it is alone at the top.
func narrowPairs(ws []string, cands []Pair, mentions []Mention) []Pair {
	baseline := slices.ContainsFunc(ws, func(w string) bool { return baselineWords[w] })
	score := func(p Pair) float64 {
		v := 0.0
		for _, m := range mentions {
			x, y := slices.Contains(m.Columns, p.X), slices.Contains(m.Columns, p.Y)
			switch {
			case x && y:
				v += 1.5
			case x || y:
				v++
			}
		}
		if baseline && !slices.ContainsFunc(cands, func(q Pair) bool { return q.Y == p.X }) {
			v++
		}
		return v
	}
	best, n := -1.0, 0
	var out []Pair
	for _, p := range cands {
		switch v := score(p); {
		case v > best:
			best, n, out = v, 1, []Pair{p}
		case v == best:
			n++
			out = append(out, p)
		}
	}
	return out
}

// unnamedOutcome returns the unknown words in the outcome's place of a
// model request — between "regress", "predict", "model" or "regression
// of" and the word that starts the predictors — when no column is named
// there, or "".
func (l *lexicon) unnamedOutcome(ws []string, named []Mention, a Assessment, vocab map[string]bool) string {
	for v, w := range ws {
		if !modelVerbs[w] {
			continue
		}
		from := v + 1
		if from < len(ws) && ws[from] == "of" {
			from++
		}
		end := -1
		for k := from; k < len(ws) && k < from+6; k++ {
			if outcomeEnds[ws[k]] {
				end = k
				break
			}
		}
		if end <= from {
			continue
		}
		if slices.ContainsFunc(named, func(m Mention) bool { return m.Start < end && m.End > from }) {
			return ""
		}
		var got []string
		for _, w := range ws[from:end] {
			if isContent(w) && !l.stop[w] && !vocab[w] {
				got = append(got, w)
			}
		}
		return strings.Join(got, " ")
	}
	return ""
}
