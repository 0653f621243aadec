package decision

import (
	"slices"
	"strings"
	"unicode"
)

// Column matching: whether a prompt word may stand for a word of a column
// name, by algorithm (inflection, prefix, consonant skeleton, typo), and
// how loosely.

// sameWord reports whether prompt word p may stand for column word c:
// equal, a plural, an abbreviation (one a prefix of the other, of at least
// 4 letters) or, for long words, one typo.
func sameWord(p, c string) bool {
	if p == "" || c == "" {
		return false
	}
	if p[0] != c[0] {
		// Only a typo may change the first letter.
		return typo(p, c)
	}
	return typo(p, c) || sameWordSpelled(p, c)
}

// typo reports whether p is c with one typo: for long words one edit, for
// words of five letters a swap of two letters.
func typo(p, c string) bool {
	return len(c) >= 6 && editOne(p, c) || len(c) == 5 && len(p) == 5 && transposed(p, c)
}

// sameWordSpelled is sameWord without typos: a word a vocabulary gives
// for another (a related word, a ring's phrase) is spelled right, and
// "weight" is not a typo of height.
func sameWordSpelled(p, c string) bool {
	if p == "" || c == "" || p[0] != c[0] {
		return false
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
	case abbreviates(c, p):
		return true
	}
	sp, sc := stem(p), stem(c)
	switch {
	case len(sp) >= 4 && sp == sc, len(c) >= 5 && sp == sc:
		return true
	case sameFamily(p, c):
		return true
	case len(c) >= 4 && (hasVariant(p) || hasVariant(c)) && spellingKey(p) == spellingKey(c):
		return true
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

// inflection reports whether prompt word p is column word c or an
// inflection of it (a plural, -ies for -y, one stem): the only ways a
// common word may name a column, since "what" would otherwise abbreviate
// wt.
func inflection(p, c string) bool {
	return p == c || pluralOf(p, c) || pluralOf(c, p) || sameStem(p, c) || sameFamily(p, c)
}

// sameFamily reports whether p and c are of one word family one of which
// is listed (word_forms): "won" and "winning", "wins"; "usage" and "use".
func sameFamily(p, c string) bool {
	bp, bc := wordForms[p], wordForms[c]
	if bp == "" && bc == "" || len(p) < 3 || len(c) < 3 || functionWords[p] || functionWords[c] {
		return false
	}
	root := func(w, b string) string {
		if b != "" {
			return stem(b)
		}
		return stem(w)
	}
	return root(p, bp) == root(c, bc)
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

// sameStem reports whether p and c are inflections of one word of at
// least four letters.
func sameStem(p, c string) bool {
	sp, sc := stem(p), stem(c)
	return len(sp) >= 4 && sp == sc
}

// abbreviates reports whether the column word c is a shortening of the
// prompt word p: a prefix of three letters or more (inc for income, exp for
// experience), or a consonant skeleton (hgt for height, wt for weight, qty
// for quantity, yrs for years, dept for department): c starts with p's
// first letter, its letters occur in p in order, it has no vowel after its
// first letter but, in four letters or more, the second, and p is at least
// two letters longer.
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
		if isVowel(c[i]) && (i > 1 || len(c) < 4) {
			// A vowel only right after the first letter of a longer
			// shortening (dept for department); none in a short one
			// (wt, not wet), nor later (press is not process).
			return false
		}
	}
	if len(c) > 5 || len(c) == 2 && len(p) > 6 {
		// Two letters shorten a short word (wt, ht, hr for hour), not
		// a long one: hr is not horsepower.
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
