package decision

import (
	"slices"
	"strings"
	"unicode"

	"github.com/inferra/inferra"
)

// Stage 2, mentions: the places in the prompt that name columns (by their
// names, descriptions, levels and markers), each with its span and score.

// markerMentions adds a mention for a repeated-measure marker named on
// its own ("after against before") when exactly one paired layout uses
// it: the marker names that layout's column.
func (a Assessment) markerMentions(ws []string, mentions []Mention, l *lexicon) []Mention {
	covered := func(i int) bool {
		return slices.ContainsFunc(mentions, func(m Mention) bool { return i >= m.Start && i < m.End })
	}
	var added []Mention
	for i, w := range ws {
		if !l.isMarker(w) || covered(i) || isDigits(w) {
			continue
		}
		var cols []string
		for _, p := range a.Pairs {
			for _, col := range []string{p.X, p.Y} {
				if l.info(col).marker == w && !slices.Contains(cols, col) {
					cols = append(cols, col)
				}
			}
		}
		if len(cols) == 1 {
			added = append(added, Mention{Columns: cols, Text: w, Start: i, End: i + 1, score: 0.5})
		}
	}
	if len(added) == 0 {
		return mentions
	}
	out := append(slices.Clone(mentions), added...)
	slices.SortFunc(out, func(x, y Mention) int { return x.Start - y.Start })
	return out
}

// wholeNames reads a mention of a column whose words all belong to
// another column named in full elsewhere in the prompt as that column:
// with server_sex named, "servers" is server_sex too.
func wholeNames(mentions []Mention, cols []columnWords) []Mention {
	if len(mentions) < 2 {
		return mentions
	}
	// A column's own words: those its unit implies (height for cm) are
	// not part of its name.
	wordsOf := map[string][]string{}
	for _, c := range cols {
		wordsOf[c.name] = slices.DeleteFunc(slices.Clone(c.words), func(w string) bool { return c.implied[w] })
	}
	for k := range mentions {
		m := &mentions[k]
		if len(m.Columns) != 1 {
			continue
		}
		for _, o := range mentions {
			if len(o.Columns) != 1 || o.Columns[0] == m.Columns[0] || o.End-o.Start < 2 {
				continue
			}
			sub, whole := wordsOf[m.Columns[0]], wordsOf[o.Columns[0]]
			if len(sub) < len(whole) && !slices.ContainsFunc(sub, func(w string) bool { return !slices.Contains(whole, w) }) {
				m.Columns = []string{o.Columns[0]}
			}
		}
	}
	return mentions
}

// pickOccasions settles a mention that fits both columns of a paired
// layout ("blood pressure" for bp_before and bp_after) when the words just
// before it say which occasion: "baseline blood pressure" is bp_before,
// "final weight" the later one.
func (a Assessment) pickOccasions(ws []string, mentions []Mention) {
	for k := range mentions {
		m := &mentions[k]
		if len(m.Columns) < 2 || m.Start == 0 {
			continue
		}
		if col, ok := a.numberedIn(ws, m.Columns); ok && !slices.ContainsFunc(ws, func(w string) bool { return baselineWords[w] }) {
			// "12-month PDC" is PDC_12m of PDC_3m and PDC_12m.
			m.Columns = []string{col}
			continue
		}
		if col, ok := a.numberedNear(ws, *m); ok {
			// "Hb at 12 months against Hb at 6 months": each mention
			// takes the number nearest to it.
			m.Columns = []string{col}
			continue
		}
		first, last, ok := a.family(m.Columns)
		for i := 0; !ok && len(m.Columns) >= 3 && i < len(m.Columns); i++ {
			// One column outside the family ("baseline sleep" with
			// sleep_latency_min beside sleep_h_wk0, wk4, wk8): the
			// occasion word speaks of the family.
			first, last, ok = a.family(slices.Delete(slices.Clone(m.Columns), i, i+1))
		}
		if ok {
			// Numbered occasions: "baseline sleep" is the first of
			// sleep_h_wk0, wk4, wk8; "final sleep" the last.
			for j := m.Start - 1; j >= 0 && j >= m.Start-2; j-- {
				if baselineWords[ws[j]] {
					m.Columns = []string{first}
					break
				}
				if laterWords[ws[j]] {
					m.Columns = []string{last}
					break
				}
			}
			continue
		}
		if len(m.Columns) != 2 {
			continue
		}
		if col := occasionOfTwo(ws, *m); col != "" {
			// "baseline plaque" of plaque_idx_base and plaque_idx_wk12:
			// the names differ in a word of occasion.
			m.Columns = []string{col}
			continue
		}
		for _, p := range a.Pairs {
			if !(slices.Contains(m.Columns, p.X) && slices.Contains(m.Columns, p.Y)) {
				continue
			}
			for j := m.Start - 1; j >= 0 && j >= m.Start-2; j-- {
				switch {
				case baselineWords[ws[j]]:
					m.Columns = []string{p.X}
				case laterWords[ws[j]]:
					m.Columns = []string{p.Y}
				default:
					continue
				}
				break
			}
		}
	}
}

// family returns the first and last of cols when they are all numbered
// occasions of one measure (the pairs among them chain wk0 → wk4 → wk8).
func (a Assessment) family(cols []string) (first, last string, ok bool) {
	isX, isY := map[string]bool{}, map[string]bool{}
	for _, p := range a.Pairs {
		if slices.Contains(cols, p.X) && slices.Contains(cols, p.Y) {
			isX[p.X], isY[p.Y] = true, true
		}
	}
	for _, c := range cols {
		if !isX[c] && !isY[c] {
			return "", "", false
		}
		if isX[c] && !isY[c] {
			first = c
		}
		if isY[c] && !isX[c] {
			last = c
		}
	}
	return first, last, first != "" && last != ""
}

func (e *Engine) columnWordsOf(a Assessment) []columnWords {
	cols := make([]columnWords, len(a.Columns))
	for i, c := range a.Columns {
		if v, ok := e.names.Load(c.Name); ok {
			cw := v.(columnWords)
			cw.ident = c.Identifier
			cols[i] = cw
			continue
		}
		cols[i] = e.lex.newColumnWords(c.Name, c.Identifier)
		if e.nameCount.Load() < maxNames {
			if _, loaded := e.names.LoadOrStore(c.Name, cols[i]); !loaded {
				e.nameCount.Add(1)
			}
		}
	}
	return cols
}

func (l *lexicon) anyMentionIn(ms []Mention, q string) bool {
	qw := strings.Join(l.canonicalize(words(q)), " ")
	for _, m := range ms {
		if strings.Contains(qw, m.Text) {
			return true
		}
	}
	return false
}

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
	// units are the name's unit words (kg, min, usd), which the prompt
	// may leave out.
	units map[string]bool
	// joined is the name's words written together (loanspermonth), and
	// raw its words before abbreviations are folded, units left out
	// (heart rate for HeartRate_bpm), which a prompt may write together.
	joined    string
	raw       []string
	rawJoined string
	// codes are a letter and the number after it (F2: f, 2; O3), which
	// together are content: the formant F2, ozone.
	codes map[string]bool
	// acronyms are the words the name writes in capitals (OM in "OM (%)"),
	// which may be initialisms of two letters.
	acronyms []string
}

// coveredCore counts the core words of c among covered.
func coveredCore(covered []string, c columnWords) int {
	n := 0
	for _, w := range covered {
		if !c.units[w] && !(isDigits(w) && len(w) < 3) && len(w) > 1 && !c.implied[w] {
			n++
		}
	}
	return n
}

func (l *lexicon) newColumnWords(name string, ident bool) columnWords {
	var ws []string
	for _, t := range tokens(name) {
		ws = append(ws, words(t)...)
	}
	raw := slices.Clone(ws)
	for len(raw) > 1 && l.units[raw[len(raw)-1]] {
		raw = raw[:len(raw)-1]
	}
	ws = l.canonicalize(ws)
	cw := columnWords{name: name, words: ws, ident: ident, joined: strings.Join(ws, ""), raw: raw, rawJoined: strings.Join(raw, "")}
	// A unit after the first word says how the column is measured
	// (avgLoanDays, wait_min); the first word is what it measures
	// (days.in.milk, hours_studied).
	for i, w := range ws {
		// A word after "per" is the unit of a rate too: the hr of
		// picks_per_hr is an hour, not a heart rate.
		if i > 0 && (l.units[w] || ws[i-1] == "per" && i > 1) {
			if cw.units == nil {
				cw.units = map[string]bool{}
			}
			cw.units[w] = true
		}
	}
	for _, f := range strings.FieldsFunc(name, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) }) {
		if len(f) >= 2 && len(f) <= 5 && strings.ToUpper(f) == f && strings.ToLower(f) != f {
			cw.acronyms = append(cw.acronyms, strings.ToLower(f))
		}
	}
	// A unit says what the column measures: wait_min is a time, wt_kg a
	// weight. Those words may name it too, but are not needed. A unit
	// after a number is a period or a size, not what is measured:
	// Downloads (7 days) is a count, not a time.
	for i, w := range ws {
		if i > 0 && isDigits(ws[i-1]) {
			continue
		}
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
	// A count per unit of time or thing is a rate: picks_per_hr is the
	// pick rate.
	if k := slices.Index(ws, "per"); k > 0 && k+1 < len(ws) && !slices.Contains(cw.words, "rate") {
		if cw.implied == nil {
			cw.implied = map[string]bool{}
		}
		cw.implied["rate"] = true
		cw.words = append(cw.words, "rate")
	}
	// A name that is a letter and a unit (T_C, P_kPa) is named by what
	// its unit measures: "temperature" is T_C.
	bare := len(cw.implied) > 0
	for _, w := range ws {
		if !cw.units[w] && len(w) > 1 {
			bare = false
		}
	}
	if bare {
		cw.implied = nil
	}
	for i := 0; i+1 < len(ws); i++ {
		if len(ws[i]) == 1 && isLetters(ws[i]) && !cw.units[ws[i]] && isDigits(ws[i+1]) && (i == 0 || !l.isMarker(ws[i+1])) {
			if cw.codes == nil {
				cw.codes = map[string]bool{}
			}
			cw.codes[ws[i]], cw.codes[ws[i+1]] = true, true
		}
	}
	seen := map[string]bool{}
	for _, w := range ws {
		if (isContent(w) || cw.codes[w]) && !cw.units[w] && !connectors[w] && !seen[w] {
			seen[w] = true
			cw.content++
		}
	}
	core := map[string]bool{}
	for _, w := range ws {
		if !cw.units[w] && !(isDigits(w) && len(w) < 3) && len(w) > 1 {
			core[w] = true
		}
	}
	if len(core) < len(ws) {
		cw.core = len(core)
	}
	if bare {
		// The unit's words name one quantity.
		cw.content = 1
		return cw
	}
	if cw.content == 0 {
		// A name of minor words only (score, group, on_time) is named by
		// them: they are its content, every one.
		cw.plain = true
		seen := map[string]bool{}
		for _, w := range ws {
			if !cw.units[w] && len(w) > 1 && !seen[w] {
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
		return len(w) > 1 && !c.units[w] && !c.implied[w]
	}
	return (isContent(w) || len(w) >= 3 && isDigits(w) || c.codes[w]) && !c.units[w] && !connectors[w] && !c.implied[w]
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
			// A stop word starts a name only when the name is that word
			// (a column called time or group): "is" is not is_repeat.
			if !matchesAny(ws[i], c.words) || strict(i) && !(inflectionOfAny(ws[i], c.words) && (c.plain || !functionWords[ws[i]])) {
				continue
			}
			if w, _ := matchWord(ws[i], c.words); c.implied[w] {
				// A word the unit implies (time for wait_min) does not
				// start the name: "response time once turnout time";
				// but it does right before a word of the name, as
				// written ("time to hearing" is days_to_hearing).
				if next, ok := matchWord(ws[min(i+1, len(ws)-1)], c.words); i+1 >= len(ws) || !ok || c.implied[next] || next == w || next != ws[i+1] {
					continue
				}
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
				// One word of slack inside a name: "post-treatment BP";
				// not after a minor word alone ("score once placement"),
				// though after a number or an occasion ("28-day strength").
				if w, ok := match(ws[min(j+1, len(ws)-1)], c.words); j+1 < len(ws) && j > i && (hasContent || isDigits(ws[i]) || baselineWords[ws[i]] || laterWords[ws[i]]) && ok && !slices.Contains(covered, w) && (c.contentOf(w) || c.implied[w]) && !connectors[ws[j]] {
					j++
					continue
				}
				break
			}
			if !hasContent || c.ident && len(covered) != len(c.words) {
				continue
			}
			n, implied := 0, 0
			for _, w := range covered {
				switch {
				case c.contentOf(w):
					n++
				case c.implied[w]:
					implied++
				}
			}
			// A word its unit implies stands for a content word the
			// prompt leaves out: "times to triage" names every word of
			// wait_triage_min that matters (the wait is a time).
			full := n < c.content && n > 0 && n+implied >= c.content
			score := float64(min(n+implied, c.content)) / float64(c.content)
			if !full {
				score = float64(n) / float64(c.content)
			}
			// Markers and digits that also match break ties: "week 8".
			score += 0.01 * float64(len(covered)-n-implied)
			if full {
				// A word the unit implies is weaker than the word
				// itself: "snow depth" is snow_depth_cm before
				// new_snow_cm.
				score -= 0.005
			}
			if full || len(covered) == len(c.words)-len(c.implied) || c.core > 0 && coveredCore(covered, c) == c.core {
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
	for k := range out {
		// Of the columns a mention names as well, the one whose whole
		// name the words are: "tip" is the column tip, not tip_pct.
		m := &out[k]
		if len(m.Columns) < 2 {
			continue
		}
		var whole []string
		for _, col := range m.Columns {
			if ci := slices.IndexFunc(cols, func(c columnWords) bool { return c.name == col }); ci >= 0 && slices.Equal(cols[ci].words, ws[m.Start:m.End]) {
				whole = append(whole, col)
			}
		}
		if len(whole) == 1 {
			m.Columns = whole
		}
	}
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
		// "treat year as a group": as, an article, a word for a factor.
		if ws[j] == "as" && j+2 < len(ws) && (ws[j+1] == "a" || ws[j+1] == "an") && factorNouns[ws[j+2]] {
			return true
		}
		if ws[j] == "and" || ws[j] == "plus" || ws[j] == "from" || ws[j] == "on" || ws[j] == "treating" || ws[j] == "tilde" || ws[j] == "comma" || ws[j] == "with" {
			return false
		}
	}
	return false
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
	ws := l.canonicalize(l.initialisms(l.concepts(genitives(ordinals(joinedNames(compounds(words(prompt), cols), cols), cols), cols), cols), cols))
	return findMentions(ws, cols, func(i int) bool { return l.stop[ws[i]] })
}

func (l *lexicon) columnWordsOf(a Assessment) []columnWords {
	cols := make([]columnWords, len(a.Columns))
	for i, c := range a.Columns {
		cols[i] = l.newColumnWords(c.Name, c.Identifier)
	}
	return cols
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

// dropLevelNouns drops a partial mention, or a plural, right after a
// group's level: in "casual riders", riders is the people the level
// describes, not the column rider_age; in "scrum teams", not team.
func (a Assessment) dropLevelNouns(ws []string, mentions []Mention) []Mention {
	return slices.DeleteFunc(mentions, func(m Mention) bool {
		if !a.afterLevel(ws, m) {
			return false
		}
		// A plural after another column's level names the rows too:
		// "scrum teams" is the teams of method scrum, not the column team.
		return m.score < 1 || m.End == m.Start+1 && len(m.Columns) == 1 && isContent(ws[m.Start-1]) &&
			slices.ContainsFunc(tokens(m.Columns[0]), func(t string) bool { return pluralOf(ws[m.Start], strings.ToLower(t)) })
	})
}

// dropAgentNouns drops a one-word partial mention whose word is the
// people doing what the column's word names: in "do runners in carbon
// shoes finish faster", runners are the rows, not LongestRunKm. A column
// that names the people's status in full ("smokers" for smoking) is a
// whole mention and stays.
func dropAgentNouns(ws []string, mentions []Mention, cols []columnWords) []Mention {
	return slices.DeleteFunc(mentions, func(m Mention) bool {
		if m.score >= 1 || m.End != m.Start+1 || len(m.Columns) != 1 {
			return false
		}
		w := strings.TrimSuffix(ws[m.Start], "s")
		if !strings.HasSuffix(w, "er") || len(w) < 5 {
			return false
		}
		return slices.ContainsFunc(cols, func(c columnWords) bool {
			return c.name == m.Columns[0] && !slices.ContainsFunc(c.words, func(cw string) bool {
				return !c.implied[cw] && (strings.HasSuffix(cw, "er") || strings.HasSuffix(cw, "ers"))
			})
		})
	})
}

// occasionOfTwo returns the one of m's two columns whose name's own word
// is the occasion the words before m name — a first one ("baseline",
// "pre") or a later one ("final", "post") — or "".
func occasionOfTwo(ws []string, m Mention) string {
	first, later := false, false
	for j := m.Start - 1; j >= 0 && j >= m.Start-2; j-- {
		first = first || baselineWords[ws[j]]
		later = later || laterWords[ws[j]]
	}
	if first == later {
		return ""
	}
	a, b := lowerAll(tokens(m.Columns[0])), lowerAll(tokens(m.Columns[1]))
	own := func(x, y []string) []string {
		return slices.DeleteFunc(slices.Clone(x), func(w string) bool { return slices.Contains(y, w) })
	}
	kind := func(ds []string) (bool, bool) {
		f, l := false, false
		for _, d := range ds {
			f = f || baselineWords[d]
			l = l || laterWords[d]
		}
		return f, l
	}
	af, al := kind(own(a, b))
	bf, bl := kind(own(b, a))
	switch {
	case first && af && !bf, later && al && !bl:
		return m.Columns[0]
	case first && bf && !af, later && bl && !al:
		return m.Columns[1]
	case first && !af && !bf && (al || bl):
		// The other is marked later: "baseline" is the unmarked one.
		if al {
			return m.Columns[1]
		}
		return m.Columns[0]
	}
	return ""
}

// settleByHeads settles an ambiguous mention of several words whose
// columns each match some of them: the one column whose head (the last
// word of its name, units aside) the words name is meant. In "late
// payment", late is the head of PaidLate and payment only the first word
// of PaymentMethod; in "loan term", term is the head of term_mo.
func settleByHeads(ws []string, mentions []Mention, cols []columnWords) {
	for k := range mentions {
		m := &mentions[k]
		if len(m.Columns) < 2 || m.End-m.Start < 2 {
			continue
		}
		pick := ""
		for _, name := range m.Columns {
			i := slices.IndexFunc(cols, func(c columnWords) bool { return c.name == name })
			if i < 0 {
				continue
			}
			head := ""
			for _, w := range cols[i].raw {
				if len(w) >= 3 && !isDigits(w) {
					head = w
				}
			}
			if head == "" || !slices.ContainsFunc(ws[m.Start:m.End], func(w string) bool { return inflection(w, head) }) {
				continue
			}
			if pick != "" {
				pick = ""
				break
			}
			pick = name
		}
		if pick != "" {
			m.Columns = []string{pick}
		}
	}
}

// settleByNeighbours settles an ambiguous mention by a mention beside it,
// or linked to it by a preposition, that names one of its columns: in "quit
// status at week 12", week 12 (cpd_wk12, quit_wk12, …) is quit_wk12,
// which quit names. Both occasions of a paired layout ("blood pressure"
// beside "after") stay for the paired rules to settle.
func (a Assessment) settleByNeighbours(ws []string, mentions []Mention) {
	for k := range mentions {
		m := &mentions[k]
		if len(m.Columns) < 2 || slices.ContainsFunc(a.Pairs, func(p Pair) bool {
			return slices.Contains(m.Columns, p.X) && slices.Contains(m.Columns, p.Y)
		}) {
			continue
		}
		pick := ""
		for _, o := range mentions {
			near := o.End <= m.Start && linking(ws[o.End:m.Start]) || o.Start >= m.End && linking(ws[m.End:o.Start])
			if !near || len(o.Columns) != 1 || !slices.Contains(m.Columns, o.Columns[0]) {
				continue
			}
			if pick != "" && pick != o.Columns[0] {
				pick = ""
				break
			}
			pick = o.Columns[0]
		}
		if pick != "" {
			m.Columns = []string{pick}
		}
	}
}

// linking reports whether the words between two mentions keep them one
// name: none, or at most two with a preposition and no connector ("quit
// status at week 12", not "wellbeing against week 8").
func linking(gap []string) bool {
	if len(gap) == 0 {
		return true
	}
	if len(gap) > 2 || slices.ContainsFunc(gap, func(w string) bool { return connectors[w] }) {
		return false
	}
	return slices.ContainsFunc(gap, func(w string) bool { return prepositions[w] })
}

// unitNames adds a mention for a prompt word that is the unit of exactly
// one column and is not inside another mention, nor a period ("after 90
// days" is no column of days): "mean bpm by strain" is
// HeartRate_bpm.
func unitNames(ws []string, mentions []Mention, cols []columnWords) []Mention {
	for i, w := range ws {
		if slices.ContainsFunc(mentions, func(m Mention) bool { return i >= m.Start && i < m.End }) || len(w) < 3 || periodWords[w] || i > 0 && isDigits(ws[i-1]) {
			// A unit after a number is an amount ("at 10 min"), not a
			// column.
			continue
		}
		var has []string
		for _, c := range cols {
			if c.units[w] && !c.ident {
				has = append(has, c.name)
			}
		}
		if len(has) == 1 {
			mentions = append(mentions, Mention{Columns: has, Text: w, Start: i, End: i + 1, score: 1})
		}
	}
	slices.SortFunc(mentions, func(a, b Mention) int { return a.Start - b.Start })
	return mentions
}

// dropOccasionNames drops a mention of a group column right after a word
// of occasion: in "post-block 2k time" the block names when the time was
// taken, not a variable of its own.
func (a Assessment) dropOccasionNames(ws []string, mentions []Mention) []Mention {
	return slices.DeleteFunc(mentions, func(m Mention) bool {
		if m.Start == 0 || m.End != m.Start+1 || len(m.Columns) != 1 || !(baselineWords[ws[m.Start-1]] || laterWords[ws[m.Start-1]]) {
			return false
		}
		c, _ := a.Column(m.Columns[0])
		return c.Group && !c.Measure && slices.ContainsFunc(mentions, func(o Mention) bool { return o.Start >= m.End && o.Start <= m.End+3 })
	})
}

// dropForeignHeads drops a one-word partial mention whose next word heads
// a quantity its column does not have and no other column is named there:
// in
// "handle time", handle qualifies time and is not calls_handled; in
// "nightly rate", nightly is not nights.
func (l *lexicon) dropForeignHeads(ws []string, mentions []Mention, cols []columnWords) []Mention {
	return slices.DeleteFunc(mentions, func(m Mention) bool {
		if m.End != m.Start+1 || m.End >= len(ws) || len(m.Columns) != 1 || !measureHeads[ws[m.End]] {
			return false
		}
		if m.score >= 1 && slices.ContainsFunc(cols, func(c columnWords) bool {
			return c.name == m.Columns[0] && slices.ContainsFunc(c.words, func(w string) bool { return w == ws[m.Start] || pluralOf(ws[m.Start], w) })
		}) {
			// Named as itself: "nights" is nights, "nightly" may not be.
			return false
		}
		if slices.ContainsFunc(mentions, func(o Mention) bool { return o.Start == m.End }) ||
			m.End+1 < len(ws) && nounLike(ws[m.End+1]) && !prepositions[ws[m.End+1]] {
			// Another column starts there, or the head is a modifier
			// itself ("night-time levels").
			return false
		}
		next := ws[m.End]
		return !slices.ContainsFunc(cols, func(c columnWords) bool { return c.name == m.Columns[0] && matchesAny(next, c.words) })
	})
}

// joinPartials joins two partial mentions side by side that name different
// columns into one ambiguous mention: "water cement ratio" names one thing,
// which may be cement_kg_m3 or w_c_ratio, not both.
func joinPartials(ws []string, mentions []Mention) []Mention {
	for k := 0; k+1 < len(mentions); k++ {
		a, b := mentions[k], mentions[k+1]
		if a.End != b.Start || a.score >= 1 || b.score >= 1 || len(a.Columns) != 1 || len(b.Columns) != 1 || a.Columns[0] == b.Columns[0] {
			continue
		}
		j := Mention{Columns: []string{a.Columns[0], b.Columns[0]}, Text: strings.Join(ws[a.Start:b.End], " "),
			Start: a.Start, End: b.End, score: max(a.score, b.score)}
		mentions = slices.Replace(slices.Clone(mentions), k, k+2, j)
	}
	return mentions
}

// dropClauseHeads drops a partial mention that heads a relative clause,
// and the other partial mentions of its column: in "players who play
// longer", players are the people the question is about (and play what
// they do), not the column player_age.
func dropClauseHeads(ws []string, mentions []Mention) []Mention {
	var heads []string
	for _, m := range mentions {
		if m.score < 1 && m.End < len(ws) && relativePronouns[ws[m.End]] {
			heads = append(heads, m.Columns...)
		}
	}
	if heads == nil {
		return mentions
	}
	// The clause's other partial words for the same column go too.
	return slices.DeleteFunc(mentions, func(m Mention) bool {
		return m.score < 1 && slices.ContainsFunc(m.Columns, func(c string) bool { return slices.Contains(heads, c) })
	})
}

// dropHeadNouns drops a partial mention that is the head noun of a column
// named right after it: in "the type of HVAC system", type describes hvac
// and is not the column use_type.
func dropHeadNouns(ws []string, mentions []Mention) []Mention {
	return slices.DeleteFunc(mentions, func(m Mention) bool {
		if m.score >= 1 {
			return false
		}
		return slices.ContainsFunc(mentions, func(n Mention) bool {
			return n.score >= 1 && !slices.Equal(n.Columns, m.Columns) &&
				(n.Start == m.End+1 && m.End < len(ws) && ws[m.End] == "of")
		})
	})
}

// afterLevel reports whether the word before m names a level of a group
// column other than m's.
func (a Assessment) afterLevel(ws []string, m Mention) bool {
	if m.Start == 0 || !a.namesLevel(ws[m.Start-1]) {
		return false
	}
	return !slices.ContainsFunc(m.Columns, func(c string) bool { return a.levelsOf(c, ws[m.Start-1]) })
}

// numberedNear returns the column of m's columns, numbered occasions of
// one measure, whose number stands nearest to m, at most three words away
// ("Hb at 12 months", "the 6-month Hb"), or false when none does or two
// stand as near.
func (a Assessment) numberedNear(ws []string, m Mention) (string, bool) {
	at := func(i int) string {
		if i < 0 || i >= len(ws) || !isDigits(ws[i]) {
			return ""
		}
		found := ""
		for _, c := range m.Columns {
			_, marker, ok := defaultLexicon().splitMarker(c)
			if n, isNum := strings.CutPrefix(marker, "#"); ok && isNum && n == ws[i] {
				if found != "" {
					return ""
				}
				found = c
			}
		}
		return found
	}
	for d := 1; d <= 3; d++ {
		after, before := at(m.End-1+d), at(m.Start-d)
		switch {
		case after != "" && before != "" && after != before:
			return "", false
		case after != "":
			return after, true
		case before != "":
			return before, true
		}
	}
	return "", false
}

// numberedIn returns the one column of cols, numbered occasions of one
// measure, whose number the prompt states, or false.
func (a Assessment) numberedIn(ws []string, cols []string) (string, bool) {
	found := ""
	for _, c := range cols {
		_, marker, ok := defaultLexicon().splitMarker(c)
		n, isNum := strings.CutPrefix(marker, "#")
		if !ok || !isNum || !slices.Contains(ws, n) {
			continue
		}
		if found != "" {
			return "", false
		}
		found = c
	}
	return found, found != ""
}
