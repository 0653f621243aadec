package stats

import (
	"math"
	"strconv"
	"strings"
)

// The helpers below format numbers for report sentences in APA style:
// statistics with two decimals, p-values with three decimals and no leading
// zero ("p = .019", "p < .001"), quantities bounded by one (correlations,
// effect sizes such as η²) without a leading zero.

// fmtNum formats x with two decimals ("2.41", "-0.62"); magnitudes two
// decimals cannot show (below 0.005, or a million and more) get three
// significant digits instead ("1.23e-09", "4.57e+12").
func fmtNum(x float64) string {
	if a := math.Abs(x); a != 0 && (a < 0.005 || a >= 1e6) {
		return strconv.FormatFloat(x, 'e', 2, 64)
	}
	s := strconv.FormatFloat(x, 'f', 2, 64)
	if s == "-0.00" {
		return "0.00"
	}
	return s
}

// fmtBounded formats a value in [-1, 1] with two decimals and no leading
// zero (".54", "-.08").
func fmtBounded(x float64) string {
	s := strconv.FormatFloat(x, 'f', 2, 64)
	if s == "-0.00" {
		s = "0.00"
	}
	return dropLeadingZero(s)
}

// fmtP formats a p-value as APA does: "p = .019", "p < .001", "p > .999".
func fmtP(p float64) string {
	switch {
	case p < 0.001:
		return "p < .001"
	case p > 0.999:
		return "p > .999"
	}
	return "p = " + dropLeadingZero(strconv.FormatFloat(p, 'f', 3, 64))
}

// fmtDF formats degrees of freedom: integers as integers, Welch-type
// fractional df with one decimal ("57.8").
func fmtDF(df float64) string {
	if df == math.Trunc(df) {
		return strconv.FormatFloat(df, 'f', 0, 64)
	}
	return strconv.FormatFloat(df, 'f', 1, 64)
}

func dropLeadingZero(s string) string {
	if strings.HasPrefix(s, "0.") {
		return s[1:]
	}
	if strings.HasPrefix(s, "-0.") {
		return "-" + s[2:]
	}
	return s
}
