package decision

import (
	"github.com/inferra/inferra"
	"slices"
	"strings"
	"unicode"
)

// Mention is a place in a prompt that names a column: one column when the
// words pick it out, several when they fit each equally well.
type Mention struct {
	// Columns are the columns the words may name, in dataset order.
	Columns []string
	// Text is the prompt's words that name the column(s).
	Text string
	// Start and End are the word positions [Start, End) in the prompt.
	Start, End int
	// Factor is set when the prompt asks to treat the column as a factor
	// ("treating dose as a factor", "bedrooms as a categorical variable").
	Factor bool
	// Log is set when the prompt asks for the logarithm ("log GDP").
	Log bool
	// Identifier is set when the column is an identifier, which may not be
	// used as a variable.
	Identifier bool

	score float64
}

// Ambiguous reports whether the mention fits more than one column.
func (m Mention) Ambiguous() bool { return len(m.Columns) > 1 }

// words splits text into lower-case words at anything that is not a letter
// or digit, and between letters and digits: "SpO2" → [spo 2],
// "pm2.5" → [pm 25].
func words(text string) []string {
	text = strings.ToLower(text)
	text = strings.ReplaceAll(text, "pm2.5", "pm25")
	text = strings.ReplaceAll(text, "~", " tilde ")
	text = strings.ReplaceAll(text, "%", " percent ")
	text = strings.ReplaceAll(text, "+", " plus ")
	// A comma separates the items of a list: "weight, horsepower and
	// cylinders" are three variables.
	text = strings.ReplaceAll(text, ",", " comma ")
	var out []string
	var cur []rune
	flush := func() {
		if len(cur) > 0 {
			out = append(out, string(cur))
			cur = cur[:0]
		}
	}
	for _, r := range text {
		switch {
		case !unicode.IsLetter(r) && !unicode.IsDigit(r):
			flush()
		case len(cur) > 0 && unicode.IsDigit(r) != unicode.IsDigit(cur[len(cur)-1]):
			flush()
			cur = append(cur, r)
		default:
			cur = append(cur, r)
		}
	}
	flush()
	return out
}

func equalFold(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] && !(len(b[i]) >= 6 && editOne(a[i], b[i])) {
			return false
		}
	}
	return true
}

// minor words carry no meaning on their own: a span of them names nothing.
var minor = map[string]bool{
	"of": true, "per": true, "the": true, "a": true, "an": true, "and": true, "in": true, "to": true,
	"rate": true, "level": true, "levels": true, "time": true, "times": true, "score": true, "scores": true,
	"kg": true, "mm": true, "cm": true, "mg": true, "km": true, "pct": true, "k": true, "q": true,
	"before": true, "after": true, "id": true,
}

// connectors separate two names; a name never spans one.
var connectors = map[string]bool{"comma": true, "versus": true, "vs": true, "against": true, "and": true, "or": true, "with": true,
	"by": true, "on": true, "from": true, "over": true, "between": true, "than": true, "to": true, "tilde": true, "plus": true}

// unit words in a column name may be left out of the prompt.
var unitWords = map[string]bool{"kg": true, "mm": true, "cm": true, "mg": true, "km": true, "pct": true, "k": true,
	"min": true, "mins": true, "sec": true, "secs": true, "ms": true, "s": true, "h": true, "hrs": true, "g": true, "lb": true, "lbs": true,
	"m": true, "ft": true, "usd": true, "eur": true, "gbp": true}

func isContent(w string) bool {
	if minor[w] {
		return false
	}
	for _, r := range w {
		if !unicode.IsDigit(r) {
			return len(w) > 1
		}
	}
	return false
}

// sameWord reports whether prompt word p may stand for column word c:
// equal, a plural, an abbreviation (one a prefix of the other, of at least
// 4 letters) or, for long words, one typo.
func sameWord(p, c string) bool {
	if p == "" || c == "" {
		return false
	}
	if p[0] != c[0] {
		// Only a typo may change the first letter.
		return len(c) >= 6 && editOne(p, c) || len(c) == 5 && len(p) == 5 && transposed(p, c)
	}
	switch {
	case p == c:
		return true
	case pluralOf(p, c), pluralOf(c, p):
		return true
	case strings.HasSuffix(p, "ies") && strings.HasSuffix(c, "y") && p[:len(p)-3] == c[:len(c)-1]:
		return true
	case len(c) >= 4 && strings.HasPrefix(p, c) && !unicode.IsDigit(rune(c[0])):
		return true
	case len(p) >= 4 && strings.HasPrefix(c, p) && isContent(p) && !unicode.IsDigit(rune(p[0])):
		return true
	case len(c) >= 6 && editOne(p, c), len(c) == 5 && len(p) == 5 && transposed(p, c):
		return true
	case abbreviates(c, p):
		return true
	}
	sp, sc := stem(p), stem(c)
	switch {
	case len(sp) >= 4 && sp == sc, len(c) >= 5 && sp == sc:
		return true
	case len(c) >= 5 && (hasVariant(p) || hasVariant(c)) && spellingKey(p) == spellingKey(c):
		return true
	}
	return false
}

// hasVariant reports whether w has a spelling that spellingKey folds.
func hasVariant(w string) bool {
	return strings.Contains(w, "our") || strings.Contains(w, "ise") || strings.Contains(w, "yse") || strings.HasSuffix(w, "tre")
}

// pluralOf reports whether p is w followed by "s" or "es".
func pluralOf(p, w string) bool {
	if len(p) <= len(w) || p[:len(w)] != w {
		return false
	}
	rest := p[len(w):]
	return rest == "s" || rest == "es"
}

// editOne reports whether a and b differ by one insertion, deletion,
// substitution or transposition of adjacent letters.
func editOne(a, b string) bool {
	if a == b {
		return false
	}
	la, lb := len(a), len(b)
	if la-lb > 1 || lb-la > 1 {
		return false
	}
	i := 0
	for i < la && i < lb && a[i] == b[i] {
		i++
	}
	switch {
	case la == lb:
		if a[i+1:] == b[i+1:] {
			return true
		}
		return i+1 < la && a[i] == b[i+1] && a[i+1] == b[i] && a[i+2:] == b[i+2:]
	case la > lb:
		return a[i+1:] == b[i:]
	default:
		return a[i:] == b[i+1:]
	}
}

// columnWords are a column's name as canonical words.
type columnWords struct {
	name    string
	words   []string
	content int // number of distinct content words
	ident   bool
	// plain marks a name of minor words only, such as score or group.
	plain bool
	// core counts the distinct words that are not units or short
	// numbers, when some are (m2, cm): "floor area m2" has two.
	core int
	// implied are the words its unit implies (time for wait_min), among
	// words but not needed to name it.
	implied map[string]bool
}

// coveredCore counts the core words of c among covered.
func coveredCore(covered []string, c columnWords) int {
	n := 0
	for _, w := range covered {
		if !unitWords[w] && !(isDigits(w) && len(w) < 3) && len(w) > 1 && !c.implied[w] {
			n++
		}
	}
	return n
}

func isDigits(w string) bool {
	for i := 0; i < len(w); i++ {
		if w[i] < '0' || w[i] > '9' {
			return false
		}
	}
	return w != ""
}

func (l *lexicon) newColumnWords(name string, ident bool) columnWords {
	var ws []string
	for _, t := range tokens(name) {
		ws = append(ws, words(t)...)
	}
	ws = l.canonicalize(ws)
	cw := columnWords{name: name, words: ws, ident: ident}
	// A unit says what the column measures: wait_min is a time, wt_kg a
	// weight. Those words may name it too, but are not needed.
	for _, w := range ws {
		for _, m := range l.unitMeasures[w] {
			if !slices.Contains(cw.words, m) {
				if cw.implied == nil {
					cw.implied = map[string]bool{}
				}
				cw.implied[m] = true
				cw.words = append(cw.words, m)
			}
		}
	}
	seen := map[string]bool{}
	for _, w := range ws {
		if isContent(w) && !unitWords[w] && !connectors[w] && !seen[w] {
			seen[w] = true
			cw.content++
		}
	}
	core := map[string]bool{}
	for _, w := range ws {
		if !unitWords[w] && !(isDigits(w) && len(w) < 3) && len(w) > 1 {
			core[w] = true
		}
	}
	if len(core) < len(ws) {
		cw.core = len(core)
	}
	if cw.content == 0 {
		// A name of minor words only (score, group, on_time) is named by
		// them: they are its content, every one.
		cw.plain = true
		seen := map[string]bool{}
		for _, w := range ws {
			if !unitWords[w] && len(w) > 1 && !seen[w] {
				seen[w] = true
				cw.content++
			}
		}
		cw.content = max(cw.content, 1)
	}
	return cw
}

// contentOf reports whether w counts as content in column c's name.
func (c columnWords) contentOf(w string) bool {
	if c.plain {
		return len(w) > 1 && !unitWords[w] && !c.implied[w]
	}
	return (isContent(w) || len(w) >= 3 && isDigits(w)) && !unitWords[w] && !connectors[w] && !c.implied[w]
}

// span is a stretch of prompt words that fits one column.
type span struct {
	col        int
	start, end int
	score      float64
}

// findMentions finds the columns named in the prompt words ws.
//
// A word at a strict position (a stop word, or a word of an analysis term
// the prompt uses, such as "distribution" in "the distribution of") starts
// a name only as itself or an inflection: "distribution" is not dist_km.
// Once a name has started, only grammar words are held to that ("quiz
// average" is Quiz Avg, "paid amount" paid_amt).
func findMentions(ws []string, cols []columnWords, strict func(int) bool) []Mention {
	var spans []span
	for ci, c := range cols {
		for i := 0; i < len(ws); i++ {
			if !matchesAny(ws[i], c.words) || strict(i) && !inflectionOfAny(ws[i], c.words) {
				continue
			}
			match := matchWord
			if c.ident {
				// An identifier counts only when named exactly.
				match = exactWord
			}
			// covered are the column words matched, a few at most: a
			// slice is quicker than a map.
			var covered []string
			hasContent := false
			loose := 0.0 // how loosely the words match: an exact word 0, a skeleton most
			j := i
			for j < len(ws) {
				if w, ok := match(ws[j], c.words); ok && !slices.Contains(covered, w) && (!functionWords[ws[j]] || inflection(ws[j], w)) {
					loose += looseness(ws[j], w)
					hasContent = hasContent || c.contentOf(w)
					covered = append(covered, w)
					j++
					continue
				}
				// One word of slack inside a name: "post-treatment BP".
				if w, ok := match(ws[min(j+1, len(ws)-1)], c.words); j+1 < len(ws) && j > i && ok && !slices.Contains(covered, w) && (c.contentOf(w) || c.implied[w]) && !connectors[ws[j]] {
					j++
					continue
				}
				break
			}
			if !hasContent || c.ident && len(covered) != len(c.words) {
				continue
			}
			n := 0
			for _, w := range covered {
				if c.contentOf(w) {
					n++
				}
			}
			score := float64(n) / float64(c.content)
			// Markers and digits that also match break ties: "week 8".
			score += 0.01 * float64(len(covered)-n)
			if len(covered) == len(c.words)-len(c.implied) || c.core > 0 && coveredCore(covered, c) == c.core {
				// Every word, or every word but units and short
				// numbers ("floor area" for "floor area m2").
				score += 0.05
			}
			// A longer name beats its prefix: "tip percentage" is tip_pct,
			// not tip. A closer match beats a looser one: "temperature"
			// is temp (a prefix) before trt (a skeleton).
			score += 0.01*float64(len(covered)) - 0.004*loose
			spans = append(spans, span{col: ci, start: i, end: j, score: score})
			i = j - 1
		}
	}
	slices.SortStableFunc(spans, func(a, b span) int {
		switch {
		case a.score > b.score:
			return -1
		case a.score < b.score:
			return 1
		}
		return a.start - b.start
	})
	var out []Mention
	for _, s := range spans {
		merged := false
		overlap := false
		for k := range out {
			m := &out[k]
			if s.start < m.End && m.Start < s.end {
				overlap = true
				if s.start == m.Start && s.end == m.End && s.score == m.score {
					if !slices.Contains(m.Columns, cols[s.col].name) {
						m.Columns = append(m.Columns, cols[s.col].name)
					}
					merged = true
				}
				break
			}
		}
		if overlap || merged {
			continue
		}
		out = append(out, Mention{Columns: []string{cols[s.col].name}, Text: strings.Join(ws[s.start:s.end], " "),
			Start: s.start, End: s.end, Identifier: cols[s.col].ident, score: s.score})
	}
	slices.SortFunc(out, func(a, b Mention) int { return a.Start - b.Start })
	// One word that names part of a column, right beside another named
	// column, qualifies it ("the N rate applied" is N_rate, not also
	// "water applied (mm)").
	out = slices.DeleteFunc(out, func(m Mention) bool {
		if m.score >= 1 || m.End-m.Start != 1 {
			return false
		}
		return slices.ContainsFunc(out, func(o Mention) bool { return o.score >= 1 && (o.End == m.Start || o.Start == m.End) })
	})
	for k := range out {
		m := &out[k]
		m.Factor = factorAfter(ws, m.End) || (m.Start > 0 && (ws[m.Start-1] == "treating" || ws[m.Start-1] == "categorical"))
		m.Log = m.Start > 0 && (ws[m.Start-1] == "log" || ws[m.Start-1] == "logged")
	}
	return out
}

func factorAfter(ws []string, end int) bool {
	for j := end; j < len(ws) && j < end+6; j++ {
		if ws[j] == "factor" || ws[j] == "categorical" {
			return true
		}
		if ws[j] == "and" || ws[j] == "plus" || ws[j] == "from" || ws[j] == "on" || ws[j] == "treating" || ws[j] == "tilde" {
			return false
		}
	}
	return false
}

func exactWord(p string, cws []string) (string, bool) {
	if slices.Contains(cws, p) {
		return p, true
	}
	return "", false
}

func matchesAny(p string, cws []string) bool {
	_, ok := matchWord(p, cws)
	return ok
}

func matchWord(p string, cws []string) (string, bool) {
	for _, c := range cws {
		if sameWord(p, c) {
			return c, true
		}
	}
	return "", false
}

// Resolve finds the columns of schema that the prompt names, in prompt
// order: exactly or with other case and punctuation ("body mass" for
// Body.Mass), abbreviated ("temperature" for temp), in the plural, in
// quotes or parentheses. Identifier columns are found only when named in
// full, and are marked so that they are not used as variables.
func Resolve(prompt string, schema inferra.Schema) []Mention {
	l := defaultLexicon()
	a := assess(schema, l)
	cols := l.withDescriptions(l.columnWordsOf(a), a)
	ws := l.canonicalize(l.initialisms(compounds(words(prompt), cols), cols))
	return findMentions(ws, cols, func(i int) bool { return l.stop[ws[i]] })
}

func (l *lexicon) columnWordsOf(a Assessment) []columnWords {
	cols := make([]columnWords, len(a.Columns))
	for i, c := range a.Columns {
		cols[i] = l.newColumnWords(c.Name, c.Identifier)
	}
	return cols
}

// inflection reports whether prompt word p is column word c or an
// inflection of it (a plural, -ies for -y, one stem): the only ways a
// common word may name a column, since "what" would otherwise abbreviate
// wt.
func inflection(p, c string) bool {
	return p == c || pluralOf(p, c) || pluralOf(c, p) || sameStem(p, c)
}

func inflectionOfAny(p string, cws []string) bool {
	return slices.ContainsFunc(cws, func(c string) bool { return inflection(p, c) })
}

// looseness says how far prompt word p is from the column word c it
// matched: 0 for the word itself or an inflection, 1 for a prefix or a
// typo, 2 for a consonant skeleton.
func looseness(p, c string) float64 {
	switch {
	case inflection(p, c):
		return 0
	case strings.HasPrefix(p, c), strings.HasPrefix(c, p), strings.HasPrefix(p, stem(c)), len(c) >= 6 && editOne(p, c):
		return 1
	}
	return 2
}

// transposed reports whether a and b differ by two adjacent letters
// swapped: "yeild" for yield.
func transposed(a, b string) bool {
	if len(a) != len(b) || a == b {
		return false
	}
	i := 0
	for i < len(a) && a[i] == b[i] {
		i++
	}
	return i+1 < len(a) && a[i] == b[i+1] && a[i+1] == b[i] && a[i+2:] == b[i+2:]
}

// spellingKey folds British and American spellings together:
// neighbourhood and neighborhood, centre and center, analyse and analyze.
func spellingKey(w string) string {
	w = strings.ReplaceAll(w, "our", "or")
	w = strings.ReplaceAll(w, "yse", "yze")
	w = strings.ReplaceAll(w, "ise", "ize")
	if strings.HasSuffix(w, "tre") {
		w = w[:len(w)-3] + "ter"
	}
	return stem(w)
}

// withDescriptions adds, for each column the dataset's dictionary
// describes, its description as another name of the column: with am
// described as "transmission type", "transmission" names am.
func (l *lexicon) withDescriptions(cols []columnWords, a Assessment) []columnWords {
	out := cols
	for _, c := range a.Columns {
		if c.Description == "" {
			continue
		}
		cw := l.newColumnWords(c.Description, c.Identifier)
		cw.name = c.Name
		// An identifier is found by its name only.
		if cw.ident || cw.content == 0 {
			continue
		}
		if len(out) == len(cols) {
			out = slices.Clone(cols)
		}
		out = append(out, cw)
	}
	return out
}
