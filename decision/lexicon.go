package decision

import (
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
	// codedGroups maps a column name word (sex) to the prompt words that
	// name its coded groups (men, women).
	codedGroups map[string]map[string]bool
	// statistics are the statistics' phrases as words, with their ids.
	statistics []statForm
	refWords   map[string]bool
	// unitMeasures maps a unit word to the measures it implies; units
	// holds its keys, the words that say how a column is measured and
	// not what.
	unitMeasures map[string][]string
	units        map[string]bool
	// distributions are the named distributions' words, with their ids.
	distributions []statForm
	// rings are the concepts' phrases as words, ring by ring; ringsBy
	// indexes them by the stem of their first word.
	rings   [][][]string
	ringsBy map[string][]ringPhrase

	// names memoizes nameInfo by column name, up to maxNames.
	names     sync.Map
	nameCount atomic.Int64
	// pairWords memoizes, by the measures' names, the pairs of them
	// whose names differ in one word (findNamedPairs), up to maxNames.
	pairWords     sync.Map
	pairWordCount atomic.Int64
}

// nameInfo is what a column's name alone says about it.
type nameInfo struct {
	idLike       bool
	stem, marker string
	marked       bool
	// words are the name's canonical words without the units at its
	// end: spring_wt_kg is spring weight.
	words []string
}

// info returns what name says about its column, memoized: a service sees
// the same column names question after question.
func (l *lexicon) info(name string) nameInfo {
	if v, ok := l.names.Load(name); ok {
		return v.(nameInfo)
	}
	ni := nameInfo{idLike: l.idLikeName(name)}
	ni.stem, ni.marker, ni.marked = l.splitMarker(name)
	ni.words = l.canonicalize(words(name))
	for len(ni.words) > 1 && l.units[ni.words[len(ni.words)-1]] {
		ni.words = ni.words[:len(ni.words)-1]
	}
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
				var parts [][]string
				for _, p := range strings.Split(w, "…") {
					if pw := words(p); len(pw) > 0 {
						parts = append(parts, pw)
					}
				}
				l.statistics = append(l.statistics, statForm{stat: st.Stat, words: ws, parts: parts})
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
	l.units = map[string]bool{}
	for _, um := range v.UnitMeasures {
		for _, u := range um.Units {
			l.unitMeasures[u] = append(l.unitMeasures[u], um.Measures...)
			l.units[u] = true
		}
	}
	l.ringsBy = map[string][]ringPhrase{}
	for _, ring := range v.Concepts {
		var r [][]string
		for _, p := range ring {
			if ws := words(p); len(ws) > 0 {
				l.ringsBy[stem(ws[0])] = append(l.ringsBy[stem(ws[0])], ringPhrase{ring: len(l.rings), words: ws})
				r = append(r, ws)
				if len(ws) >= 3 && ringModifiers[ws[0]] {
					// "handle time" of "average handle time": the phrase
					// without the word of a statistic before it.
					rest := ws[1:]
					l.ringsBy[stem(rest[0])] = append(l.ringsBy[stem(rest[0])], ringPhrase{ring: len(l.rings), words: rest})
					r = append(r, rest)
				}
			}
		}
		l.rings = append(l.rings, r)
	}
	l.refWords = map[string]bool{}
	for _, w := range v.ReferenceWords {
		l.refWords[w] = true
	}
	l.levelSynonyms = map[string][]string{}
	for _, ls := range v.LevelSynonyms {
		l.levelSynonyms[ls.Level] = append(l.levelSynonyms[ls.Level], ls.Words...)
	}
	l.codedGroups = map[string]map[string]bool{}
	for _, cg := range v.CodedGroups {
		for _, n := range cg.Names {
			if l.codedGroups[n] == nil {
				l.codedGroups[n] = map[string]bool{}
			}
			for _, w := range cg.Words {
				l.codedGroups[n][w] = true
			}
		}
	}
	return l
}

// defaultLexicon is the vocabulary of the embedded rules, for the package
// functions that take no rule set (Assess, Resolve).
var defaultLexicon = sync.OnceValue(func() *lexicon { return newLexicon(DefaultRules().Vocabulary) })

// idLikeName reports whether a column name starts or ends with an
// identifier word.
func (l *lexicon) idLikeName(name string) bool {
	toks := tokens(name)
	// "Sprint #", "#order": the sign reads "number".
	n := strings.TrimSpace(name)
	return strings.HasSuffix(n, "#") || strings.HasPrefix(n, "#") || len(toks) > 0 && (l.idWords[toks[len(toks)-1]] || l.idWords[toks[0]])
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
