package decision

import (
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"
	"unicode"

	"github.com/inferra/inferra"
)

// Assessment is what the rule engine can do with a dataset's columns: the
// role each column may play and the paired layouts among them.
type Assessment struct {
	// Rows is the number of rows in the dataset.
	Rows int `json:"rows"`
	// Columns are in dataset order.
	Columns []ColumnRole `json:"columns"`
	// Pairs are the paired layouts found, in the order of their first
	// column.
	Pairs []Pair `json:"pairs,omitempty"`

	// levelWords are the words of the levels of the group columns: a
	// prompt word among them names a group, not a missing column.
	levelWords map[string]bool
	// index finds a column by name.
	index map[string]int
	// levelWordsOf are the level words of each group column.
	levelWordsOf map[string]map[string]bool
	// namedPairs are two measures whose names differ in one word
	// (newts_spring, newts_autumn): a paired layout when the prompt
	// names both words (see withNamedPairs).
	namedPairs []namedPair
	// rowWords are the words of the identifiers' names, and of the names
	// that number a unit of several rows (Sprint #, spk.id), other than
	// the identifier word itself (tree_id: tree): they name the rows
	// ("fruit count per tree", "in each sprint"), never a variable the
	// data lacks.
	rowWords map[string]bool
}

// allNameRows reports whether every word of ws names the rows
// (namesRows): "sprint" of Sprint #, "each sprint".
func (a Assessment) allNameRows(ws []string) bool {
	return len(ws) > 0 && !slices.ContainsFunc(ws, func(w string) bool { return !a.namesRows(w) })
}

// namesRows reports whether prompt word w is, or inflects, a word of an
// identifier's name.
func (a Assessment) namesRows(w string) bool {
	for rw := range a.rowWords {
		if rw == w || len(rw) >= 3 && inflection(w, rw) {
			return true
		}
	}
	return false
}

// namedPair is two measures on one scale whose names differ in one word.
type namedPair struct {
	x, y   string // in dataset order
	wx, wy string // the words that differ
	scale  string
}

// levelsOf reports whether prompt word w names a level of column col.
func (a Assessment) levelsOf(col, w string) bool {
	for lw := range a.levelWordsOf[col] {
		if lw == w || len(lw) >= 3 && inflection(w, lw) {
			return true
		}
	}
	return false
}

// ColumnRole is the part one column may play in an analysis.
type ColumnRole struct {
	Name string       `json:"name"`
	Kind inferra.Kind `json:"kind"`
	// Levels is the number of distinct values that are not missing.
	Levels int `json:"levels"`
	// IntegerCoded marks a numeric column of 2 to 10 distinct integers.
	IntegerCoded bool `json:"integer_coded,omitempty"`
	// Group: categorical or boolean with 2 to 20 levels, or integer-coded
	// numeric with 2 to 10 values not all distinct, so it can split rows
	// into groups.
	Group bool `json:"candidate_group"`
	// Measure: numeric and neither an identifier nor integer codes of 3 or
	// fewer values, so it can be averaged, correlated, plotted.
	Measure bool `json:"candidate_measure"`
	// Identifier: a row id, left out of everything.
	Identifier bool `json:"identifier"`
	// Description is what the dataset's dictionary says the column
	// measures, if anything.
	Description string `json:"description,omitempty"`
}

// hasKind reports whether k is among c.Kinds(), without building the
// slice.
func (c ColumnRole) hasKind(k string) bool {
	switch k {
	case KindNumeric:
		return c.Measure
	case KindIntegerCoded:
		return c.Group && c.Kind == inferra.Numeric
	case KindCategorical:
		return c.Group && c.Kind == inferra.Categorical
	case KindBoolean:
		return c.Group && c.Kind == inferra.Boolean
	}
	return false
}

// Kinds returns the rule kinds (the Kind… constants) the column can fill:
// KindNumeric when it is a measure, KindIntegerCoded when it is an
// integer-coded group, KindCategorical or KindBoolean when it is a
// non-numeric group. An identifier has none.
func (c ColumnRole) Kinds() []string {
	var kinds []string
	if c.Measure {
		kinds = append(kinds, KindNumeric)
	}
	if c.Group {
		switch c.Kind {
		case inferra.Numeric:
			kinds = append(kinds, KindIntegerCoded)
		case inferra.Categorical:
			kinds = append(kinds, KindCategorical)
		case inferra.Boolean:
			kinds = append(kinds, KindBoolean)
		}
	}
	return kinds
}

// Pair is two measures that look like repeated measurements of the same
// quantity on the same subjects, such as weight_before and weight_after.
type Pair struct {
	// X is the first measurement (before, pre, 1, baseline, left), Y the
	// second.
	X string `json:"x"`
	Y string `json:"y"`
	// Reason says why the columns were paired.
	Reason string `json:"reason"`
}

// Column returns the role of the named column.
func (a Assessment) Column(name string) (ColumnRole, bool) {
	if i, ok := a.index[name]; ok {
		return a.Columns[i], true
	}
	if a.index != nil {
		return ColumnRole{}, false
	}
	for _, c := range a.Columns {
		if c.Name == name {
			return c, true
		}
	}
	return ColumnRole{}, false
}

// Groups returns the names of the candidate group columns.
func (a Assessment) Groups() []string {
	var names []string
	for _, c := range a.Columns {
		if c.Group {
			names = append(names, c.Name)
		}
	}
	return names
}

// Measures returns the names of the candidate measure columns.
func (a Assessment) Measures() []string {
	var names []string
	for _, c := range a.Columns {
		if c.Measure {
			names = append(names, c.Name)
		}
	}
	return names
}

// Limits of a candidate group.
const (
	maxGroupLevels = 20 // categorical and boolean
	maxCodeLevels  = 10 // integer-coded numeric
	// maxSettings is the most distinct values of a numeric column that is
	// not integer-coded for it to be a group of settings (doses, layer
	// heights), each value on four rows or more.
	maxSettings = 6
	// minMeasureCodes is the fewest distinct integer codes a column must
	// have to count as a measure too (a 1-5 rating, not a 0/1 flag).
	minMeasureCodes = 4
	// maxScaleRatio is how far apart the means of a pair may be.
	maxScaleRatio = 3
)

// Assess says which columns of s may serve as groups, measures or neither,
// and finds paired layouts among the measures.
//
// inferra.Schema marks as an identifier any column whose values are all
// distinct integers or labels. For a numeric column in a small sample that
// is as likely a measure (eight distinct ages, doses 10, 20, … 80), so
// Assess keeps it as an identifier only when its name says so (id, key,
// index, subject…): a measurement's name beats the look of its values.
func Assess(s inferra.Schema) Assessment {
	return assess(s, defaultLexicon())
}

// assess is Assess with the vocabulary of a rule set.
func assess(s inferra.Schema, l *lexicon) Assessment {
	a := Assessment{Rows: s.Rows, Columns: make([]ColumnRole, len(s.Columns))}
	for i, c := range s.Columns {
		r := ColumnRole{Name: c.Name, Kind: c.Kind, Levels: c.Distinct, IntegerCoded: c.IntegerCoded, Description: c.Description}
		r.Identifier = l.isIdentifier(c)
		if !r.Identifier {
			switch c.Kind {
			case inferra.Categorical, inferra.Boolean:
				r.Group = c.Distinct >= 2 && c.Distinct <= maxGroupLevels
			case inferra.Numeric:
				// Codes that are all distinct (eight ages in eight rows)
				// make groups of one.
				// A few settings, each on many rows (doses of 2.5, 5 and
				// 7.5 mg; layer heights), are groups too.
				settings := c.Distinct <= maxSettings && c.Count >= 4*c.Distinct
				r.Group = (c.IntegerCoded || settings) && c.Distinct >= 2 && c.Distinct <= maxCodeLevels && c.Distinct < c.Count
				r.Measure = c.Count > 0 && !(c.IntegerCoded && c.Distinct < minMeasureCodes)
			}
		}
		a.Columns[i] = r
		if r.Identifier || l.info(c.Name).idLike {
			// An identifier, or a number of a unit that has several rows
			// (Sprint #, spk.id): its entity's word names rows.
			for _, w := range words(c.Name) {
				if len(w) >= 3 && isContent(w) && !l.idWords[w] && !l.stop[w] {
					if a.rowWords == nil {
						a.rowWords = map[string]bool{}
					}
					a.rowWords[w] = true
				}
			}
		}
	}
	a.Pairs = l.findPairs(s, a.Columns)
	a.namedPairs = l.findNamedPairs(s, a.Columns, a.Pairs)
	a.index = make(map[string]int, len(a.Columns))
	for i, c := range a.Columns {
		a.index[c.Name] = i
	}
	a.levelWords = map[string]bool{}
	for i, c := range s.Columns {
		if !a.Columns[i].Group {
			continue
		}
		if c.Kind != inferra.Numeric {
			for _, lv := range c.Levels {
				for _, w := range words(lv) {
					a.levelWords[w] = true
					if a.levelWordsOf == nil {
						a.levelWordsOf = map[string]map[string]bool{}
					}
					if a.levelWordsOf[c.Name] == nil {
						a.levelWordsOf[c.Name] = map[string]bool{}
					}
					a.levelWordsOf[c.Name][w] = true
				}
			}
		}
		// The dictionary's labels name levels too (am: 1 = manual).
		for _, lab := range c.LevelLabels {
			for _, w := range words(lab) {
				a.levelWords[w] = true
			}
		}
	}
	return a
}

func (l *lexicon) isIdentifier(c inferra.ColumnSchema) bool {
	if !c.Identifier {
		// A few repeated rows do not make row numbers a measure:
		// RowNumber running 1 to 10,000 over 10,002 rows.
		return c.Kind == inferra.Numeric && l.info(c.Name).idLike && consecutive(c) && float64(c.Distinct) >= 0.98*float64(c.Count)
	}
	// A number is an identifier only when its name says so, or when it
	// numbers the rows 1 to n (Episode, Swimmer): dose, age or year with
	// distinct, evenly spaced values are measurements.
	return c.Kind != inferra.Numeric || l.info(c.Name).idLike || numbersRows(c) && !l.hasUnit(c.Name)
}

// consecutive reports whether a column's distinct values could be the
// integers from its minimum to its maximum.
func consecutive(c inferra.ColumnSchema) bool {
	if c.Min == nil || c.Max == nil || c.Distinct < 3 {
		return false
	}
	lo, hi := *c.Min, *c.Max
	return lo == math.Trunc(lo) && hi == math.Trunc(hi) && hi-lo+1 == float64(c.Distinct)
}

// numbersRows reports whether a column's distinct integers run from 1 (or
// 0) to its count, as row numbers do.
func numbersRows(c inferra.ColumnSchema) bool {
	if c.Min == nil || c.Max == nil || c.Count < 3 {
		return false
	}
	n := float64(c.Count)
	return *c.Min == 1 && *c.Max == n || *c.Min == 0 && *c.Max == n-1
}

// hasUnit reports whether a column's name holds a unit word (dose_mg).
func (l *lexicon) hasUnit(name string) bool {
	return slices.ContainsFunc(tokens(name), func(t string) bool { return l.units[t] })
}

// marked is a measure column read as stem + marker.
type marked struct {
	col    int
	stem   string
	marker string
}

// splitMarker reads a column name as a stem and a marker at its start or
// end, such as weight_before, pre_score, score2, t1_score or
// score_follow_up.
func (l *lexicon) splitMarker(name string) (stem, marker string, ok bool) {
	toks := tokens(name)
	// "follow up" and "follow-up" are one word.
	for i := 0; i+1 < len(toks); i++ {
		if toks[i] == "follow" && toks[i+1] == "up" {
			toks = append(toks[:i], append([]string{"followup"}, toks[i+2:]...)...)
		}
	}
	// Units at the end say nothing of the occasion: hop_L_cm is hop, L.
	for len(toks) > 1 && l.units[toks[len(toks)-1]] {
		toks = toks[:len(toks)-1]
	}
	if len(toks) == 0 {
		return "", "", false
	}
	// A numbered occasion: kWh_2022, sleep_h_wk8, score_t1. The marker is
	// the number; the letters before it belong to the stem.
	if last := toks[len(toks)-1]; len(toks) > 1 {
		// A number may carry a short unit after it: PDC_12m, bp_6mo.
		unit := len(last)
		for unit > 0 && last[unit-1] >= 'a' && last[unit-1] <= 'z' && len(last)-unit < 2 {
			unit--
		}
		if unit == len(last) || unit == 0 || last[unit-1] < '0' || last[unit-1] > '9' {
			unit = len(last)
		}
		i := unit
		for i > 0 && last[i-1] >= '0' && last[i-1] <= '9' {
			i--
		}
		if i < unit && !l.isMarker(last) {
			stem := append(slices.Clone(toks[:len(toks)-1]), last[:i])
			return strings.Join(stem, "_"), "#" + last[i:unit], true
		}
	}
	// A marker glued to the front of a word: pretest, posttest, preop.
	for i, t := range toks {
		for _, m := range []string{"pre", "post"} {
			if rest, ok := strings.CutPrefix(t, m); ok && len(rest) >= 3 && l.isMarker(m) {
				stem := slices.Clone(toks)
				stem[i] = rest
				return strings.Join(stem, "_"), m, true
			}
		}
	}
	isMarker := l.isMarker
	last := toks[len(toks)-1]
	switch {
	case isMarker(last):
		return strings.Join(toks[:len(toks)-1], "_"), last, true
	case isMarker(toks[0]):
		return strings.Join(toks[1:], "_"), toks[0], true
	}
	// A trailing 1 or 2 glued to a word: score1, score2 (but not t1, t2,
	// nor x1, x2, which are more often two different predictors).
	if n := len(last); n > 3 && (last[n-1] == '1' || last[n-1] == '2') && !unicode.IsDigit(rune(last[n-2])) {
		stem := append(append([]string{}, toks[:len(toks)-1]...), last[:n-1])
		return strings.Join(stem, "_"), last[n-1:], true
	}
	return "", "", false
}

func (l *lexicon) findPairs(s inferra.Schema, roles []ColumnRole) []Pair {
	var ms []marked
	for i, r := range roles {
		if !r.Measure {
			continue
		}
		if ni := l.info(r.Name); ni.marked {
			ms = append(ms, marked{i, ni.stem, ni.marker})
		}
	}
	var pairs []Pair
	used := make(map[int]bool)
	for i, a := range ms {
		for _, b := range ms[i+1:] {
			_, numbered := occasion(a.marker)
			if !sameQuantity(a, b) || !numbered && (used[a.col] || used[b.col]) {
				// Numbered occasions (wk0, wk4, wk8) pair every two;
				// named markers pair once.
				continue
			}
			first, second, ok := l.ordered(a, b)
			if !ok {
				continue
			}
			x, y := s.Columns[first.col], s.Columns[second.col]
			scale, ok := sameScale(x, y)
			if !ok {
				continue
			}
			used[a.col], used[b.col] = true, true
			stem := ""
			if a.stem != "" {
				stem = fmt.Sprintf(" of %q", a.stem)
			}
			pairs = append(pairs, Pair{X: x.Name, Y: y.Name,
				Reason: fmt.Sprintf("%s/%s%s; %s", strings.TrimPrefix(first.marker, "#"), strings.TrimPrefix(second.marker, "#"), stem, scale)})
		}
	}
	return pairs
}

// sameQuantity reports whether two marked columns measure one quantity: the
// same stem, or a baseline and a numbered occasion whose stem ends in the
// period's letters (cpd_baseline and cpd_wk12: cpd and cpd_wk).
func sameQuantity(a, b marked) bool {
	if a.stem == b.stem {
		return true
	}
	_, na := occasion(a.marker)
	_, nb := occasion(b.marker)
	switch {
	case baselineWords[a.marker] && nb:
		return periodStem(b.stem) == a.stem
	case baselineWords[b.marker] && na:
		return periodStem(a.stem) == b.stem
	}
	return false
}

// periodStem drops the letters that name a numbered occasion's period
// from the end of its stem: cpd_wk → cpd, CO_ppm_month → CO_ppm.
func periodStem(stem string) string {
	i := strings.LastIndexByte(stem, '_')
	if i < 0 {
		return stem
	}
	last := stem[i+1:]
	if len(last) == 0 || len(last) > 5 || !isLetters(last) {
		return stem
	}
	return stem[:i]
}

// findNamedPairs returns the measures, not already paired, whose names
// are the same words but one word of letters (units aside), on the same
// scale, such as newts_spring and newts_autumn. Columns are grouped by
// their name with one word masked, so a wide schema costs no more than its
// names, and the groups are memoized by the measures' names.
func (l *lexicon) findNamedPairs(s inferra.Schema, roles []ColumnRole, pairs []Pair) []namedPair {
	paired := map[string]bool{}
	for _, p := range pairs {
		paired[p.X], paired[p.Y] = true, true
	}
	var cols []int
	var key strings.Builder
	for i, r := range roles {
		if r.Measure && !paired[r.Name] {
			cols = append(cols, i)
			key.WriteString(r.Name)
			key.WriteByte(0)
		}
	}
	var cands []namedPair
	if v, ok := l.pairWords.Load(key.String()); ok {
		cands = v.([]namedPair)
	} else {
		cands = l.pairsByWords(s, cols)
		if l.pairWordCount.Add(1) <= maxNames {
			l.pairWords.Store(key.String(), cands)
		}
	}
	var out []namedPair
	for _, p := range cands {
		x, _ := s.Column(p.x)
		y, _ := s.Column(p.y)
		if scale, ok := sameScale(x, y); ok {
			p.scale = scale
			out = append(out, p)
		}
	}
	return out
}

// pairsByWords returns the columns among cols, two at a time, whose names
// are the same but one word of letters, in groups of two to four such
// columns (RT_congruent, RT_neutral, RT_incongruent).
func (l *lexicon) pairsByWords(s inferra.Schema, cols []int) []namedPair {
	type slot struct {
		col  int
		word string
	}
	groups := map[string][]slot{}
	var keys []string
	for _, i := range cols {
		toks := l.info(s.Columns[i].Name).words
		if len(toks) < 2 {
			continue
		}
		for k, t := range toks {
			if !isLetters(t) || len(t) < 2 {
				continue
			}
			masked := slices.Clone(toks)
			masked[k] = "*"
			key := strings.Join(masked, " ")
			if _, ok := groups[key]; !ok {
				keys = append(keys, key)
			}
			groups[key] = append(groups[key], slot{i, t})
		}
	}
	var out []namedPair
	for _, key := range keys {
		g := groups[key]
		if len(g) < 2 || len(g) > 4 {
			// Alone, or one of many (measure_a … measure_z) that no two
			// words of a prompt single out.
			continue
		}
		for i, a := range g {
			for _, b := range g[i+1:] {
				out = append(out, namedPair{x: s.Columns[a.col].Name, y: s.Columns[b.col].Name, wx: a.word, wy: b.word})
			}
		}
	}
	return out
}

// withNamedPairs returns a with the named pairs whose two words the prompt
// names ("weighed in spring and again in autumn" for spring_wt_kg and
// autumn_wt_kg) added to its paired layouts, unless a word is a level of
// a group column (then the prompt speaks of that group). A word is named
// as itself, an inflection, or the start of a longer word ("upstream" for
// up).
func (a Assessment) withNamedPairs(ws []string) Assessment {
	if len(a.namedPairs) == 0 {
		return a
	}
	forms := make(map[string]bool, 2*len(ws))
	for _, w := range ws {
		forms[w], forms[stem(w)] = true, true
	}
	names := func(w string) bool {
		if forms[w] || forms[stem(w)] {
			return true
		}
		return slices.ContainsFunc(ws, func(pw string) bool { return len(pw) > len(w)+3 && strings.HasPrefix(pw, w) })
	}
	added := false
	for _, p := range a.namedPairs {
		if a.levelWords[p.wx] || a.levelWords[p.wy] || !names(p.wx) || !names(p.wy) {
			continue
		}
		if !added {
			a.Pairs = slices.Clone(a.Pairs)
			added = true
		}
		a.Pairs = append(a.Pairs, Pair{X: p.x, Y: p.y, Reason: fmt.Sprintf("%s/%s, both named; %s", p.wx, p.wy, p.scale)})
	}
	return a
}

// ordered returns a and b as (first, second) when their markers are the
// two halves of one marker pair.
func (l *lexicon) ordered(a, b marked) (first, second marked, ok bool) {
	// A baseline and a numbered or later occasion: cpd_baseline and
	// cpd_wk12, CO_baseline and CO_final.
	_, na := occasion(a.marker)
	_, nb := occasion(b.marker)
	switch {
	case baselineWords[a.marker] && (nb || laterWords[b.marker]):
		return a, b, true
	case baselineWords[b.marker] && (na || laterWords[a.marker]):
		return b, a, true
	}
	// Numbered occasions are in the order of their numbers.
	if na, ok := occasion(a.marker); ok {
		if nb, ok := occasion(b.marker); ok && na != nb {
			if na < nb {
				return a, b, true
			}
			return b, a, true
		}
		return a, b, false
	}
	for _, m := range l.markers {
		switch {
		case a.marker == m[0] && b.marker == m[1]:
			return a, b, true
		case a.marker == m[1] && b.marker == m[0]:
			return b, a, true
		}
	}
	return a, b, false
}

// sameScale reports whether two measures are on one scale: means of the
// same sign within a factor of maxScaleRatio, and not one integer-valued and
// the other not. It returns a description for the reason.
func sameScale(x, y inferra.ColumnSchema) (string, bool) {
	if x.Mean == nil || y.Mean == nil {
		return "", false
	}
	mx, my := *x.Mean, *y.Mean
	lo, hi := math.Min(math.Abs(mx), math.Abs(my)), math.Max(math.Abs(mx), math.Abs(my))
	switch {
	case mx == 0 && my == 0:
	case mx*my <= 0, hi > maxScaleRatio*lo:
		return "", false
	}
	ix, iy := integerValued(x), integerValued(y)
	if ix != unknown && iy != unknown && ix != iy {
		return "", false
	}
	return fmt.Sprintf("means %s and %s are on the same scale", fmtNum(mx), fmtNum(my)), true
}

type tristate int

const (
	unknown tristate = iota
	yes
	no
)

// integerValued says whether a numeric column holds only integers, as far as
// its schema tells: a non-integer minimum, maximum or listed level means no;
// levels listed in full and all integers mean yes; otherwise it is unknown.
func integerValued(c inferra.ColumnSchema) tristate {
	for _, p := range []*float64{c.Min, c.Max} {
		if p != nil && *p != math.Trunc(*p) {
			return no
		}
	}
	if len(c.Levels) == 0 || len(c.Levels) != c.Distinct {
		return unknown
	}
	for _, l := range c.Levels {
		v, err := strconv.ParseFloat(l, 64)
		if err != nil || v != math.Trunc(v) {
			return no
		}
	}
	return yes
}

func fmtNum(v float64) string {
	return strconv.FormatFloat(v, 'g', 4, 64)
}

// occasion returns the number of a numbered marker (#8 for wk8).
func occasion(marker string) (float64, bool) {
	n, ok := strings.CutPrefix(marker, "#")
	if !ok {
		return 0, false
	}
	v, err := strconv.ParseFloat(n, 64)
	return v, err == nil
}
