package explain

import (
	"fmt"
	"math"
	"strconv"
	"strings"
)

// alpha is the significance level of every sentence: two-sided tests at 5%.
const alpha = 0.05

// pText formats a p-value for a table cell, APA style: ".004", "< .001".
func pText(p float64) string {
	switch {
	case p < 0.001:
		return "< .001"
	case p >= 0.9995:
		return "1.000"
	}
	return strings.TrimPrefix(strconv.FormatFloat(p, 'f', 3, 64), "0")
}

// pIs formats a p-value for a sentence: "p = .004", "p < .001".
func pIs(p float64) string {
	t := pText(p)
	if strings.HasPrefix(t, "<") {
		return "p " + t
	}
	return "p = " + t
}

// num formats a statistic or an estimate with two decimals, or three
// significant digits where two decimals would hide it (tiny or huge
// magnitudes).
func num(x float64) string {
	a := math.Abs(x)
	switch {
	case x == 0:
		return "0.00"
	case a >= 1e15 || a < 0.01:
		return minus(strings.Replace(strconv.FormatFloat(x, 'g', 3, 64), "e+", "e", 1))
	case a >= 1e4:
		return minus(groupDigits(strconv.FormatFloat(x, 'f', 2, 64)))
	}
	return minus(strconv.FormatFloat(x, 'f', 2, 64))
}

// groupDigits puts thousands separators in the integer part of a
// formatted number.
func groupDigits(s string) string {
	sign := ""
	if strings.HasPrefix(s, "-") {
		sign, s = "-", s[1:]
	}
	whole, frac, hasFrac := strings.Cut(s, ".")
	var b strings.Builder
	for i, c := range whole {
		if i > 0 && (len(whole)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(c)
	}
	if hasFrac {
		return sign + b.String() + "." + frac
	}
	return sign + b.String()
}

// precise formats x with four significant digits (bandwidths, slopes).
func precise(x float64) string {
	return minus(strconv.FormatFloat(x, 'g', 4, 64))
}

// unit formats a quantity bounded by ±1 (a correlation, R², η²) without
// its leading zero: ".43", "-.43", "1.00".
func unit(x float64) string {
	s := strconv.FormatFloat(x, 'f', 2, 64)
	if s == "-0.00" {
		s = "0.00"
	}
	s = strings.Replace(s, "0.", ".", 1)
	return minus(s)
}

// minus writes a negative sign as a minus sign only where the number
// starts with it; hyphens elsewhere stay.
func minus(s string) string {
	if strings.HasPrefix(s, "-") {
		return "−" + s[1:]
	}
	return s
}

// df formats degrees of freedom: whole numbers as such, Welch's with one
// decimal.
func df(x float64) string {
	if x == math.Trunc(x) && math.Abs(x) < 1e15 {
		return strconv.FormatFloat(x, 'f', 0, 64)
	}
	return strconv.FormatFloat(x, 'f', 1, 64)
}

// count formats a count with thousands separators: "157,000".
func count(n int) string {
	s := strconv.Itoa(n)
	if n < 0 {
		return "-" + count(-n)
	}
	var b strings.Builder
	for i, c := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(c)
	}
	return b.String()
}

// ci formats an interval: "[0.88, 4.24]".
func ci(lo, hi float64, f func(float64) string) string {
	return fmt.Sprintf("[%s, %s]", f(lo), f(hi))
}

// list joins words as a sentence does: "a", "a and b", "a, b and c".
func list(words []string) string {
	switch len(words) {
	case 0:
		return ""
	case 1:
		return words[0]
	}
	return strings.Join(words[:len(words)-1], ", ") + " and " + words[len(words)-1]
}

// plural returns word with an "s" unless n is 1.
func plural(n int, word string) string {
	if n == 1 {
		return word
	}
	return word + "s"
}

// capital upper-cases the first letter of s.
func capital(s string) string {
	if s == "" {
		return s
	}
	r := []rune(s)
	r[0] = []rune(strings.ToUpper(string(r[0])))[0]
	return string(r)
}
