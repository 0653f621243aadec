package decision

import (
	"cmp"
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"

	"github.com/inferra/inferra"
)

// Stage 5, select: every rule is scored and its roles filled; the best
// analysis is chosen only when it is clearly ahead, and otherwise the
// engine declines with candidates and one question. Stage 4, roles, is in
// roles.go; stage 6, explain, builds the decision's explanation and
// evidence at the end of decide.

// candidate is one rule's attempt at a decision.
type candidate struct {
	rule     *compiledRule
	terms    float64
	fit      float64
	matched  []string
	params   map[string]string
	roles    map[string][]string
	problem  string
	question string
}

func (c candidate) total() float64 { return c.terms + c.fit }

// margin is how far ahead of the next analysis the best must be.
const margin = 0.5

// minTerms is the least term score a decision needs: some words in the
// prompt must ask for the analysis.
const minTerms = 0.5

func (e *Engine) decide(prompt string, schema inferra.Schema) *inferra.Decision {
	raw := contractions(words(prompt))
	a := assess(schema, e.lex)
	cols := e.lex.withDescriptions(e.columnWordsOf(a), a)
	ws := e.lex.ellipses(e.lex.relate(e.lex.canonicalize(e.lex.concepts(e.lex.initialisms(genitives(ordinals(joinedNames(compounds(raw, cols), cols), cols), cols), cols), cols)), cols), cols)
	tws := e.correct(ws)
	set := wordSet(tws)
	classed := e.lex.classify(tws, set)
	hits, termWords, termAt := e.matchTerms(tws, classed, set)
	refNum, refOK := e.lex.referenceNumber(prompt)
	stat := ""
	dist, _ := e.lex.distribution(ws)
	a = a.withNamedPairs(ws)
	mentions := findMentions(ws, cols, func(i int) bool { return e.lex.stop[ws[i]] || termWords[i] })
	mentions = unitNames(ws, mentions, cols)
	mentions = a.markerMentions(ws, mentions, e.lex)
	a.pickOccasions(ws, mentions)
	mentions = a.dropLevelNouns(ws, mentions)
	mentions = e.lex.dropInsideLevels(ws, mentions, schema, a)
	mentions = dropAgentNouns(ws, mentions, cols)
	mentions = a.dropOccasionNames(ws, mentions)
	mentions = dropHeadNouns(ws, mentions)
	mentions = dropClauseHeads(ws, mentions)
	mentions = e.lex.dropForeignHeads(ws, mentions, cols)
	mentions = joinPartials(ws, mentions)
	a.settleByNeighbours(ws, mentions)
	settleByHeads(ws, mentions, cols)
	mentions = e.lex.dropRowNouns(ws, mentions, cols)
	// A plural that names the rows ("donors" with donor_ref) is no
	// partial name of another column (donor_age).
	mentions = slices.DeleteFunc(mentions, func(m Mention) bool {
		return m.score < 1 && m.End == m.Start+1 && !m.Identifier && strings.HasSuffix(ws[m.Start], "s") && a.namesRows(ws[m.Start])
	})
	mentions = wholeNames(mentions, cols)
	enumeratedFactors(ws, mentions, schema, a)
	quoted := quotedNames(prompt)
	hits.dropNameTerms(termAt, mentions)

	no := func(question string, cands []candidate) *inferra.Decision {
		d := &inferra.Decision{Source: inferra.SourceRules, RulesVersion: e.rules.Version, Question: question}
		asked := false
		for _, c := range cands {
			if c.terms <= 0 && c.problem == "not asked for" {
				continue
			}
			asked = true
			d.Candidates = append(d.Candidates, inferra.Candidate{Analysis: c.rule.rule.Analysis, Params: c.known(),
				Score: math.Round(c.total()*100) / 100, Reason: c.reason()})
		}
		if !asked {
			// Nothing the words ask for fits: the analyses the data
			// allows, to choose from.
			d.Candidates = e.allowed(a)
		}
		return d
	}
	if o, ok := e.lex.outOfScopeIn(raw); ok && !(len(o.words) == 1 && slices.ContainsFunc(cols, func(c columnWords) bool {
		return slices.ContainsFunc(c.words, func(cw string) bool { return sameWordSpelled(o.words[0], cw) })
	})) {
		// (A one-word request that names a column, "churn" with
		// churned_90d, asks about the column.)
		return no(fmt.Sprintf("You asked for %q. %s Inferra runs t-tests, ANOVA, rank tests, correlation, linear regression and plots: which of these would answer your question?", o.phrase, o.reason), nil)
	}
	for _, q := range quoted {
		if _, ok := a.Column(q); !ok && len(words(q)) > 0 && !e.lex.anyMentionIn(mentions, q) {
			return no(fmt.Sprintf("The dataset has no column %q. Which column did you mean?", q), nil)
		}
	}
	// An identifier after "each" or "every" names the rows ("measured on
	// every section"), not a variable.
	mentions = slices.DeleteFunc(mentions, func(m Mention) bool {
		return m.Identifier && m.Start > 0 && rowCues[ws[m.Start-1]]
	})
	if id := e.lex.identifierWords(ws, a); id != "" {
		// "Do higher site numbers have worse latency?" with site_id.
		return no(fmt.Sprintf("%s identifies rows and is not a variable to analyse. Which other column did you mean?", id), nil)
	}
	for _, m := range mentions {
		if m.Identifier || e.lex.namedAsIdentifier(ws, m, schema) {
			return no(fmt.Sprintf("%s identifies rows and is not a variable to analyse. Which other column did you mean?", m.Columns[0]), nil)
		}
	}
	if w := e.lex.missingQuantity(ws, cols[:len(a.Columns)], a); w != "" {

		return no(fmt.Sprintf("The dataset has no column for %q. Which column did you mean?", w), nil)
	}
	if len(mentions) == 0 && len(quoted) == 0 && !hits.anyMatch(e.compiled) {
		return no("What would you like to find out, and which columns of the dataset does it involve?", nil)
	}
	if w := e.lex.missingAttribute(ws, mentions, a, e.vocab); w != "" {
		return no(fmt.Sprintf("The dataset has no column for %q. Which column did you mean?", w), nil)
	}
	q, byLevels := e.lex.subsetQuestion(ws, schema, a, mentions, func(i int) bool { return termWords[i] })
	if q != "" {
		return no(q, nil)
	}
	for _, g := range a.complements(ws, mentions, schema) {
		if !slices.Contains(byLevels, g) {
			byLevels = append(byLevels, g)
		}
	}

	// A statistic's word inside a column's name ("IQR of max pond depth")
	// names the column, not the statistic.
	stat = e.lex.statistic(outsideNames(ws, mentions))
	if refOK && inNames(ws, refNum, mentions) {
		// "Is 28-day strength normal?": the number is part of a column's
		// name (str_28d_MPa), not a value to compare with.
		refOK = false
	}
	if refOK && namesTwoLevels(ws, refNum, schema) {
		// "60-month loans than 36-month ones": the numbers are levels of
		// a group, not a value to compare with.
		refOK = false
	}
	// Whether the words ask for any rule that does not report a
	// statistic: a mean named alone ("avg open rate?") asks for the mean.
	testAsked := false
	for i := range e.compiled {
		strong := false
		for k, t := range e.compiled[i].terms {
			// "vs" alone (a weak term) asks for no test: "the mean price
			// for weekday vs weekend bookings" is a description.
			if hits[i][k] && t.weight >= 1 {
				strong = true
			}
		}
		if !e.compiled[i].wantsStat && e.compiled[i].rule.Library != "plots" && strong {
			// A chart asked for ("for each track" of a box plot) is no
			// test: the statistic named still speaks for itself.
			testAsked = true
		}
	}
	firstPaired := slices.IndexFunc(e.compiled, func(cr compiledRule) bool { return cr.rule.RequiredSchema.Paired })
	// Another paired rule named ("non-parametric", "signed rank") is the
	// test the words pick: the default gets nothing for the pair.
	otherPairedAsked := false
	for i, cr := range e.compiled {
		if i != firstPaired && cr.rule.RequiredSchema.Paired && slices.Contains(hits[i][:len(cr.terms)], true) {
			otherPairedAsked = true
		}
	}
	var cands []candidate
	for i := range e.compiled {
		cr := &e.compiled[i]
		c := candidate{rule: cr}
		for k, t := range cr.terms {
			if hits[i][k] {
				c.terms += t.weight
				c.matched = append(c.matched, t.phrase)
			}
		}
		for k, t := range cr.negTerms {
			if hits[i][len(cr.terms)+k] {
				c.terms -= t.weight
			}
		}
		if cr.wantsStat && stat != "" && (!testStatistics[stat] || !testAsked) && !refOK {
			// A statistic named ("how many … are missing", "the range
			// of") speaks for the rule that reports it; the mean,
			// median and spread are named by tests too, and a reference
			// value asks for one.
			c.terms += 1.5
			c.matched = append(c.matched, "the statistic "+stat)
		}
		if cr.wantsDist && dist != "" && dist != "norm" {
			// A distribution other than the normal named ("comply with
			// the exponential model") asks for a goodness-of-fit test.
			c.terms += 2
			c.matched = append(c.matched, "the "+dist+" distribution")
		}
		if p, ok := a.pairNamed(mentions); ok && i == firstPaired && testAsked && !otherPairedAsked && e.lex.unknownWord(ws, a, e.vocab) == "" {
			// Both occasions of a paired layout named, by one name ("did
			// strength go up", with str_7d and str_28d) or two ("a day
			// and a night reading"): a comparison asked of them is a
			// comparison of the pair, by the first paired rule (the
			// default paired test), when no word of the prompt names a
			// variable the data lacks.
			c.terms++
			c.matched = append(c.matched, "the paired columns "+p.X+" and "+p.Y)
		}
		if cr.wantsNumber && refOK {
			// A stated reference value speaks for the rule.
			c.terms += 1.5
			c.matched = append(c.matched, "the value "+refNum)
		}
		cands = append(cands, c)
	}
	// Only a rule the words ask for can be chosen: fill those, or every
	// rule when none is asked for (the candidates of the question back).
	asked := slices.ContainsFunc(cands, func(c candidate) bool { return c.terms > 0 })
	if g := groupedBy(ws, mentions, a); !asked && (len(byLevels) > 0 || g != "") {
		// No word asks for an analysis, but every group of a column is
		// listed, or a measure is given by a group ("post-quiz by
		// track?"): the rules that compare groups by default.
		g = cmp.Or(g, strings.Join(byLevels, ""))
		for k := range cands {
			if w := cands[k].rule.rule.ListedGroups; w > 0 {
				cands[k].terms += w
				cands[k].matched = append(cands[k].matched, "a measure by the groups of "+g)
				asked = true
			}
		}
	}
	if !asked && listedOn(ws, mentions) {
		// "raised_usd on goal, ad spend and channel": a model written
		// out, with no word for it.
		for k := range cands {
			if w := cands[k].rule.rule.ListedPredictors; w > 0 {
				cands[k].terms += w
				cands[k].matched = append(cands[k].matched, "a column on columns listed")
				asked = true
			}
		}
	}
	for k := range cands {
		if req := cands[k].rule.rule.Requires; len(req) > 0 && !slices.ContainsFunc(cands[k].matched, func(p string) bool { return slices.Contains(req, p) }) {
			cands[k].problem = "not asked for"
			continue
		}
		if !asked || cands[k].terms > 0 {
			fill(&cands[k], prompt, ws, mentions, byLevels, a, e.vocab, e.lex)
		} else {
			cands[k].problem = "not asked for"
		}
	}
	slices.SortStableFunc(cands, func(x, y candidate) int {
		switch {
		case x.problem == "" && y.problem != "":
			return -1
		case x.problem != "" && y.problem == "":
			return 1
		case x.total() > y.total():
			return -1
		case x.total() < y.total():
			return 1
		}
		return 0
	})
	top := cands[:min(len(cands), 3)]
	best := cands[0]
	if best.problem != "" {
		q := best.question
		if strings.HasPrefix(best.problem, "needs") || strings.HasPrefix(best.problem, "no ") {
			// A column the analysis misses, and a word that names no
			// column: the prompt asks about a column the data lacks.
			if w := e.lex.unknownWord(ws, a, e.vocab); w != "" {
				q = fmt.Sprintf("The dataset has no column for %q. Which column did you mean?", w)
			}
		}
		if q == "" {
			q = "Which columns should the analysis use, and what would you like to know about them?"
		}
		return no(q, top)
	}
	if strong := strongestFailed(cands); best.terms+2 <= strong.terms && strong.question != "" {
		// A rule the words ask for far more strongly could not be
		// filled ("plot tree height against stand age": a scatter plot
		// short of a column): a weak reading in its place would be a
		// guess, so ask what the strong one lacks.
		return no(strong.question, top)
	}
	if best.terms < minTerms {
		// The words asked for an analysis whose columns could not all be
		// found: say what is missing rather than ask what to do.
		for _, c := range cands {
			if c.terms >= minTerms && c.problem != "" {
				q := c.question
				if w := e.lex.unknownWord(ws, a, e.vocab); w != "" {
					q = fmt.Sprintf("The dataset has no column for %q. Which column did you mean?", w)
				}
				if q != "" {
					return no(q, top)
				}
			}
		}
		return no("Which analysis would answer your question: a comparison of groups, a correlation, a regression or a plot?", top)
	}
	if refOK && !best.rule.wantsNumber {
		// A stated reference value ("is the mean different from 15")
		// asks for a comparison with it as much as the words ask for
		// the best: the two readings differ, so ask.
		for _, c := range cands[1:] {
			if c.rule.wantsNumber && c.terms >= minTerms {
				return no(fmt.Sprintf("Should %s be compared with the value %s, or is this %s?", cmp.Or(strings.Join(c.roles["x"], ""), "a column"), refNum, describe(best)), top)
			}
		}
	}
	for _, c := range cands[1:] {
		if c.problem != "" || c.rule.rule.Analysis == best.rule.rule.Analysis || c.terms < minTerms {
			continue
		}
		if best.total()-c.total() < margin {
			return no(fmt.Sprintf("Should this be %s or %s?", describe(best), describe(c)), top)
		}
		break
	}
	second := 0.0
	for _, c := range cands[1:] {
		if c.problem == "" && c.rule.rule.Analysis != best.rule.rule.Analysis && c.terms >= minTerms {
			second = c.total()
			break
		}
	}
	conf := 1 - 1/(1+best.total()-second)
	conf = math.Round(math.Max(0, math.Min(1, conf))*100) / 100
	r := best.rule.rule
	d := &inferra.Decision{
		Analysis: r.Analysis, RuleID: r.ID, Library: r.Library, Function: r.Function,
		Params: best.params, Confidence: conf, Source: inferra.SourceRules,
		RulesVersion: e.rules.Version,
	}
	for _, t := range best.matched {
		d.Evidence = append(d.Evidence, "term: "+t)
	}
	for _, role := range sortedKeys(best.roles) {
		d.Evidence = append(d.Evidence, fmt.Sprintf("column %s → %s", strings.Join(best.roles[role], ", "), role))
	}
	d.Explanation = placeholderRE.ReplaceAllStringFunc(r.Explanation, func(s string) string {
		return strings.Join(best.roles[s[1:len(s)-1]], " and ")
	})
	return d
}

// dropRowNouns drops the mentions of an identifier whose name the prompt
// uses as the noun for its rows: in the plural ("do longer episodes"), or
// before a word of what is measured ("episode length").
func (l *lexicon) dropRowNouns(ws []string, mentions []Mention, cols []columnWords) []Mention {
	return slices.DeleteFunc(mentions, func(m Mention) bool {
		if !m.Identifier {
			return false
		}
		plural := slices.ContainsFunc(cols, func(c columnWords) bool {
			return c.name == m.Columns[0] && len(c.words) == m.End-m.Start && !slices.Equal(c.words, ws[m.Start:m.End])
		})
		before := m.End < len(ws) && isContent(ws[m.End]) && !l.idWords[ws[m.End]] && !l.stop[ws[m.End]]
		return plural || before
	})
}

// complements finds "A vs B" where A names a two-level group by its name
// and B names no column: B is the other level in the
// prompt's words ("oaked vs unoaked", "remote vs office", "weekends and
// weekdays"). B becomes a level word of the group, and the group is named
// by its levels.
func (a *Assessment) complements(ws []string, mentions []Mention, s inferra.Schema) []string {
	var out []string
	named := func(i int) (string, bool) {
		for _, m := range mentions {
			if i >= m.Start && i < m.End && len(m.Columns) == 1 {
				return m.Columns[0], true
			}
		}
		return "", false
	}
	level := func(i int) bool {
		return slices.ContainsFunc(s.Columns, func(c inferra.ColumnSchema) bool { return a.levelsOf(c.Name, ws[i]) })
	}
	for i := 1; i+1 < len(ws); i++ {
		if !complementJoins[ws[i]] {
			continue
		}
		for _, side := range [][2]int{{i - 1, i + 1}, {i + 1, i - 1}} {
			col, ok := named(side[0])
			if !ok {
				continue
			}
			cr, _ := a.Column(col)
			w := ws[side[1]]
			if cr.Levels != 2 || !cr.Group || !nounLike(w) || a.namesLevel(w) {
				continue
			}
			if _, other := named(side[1]); other || level(side[1]) || level(side[0]) {
				// B names a column or a level of its own, or A is a
				// level (then the levels name the group already).
				continue
			}
			a.levelWords[w] = true
			if !slices.Contains(out, col) {
				out = append(out, col)
			}
		}
	}
	return out
}

// outsideNames returns ws with the words of full mentions blanked.
func outsideNames(ws []string, mentions []Mention) []string {
	var out []string
	for _, m := range mentions {
		if m.score < 1 {
			continue
		}
		if out == nil {
			out = slices.Clone(ws)
		}
		for i := m.Start; i < m.End && i < len(out); i++ {
			out[i] = ""
		}
	}
	if out == nil {
		return ws
	}
	return out
}

// namesTwoLevels reports whether num and another number of the prompt are
// both levels of one group column (term_mo: 36 and 60).
func namesTwoLevels(ws []string, num string, s inferra.Schema) bool {
	for _, c := range s.Columns {
		if !slices.Contains(c.Levels, num) {
			continue
		}
		for _, w := range ws {
			if w != num && isDigits(w) && slices.Contains(c.Levels, w) {
				return true
			}
		}
	}
	return false
}

// namedAsIdentifier reports whether the prompt calls m's column an
// identifier ("bib number", "order code") and its values are all
// different, as identifiers are.
func (l *lexicon) namedAsIdentifier(ws []string, m Mention, s inferra.Schema) bool {
	if m.End >= len(ws) || !l.idWords[ws[m.End]] || len(m.Columns) != 1 {
		return false
	}
	for _, c := range s.Columns {
		if c.Name == m.Columns[0] {
			return c.Count > 0 && c.Distinct == c.Count
		}
	}
	return false
}

// identifierWords returns the identifier that the prompt names by its
// entity's word and an identifier word ("site numbers" for site_id,
// "student number" for student_no, whatever other column the entity's
// word half names), or "".
func (l *lexicon) identifierWords(ws []string, a Assessment) string {
	for k := 0; k+1 < len(ws); k++ {
		next := strings.TrimSuffix(ws[k+1], "s")
		if !a.namesRows(ws[k]) || !(l.idWords[ws[k+1]] || l.idWords[next]) {
			continue
		}
		for _, c := range a.Columns {
			if c.Identifier && slices.ContainsFunc(words(c.Name), func(w string) bool { return inflection(ws[k], w) }) {
				return c.Name
			}
		}
	}
	return ""
}

// strongestFailed returns the candidate with the most terms among those
// that could not be filled (zero when none).
func strongestFailed(cands []candidate) candidate {
	var out candidate
	for _, c := range cands {
		if c.problem != "" && c.problem != "not asked for" && c.terms > out.terms {
			out = c
		}
	}
	return out
}

// known returns the parameters of c that its roles fill: all of them
// when the rule could be filled, those resolved so far when not.
func (c candidate) known() map[string]string {
	if c.params != nil {
		return c.params
	}
	var p map[string]string
	for name, pm := range c.rule.rule.ParamMap {
		if pm.Role != "" && len(c.roles[pm.Role]) > 0 {
			if p == nil {
				p = map[string]string{}
			}
			p[name] = strings.Join(c.roles[pm.Role], cmp.Or(pm.Join, " + "))
		}
	}
	return p
}

// reason says in words why c was or was not chosen.
func (c candidate) reason() string {
	var why []string
	if len(c.matched) > 0 {
		why = append(why, "asked for by "+strings.Join(readableTerms(c.matched), ", "))
	}
	switch {
	case c.problem == "not asked for":
		why = append(why, "the question does not ask for it")
	case c.question != "":
		why = append(why, c.question)
	case c.problem != "":
		why = append(why, c.problem)
	}
	if len(why) == 0 {
		return "fits the data, but the words do not ask for it"
	}
	return strings.Join(why, "; ")
}

// readableTerms quotes matched terms, writing a word class token such as
// {spread} as the class's name.
func readableTerms(ss []string) []string {
	out := make([]string, 0, len(ss))
	for _, s := range ss {
		s = strings.NewReplacer("{", "", "}", "").Replace(s)
		if !slices.Contains(out, strconv.Quote(s)) {
			out = append(out, strconv.Quote(s))
		}
	}
	return out
}

// allowed returns one candidate for each analysis whose roles the
// schema's columns can fill, with the columns that could fill each role
// when only one can.
func (e *Engine) allowed(a Assessment) []inferra.Candidate {
	var out []inferra.Candidate
	seen := map[string]bool{}
	for i := range e.compiled {
		r := e.compiled[i].rule
		if seen[r.Analysis] || r.RequiredSchema.Paired && len(a.Pairs) == 0 {
			continue
		}
		ok := true
		roles := map[string][]string{}
		for name, spec := range r.RequiredSchema.Roles {
			var fits []string
			for _, c := range a.Columns {
				if compatibleRole(c, spec) {
					fits = append(fits, c.Name)
				}
			}
			if len(fits) == 0 && !spec.Optional {
				ok = false
				break
			}
			if len(fits) == 1 && !spec.Optional {
				roles[name] = fits
			}
		}
		if !ok {
			continue
		}
		seen[r.Analysis] = true
		c := candidate{rule: &e.compiled[i], roles: roles}
		out = append(out, inferra.Candidate{Analysis: r.Analysis, Params: c.known(), Reason: "the data has columns for it"})
	}
	return out
}

func describe(c candidate) string {
	parts := make([]string, 0, len(c.params))
	for _, k := range sortedKeys(c.params) {
		parts = append(parts, k+"="+c.params[k])
	}
	return c.rule.rule.Analysis + "(" + strings.Join(parts, ", ") + ")"
}

// subsetQuestion returns a question when the prompt names some but not all
// levels of a group of three or more: the allow-list has no filter. It also
// returns the groups whose every level the prompt names ("drug or
// placebo").
func (l *lexicon) subsetQuestion(ws []string, s inferra.Schema, a Assessment, mentions []Mention, inTerm func(int) bool) (string, []string) {
	inMention := func(k int) bool {
		for _, m := range mentions {
			// (A letter read in part as a name, "l" of gauge_L_mm, does
			// not hide the level L1.)
			if k >= m.Start && k < m.End && !(m.score < 1 && len(ws[m.Start]) == 1 && m.End == m.Start+1) {
				return true
			}
		}
		return false
	}
	if y := yearFilter(ws, s); y != "" {
		// "invoices issued in 2024": a year no column holds as a group
		// or names keeps some rows only.
		return fmt.Sprintf("You asked about %s only. The analyses run on every row: Inferra has no filter to keep some rows only. Upload the rows you want, or ask about the whole dataset.", y), nil
	}
	if lv, col := filteredLevel(ws, s, a, inMention); lv != "" {
		// "Only 2023 cases: compare awards": a filter on the rows,
		// which the analyses do not have.
		return fmt.Sprintf("You asked about the rows where %s is %s only. The analyses run on every row: Inferra has no filter to keep some rows only. Upload the rows you want, or ask about the whole dataset.", col, lv), nil
	}
	// A code inside another column's name ("day-1 VAS" of VAS_day1) names
	// no level ("1" of LOS_days).
	codesOf := func(col string) []string {
		codes := slices.Clone(ws)
		for _, m := range mentions {
			if slices.Contains(m.Columns, col) || m.score < 1 {
				continue
			}
			for k := m.Start; k < m.End && k < len(codes); k++ {
				if isDigits(codes[k]) {
					codes[k] = ""
				}
			}
		}
		return codes
	}
	var all []string
	numeric := numberedGroups(ws, s, a, inMention)
	hasNumber := slices.ContainsFunc(ws, isDigits)
	for i, c := range s.Columns {
		if !a.Columns[i].Group || len(c.Levels) < 2 {
			continue
		}
		var named []string
		if l.codedNamed(ws, c, inMention) {
			// "men and women" for sex coded 1 and 2.
			all = append(all, c.Name)
			continue
		}
		if ns, ok := numeric[c.Name]; ok {
			// Numbers that are levels of the group ("in 2023 than in
			// 2022", "60-month vs 36-month").
			named = ns
		}
		var codes []string
		for _, lv := range c.Levels {
			if lab, ok := c.LevelLabels[lv]; ok && labelNamed(ws, l.canonicalize(words(lab)), inMention) {
				// The dictionary's label names the level: "manual" for 1.
				named = append(named, lv)
				continue
			}
			if isDigits(lv) {
				// A code is named right after its column's word: "block 1
				// and block 3".
				if hasNumber && codes == nil {
					codes = codesOf(c.Name)
				}
				if hasNumber && !slices.Contains(named, lv) && (slices.Contains(codes, lv) && afterName(codes, lv, tokens(c.Name)) || dashRange(codes, lv, tokens(c.Name))) {
					named = append(named, lv)
				}
				continue
			}
			lw := l.canonicalize(words(lv))
			if len(lw) == 0 {
				continue
			}
			if len(lw) == 1 && !isContent(lw[0]) && !isContent(strings.ToLower(lv)) {
				// A one-letter level (M, F) is named only by its
				// everyday words (men, women), or right after a word of
				// its column's name ("mix A", "site C").
				if k := slices.IndexFunc(ws, func(p string) bool {
					// A bare "no" is grammar, not the level N: only beside
					// its column's name ("ALS unit no").
					return slices.Contains(l.levelSynonyms[lw[0]], p) && !inMention(slices.Index(ws, p)) && (!answerWords[p] || nextToName(ws, p, tokens(c.Name)))
				}); k >= 0 || isLetters(lw[0]) && afterName(ws, lw[0], tokens(c.Name)) {
					named = append(named, lv)
				}
				continue
			}
			if len(lw) == 1 && answerWords[lw[0]] {
				// A yes/no level is named only beside its column's name
				// ("no QC pass", "smoker yes"): a bare "no" is grammar.
				if nextToName(ws, lw[0], tokens(c.Name)) {
					named = append(named, lv)
				}
				continue
			}
			for _, lw := range l.levelPhrases(lv) {
				for k := 0; k+len(lw) <= len(ws); k++ {
					ok := true
					for j := range lw {
						// A level is named as itself or an inflection
						// ("automatics"), never by a prefix ("electricity" is
						// not electric), and not inside a column's name
						// ("sprint time" is not the level sprint).
						// A word of grammar names a level only as itself or
						// its plural, outside the words of an analysis: "in"
						// is not Ines, "after" is the level post (but not of
						// "post hoc").
						if !l.namesLevelWord(ws[k+j], lw[j]) || inMention(k+j) || l.stop[ws[k+j]] && (ws[k+j] != lw[j] && !pluralOf(ws[k+j], lw[j]) || inTerm(k+j)) {
							ok = false
							break
						}
					}
					if ok {
						named = append(named, lv)
						break
					}
				}
				if slices.Contains(named, lv) {
					break
				}
			}
		}
		if len(named) > 0 && len(named) < len(c.Levels) {
			// A code listed beside the levels named ("the 2.5, 5 and 7.5
			// mg dose groups") is named too.
			for _, lv := range c.Levels {
				if !isDigits(lv) || slices.Contains(named, lv) {
					continue
				}
				for k, w := range ws {
					if w == lv && !inMention(k) && (k > 0 && complementJoins[ws[k-1]] || k > 0 && ws[k-1] == "comma" || k+1 < len(ws) && (complementJoins[ws[k+1]] || ws[k+1] == "comma")) {
						named = append(named, lv)
						break
					}
				}
			}
		}
		// Every level named ("placebo vs active"), or one of two
		// ("smokers" of smoker yes/no): the levels name the group column.
		if len(named) == len(c.Levels) || len(named) > 0 && (len(c.Levels) == 2 || allGroupsAsked(ws, len(c.Levels))) {
			all = append(all, c.Name)
		}
		if len(named) > 0 && len(named) < len(c.Levels) && len(c.Levels) >= 3 && !allGroupsAsked(ws, len(c.Levels)) && !wholeGroupNamed(ws, c.Name, lowerAll(c.Levels), mentions) {
			return fmt.Sprintf("%s has %d groups (%s) and the analyses compare all of them; should the comparison include every group of %s?",
				c.Name, len(c.Levels), strings.Join(c.Levels, ", "), c.Name), nil
		}
	}
	return "", all
}

// listedOn reports whether the prompt writes a model out: a named column,
// "on", and columns listed after it with nothing but joining words between
// them, two or more, or one treated as a factor ("yield on nitrogen rate
// treated as a factor").
func listedOn(ws []string, mentions []Mention) bool {
	for k, m := range mentions {
		if m.End >= len(ws) || ws[m.End] != "on" {
			continue
		}
		at, n, factor := m.End+1, 0, false
		for _, p := range mentions[k+1:] {
			for at < p.Start && (connectors[ws[at]] || ws[at] == "the" || ws[at] == "a" || ws[at] == "an") {
				at++
			}
			if p.Start != at {
				break
			}
			n++
			factor = factor || p.Factor
			at = p.End
			for at < len(ws) && slices.Contains([]string{"treated", "treating", "as", "a", "factor", "categorical"}, ws[at]) {
				at++
			}
		}
		if n >= 2 || n == 1 && factor {
			return true
		}
	}
	return false
}

// levelPhrases returns the words of the level lv as the prompt may write
// them: "Click&Collect" is "click collect" or "click and collect".
func (l *lexicon) levelPhrases(lv string) [][]string {
	ps := [][]string{l.canonicalize(words(lv))}
	if strings.Contains(lv, "&") {
		ps = append(ps, l.canonicalize(words(strings.ReplaceAll(lv, "&", " and "))))
	}
	return ps
}

// dropInsideLevels drops a mention of one column that lies inside the
// words of a level of another, which the prompt names whole: "in-store"
// names the level In-store of Channel, not the column Store.
func (l *lexicon) dropInsideLevels(ws []string, mentions []Mention, s inferra.Schema, a Assessment) []Mention {
	for i, c := range s.Columns {
		if !a.Columns[i].Group {
			continue
		}
		for _, lv := range c.Levels {
			for _, lw := range l.levelPhrases(lv) {
				if len(lw) < 2 {
					continue
				}
				dropped := false
				for k := 0; k+len(lw) <= len(ws); k++ {
					if !slices.EqualFunc(ws[k:k+len(lw)], lw, func(p, w string) bool { return p == w || len(w) >= 3 && inflection(p, w) }) {
						continue
					}
					mentions = slices.DeleteFunc(mentions, func(m Mention) bool {
						return m.Start >= k && m.End <= k+len(lw) && m.End-m.Start < len(lw) && !slices.Contains(m.Columns, c.Name)
					})
					dropped = true
				}
				if dropped {
					break
				}
			}
		}
	}
	return mentions
}

// groupedBy returns the group column named right after "by", "across" or
// "per" when the prompt also names a measure, or "".
func groupedBy(ws []string, mentions []Mention, a Assessment) string {
	group, measure := "", false
	for _, m := range mentions {
		if len(m.Columns) != 1 {
			continue
		}
		c, _ := a.Column(m.Columns[0])
		switch {
		case c.Group && !c.Measure && m.Start > 0 && (ws[m.Start-1] == "by" || ws[m.Start-1] == "across" || ws[m.Start-1] == "per"):
			group = c.Name
		case c.Measure:
			measure = true
		}
	}
	if !measure {
		return ""
	}
	return group
}

// yearFilter returns a year the prompt places rows in ("issued in 2024",
// "since 2019") when no column holds it as a level or in its name, or "".
func yearFilter(ws []string, s inferra.Schema) string {
	for k := 1; k < len(ws); k++ {
		w := ws[k]
		y, err := strconv.Atoi(w)
		if len(w) != 4 || err != nil || y < 1900 || y > 2100 || !periodPrepositions[ws[k-1]] && ws[k-1] != "since" && ws[k-1] != "from" {
			continue
		}
		held := slices.ContainsFunc(s.Columns, func(c inferra.ColumnSchema) bool {
			// A column of years (1900 to 2100) holds the year too.
			return slices.Contains(c.Levels, w) || strings.Contains(c.Name, w) || c.Min != nil && c.Max != nil && *c.Min >= 1900 && *c.Max <= 2100
		})
		if !held {
			return "rows of " + w
		}
	}
	return ""
}

// filteredLevel returns a level of a group column that the prompt names
// right after a word that keeps some rows only ("only 2023 cases", "just
// the north site"), with its column, or "".
func filteredLevel(ws []string, s inferra.Schema, a Assessment, inMention func(int) bool) (string, string) {
	for k := 1; k < len(ws); k++ {
		j := k - 1
		if j > 0 && (ws[j] == "the" || ws[j] == "our") {
			j--
		}
		if !filterWords[ws[j]] || inMention(k) {
			continue
		}
		for i, c := range s.Columns {
			if !a.Columns[i].Group {
				continue
			}
			for _, lv := range c.Levels {
				if lw := words(lv); len(lw) == 1 && (len(lw[0]) >= 3 || isDigits(lw[0])) && inflection(ws[k], lw[0]) {
					return lv, c.Name
				}
			}
		}
	}
	return "", ""
}

// numberedGroups returns, for each group column whose levels are numbers,
// the levels the prompt names as numbers of their own (outside every
// column's name): "in 2023 than in 2022" names two levels of year. A
// column counts only when two or more of its levels are named, none of
// them a single digit (1, 2 and 3 are the codes of many columns), and no
// other column has the same levels named.
func numberedGroups(ws []string, s inferra.Schema, a Assessment, inMention func(int) bool) map[string][]string {
	out := map[string][]string{}
	seen := map[string]string{}
	for i, c := range s.Columns {
		if !a.Columns[i].Group || len(c.Levels) < 2 {
			continue
		}
		var named []string
		long, ranged := 0, 0
		for _, lv := range c.Levels {
			if !isDigits(lv) {
				continue
			}
			if k := slices.Index(ws, lv); k >= 0 && !inMention(k) || inRange(ws, lv) || dashRange(ws, lv, lowerAll(tokens(c.Name))) {
				named = append(named, lv)
				if len(lv) >= 2 {
					long++
				}
			}
			if inRange(ws, lv) || dashRange(ws, lv, lowerAll(tokens(c.Name))) {
				ranged++
			}
		}
		// Two numbers of two digits or more, or a range that spans every
		// level ("batches 1 to 6").
		if long < 2 && ranged < len(c.Levels) {
			continue
		}
		key := strings.Join(named, ",")
		if other, ok := seen[key]; ok {
			delete(out, other)
			continue
		}
		seen[key] = c.Name
		out[c.Name] = named
	}
	return out
}

// enumeratedFactors marks as factors the mentions of a column of numeric
// codes whose every level the prompt names as a number of its own
// ("temperature (25/30/37 C)", "blocks 1-4"): the numbers are groups, not
// points on a scale.
func enumeratedFactors(ws []string, mentions []Mention, s inferra.Schema, a Assessment) {
	inMention := func(i int) bool {
		return slices.ContainsFunc(mentions, func(m Mention) bool { return i >= m.Start && i < m.End })
	}
	for col, named := range numberedGroups(ws, s, a, inMention) {
		c, ok := s.Column(col)
		if !ok || len(named) != len(c.Levels) {
			continue
		}
		// A dash range after the name in the singular is a scale
		// ("confidence (1-5)"); in the plural it counts groups ("blocks
		// 1-4").
		name := lowerAll(tokens(col))
		scale := slices.ContainsFunc(named, func(lv string) bool {
			k := slices.Index(ws, lv)
			return !(k >= 0 && !inMention(k) || inRange(ws, lv)) && !pluralDashRange(ws, lv, name)
		})
		if scale {
			continue
		}
		for i := range mentions {
			if len(mentions[i].Columns) == 1 && mentions[i].Columns[0] == col {
				mentions[i].Factor = true
			}
		}
	}
}

// codedNamed reports whether the prompt names the groups of c, a column
// of codes, by the everyday words its name calls for: men or women for sex
// coded 1/2.
func (l *lexicon) codedNamed(ws []string, c inferra.ColumnSchema, inMention func(int) bool) bool {
	if !slices.ContainsFunc(c.Levels, isDigits) {
		return false
	}
	for _, t := range tokens(c.Name) {
		if gw := l.codedGroups[t]; gw != nil {
			for k, w := range ws {
				if gw[w] && !inMention(k) {
					return true
				}
			}
		}
	}
	return false
}

// inRange reports whether the number v lies in a range the prompt states
// between two numbers ("2019 to 2022", "from 10 through 40").
func inRange(ws []string, v string) bool {
	for k := 1; k+1 < len(ws); k++ {
		if rangeWords[ws[k]] && isDigits(ws[k-1]) && isDigits(ws[k+1]) && inNumberRange(ws[k-1], ws[k+1], v) {
			return true
		}
	}
	return false
}

// wholeGroupNamed reports whether the prompt names the group column col
// itself after a word that introduces a grouping ("across shifts",
// "within each material", "which cohorts"): every group is asked for,
// whatever levels the prompt also names.
func wholeGroupNamed(ws []string, col string, levels []string, mentions []Mention) bool {
	return slices.ContainsFunc(mentions, func(m Mention) bool {
		if len(m.Columns) != 1 || m.Columns[0] != col || m.Start == 0 {
			return false
		}
		if m.End < len(ws) && slices.Contains(levels, ws[m.End]) && (len(ws[m.End]) == 1 || isDigits(ws[m.End]) || !strings.HasSuffix(ws[m.End-1], "s")) {
			// "between block 1 and block 3" names levels, not the group;
			// "between consultants - Reid's variance" names the group.
			return false
		}
		before := ws[m.Start-1]
		// "which cohorts differ": the groups in the plural after which.
		plural := before == "which" && strings.HasSuffix(ws[m.End-1], "s")
		return groupCue[before] || rowCues[before] || plural
	})
}

// dashRange reports whether the code v lies in a range written with a dash
// right after a word of its column's name ("batches 1-4", "confidence
// (1-5)"), which the words read as two numbers side by side.
func dashRange(ws []string, v string, name []string) bool {
	return dashRangeAfter(ws, v, name, false)
}

// pluralDashRange is dashRange after a word of the name in the plural
// ("batches 1-4" for batch).
func pluralDashRange(ws []string, v string, name []string) bool {
	return dashRangeAfter(ws, v, name, true)
}

func dashRangeAfter(ws []string, v string, name []string, plural bool) bool {
	for k := 1; k+1 < len(ws); k++ {
		if !isDigits(ws[k]) || !isDigits(ws[k+1]) || !wordOfName(ws[k-1], name) || !inNumberRange(ws[k], ws[k+1], v) {
			continue
		}
		if !plural || !slices.Contains(name, ws[k-1]) && strings.HasSuffix(ws[k-1], "s") {
			return true
		}
	}
	return false
}

// inNumberRange reports whether the number v lies from lo to hi, lo below
// hi.
func inNumberRange(lo, hi, v string) bool {
	l, err1 := strconv.ParseFloat(lo, 64)
	h, err2 := strconv.ParseFloat(hi, 64)
	x, err3 := strconv.ParseFloat(v, 64)
	return err1 == nil && err2 == nil && err3 == nil && l < h && l <= x && x <= h
}

// wordOfName reports whether the prompt word w is a word of a column's
// name (three letters or more), or an inflection of one: "shifts" for
// Shift.
func wordOfName(w string, name []string) bool {
	return slices.ContainsFunc(name, func(t string) bool { return len(t) >= 3 && inflection(w, t) })
}

// lowerAll returns ss in lower case, as prompt words are.
func lowerAll(ss []string) []string {
	out := make([]string, len(ss))
	for i, s := range ss {
		out[i] = strings.ToLower(s)
	}
	return out
}

// afterName reports whether the one-letter level v stands right after a
// word of its column's name, or in the list of letters there: "mix A" for
// the level A of mix_design, "grade (A/B/C)".
func afterName(ws []string, v string, name []string) bool {
	for k := 1; k < len(ws); k++ {
		if !wordOfName(ws[k-1], name) {
			continue
		}
		// The letters listed after the name: "grade (A/B/C)", "mix A or B",
		// or a range of them: "divisions A to D".
		for j := k; j < len(ws) && (len(ws[j]) == 1 || complementJoins[ws[j]] || rangeWords[ws[j]] || ws[j] == "comma"); j++ {
			if ws[j] == v {
				return true
			}
			if rangeWords[ws[j]] && j > k && j+1 < len(ws) && len(ws[j-1]) == 1 && len(ws[j+1]) == 1 && len(v) == 1 && ws[j-1] < v && v < ws[j+1] {
				return true
			}
		}
	}
	return false
}

// missingQuantity returns a compound whose head is a quantity no column
// has, after a word that names no column ("a picker's body weight") or
// only columns of other quantities ("the nozzle diameter" with
// nozzle_temp_C): the compound names a variable the data lacks. After a
// word that names a column of no stated quantity ("wall thickness" with
// Wall_mm) the quantity is that column's. names are the columns' own
// words, as the mentions stage read them.
func (l *lexicon) missingQuantity(ws []string, names []columnWords, a Assessment) string {
	for i := 1; i < len(ws); i++ {
		w, prev := ws[i], ws[i-1]
		if !quantityNouns[w] {
			continue
		}
		if !isContent(prev) || l.stop[prev] || functionWords[prev] || l.implied[prev] != nil || prepositions[prev] || connectors[prev] {
			continue
		}
		if !namesColumn(w, names, a) && !namesColumn(prev, names, a) {
			// "body weight": neither word names a column.
			return prev + " " + w
		}
		// "nozzle diameter", "spindle temperature": the first word names
		// columns that each measure another quantity, by a word of their
		// name or their unit (nozzle_temp_C is a temperature, spindle.rpm
		// a speed).
		other, any := true, false
		for _, cw := range names {
			if !slices.ContainsFunc(cw.words, func(x string) bool { return !cw.implied[x] && sameWordSpelled(prev, x) }) {
				continue
			}
			any = true
			if slices.ContainsFunc(cw.words, func(x string) bool { return sameWordSpelled(w, x) }) ||
				!slices.ContainsFunc(cw.words, func(x string) bool { return quantityNouns[x] || cw.implied[x] }) {
				other = false
			}
		}
		if any && other {
			return prev + " " + w
		}
	}
	return ""
}

// missingAttribute returns "N K" where a word that names part of one
// column's name is followed by a word N that no column has and a kind
// noun K: "the rider's saddle type" with Rider Weight (kg) asks about
// saddles, which the data lacks; or "A N" where the word A names part of a
// column of categories and N is a noun of quality no column has ("paste
// viscosity" with paste_supplier); else "".
func (l *lexicon) missingAttribute(ws []string, mentions []Mention, a Assessment, vocab map[string]bool) string {
	for _, m := range mentions {
		i := m.End
		if i < len(ws) && ws[i] == "s" {
			i++ // the possessive
		}
		if m.score >= 1 || m.End != m.Start+1 || len(m.Columns) != 1 || i >= len(ws) || !l.unknownTerm(ws[i], true, a, vocab) {
			continue
		}
		if slices.ContainsFunc(mentions, func(o Mention) bool { return i >= o.Start && i < o.End }) {
			continue
		}
		if i+1 < len(ws) && kindNouns[ws[i+1]] {
			return ws[i] + " " + ws[i+1]
		}
		// A noun of quality after a word of a column of categories
		// ("paste viscosity" with paste_supplier): groups have no
		// viscosity.
		if c, _ := a.Column(m.Columns[0]); c.Group && !c.Measure && len(ws[i]) >= 7 && strings.HasSuffix(ws[i], "ity") {
			return ws[m.Start] + " " + ws[i]
		}
	}
	return ""
}

// namesColumn reports whether w may name a column: a word of its name, or
// of a level's, spelled right (weight is no typo of height here).
func namesColumn(w string, names []columnWords, a Assessment) bool {
	return a.namesLevel(w) || slices.ContainsFunc(names, func(c columnWords) bool {
		return slices.ContainsFunc(c.words, func(cw string) bool { return sameWordSpelled(w, cw) })
	})
}

// inNames reports whether every place where the prompt writes the number
// num lies inside a mention of a column.
func inNames(ws []string, num string, mentions []Mention) bool {
	found := false
	for i, w := range ws {
		if w != num {
			continue
		}
		found = true
		if !slices.ContainsFunc(mentions, func(m Mention) bool { return i >= m.Start && i < m.End }) {
			return false
		}
	}
	return found
}

// pairNamed returns the paired layout whose two columns the mentions
// name, together ("strength" for str_7d_MPa and str_28d_MPa) or apart.
func (a Assessment) pairNamed(mentions []Mention) (Pair, bool) {
	for _, p := range a.Pairs {
		x := slices.ContainsFunc(mentions, func(m Mention) bool { return slices.Contains(m.Columns, p.X) })
		y := slices.ContainsFunc(mentions, func(m Mention) bool { return slices.Contains(m.Columns, p.Y) })
		if x && y {
			return p, true
		}
	}
	return Pair{}, false
}

// nextToName reports whether the level word v stands right before or
// after a word of its column's name.
func nextToName(ws []string, v string, name []string) bool {
	for k, w := range ws {
		if w != v {
			continue
		}
		for _, d := range []int{k - 1, k + 1} {
			if d >= 0 && d < len(ws) && wordOfName(ws[d], name) {
				return true
			}
		}
	}
	return false
}

// namesLevelWord reports whether prompt word p names the level word w:
// itself, an inflection, a spelling variant, or a word the vocabulary
// gives for it (men for m or male).
func (l *lexicon) namesLevelWord(p, w string) bool {
	if inflection(p, w) || len(w) >= 6 && editOne(p, w) {
		return true
	}
	for _, syn := range l.levelSynonyms[w] {
		if p == syn {
			return true
		}
	}
	return false
}

// allGroupsAsked reports whether the prompt asks for every group: "all",
// "every", or the number of levels ("the four event groups").
func allGroupsAsked(ws []string, levels int) bool {
	for _, w := range ws {
		if w == "all" || w == "every" || numberWordValues[w] == strconv.Itoa(levels) {
			return true
		}
	}
	return false
}

// labelNamed reports whether the words of a level's label stand together in
// the prompt, outside any column's name.
func labelNamed(ws, lw []string, inMention func(int) bool) bool {
	if len(lw) == 0 {
		return false
	}
	for k := 0; k+len(lw) <= len(ws); k++ {
		ok := true
		for j := range lw {
			if !inflection(ws[k+j], lw[j]) || inMention(k+j) {
				ok = false
				break
			}
		}
		if ok {
			return true
		}
	}
	return false
}
