package decision

import (
	"regexp"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
)

// lexicon is a Vocabulary compiled for matching.
type lexicon struct {
	canonical  [][2][]string // spelled-out words → abbreviation words
	outOfScope []scopeForm
	implied    map[string][]string
	idWords    map[string]bool
	markers    [][2]string
	stop       map[string]bool
	related    map[string][]string
	classes    map[string]string // word → class token, such as "{comparative}"
	// levelSynonyms maps a level word to the prompt words that name it.
	levelSynonyms map[string][]string
	// statistics are the statistics' phrases as words, with their ids.
	statistics []statForm
	refWords   map[string]bool
	// unitMeasures maps a unit word to the measures it implies.
	unitMeasures map[string][]string
	// distributions are the named distributions' words, with their ids.
	distributions []statForm

	// names memoizes nameInfo by column name, up to maxNames.
	names     sync.Map
	nameCount atomic.Int64
}

// nameInfo is what a column's name alone says about it.
type nameInfo struct {
	idLike       bool
	stem, marker string
	marked       bool
}

// info returns what name says about its column, memoized: a service sees
// the same column names question after question.
func (l *lexicon) info(name string) nameInfo {
	if v, ok := l.names.Load(name); ok {
		return v.(nameInfo)
	}
	ni := nameInfo{idLike: l.idLikeName(name)}
	ni.stem, ni.marker, ni.marked = l.splitMarker(name)
	if l.nameCount.Add(1) <= maxNames {
		l.names.Store(name, ni)
	}
	return ni
}

// scopeForm is one form of an out-of-scope request.
type scopeForm struct {
	words  []string
	phrase string
	reason string
}

func newLexicon(v Vocabulary) *lexicon {
	l := &lexicon{implied: map[string][]string{}, idWords: map[string]bool{}, stop: map[string]bool{}, related: map[string][]string{}}
	l.classes = map[string]string{}
	for _, c := range v.WordClasses {
		for _, w := range c.Words {
			l.classes[w] = "{" + c.Name + "}"
		}
	}
	for _, r := range v.RelatedWords {
		l.related[r.Word] = append(l.related[r.Word], r.ColumnWords...)
	}
	for _, a := range v.Abbreviations {
		long, short := words(a.Long), words(a.Short)
		if len(long) > 0 && len(short) > 0 {
			l.canonical = append(l.canonical, [2][]string{long, short})
		}
	}
	for _, o := range v.OutOfScope {
		for _, f := range append([]string{o.Phrase}, o.Synonyms...) {
			if ws := words(f); len(ws) > 0 {
				l.outOfScope = append(l.outOfScope, scopeForm{words: ws, phrase: f, reason: o.Reason})
			}
		}
	}
	for _, im := range v.ImpliedMeasures {
		for _, w := range im.Words {
			l.implied[w] = append(l.implied[w], im.Measures...)
		}
	}
	for _, w := range v.IdentifierWords {
		l.idWords[w] = true
	}
	for _, m := range v.PairedMarkers {
		l.markers = append(l.markers, [2]string{m.First, m.Second})
	}
	for _, w := range v.StopWords {
		l.stop[w] = true
	}
	for _, st := range v.Statistics {
		for _, w := range st.Words {
			if ws := words(w); len(ws) > 0 {
				l.statistics = append(l.statistics, statForm{stat: st.Stat, words: ws})
			}
		}
	}
	for _, d := range v.Distributions {
		for _, w := range d.Words {
			if ws := words(w); len(ws) > 0 {
				l.distributions = append(l.distributions, statForm{stat: d.Dist, words: ws})
			}
		}
	}
	l.unitMeasures = map[string][]string{}
	for _, um := range v.UnitMeasures {
		for _, u := range um.Units {
			l.unitMeasures[u] = append(l.unitMeasures[u], um.Measures...)
		}
	}
	l.refWords = map[string]bool{}
	for _, w := range v.ReferenceWords {
		l.refWords[w] = true
	}
	l.levelSynonyms = map[string][]string{}
	for _, ls := range v.LevelSynonyms {
		l.levelSynonyms[ls.Level] = append(l.levelSynonyms[ls.Level], ls.Words...)
	}
	return l
}

// defaultLexicon is the vocabulary of the embedded rules, for the package
// functions that take no rule set (Assess, Resolve).
var defaultLexicon = sync.OnceValue(func() *lexicon { return newLexicon(DefaultRules().Vocabulary) })

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

// outOfScopeIn returns the first out-of-scope request the prompt words
// contain.
func (l *lexicon) outOfScopeIn(ws []string) (scopeForm, bool) {
	for _, o := range l.outOfScope {
		if matchForm(ws, [][]string{o.words}) {
			return o, true
		}
	}
	return scopeForm{}, false
}

// idLikeName reports whether a column name starts or ends with an
// identifier word.
func (l *lexicon) idLikeName(name string) bool {
	toks := tokens(name)
	return len(toks) > 0 && (l.idWords[toks[len(toks)-1]] || l.idWords[toks[0]])
}

// isMarker reports whether t is a repeated-measure marker.
func (l *lexicon) isMarker(t string) bool {
	for _, m := range l.markers {
		if t == m[0] || t == m[1] {
			return true
		}
	}
	return false
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
		for _, alt := range alts {
			if anyColumnHas(cols, alt) {
				if out == nil {
					out = slices.Clone(ws)
				}
				out[i] = alt
				break
			}
		}
	}
	if out == nil {
		return ws
	}
	return out
}

func anyColumnHas(cols []columnWords, w string) bool {
	for _, c := range cols {
		if !c.ident && matchesAny(w, c.words) {
			return true
		}
	}
	return false
}

// termWords splits one part of a term into words, keeping word-class
// tokens such as {comparative} whole and rewriting abbreviations in the
// text around them.
func (l *lexicon) termWords(part string) []string {
	var out []string
	for {
		i := strings.IndexByte(part, '{')
		j := strings.IndexByte(part, '}')
		if i < 0 || j < i {
			return append(out, l.canonicalize(words(part))...)
		}
		out = append(out, l.canonicalize(words(part[:i]))...)
		out = append(out, part[i:j+1])
		part = part[j+1:]
	}
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

// statForm is one way of naming a statistic.
type statForm struct {
	stat  string
	words []string
}

// statistic returns the one statistic the prompt words name, or "" when
// they name none or several.
func (l *lexicon) statistic(ws []string) string {
	// One typo in a long word: "avarage".
	ws = slices.Clone(ws)
	for i, w := range ws {
		if len(w) < 6 {
			continue
		}
		for _, f := range l.statistics {
			if len(f.words) == 1 && editOne(w, f.words[0]) {
				ws[i] = f.words[0]
			}
		}
	}
	found := ""
	for _, f := range l.statistics {
		if matchForm(ws, [][]string{f.words}) {
			if found != "" && found != f.stat {
				return ""
			}
			found = f.stat
		}
	}
	return found
}

// numberRE finds numbers in a prompt, with an optional percent sign.
var numberRE = regexp.MustCompile(`(^|[^\w.])(-?\d+(?:\.\d+)?)\s*(%|percent)?`)

// referenceNumber returns the one number the prompt states as a reference
// value — after a reference word ("different from 15%", "a target of 30
// mpg") — or false when there is none or several.
func (l *lexicon) referenceNumber(prompt string) (string, bool) {
	found := ""
	lower := strings.ToLower(prompt)
	for _, m := range numberRE.FindAllStringSubmatchIndex(lower, -1) {
		before, after := words(lower[:m[4]]), words(lower[m[5]:])
		ref := len(before) > 0 && l.refWords[before[len(before)-1]]
		// "the 30 mpg target": a reference noun just after the number.
		for k := 0; k < len(after) && k < 2 && !ref; k++ {
			ref = referenceNouns[after[k]]
		}
		if !ref {
			continue
		}
		num := lower[m[4]:m[5]]
		if found != "" && found != num {
			return "", false
		}
		found = num
	}
	// A number in words after a reference word: "greater than zero".
	if found == "" {
		ws := words(lower)
		for i := 1; i < len(ws); i++ {
			if n, ok := numberWordValues[ws[i]]; ok && l.refWords[ws[i-1]] {
				if found != "" && found != n {
					return "", false
				}
				found = n
			}
		}
	}
	return found, found != ""
}

// referenceNouns follow a reference value: "the 30 mpg target".
var referenceNouns = map[string]bool{"target": true, "benchmark": true, "threshold": true, "standard": true, "goal": true,
	"limit": true, "norm": true, "spec": true, "specification": true, "nominal": true, "reference": true, "recommendation": true}

// numberWordValues are the numbers people write in words.
var numberWordValues = map[string]string{"zero": "0", "one": "1", "two": "2", "three": "3", "four": "4", "five": "5",
	"six": "6", "seven": "7", "eight": "8", "nine": "9", "ten": "10", "hundred": "100"}

// distribution returns the one distribution the prompt words name
// ("uniformly distributed", "a gamma distribution").
// It returns "", false when none is named and "several", false when more
// than one is.
func (l *lexicon) distribution(ws []string) (string, bool) {
	found := ""
	for _, f := range l.distributions {
		if matchForm(ws, [][]string{f.words}) {
			if found != "" && found != f.stat {
				return "several", false
			}
			found = f.stat
		}
	}
	return found, found != ""
}
