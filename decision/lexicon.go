package decision

import (
	"sync"
)

// lexicon is a Vocabulary compiled for matching.
type lexicon struct {
	canonical  [][2][]string // spelled-out words → abbreviation words
	outOfScope []scopeForm
	implied    map[string][]string
	idWords    map[string]bool
	markers    [][2]string
	stop       map[string]bool
}

// scopeForm is one form of an out-of-scope request.
type scopeForm struct {
	words  []string
	phrase string
	reason string
}

func newLexicon(v Vocabulary) *lexicon {
	l := &lexicon{implied: map[string][]string{}, idWords: map[string]bool{}, stop: map[string]bool{}}
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

// stopWord reports whether w names nothing.
func (l *lexicon) stopWord(w string) bool { return l.stop[w] }
