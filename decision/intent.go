package decision

import (
	"regexp"
	"slices"
	"strings"
)

// Stage 3, intent: which analyses the words ask for (each rule's weighted
// terms), what lies out of scope, and the values a prompt states (a
// reference number, a statistic, a distribution).

type compiledRule struct {
	rule     Rule
	terms    []compiledTerm
	negTerms []compiledTerm
	// all are terms then negTerms.
	all []compiledTerm
	// wantsNumber is set when a parameter comes from a reference number.
	wantsNumber bool
	// wantsStat is set when a parameter names a statistic (describe's),
	// wantsDist when one names a distribution (kstest's).
	wantsStat, wantsDist bool
}

type compiledTerm struct {
	phrase string
	weight float64
	forms  [][][]string // form → parts (split at …) → words
}

func (l *lexicon) compileTerms(ts []Term) []compiledTerm {
	out := make([]compiledTerm, len(ts))
	for i, t := range ts {
		ct := compiledTerm{phrase: t.Phrase, weight: t.Weight}
		for _, f := range t.Forms() {
			f = strings.ReplaceAll(f, "...", "…")
			var parts [][]string
			for p := range strings.SplitSeq(f, "…") {
				if ws := l.termWords(p); len(ws) > 0 {
					parts = append(parts, ws)
				}
			}
			if len(parts) > 0 {
				ct.forms = append(ct.forms, parts)
			}
		}
		out[i] = ct
	}
	return out
}

// namesClass reports whether a form names a word class, such as
// {comparative}: only such a form is matched against the classed words,
// so "lower" still matches where "{comparative} … than" is a synonym.
func namesClass(f [][]string) bool {
	for _, part := range f {
		for _, w := range part {
			if strings.HasPrefix(w, "{") {
				return true
			}
		}
	}
	return false
}

// maxGap is how many words an ellipsis in a phrase may stand for, and
// maxClassGap how many between word classes alone.
const (
	maxGap      = 5
	maxClassGap = 12
)

// matchForm finds the parts of a form in order in ws.
func matchForm(ws []string, parts [][]string) bool {
	var try func(p, from, limit int) bool
	try = func(p, from, limit int) bool {
		if p == len(parts) {
			return true
		}
		for i := from; i <= limit && i+len(parts[p]) <= len(ws); i++ {
			if phraseAt(ws[i:i+len(parts[p])], parts[p]) {
				if try(p+1, i+len(parts[p]), i+len(parts[p])+maxGap) {
					return true
				}
			}
		}
		return false
	}
	return try(0, 0, len(ws))
}

// phraseAt compares prompt words with phrase words, allowing a plural.
func phraseAt(ws, phrase []string) bool {
	for i, w := range phrase {
		if ws[i] != w && !pluralOf(ws[i], w) {
			return false
		}
	}
	return true
}

// anyMatch reports whether any match term of any rule matched.
func (h termHits) anyMatch(rules []compiledRule) bool {
	for i, r := range rules {
		if slices.Contains(h[i][:len(r.terms)], true) {
			return true
		}
	}
	return false
}

// termHits says which terms of which rules the prompt matches:
// hit[rule][k] for the rule's match terms, then its negative terms.
type termHits [][]bool

// matchTerms matches every term of every rule once, and returns the hits
// and the positions of the prompt words the matching terms use: those
// words ask for an analysis, so they name a column only as themselves
// ("distribution of" is not dist_km). A form is tried only when its first
// word is in the prompt.
func (e *Engine) matchTerms(ws, classed []string, set map[string]bool) (termHits, map[int]bool, map[[2]int][][]int) {
	hits := make(termHits, len(e.compiled))
	for i := range e.compiled {
		hits[i] = make([]bool, len(e.compiled[i].all))
	}
	pos := map[int]bool{}
	at := map[[2]int][][]int{}
	// Only the forms whose first word is in the prompt are tried.
	for w := range set {
	forms:
		for _, fr := range e.formsByWord[w] {
			f := e.compiled[fr.rule].all[fr.term].forms[fr.form]
			in := ws
			if fr.class {
				in = classed
			}
			for _, part := range f {
				for _, w := range part {
					if !set[w] {
						continue forms
					}
				}
			}
			// Every form that matches marks its words: "shapiro wilk" as
			// well as "shapiro", so that wilk names no column.
			gap := maxGap
			if fr.classOnly {
				// Two classes only ("{spread} … {comparison}"): the
				// columns they speak of stand between, however long
				// their names.
				gap = maxClassGap
			}
			if ps := formPositions(in, f, gap); ps != nil && !negated(in, ps[0], f) {
				hits[fr.rule][fr.term] = true
				at[[2]int{fr.rule, fr.term}] = append(at[[2]int{fr.rule, fr.term}], ps)
				for _, p := range ps {
					pos[p] = true
				}
			}
		}
	}
	return hits, pos, at
}

// formRef names one form of one term of one compiled rule.
type formRef struct {
	rule, term, form int
	class            bool // the form names a word class
	classOnly        bool // every part of the form is one class token
}

// indexForms returns the forms of the compiled rules by their first word.
func indexForms(compiled []compiledRule) map[string][]formRef {
	idx := map[string][]formRef{}
	for i, cr := range compiled {
		for k, t := range cr.all {
			for j, f := range t.forms {
				if len(f) == 0 || len(f[0]) == 0 {
					continue
				}
				only := len(f) > 1
				for _, part := range f {
					only = only && len(part) == 1 && strings.HasPrefix(part[0], "{")
				}
				idx[f[0][0]] = append(idx[f[0][0]], formRef{rule: i, term: k, form: j, class: namesClass(f), classOnly: only})
			}
		}
	}
	return idx
}

// dropNameTerms unsets the hits whose every match lies inside a column
// named in full: in "compare downloads across the three shows", shows is
// the column Show, not a request to show a chart.
func (h termHits) dropNameTerms(at map[[2]int][][]int, mentions []Mention) {
	inName := func(p int) bool {
		return slices.ContainsFunc(mentions, func(m Mention) bool { return m.score >= 1 && p >= m.Start && p < m.End })
	}
	for key, forms := range at {
		if !slices.ContainsFunc(forms, func(ps []int) bool { return !all(ps, inName) }) {
			h[key[0]][key[1]] = false
		}
	}
}

func all(ps []int, f func(int) bool) bool {
	for _, p := range ps {
		if !f(p) {
			return false
		}
	}
	return true
}

// negated reports whether a negator stands in the two words before the
// form's match at start, and the form has none of its own: in "not
// assuming equal variances", equal variances are not asked for.
func negated(ws []string, start int, f [][]string) bool {
	for _, part := range f {
		for _, w := range part {
			if negators[w] {
				return false
			}
		}
	}
	for j := max(start-2, 0); j < start; j++ {
		if negators[ws[j]] {
			return true
		}
	}
	return false
}

// formPositions returns the positions of the words of the first match of
// a form's parts in ws, or nil.
func formPositions(ws []string, parts [][]string, gap int) []int {
	var out []int
	var try func(p, from, limit int) bool
	try = func(p, from, limit int) bool {
		if p == len(parts) {
			return true
		}
		for i := from; i <= limit && i+len(parts[p]) <= len(ws); i++ {
			if phraseAt(ws[i:i+len(parts[p])], parts[p]) {
				n := len(out)
				for k := range parts[p] {
					out = append(out, i+k)
				}
				if try(p+1, i+len(parts[p]), i+len(parts[p])+gap) {
					return true
				}
				out = out[:n]
			}
		}
		return false
	}
	if try(0, 0, len(ws)) {
		return out
	}
	return nil
}

// outOfScopeIn returns the first out-of-scope request the prompt words
// contain.
func (l *lexicon) outOfScopeIn(ws []string) (scopeForm, bool) {
	in := present(ws)
	for _, o := range l.outOfScope {
		if in(o.words[0]) && matchForm(ws, [][]string{o.words}) {
			return o, true
		}
	}
	return scopeForm{}, false
}

// present returns whether a word, or its plural in s or es, is among ws:
// a quick test before a phrase is looked for.
func present(ws []string) func(string) bool {
	set := make(map[string]bool, len(ws))
	for _, w := range ws {
		set[w] = true
	}
	return func(w string) bool { return set[w] || set[w+"s"] || set[w+"es"] }
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

// statForm is one way of naming a statistic.
type statForm struct {
	stat  string
	words []string
	// parts are words split at an ellipsis, which stands for a gap of a
	// few words: "no … recorded".
	parts [][]string
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
	// "Does a bigger crew mean faster turns?": mean before a comparative
	// or "that" is a verb.
	for i, w := range ws {
		if (w == "mean" || w == "means") && i+1 < len(ws) && (l.classes[ws[i+1]] == "{comparative}" || ws[i+1] == "that") {
			ws[i] = ""
		}
	}
	// The longest phrase wins: "interquartile range" is the IQR, not the
	// range as well.
	found, longest := "", 0
	in := present(ws)
	for _, f := range l.statistics {
		if !in(f.words[0]) || !matchForm(ws, f.parts) {
			continue
		}
		switch {
		case len(f.words) > longest:
			found, longest = f.stat, len(f.words)
		case len(f.words) == longest && found != f.stat:
			found = ""
		}
	}
	return found
}

// numberRE finds numbers in a prompt, with an optional percent sign.
var numberRE = regexp.MustCompile(`(^|[^\w.,])(-?\d{1,3}(?:,\d{3})+(?:\.\d+)?|-?\d+(?:\.\d+)?)\s*(%|percent)?`)

// referenceNumber returns the one number the prompt states as a reference
// value — after a reference word ("different from 15%", "a target of 30
// mpg") — or false when there is none or several.
func (l *lexicon) referenceNumber(prompt string) (string, bool) {
	found := ""
	lower := strings.ToLower(prompt)
	for _, m := range numberRE.FindAllStringSubmatchIndex(lower, -1) {
		before, after := words(lower[:m[4]]), words(lower[m[5]:])
		// Articles and a reference's adjectives may stand between: "from
		// the recommended 8 hours", "than our target of 80".
		k := len(before)
		for k > 0 && len(before)-k < 3 && referenceFillers[before[k-1]] {
			k--
		}
		ref := k > 0 && l.refWords[before[k-1]]
		if ref && len(after) > 0 && periodWords[after[0]] && periodPrepositions[before[k-1]] {
			// "over 12 months", "in 6 weeks": a period, not a value.
			ref = false
		}
		if m[5] < len(lower) && lower[m[5]] == '/' || m[4] > 0 && lower[m[4]-1] == '/' {
			// "coded 0/1": codes, not a value.
			ref = false
		}
		// "the 30 mpg target": a reference noun just after the number.
		for k := 0; k < len(after) && k < 2 && !ref; k++ {
			ref = referenceNouns[after[k]]
		}
		if !ref {
			continue
		}
		// "$2,500": the commas group thousands.
		num := strings.ReplaceAll(lower[m[4]:m[5]], ",", "")
		if found != "" && found != num {
			return "", false
		}
		found = num
	}
	// A number in words after a reference word: "greater than zero".
	if found == "" {
		ws := words(lower)
		for i := 1; i < len(ws); i++ {
			if i+1 < len(ws) && pronounAfters[ws[i+1]] {
				// "from one another", "one of them": a pronoun.
				continue
			}
			if strings.Contains(lower, ws[i]+"-") {
				// "one-off donors", "two-sided": part of a compound.
				continue
			}
			if n, ok := numberWordValues[ws[i]]; ok && l.refWords[ws[i-1]] && !(i+1 < len(ws) && periodWords[ws[i+1]] && periodPrepositions[ws[i-1]]) {
				if found != "" && found != n {
					return "", false
				}
				found = n
			}
		}
	}
	// "Our SLA says turnarounds should average 35 minutes. Are we
	// different from that?": the one number of the prompt, pointed back
	// to by "from that", "below that".
	if found == "" && l.pointsBack(words(lower)) {
		var nums []string
		for _, m := range numberRE.FindAllStringSubmatchIndex(lower, -1) {
			if m[5] < len(lower) && lower[m[5]] == '/' || m[4] > 0 && lower[m[4]-1] == '/' {
				continue
			}
			if n := strings.ReplaceAll(lower[m[4]:m[5]], ",", ""); !slices.Contains(nums, n) {
				nums = append(nums, n)
			}
		}
		if len(nums) == 1 {
			found = nums[0]
		}
	}
	return found, found != ""
}

// pointsBack reports whether ws compare with a value named before ("from
// that", "below that"): the grammar's reference_anaphora.
func (l *lexicon) pointsBack(ws []string) bool {
	for i := 0; i+1 < len(ws); i++ {
		if referenceAnaphora[ws[i]+" "+ws[i+1]] {
			return true
		}
	}
	return false
}

// distribution returns the one distribution the prompt words name
// ("uniformly distributed", "a gamma distribution").
// It returns "", false when none is named and "several", false when more
// than one is.
func (l *lexicon) distribution(ws []string) (string, bool) {
	found := ""
	in := present(ws)
	for _, f := range l.distributions {
		if in(f.words[0]) && matchForm(ws, [][]string{f.words}) {
			if found != "" && found != f.stat {
				return "several", false
			}
			found = f.stat
		}
	}
	return found, found != ""
}
