package explain

import (
	"regexp"
	"strings"
)

// Term makes a regression term as patsy names it readable by a person:
//
//	Q('floor.area')                         floor.area
//	region[T.south]                         region: south vs central
//	C(treat, Treatment(reference='b'))[T.a] treat: a vs b
//	garage[T.True]                          garage: True vs False
//	C(group)[T.2.0]                         group: 2 vs 1
//	region[central] (no intercept)          region: central
//	np.log(Q('floor.area'))                 log(floor.area)
//	I(age ** 2)                             age²
//	sex[T.M]:dose                           sex: M vs F × dose
//
// reference returns the reference level of a factor (a column name), ""
// when unknown; the term then reads "vs the reference level". It may be
// nil.
func Term(name string, reference func(column string) string) string {
	if name == "Intercept" {
		return "(Intercept)"
	}
	parts := splitTop(name, ':')
	out := make([]string, len(parts))
	for i, p := range parts {
		out[i] = termPart(p, reference)
	}
	return strings.Join(out, " × ")
}

var quoted = regexp.MustCompile(`Q\((?:'([^']*)'|"([^"]*)")\)`)

// unquote replaces Q('name') by name everywhere in an expression.
func unquote(s string) string {
	return quoted.ReplaceAllStringFunc(s, func(m string) string {
		sub := quoted.FindStringSubmatch(m)
		return sub[1] + sub[2]
	})
}

func termPart(p string, reference func(string) string) string {
	factor, level, hasLevel := p, "", false
	if strings.HasSuffix(p, "]") {
		if i := openBracket(p); i > 0 {
			factor, level, hasLevel = p[:i], p[i+1:len(p)-1], true
		}
	}
	display, column, ref := readableFactor(factor)
	if !hasLevel {
		return display
	}
	treatment := strings.HasPrefix(level, "T.")
	level = levelName(strings.TrimPrefix(level, "T."))
	if !treatment {
		return display + ": " + level
	}
	if ref == "" && reference != nil && column != "" {
		ref = reference(column)
	}
	if ref == "" && (level == "True" || level == "False") {
		ref = map[string]string{"True": "False", "False": "True"}[level]
	}
	if ref == "" {
		ref = "the reference level"
	}
	return display + ": " + level + " vs " + levelName(ref)
}

// levelName writes a numeric level as a person would: 2.0 is 2.
func levelName(l string) string {
	if strings.HasSuffix(l, ".0") && strings.Trim(l[:len(l)-2], "-0123456789") == "" && len(l) > 2 {
		return l[:len(l)-2]
	}
	return l
}

var (
	cCall     = regexp.MustCompile(`^C\((.*)\)$`)
	reference = regexp.MustCompile(`^(.*?),\s*Treatment\((?:reference\s*=\s*)?(?:'([^']*)'|"([^"]*)"|([^)]*))\)\s*$`)
	npCall    = regexp.MustCompile(`^(?:np|numpy)\.(\w+)\((.*)\)$`)
	iCall     = regexp.MustCompile(`^I\((.*)\)$`)
	plainName = regexp.MustCompile(`^[A-Za-z_][A-Za-z0-9_.]*$`)
)

// readableFactor returns how a factor reads, the column it names (when
// it is one column) and the reference level given in the formula.
func readableFactor(f string) (display, column, ref string) {
	f = strings.TrimSpace(f)
	if m := cCall.FindStringSubmatch(f); m != nil {
		inner := m[1]
		if r := reference.FindStringSubmatch(inner); r != nil {
			inner, ref = r[1], r[2]+r[3]+strings.TrimSpace(r[4])
		}
		d, col, _ := readableFactor(inner)
		return d, col, ref
	}
	if m := quoted.FindStringSubmatch(f); m != nil && m[0] == f {
		return m[1] + m[2], m[1] + m[2], ""
	}
	if m := npCall.FindStringSubmatch(f); m != nil {
		d, _, _ := readableFactor(m[2])
		return m[1] + "(" + d + ")", "", ""
	}
	if m := iCall.FindStringSubmatch(f); m != nil {
		e := unquote(m[1])
		e = strings.NewReplacer(" ** 2", "²", "**2", "²", " ** 3", "³", "**3", "³", " * ", " × ").Replace(e)
		return e, "", ""
	}
	if plainName.MatchString(f) {
		return f, f, ""
	}
	return unquote(f), "", ""
}

// splitTop splits s at sep outside parentheses, brackets and quotes.
func splitTop(s string, sep byte) []string {
	var parts []string
	depth, start := 0, 0
	var quote byte
	for i := 0; i < len(s); i++ {
		ch := s[i]
		switch {
		case quote != 0:
			if ch == quote {
				quote = 0
			}
		case ch == '\'' || ch == '"':
			quote = ch
		case ch == '(' || ch == '[':
			depth++
		case ch == ')' || ch == ']':
			depth--
		case ch == sep && depth == 0:
			parts = append(parts, s[start:i])
			start = i + 1
		}
	}
	return append(parts, s[start:])
}

// openBracket returns the index of the '[' that matches the final ']' of
// s, or -1.
func openBracket(s string) int {
	depth := 0
	var quote byte
	for i := len(s) - 1; i >= 0; i-- {
		ch := s[i]
		switch {
		case quote != 0:
			if ch == quote {
				quote = 0
			}
		case ch == '\'' || ch == '"':
			quote = ch
		case ch == ']' || ch == ')':
			depth++
		case ch == '[' || ch == '(':
			depth--
			if depth == 0 && ch == '[' {
				return i
			}
		}
	}
	return -1
}

// Formula makes a formula readable: Q('floor.area') becomes floor.area.
func Formula(f string) string { return unquote(f) }
