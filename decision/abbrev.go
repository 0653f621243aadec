package decision

import (
	"slices"
	"strings"
)

// This file holds the algorithms that let a prompt word stand for a
// column word written differently: an inflected form (stem), a
// shortening of it (abbreviates: a prefix such as chol for cholesterol, or
// a consonant skeleton such as hgt for height and qty for quantity), and a
// run of words whose initials spell the column word (initialisms: "body
// mass index" for bmi, "miles per gallon" for mpg). None of them knows any
// particular word: they compare letters.

// stem strips the common English inflections from w, so that "smokers",
// "smoker" and "smoking", or "studied" and "studies", meet: the plural and
// possessive s, -es, -ies, -ing, -ed, -er(s) and -ly, keeping at least
// three letters.
func stem(w string) string {
	if base, ok := strings.CutSuffix(w, "ves"); ok && len(base) >= 3 {
		// leaves, halves: leaf, half.
		return base + "f"
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

// sameStem reports whether p and c are inflections of one word of at
// least four letters.
func sameStem(p, c string) bool {
	sp, sc := stem(p), stem(c)
	return len(sp) >= 4 && sp == sc
}

// abbreviates reports whether the column word c is a shortening of the
// prompt word p: a prefix of three letters or more (inc for income, exp for
// experience), or a consonant skeleton (hgt for height, wt for weight, qty
// for quantity, yrs for years): c starts with p's first letter, its letters
// occur in p in order, it has at most one vowel after its first letter,
// and p is at least two letters longer.
func abbreviates(c, p string) bool {
	if len(c) < 2 || len(p) < len(c)+2 || c[0] != p[0] || !isLetters(c) || !isLetters(p) {
		return false
	}
	// A prefix of three letters or more, of the word or of its stem
	// (beds: bed-rooms).
	if sc := stem(c); len(c) >= 3 && strings.HasPrefix(p, c) || len(sc) >= 3 && sc != c && strings.HasPrefix(p, sc) {
		return true
	}
	for i := 1; i < len(c); i++ {
		if isVowel(c[i]) {
			return false
		}
	}
	if len(c) > 5 {
		return false
	}
	// The skeleton may stop before a suffix: pct is percent(age), ft is
	// foot(age).
	for _, suf := range skeletonSuffixes {
		if base, ok := strings.CutSuffix(p, suf); ok && len(base) >= len(c)+1 && skeletonOf(c, base) {
			return true
		}
	}
	return skeletonOf(c, p)
}

// skeletonSuffixes may follow the word an abbreviation shortens.
var skeletonSuffixes = []string{"age", "ages", "ment", "ments", "ness", "ity", "ation", "ations", "ion", "ions", "ure", "ures", "ance", "ence", "ing"}

// skeletonOf reports whether c, which starts with p's first letter, is a
// consonant skeleton of p: its letters in order in p, its last letter p's
// last letter or last consonant (wt: weighT, qty: quantitY, yrs: yearS),
// so that hr is not hours.
func skeletonOf(c, p string) bool {
	last := c[len(c)-1]
	if p[len(p)-1] != last {
		k := len(p) - 1
		for k > 0 && isVowel(p[k]) {
			k--
		}
		if p[k] != last {
			return false
		}
	}
	// Every letter of c in order in p.
	j := 1
	for i := 1; i < len(c); i++ {
		for j < len(p) && p[j] != c[i] {
			j++
		}
		if j == len(p) {
			return false
		}
		j++
	}
	return true
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

// initialismWords are words an initialism may spell or skip: "miles per
// gallon" is mpg, "length of stay" is los, "quality of life" is qol or
// ql.
var initialismWords = map[string]bool{"of": true, "per": true, "and": true, "the": true, "in": true, "to": true, "at": true}

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
			// wt) are too often a coincidence.
			if len(w) >= 3 && len(w) <= 5 && isLetters(w) && !slices.Contains(short, w) {
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
			if n := l.spells(out[i:], s); n >= 2 {
				rest := slices.Clone(out[i+n:])
				out = append(append(slices.Clone(out[:i]), s), rest...)
				break
			}
		}
	}
	return out
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
		if w[0] == s[k] && (l.usableWord(w) || initialismWords[w] || i > 0 && len(w) > 2 && !functionWords[w] && !connectors[w]) {
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

// functionWords carry grammar, not meaning: they never spell an
// initialism's letter.
var functionWords = map[string]bool{"the": true, "a": true, "an": true, "is": true, "are": true, "was": true, "were": true,
	"be": true, "do": true, "does": true, "did": true, "has": true, "have": true, "had": true, "what": true, "which": true,
	"how": true, "why": true, "when": true, "where": true, "who": true, "this": true, "that": true, "these": true,
	"those": true, "it": true, "its": true, "for": true, "with": true, "by": true, "or": true, "than": true, "between": true}
