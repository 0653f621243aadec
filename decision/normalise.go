package decision

import (
	"slices"
	"strconv"
	"strings"
	"unicode"
)

// Stage 1, normalise: the prompt and the column names as lower-case words,
// with abbreviations, spelling variants, compounds and initialisms folded,
// typos of the vocabulary corrected and word classes marked.

// tokens splits a column name into lower-case words at punctuation, spaces
// and camelCase boundaries: "weightBefore" → [weight before].
func tokens(name string) []string {
	var toks []string
	var cur []rune
	flush := func() {
		if len(cur) > 0 {
			toks = append(toks, strings.ToLower(string(cur)))
			cur = cur[:0]
		}
	}
	rs := []rune(name)
	for i, r := range rs {
		switch {
		case !unicode.IsLetter(r) && !unicode.IsDigit(r):
			flush()
		case unicode.IsUpper(r) && i > 1 && unicode.IsLower(rs[i-1]) && len(cur) >= 2:
			// weightBefore is weight, before, TrainingKmWk training, km,
			// wk; pH and eGFR stay whole.
			flush()
			cur = append(cur, r)
		default:
			cur = append(cur, r)
		}
	}
	flush()
	return toks
}

// correct returns ws with each long word that is one typo away from a term
// word replaced by it: "corelation" → "correlation".
func (e *Engine) correct(ws []string) []string {
	out := ws
	for i, w := range ws {
		if len(w) < 6 || e.vocab[w] {
			continue
		}
		for _, v := range e.long {
			if d := len(v) - len(w); d <= 1 && d >= -1 && editOne(w, v) {
				if &out[0] == &ws[0] {
					out = slices.Clone(ws)
				}
				out[i] = v
				break
			}
		}
	}
	return out
}

// contractions rewrites a negative contraction, which words splits at
// its apostrophe ("doesn't" → doesn, t), as its two words: does not. The
// rewrite is word for word.
func contractions(ws []string) []string {
	var out []string
	for i := 0; i+1 < len(ws); i++ {
		if ws[i+1] != "t" || len(ws[i]) < 3 || !strings.HasSuffix(ws[i], "n") {
			continue
		}
		base, ok := contractionBases[strings.TrimSuffix(ws[i], "n")]
		if !ok {
			continue
		}
		if out == nil {
			out = slices.Clone(ws)
		}
		out[i], out[i+1] = base, "not"
	}
	if out == nil {
		return ws
	}
	return out
}

// wordSet holds the prompt words and their singulars.
func wordSet(ws []string) map[string]bool {
	set := make(map[string]bool, 2*len(ws))
	for _, w := range ws {
		set[w] = true
		if s, ok := strings.CutSuffix(w, "s"); ok {
			set[s] = true
			if es, ok := strings.CutSuffix(w, "es"); ok {
				set[es] = true
			}
		}
	}
	return set
}

// quotedNames are the texts in quotes in the prompt.
func quotedNames(prompt string) []string {
	var out []string
	for _, q := range []string{`"`, "'", "`", "“"} {
		end := q
		if q == "“" {
			end = "”"
		}
		rest := prompt
		for {
			i := strings.Index(rest, q)
			if i < 0 {
				break
			}
			// An apostrophe inside a word is not a quote.
			if q == "'" && i > 0 && isWordByte(rest[i-1]) {
				rest = rest[i+1:]
				continue
			}
			j := strings.Index(rest[i+len(q):], end)
			if j < 0 {
				break
			}
			out = append(out, rest[i+len(q):i+len(q)+j])
			rest = rest[i+len(q)+j+len(end):]
		}
	}
	return out
}

func isWordByte(b byte) bool {
	return b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z' || b >= '0' && b <= '9'
}

// canonicalize rewrites the spelled-out forms of the abbreviations to
// their short forms, on prompt and column words alike.
func (l *lexicon) canonicalize(ws []string) []string {
	out := make([]string, 0, len(ws))
	for i := 0; i < len(ws); {
		done := false
		for _, c := range l.canonical {
			n := len(c[0])
			if i+n <= len(ws) && equalFold(ws[i:i+n], c[0]) {
				out = append(out, c[1]...)
				i += n
				done = true
				break
			}
		}
		if !done {
			out = append(out, ws[i])
			i++
		}
	}
	return out
}

// relate rewrites the prompt words that name no column but are related
// words of one: "fever" becomes "temp" when a column is called temp. The
// rewrite is word for word, so positions in ws stay valid.
func (l *lexicon) relate(ws []string, cols []columnWords) []string {
	var out []string
	for i, w := range ws {
		alts, ok := l.related[w]
		if !ok || anyColumnHas(cols, w) {
			continue
		}
		// The first related word that a column has; none when columns
		// have several ("money" with raised_usd and ad_spend: which one
		// the prompt means is not known).
		to, col := "", ""
		for _, alt := range alts {
			if c, ok := columnWith(cols, alt); ok && c != col {
				if to != "" {
					to = ""
					break
				}
				to, col = alt, c
			}
		}
		if to != "" {
			if out == nil {
				out = slices.Clone(ws)
			}
			out[i] = to
		}
	}
	if out == nil {
		return ws
	}
	return out
}

// joinedNames rewrites a prompt word that is a column's name written
// without separators ("loanspermonth" for loansPerMonth) into the name's
// words.
func joinedNames(ws []string, cols []columnWords) []string {
	var out []string
	for i, w := range ws {
		k, byRaw := -1, false
		if len(w) >= 6 {
			k = slices.IndexFunc(cols, func(c columnWords) bool { return len(c.words) > 1 && c.joined == w })
			if k < 0 {
				// Written together before abbreviations fold: "heartrate"
				// for HeartRate_bpm, whose words are hr and bpm.
				k = slices.IndexFunc(cols, func(c columnWords) bool { return len(c.raw) > 1 && c.rawJoined == w })
				byRaw = k >= 0
			}
		}
		if k < 0 {
			if out != nil {
				out = append(out, w)
			}
			continue
		}
		if out == nil {
			out = slices.Clone(ws[:i])
		}
		if byRaw {
			out = append(out, cols[k].raw...)
			continue
		}
		out = append(out, strings.Fields(strings.Join(cols[k].words[:len(cols[k].words)-len(cols[k].implied)], " "))...)
	}
	if out == nil {
		return ws
	}
	return out
}

// ordinals rewrites "second half" as "half 2" where a column's name has
// the noun numbered so (Half2_min): the n-th ordinal of the grammar is n.
func ordinals(ws []string, cols []columnWords) []string {
	var out []string
	for i := 0; i < len(ws); i++ {
		n := slices.Index(ordinalWords, ws[i]) + 1
		if n == 0 || i+1 >= len(ws) {
			if out != nil {
				out = append(out, ws[i])
			}
			continue
		}
		d := strconv.Itoa(n)
		numbered := slices.ContainsFunc(cols, func(c columnWords) bool {
			k := slices.IndexFunc(c.words, func(w string) bool { return inflection(ws[i+1], w) })
			return k >= 0 && k+1 < len(c.words) && c.words[k+1] == d
		})
		if !numbered {
			if out != nil {
				out = append(out, ws[i])
			}
			continue
		}
		if out == nil {
			out = slices.Clone(ws[:i])
		}
		out = append(out, ws[i+1], d)
		i++
	}
	if out == nil {
		return ws
	}
	return out
}

// genitives reorders "A of the B" and "A to B" into "B A" where one
// column's name has both words and the reorder brings them together: "the
// length of the reviews" is review_len, "times to triage" is
// wait_triage_min. Other phrases are left as they are.
func genitives(ws []string, cols []columnWords) []string {
	var out []string
	for i := 0; i < len(ws); i++ {
		j := i + 1
		if j < len(ws) && (ws[j] == "of" || ws[j] == "to") {
			j++
			if j < len(ws) && (ws[j] == "the" || ws[j] == "a" || ws[j] == "an") {
				j++
			}
		}
		if j == i+1 || j >= len(ws) || !nounLike(ws[i]) || !nounLike(ws[j]) || !sameColumnHas(cols, ws[j], ws[i]) ||
			columnsHavePhrase(cols, ws[i:j+1]) || ws[i+1] == "to" && columnsHavePhrase(cols, ws[i+1:j+1]) {
			// (Not where a column is named in this order: days_to_hearing
			// is "days to hearing", and "time to hearing" is its time.)
			if out != nil {
				out = append(out, ws[i])
			}
			continue
		}
		if out == nil {
			out = slices.Clone(ws[:i])
		}
		out = append(out, ws[j], ws[i])
		i = j
	}
	if out == nil {
		return ws
	}
	return out
}

// nounLike reports whether w may be a noun of a column's name: letters,
// three or more, not a word of grammar.
func nounLike(w string) bool {
	return len(w) >= 3 && isLetters(w) && !functionWords[w] && !connectors[w]
}

// sameColumnHas reports whether one column's name has both a and b, as
// different words, and no column's name has them side by side already.
func sameColumnHas(cols []columnWords, a, b string) bool {
	found := false
	for _, c := range cols {
		if c.ident {
			continue
		}
		ia := slices.IndexFunc(c.words, func(w string) bool { return sameWord(a, w) })
		ib := slices.IndexFunc(c.words, func(w string) bool { return sameWord(b, w) })
		if ia >= 0 && ib >= 0 && ia != ib {
			found = true
		}
	}
	return found
}

// ringPhrase is one phrase of a concept ring.
type ringPhrase struct {
	ring  int
	words []string
}

// concepts rewrites each prompt phrase of a concept ring that no column
// has into the other phrase of its ring that the columns have: with a
// column hp, "horsepower" becomes hp; with sticker_price, "msrp" becomes
// "sticker price". A phrase is read only when it is a content word of
// three letters or more or several words, the longest phrase at a place
// wins, and a ring whose phrases several columns have in different forms
// leaves the prompt as it is (which one the prompt means is not known).
func (l *lexicon) concepts(ws []string, cols []columnWords) []string {
	if len(l.ringsBy) == 0 {
		return ws
	}
	var out []string
	for i := 0; i < len(ws); i++ {
		// The ring phrases that stand here, longest first: "downlink
		// speed" before "downlink" when the first finds no column.
		var here []ringPhrase
		for _, rp := range l.ringsBy[stem(ws[i])] {
			if inflectedAt(ws, i, rp.words) {
				here = append(here, rp)
			}
		}
		slices.SortStableFunc(here, func(a, b ringPhrase) int { return len(b.words) - len(a.words) })
		var to []string
		n := 0
		for _, at := range here {
			if to = l.ringTarget(ws, i, at, cols); to != nil {
				n = len(at.words)
				break
			}
		}
		if to == nil {
			if out != nil {
				out = append(out, ws[i])
			}
			continue
		}
		if out == nil {
			out = slices.Clone(ws[:i])
		}
		out = append(out, to...)
		i += n - 1
	}
	if out == nil {
		return ws
	}
	return out
}

// ringTarget returns the one phrase of at's ring that the columns have,
// for the prompt phrase at at ws[i:], or nil: when a column has the
// phrase itself or one of its words ("mass" of Mass (g), "star" of
// review_stars: they say which column is meant), when the one word is
// short, common or a paired marker ("pre" shortens nothing), or when
// columns have several of the ring's phrases.
func (l *lexicon) ringTarget(ws []string, i int, at ringPhrase, cols []columnWords) []string {
	n := len(at.words)
	if n == 0 || n == 1 && (len(ws[i]) < 3 || l.stop[ws[i]] || !isContent(ws[i]) || anyColumnHas(cols, ws[i]) || l.isMarker(ws[i])) || columnsHavePhrase(cols, at.words) ||
		slices.ContainsFunc(ws[i:i+n], func(w string) bool { return len(w) >= 3 && !l.stop[w] && columnHasInflection(cols, w) }) {
		return nil
	}
	var to []string
	col := ""
	for _, q := range l.rings[at.ring] {
		if slices.Equal(q, at.words) {
			continue
		}
		c := columnsHaveTarget(cols, q)
		if c == "" {
			continue
		}
		if to != nil && c != col {
			return nil
		}
		if to == nil {
			to, col = q, c
		}
	}
	return to
}

// columnsHaveTarget returns the column whose name holds the phrase q
// (the first, as columnsHavePhrase finds it), or for a one-word phrase of
// four letters or more a word it begins or that begins it ("disp" of
// displ (L)); "" when none.
func columnsHaveTarget(cols []columnWords, q []string) string {
	if name := phraseColumn(cols, q); name != "" {
		return name
	}
	if len(q) != 1 || len(q[0]) < 4 {
		return ""
	}
	for _, c := range cols {
		if !c.ident && slices.ContainsFunc(c.raw, func(cw string) bool {
			return len(cw) >= 4 && !c.units[cw] && (strings.HasPrefix(cw, q[0]) || strings.HasPrefix(q[0], cw))
		}) {
			return c.name
		}
	}
	return ""
}

// inflectedAt reports whether the words of p stand at ws[i:], each as itself
// or its plural or singular (not a word of the same stem: "stores" is not
// "stories").
func inflectedAt(ws []string, i int, p []string) bool {
	if i+len(p) > len(ws) {
		return false
	}
	for j, w := range p {
		if v := ws[i+j]; v != w && !pluralOf(v, w) && !pluralOf(w, v) {
			return false
		}
	}
	return true
}

// columnsHavePhrase reports whether some column's name holds the words of
// p together, each as itself or an inflection.
func columnsHavePhrase(cols []columnWords, p []string) bool {
	return phraseColumn(cols, p) != ""
}

// phraseColumn returns the first column whose name holds the words of p
// together (as columnsHavePhrase), or "".
func phraseColumn(cols []columnWords, p []string) string {
	for _, c := range cols {
		for i := range c.words {
			if inflectedAt(c.words, i, p) {
				return c.name
			}
		}
	}
	return ""
}

// columnWith returns the first column that has word w, as anyColumnHas
// finds it.
func columnWith(cols []columnWords, w string) (string, bool) {
	for _, c := range cols {
		if !c.ident && slices.ContainsFunc(c.words, func(cw string) bool { return sameWordSpelled(w, cw) }) {
			return c.name, true
		}
	}
	return "", false
}

func anyColumnHas(cols []columnWords, w string) bool {
	for _, c := range cols {
		if !c.ident && matchesAny(w, c.words) {
			return true
		}
	}
	return false
}

// columnHasInflection reports whether a column other than an identifier
// has w, or an inflection of it, among its words.
func columnHasInflection(cols []columnWords, w string) bool {
	return slices.ContainsFunc(cols, func(c columnWords) bool { return !c.ident && inflectionOfAny(w, c.words) })
}

// classify returns ws with each word of a word class replaced by the
// class token, and adds the tokens to set. Without class words it returns
// ws itself.
func (l *lexicon) classify(ws []string, set map[string]bool) []string {
	var out []string
	for i, w := range ws {
		tok, ok := l.classes[w]
		if !ok {
			continue
		}
		if out == nil {
			out = slices.Clone(ws)
		}
		out[i] = tok
		set[tok] = true
	}
	if out == nil {
		return ws
	}
	return out
}

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

// hasVariant reports whether w has a spelling that spellingKey folds.
func hasVariant(w string) bool {
	return strings.Contains(w, "our") || strings.Contains(w, "ise") || strings.Contains(w, "yse") || strings.HasSuffix(w, "tre") ||
		strings.Contains(w, "moul") || strings.Contains(w, "geing")
}

// pluralOf reports whether p is w followed by "s" or "es".
func pluralOf(p, w string) bool {
	if len(w) > 2 && strings.HasSuffix(w, "y") && !isVowel(w[len(w)-2]) && p == w[:len(w)-1]+"ies" {
		// families, family.
		return true
	}
	if len(p) <= len(w) || p[:len(w)] != w {
		// An irregular plural keeps its first letter (radii, radius).
		return len(p) > 0 && len(w) > 0 && p[0] == w[0] && irregularPlurals[p] == w
	}
	rest := p[len(w):]
	// A letter has no plural of words: "is" is not the plural of "i".
	return len(w) > 1 && (rest == "s" || rest == "es")
}

// editOne reports whether a and b differ by one insertion, deletion,
// substitution or transposition of adjacent letters: whether
// inferra.EditDistance(a, b) is 1, in one pass without a table, for the
// matching loops that ask it of every word pair (TestEditOneIsDistanceOne
// holds the two together).
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

func isDigits(w string) bool {
	for i := 0; i < len(w); i++ {
		if w[i] < '0' || w[i] > '9' {
			return false
		}
	}
	return w != ""
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
// neighbourhood and neighborhood, centre and center, analyse and analyze,
// mould and mold, ageing and aging.
func spellingKey(w string) string {
	w = strings.ReplaceAll(w, "our", "or")
	w = strings.ReplaceAll(w, "moul", "mol")
	w = strings.ReplaceAll(w, "geing", "ging")
	w = strings.ReplaceAll(w, "yse", "yze")
	w = strings.ReplaceAll(w, "ise", "ize")
	if strings.HasSuffix(w, "tre") {
		w = w[:len(w)-3] + "ter"
	}
	return stem(w)
}

// stem strips the common English inflections from w, so that "smokers",
// "smoker" and "smoking", or "studied" and "studies", meet: the plural and
// possessive s, -es, -ies, -ing, -ed, -er(s) and -ly, keeping at least
// three letters.
func stem(w string) string {
	if base, ok := strings.CutSuffix(w, "ves"); ok && len(base) >= 3 {
		// leaves, halves: leaf, half.
		return base + "f"
	}
	if base, ok := strings.CutSuffix(w, "ission"); ok && len(base) >= 2 {
		// admission, admitted: admit.
		return base + "it"
	}
	if base, ok := strings.CutSuffix(w, "ion"); ok && len(base) >= 5 {
		// contamination, contaminated: contaminat.
		return base
	}
	if base, ok := strings.CutSuffix(w, "ment"); ok && len(base) >= 4 {
		// treatment, treated: treat.
		return base
	}
	if base, ok := strings.CutSuffix(w, "age"); ok && len(base) >= 4 && w != "average" {
		// spoilage, spoiled: spoil; shrinkage, shrink.
		return base
	}
	if base, ok := strings.CutSuffix(w, "al"); ok && len(base) >= 5 && !isVowel(base[len(base)-1]) {
		// approval, approved: approv; clinical, clinic: clin.
		if b, ok := strings.CutSuffix(base, "ic"); ok && len(b) >= 4 {
			return b
		}
		return trimEY(base)
	}
	if base, ok := strings.CutSuffix(w, "ic"); ok && len(base) >= 4 {
		// diabetic, diabetes: diabet.
		return base
	}
	for _, suf := range []string{"ies", "ing", "ers", "ed", "er", "es", "ly", "s"} {
		base, ok := strings.CutSuffix(w, suf)
		if !ok || len(base) < 3 {
			continue
		}
		if suf == "ies" {
			// studies, study: stud; injuries, injury, injured: injur.
			return base
		}
		// "running" → "run", "planned" → "plan": a doubled last consonant.
		if n := len(base); (suf == "ing" || suf == "ed" || suf == "er" || suf == "ers") && n >= 4 && base[n-1] == base[n-2] && !isVowel(base[n-1]) {
			base = base[:n-1]
		}
		// "priced" → "pric", "price" → "pric": a final e goes too, and
		// a final y (injury, injured: injur).
		return trimEY(base)
	}
	return trimEY(w)
}

func trimEY(w string) string {
	if len(w) > 4 && (w[len(w)-1] == 'e' || w[len(w)-1] == 'y') {
		return w[:len(w)-1]
	}
	return w
}

func isVowel(b byte) bool {
	switch b {
	case 'a', 'e', 'i', 'o', 'u':
		return true
	}
	return false
}

func isLetters(w string) bool {
	for i := 0; i < len(w); i++ {
		if w[i] < 'a' || w[i] > 'z' {
			return false
		}
	}
	return w != ""
}

// compounds joins two prompt words whose concatenation is a word of a
// column's name: "yo-yo" (yo yo) for yoyo_pre, "on line" for online.
func compounds(ws []string, cols []columnWords) []string {
	var out []string
	for i := 0; i < len(ws); i++ {
		if i+1 < len(ws) {
			joined := ws[i] + ws[i+1]
			if slices.ContainsFunc(cols, func(c columnWords) bool { return slices.Contains(c.words, joined) }) {
				if out == nil {
					out = slices.Clone(ws[:i])
				}
				out = append(out, joined)
				i++
				continue
			}
		}
		if out != nil {
			out = append(out, ws[i])
		}
	}
	if out == nil {
		return ws
	}
	return out
}

// initialisms rewrites each run of two or more prompt words whose initials
// spell a column word of three to five letters as that word: with a column
// bmi, "body mass index" becomes bmi. Small words ("of", "per") may spell
// a letter or be skipped. A run must start and end on a content word that
// is not a stop word.
func (l *lexicon) initialisms(ws []string, cols []columnWords) []string {
	var short []string
	for _, c := range cols {
		if c.ident {
			continue
		}
		for _, w := range c.words {
			// Three letters at least: two initials (weekly training →
			// wt) are too often a coincidence, unless the name writes
			// them in capitals (OM: organic matter).
			// A unit is no initialism: "parametric comparison of the two"
			// does not spell the pct of void_pct.
			if (len(w) >= 3 || len(w) == 2 && slices.Contains(c.acronyms, w)) && len(w) <= 5 && isLetters(w) && !c.units[w] && !c.implied[w] && !slices.Contains(short, w) {
				short = append(short, w)
			}
		}
	}
	if len(short) == 0 {
		return ws
	}
	out := ws
	for i := 0; i < len(out); i++ {
		for _, s := range short {
			// Two letters are spelled by two content words only: "people
			// come" is no PC.
			// Nor by a word of another name: "hilly rides" (ride_dist_km)
			// is no HR.
			if n := l.spells(out[i:], s); n >= 2 && (len(s) > 2 || !slices.ContainsFunc(out[i:i+n], func(w string) bool { return !l.usableWord(w) || nameWord(w, cols) })) {
				rest := slices.Clone(out[i+n:])
				out = append(append(slices.Clone(out[:i]), s), rest...)
				break
			}
		}
	}
	return out
}

// nameWord reports whether w is a word of a column's name, or its
// inflection.
func nameWord(w string, cols []columnWords) bool {
	return slices.ContainsFunc(cols, func(c columnWords) bool {
		return slices.ContainsFunc(c.words, func(cw string) bool { return len(cw) > 2 && inflection(w, cw) })
	})
}

// spells returns how many of the words at the start of ws spell the
// initialism s, or 0.
func (l *lexicon) spells(ws []string, s string) int {
	if len(ws) == 0 || ws[0] == s || !(l.usableWord(ws[0]) || len(ws[0]) > 2 && !functionWords[ws[0]] && !connectors[ws[0]]) {
		return 0
	}
	var try func(k, i int) int
	try = func(k, i int) int {
		if k == len(s) {
			if i >= 2 && (l.usableWord(ws[i-1]) || !functionWords[ws[i-1]] && len(ws[i-1]) > 2) {
				return i
			}
			return 0
		}
		if i == len(ws) {
			return 0
		}
		w := ws[i]
		if w[0] == s[k] && (l.usableWord(w) || initialismWords[w] || len(w) > 2 && !functionWords[w] && !connectors[w]) {
			if n := try(k+1, i+1); n > 0 {
				return n
			}
		}
		if initialismWords[w] && i > 0 {
			return try(k, i+1)
		}
		return 0
	}
	return try(0, 0)
}

// usableWord reports whether w may be part of a name: a content word that
// is not a stop word.
func (l *lexicon) usableWord(w string) bool {
	return isContent(w) && !l.stop[w] && !connectors[w]
}

// ellipses writes out a head that two conjuncts share: "Q1 and Q2 usage"
// is "Q1 usage and Q2 usage", and "accuracy congruent vs incongruent" is
// "accuracy congruent vs accuracy incongruent", where one column's name
// holds each conjunct with the head (usage_q1_m3 and usage_q2_m3, acc_cong
// and acc_incong) and no column's name holds the lone conjunct with what
// stands beside it.
func (l *lexicon) ellipses(ws []string, cols []columnWords) []string {
	has := func(c columnWords, w string) bool {
		if c.codes[w] {
			// Q1's q and 1.
			return true
		}
		if isDigits(w) {
			return slices.Contains(c.words, w)
		}
		return slices.ContainsFunc(c.words, func(cw string) bool { return sameWordSpelled(w, cw) })
	}
	// column returns the one column whose name holds every word of ps.
	column := func(ps ...[]string) string {
		found := ""
		for _, c := range cols {
			if c.ident || !all2(ps, func(w string) bool { return has(c, w) }) {
				continue
			}
			if found != "" {
				return ""
			}
			found = c.name
		}
		return found
	}
	part := func(p []string) bool {
		// A conjunct is a word or two of content, a code or a marker.
		return len(p) > 0 && !slices.ContainsFunc(p, func(w string) bool {
			return connectors[w] || functionWords[w] || l.stop[w] && !l.isMarker(w) && !isDigits(w) && len(w) > 1
		})
	}
	// A head is words of content: "usage", "accuracy".
	isHead := func(p []string) bool {
		return part(p) && !slices.ContainsFunc(p, func(w string) bool { return !isContent(w) || isDigits(w) || len(w) < 2 })
	}
	for j := 1; j+1 < len(ws); j++ {
		if !complementJoins[ws[j]] && ws[j] != "comma" {
			continue
		}
		for n := 1; n <= 2 && j-n >= 0; n++ {
			left := ws[j-n : j]
			if !part(left) {
				continue
			}
			for r := n; r == n && j+1+r < len(ws); r++ {
				right := ws[j+1 : j+1+r]
				if !alike(left, right) || n == 1 && l.isMarker(left[0]) && l.isMarker(right[0]) {
					// Conjuncts of one shape ("Q1 and Q2", "congruent vs
					// incongruent"), not the markers of a paired layout,
					// which the pairs read ("before and after").
					continue
				}
				// Forward: "Q1 and Q2 usage", the head after the second.
				for h := 1; h <= 2 && j+1+r+h <= len(ws); h++ {
					head := ws[j+1+r : j+1+r+h]
					if !part(right) || !isHead(head) || shared(head, left, right) || column(left, head) == "" || column(right, head) == "" || column(left, head) == column(right, head) || column(left, right) != "" {
						continue
					}
					out := slices.Clone(ws[:j])
					out = append(out, head...)
					return append(out, ws[j:]...)
				}
				// Backward: "accuracy congruent vs incongruent", the head
				// before the first.
				for h := 1; h <= 2 && j-n-h >= 0; h++ {
					head := ws[j-n-h : j-n]
					if !part(right) || !isHead(head) || shared(head, left, right) || column(head, left) == "" || column(head, right) == "" || column(head, left) == column(head, right) || column(right) != "" && column(right) != column(head, right) {
						continue
					}
					out := slices.Clone(ws[:j+1])
					out = append(out, head...)
					return append(out, ws[j+1:]...)
				}
			}
		}
	}
	return ws
}

// alike reports whether two conjuncts have one shape: as many words, codes
// where codes stand, and not the same words.
func alike(a, b []string) bool {
	if len(a) != len(b) || slices.Equal(a, b) {
		return false
	}
	for i := range a {
		if isDigits(a[i]) != isDigits(b[i]) {
			return false
		}
	}
	return true
}

// shared reports whether a word of head stands in a or b too.
func shared(head, a, b []string) bool {
	return slices.ContainsFunc(head, func(w string) bool { return slices.Contains(a, w) || slices.Contains(b, w) })
}

// all2 reports whether f holds for every word of every list in ps.
func all2(ps [][]string, f func(string) bool) bool {
	for _, p := range ps {
		for _, w := range p {
			if !f(w) {
				return false
			}
		}
	}
	return true
}
