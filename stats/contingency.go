package stats

import (
	"fmt"
	"math"
	"strings"

	"github.com/inferra/inferra"
)

// factorSet holds categorical columns (roles of an analysis) as level
// codes over the rows where none is missing. Levels with no such row are
// left out, and codes renumbered to the levels kept.
type factorSet struct {
	names  []string
	levels [][]string
	// codes[f][i] is the level of factor f in the i-th complete row.
	codes   [][]int32
	dropped int
}

// factorColumns extracts the columns named by params[role] for each role
// as categories: any column but free text, and no numeric column that
// looks continuous. Rows missing any of them are dropped.
func factorColumns(ds *inferra.Dataset, analysis string, roles []string, params map[string]string) (*factorSet, error) {
	fs := &factorSet{}
	raw := make([][]int32, len(roles))
	all := make([][]string, len(roles))
	for i, role := range roles {
		name, err := param(analysis, params, role)
		if err != nil {
			return nil, err
		}
		for j, prev := range fs.names {
			if prev == name {
				return nil, inferra.Errorf(inferra.EInvalid, "%s needs different columns for %s and %s, got %q twice",
					analysis, roles[j], role, name)
			}
		}
		c, err := ds.Column(name)
		if err != nil {
			return nil, err
		}
		codes, levels := c.Groups()
		present := 0
		for _, k := range codes {
			if k != inferra.Missing {
				present++
			}
		}
		if c.Kind == inferra.Text || (c.Kind == inferra.Numeric && looksContinuous(levels, present)) {
			return nil, inferra.Errorf(inferra.EInvalid,
				"%s counts the categories of %q, but %q has %d distinct values such as %s, too many to tabulate; "+
					"use a column with a few levels%s",
				analysis, role, name, len(levels), strings.Join(levels[:min(3, len(levels))], ", "), continuousHint(analysis)).
				WithDetail("column", name).WithDetail("levels", len(levels))
		}
		fs.names = append(fs.names, name)
		raw[i], all[i] = codes, levels
	}
	n := len(raw[0])
	keep := make([]bool, n)
	for r := range n {
		keep[r] = true
		for _, codes := range raw {
			if codes[r] == inferra.Missing {
				keep[r] = false
				fs.dropped++
				break
			}
		}
	}
	for f, codes := range raw {
		used := make([]bool, len(all[f]))
		for r, k := range codes {
			if keep[r] {
				used[k] = true
			}
		}
		renum := make([]int32, len(all[f]))
		var levels []string
		for l, u := range used {
			if u {
				renum[l] = int32(len(levels))
				levels = append(levels, all[f][l])
			}
		}
		out := make([]int32, 0, n-fs.dropped)
		for r, k := range codes {
			if keep[r] {
				out = append(out, renum[k])
			}
		}
		fs.levels = append(fs.levels, levels)
		fs.codes = append(fs.codes, out)
	}
	if n-fs.dropped == 0 {
		return nil, inferra.Errorf(inferra.EInvalid, "%s: no row has a value in every one of %s", analysis, quoteList(fs.names))
	}
	return fs, nil
}

func continuousHint(analysis string) string {
	switch analysis {
	case "chi2_contingency", "fisher_exact":
		return ", or kendalltau or spearmanr for two numeric columns"
	}
	return ""
}

// table counts the complete rows by the levels of factors a (rows) and b
// (columns).
func (fs *factorSet) table(a, b int) [][]int {
	t := make([][]int, len(fs.levels[a]))
	for i := range t {
		t[i] = make([]int, len(fs.levels[b]))
	}
	for r, i := range fs.codes[a] {
		t[i][fs.codes[b][r]]++
	}
	return t
}

// needLevels checks that factor f has at least lo (and, when hi > 0, at
// most hi) levels with data.
func (fs *factorSet) needLevels(analysis, role string, f, lo, hi int, hint string) error {
	k := len(fs.levels[f])
	if k >= lo && (hi == 0 || k <= hi) {
		return nil
	}
	want := fmt.Sprintf("at least %d", lo)
	if hi == lo {
		want = fmt.Sprintf("exactly %d", lo)
	}
	return inferra.Errorf(inferra.EInvalid, "%s needs %s levels of %q in %q, but the rows used have %d (%s)%s",
		analysis, want, role, fs.names[f], k, describeLevels(fs.levels[f]), hint).
		WithDetail("column", fs.names[f]).WithDetail("levels", k)
}

// Chi2ContingencyResult is the result of Chi2Contingency.
type Chi2ContingencyResult struct {
	// Statistic is Pearson's chi-square statistic, with Yates' continuity
	// correction when Correction is true (a 2×2 table, dof 1), and PValue
	// its p-value from the chi-square distribution with DOF degrees of
	// freedom, (r − 1)(c − 1).
	Statistic  float64 `json:"statistic"`
	PValue     float64 `json:"p_value"`
	DOF        int     `json:"dof"`
	N          int     `json:"n"`
	Correction bool    `json:"correction"`
	// CramersV is √(χ²/(n·(min(r, c) − 1))) of the uncorrected χ².
	CramersV float64 `json:"cramers_v"`
	// RowVariable and ColumnVariable name the two variables (the
	// analysis's x and y), RowLevels and ColumnLevels their levels.
	RowVariable    string   `json:"row_variable,omitempty"`
	ColumnVariable string   `json:"column_variable,omitempty"`
	RowLevels      []string `json:"row_levels"`
	ColumnLevels   []string `json:"column_levels"`
	// Observed are the counts and Expected the counts expected under
	// independence, row total × column total / n.
	Observed [][]int     `json:"observed"`
	Expected [][]float64 `json:"expected"`
	// Residuals are the adjusted standardized residuals
	// (O − E)/√(E·(1 − row total/n)·(1 − column total/n)), approximately
	// standard normal under independence.
	Residuals [][]float64 `json:"residuals"`
	// MinExpected is the smallest expected count and LowExpected the
	// number of cells whose expected count is below 5; Warning says when
	// there are any.
	MinExpected float64 `json:"min_expected"`
	LowExpected int     `json:"low_expected"`
	Warning     string  `json:"warning,omitempty"`
}

// Chi2Contingency performs the chi-square test of independence on the
// contingency table observed (rows × columns of counts), as
// scipy.stats.chi2_contingency(observed) with its default correction=True:
// Yates' continuity correction on a 2×2 table. It adds Cramér's V
// (scipy.stats.contingency.association(observed, method="cramer")) and
// the adjusted standardized residuals (statsmodels
// Table(observed).standardized_resids).
//
// The table needs at least two rows and two columns, no negative count,
// and no row or column without counts. Levels are named "1", "2", ….
func Chi2Contingency(observed [][]int) (*Chi2ContingencyResult, error) {
	if len(observed) < 2 || len(observed[0]) < 2 {
		return nil, inferra.Errorf(inferra.EInvalid, "a chi-square test of independence needs a table of at least 2×2")
	}
	for _, row := range observed {
		if len(row) != len(observed[0]) {
			panic("stats: Chi2Contingency: rows of different lengths")
		}
	}
	return chi2Contingency(observed, numberedLevels(len(observed)), numberedLevels(len(observed[0])))
}

func numberedLevels(k int) []string {
	l := make([]string, k)
	for i := range l {
		l[i] = fmt.Sprint(i + 1)
	}
	return l
}

func chi2Contingency(obs [][]int, rowLevels, colLevels []string) (*Chi2ContingencyResult, error) {
	r, c := len(obs), len(obs[0])
	rowSum, colSum := make([]float64, r), make([]float64, c)
	n := 0
	for i, row := range obs {
		for j, o := range row {
			if o < 0 {
				return nil, inferra.Errorf(inferra.EInvalid, "a contingency table needs counts of zero or more, got %d", o)
			}
			rowSum[i] += float64(o)
			colSum[j] += float64(o)
			n += o
		}
	}
	for i, s := range rowSum {
		if s == 0 {
			return nil, inferra.Errorf(inferra.EInvalid, "row %s of the contingency table has no counts; leave it out", rowLevels[i])
		}
	}
	for j, s := range colSum {
		if s == 0 {
			return nil, inferra.Errorf(inferra.EInvalid, "column %s of the contingency table has no counts; leave it out", colLevels[j])
		}
	}
	nf := float64(n)
	dof := (r - 1) * (c - 1)
	res := &Chi2ContingencyResult{DOF: dof, N: n, Correction: dof == 1, RowLevels: rowLevels, ColumnLevels: colLevels,
		Observed: obs, MinExpected: math.Inf(1)}
	terms := make([]float64, 0, r*c)
	raw := make([]float64, 0, r*c)
	for i, row := range obs {
		e := make([]float64, c)
		z := make([]float64, c)
		for j, o := range row {
			e[j] = rowSum[i] * colSum[j] / nf
			of := float64(o)
			d := of - e[j]
			raw = append(raw, d*d/e[j])
			if res.Correction {
				// scipy: move each count towards its expectation by
				// 0.5, or by less when it is closer.
				d = math.Copysign(math.Max(0, math.Abs(d)-0.5), d)
			}
			terms = append(terms, d*d/e[j])
			z[j] = (of - e[j]) / math.Sqrt(e[j]*(1-rowSum[i]/nf)*(1-colSum[j]/nf))
			res.MinExpected = math.Min(res.MinExpected, e[j])
			if e[j] < 5 {
				res.LowExpected++
			}
		}
		res.Expected = append(res.Expected, e)
		res.Residuals = append(res.Residuals, z)
	}
	res.Statistic = sum(terms)
	res.PValue = chi2Survival(res.Statistic, float64(dof))
	res.CramersV = math.Sqrt(sum(raw) / nf / float64(min(r, c)-1))
	if res.LowExpected > 0 {
		res.Warning = chi2Warning(res.LowExpected, r*c, r == 2 && c == 2)
	}
	return res, nil
}

// chi2Warning says that low expected counts make the approximation poor.
func chi2Warning(low, cells int, twoByTwo bool) string {
	w := fmt.Sprintf("%d of the %d expected counts are below 5, so the chi-square approximation may be inaccurate", low, cells)
	if twoByTwo {
		return w + "; fisher_exact is exact for a 2×2 table"
	}
	return w + "; consider merging sparse levels"
}

// runChi2Contingency is the chi2_contingency analysis.
func runChi2Contingency(ds *inferra.Dataset, params map[string]string) (*inferra.Result, error) {
	const id = "chi2_contingency"
	fs, err := factorColumns(ds, id, []string{"x", "y"}, params)
	if err != nil {
		return nil, err
	}
	for f, role := range []string{"x", "y"} {
		if err := fs.needLevels(id, role, f, 2, 0, ""); err != nil {
			return nil, err
		}
	}
	r, err := chi2Contingency(fs.table(0, 1), fs.levels[0], fs.levels[1])
	if err != nil {
		return nil, err
	}
	r.RowVariable, r.ColumnVariable = fs.names[0], fs.names[1]
	claim := fmt.Sprintf("%s and %s were not significantly associated", fs.names[0], fs.names[1])
	if r.PValue < 0.05 {
		claim = fmt.Sprintf("%s and %s were significantly associated", fs.names[0], fs.names[1])
	}
	yates := ""
	if r.Correction {
		yates = " with Yates' continuity correction"
	}
	report := fmt.Sprintf("Chi-square test of independence%s: %s, χ²(%d, N = %d) = %s, %s, Cramér's V = %s.",
		yates, claim, r.DOF, r.N, fmtNum(r.Statistic), fmtP(r.PValue), fmtBounded(r.CramersV))
	if r.Warning != "" {
		report += " " + strings.ToUpper(r.Warning[:1]) + r.Warning[1:] + "."
	}
	return &inferra.Result{Stats: r, Report: report, RowsUsed: r.N, RowsDropped: fs.dropped}, nil
}

// FisherExactResult is the result of FisherExact.
type FisherExactResult struct {
	// Statistic is the sample odds ratio a·d/(b·c) of the table
	// [[a, b], [c, d]], as scipy.stats.fisher_exact; it is null (nil)
	// when b·c = 0, where the odds ratio is infinite, and OddsRatioInfinite
	// says so. PValue is the two-sided exact p-value.
	Statistic         *float64 `json:"statistic"`
	PValue            float64  `json:"p_value"`
	OddsRatioInfinite bool     `json:"odds_ratio_infinite,omitempty"`
	N                 int      `json:"n"`
	// RowVariable and ColumnVariable name the variables (x and y),
	// RowLevels and ColumnLevels their levels, Observed the counts.
	RowVariable    string   `json:"row_variable,omitempty"`
	ColumnVariable string   `json:"column_variable,omitempty"`
	RowLevels      []string `json:"row_levels"`
	ColumnLevels   []string `json:"column_levels"`
	Observed       [][]int  `json:"observed"`
}

// FisherExact performs Fisher's exact test of independence on the 2×2
// table [[a, b], [c, d]], as scipy.stats.fisher_exact(table) (two-sided):
// the p-value sums the hypergeometric probabilities, given the margins,
// of every table no more likely than the one observed (within a relative
// 1e-14). A table with an empty row or column is an error.
func FisherExact(table [2][2]int) (*FisherExactResult, error) {
	obs := [][]int{{table[0][0], table[0][1]}, {table[1][0], table[1][1]}}
	return fisherExact(obs, numberedLevels(2), numberedLevels(2))
}

func fisherExact(obs [][]int, rowLevels, colLevels []string) (*FisherExactResult, error) {
	a, b, c, d := obs[0][0], obs[0][1], obs[1][0], obs[1][1]
	if a < 0 || b < 0 || c < 0 || d < 0 {
		return nil, inferra.Errorf(inferra.EInvalid, "Fisher's exact test needs counts of zero or more")
	}
	if a+b == 0 || c+d == 0 || a+c == 0 || b+d == 0 {
		return nil, inferra.Errorf(inferra.EInvalid, "Fisher's exact test needs counts in both rows and both columns of the 2×2 table")
	}
	res := &FisherExactResult{N: a + b + c + d, RowLevels: rowLevels, ColumnLevels: colLevels, Observed: obs}
	if b > 0 && c > 0 {
		or := float64(a) * float64(d) / (float64(b) * float64(c))
		res.Statistic = &or
	} else {
		res.OddsRatioInfinite = true
	}
	res.PValue = fisherP(a, b, c, d)
	return res, nil
}

// fisherP is the two-sided p-value of Fisher's exact test, as scipy 1.10
// computes it: with row 1 total r1, column 1 total c1 and n, a follows
// the hypergeometric distribution; p sums the probabilities of the values
// no more likely than a (within a relative 1e-14), and is 1 when a is as
// likely as the mode.
func fisherP(a, b, c, d int) float64 {
	r1, c1, n := a+b, a+c, a+b+c+d
	lo, hi := max(0, r1+c1-n), min(r1, c1)
	// ln P(X = k) = ln C(c1, k) + ln C(n − c1, r1 − k) − ln C(n, r1).
	lnC := func(m, k int) float64 {
		x, _ := math.Lgamma(float64(m + 1))
		y, _ := math.Lgamma(float64(k + 1))
		z, _ := math.Lgamma(float64(m - k + 1))
		return x - y - z
	}
	base := lnC(n, r1)
	pmf := func(k int) float64 { return math.Exp(lnC(c1, k) + lnC(n-c1, r1-k) - base) }
	mode := int(float64((r1+1)*(c1+1)) / float64(n+2))
	pexact, pmode := pmf(a), pmf(mode)
	const eps = 1e-14
	if math.Abs(pexact-pmode)/math.Max(pexact, pmode) <= eps {
		return 1
	}
	limit := pexact * (1 + eps)
	p := 0.0
	// Sum from the tails inwards, smallest terms first.
	for k := lo; k <= hi && k < mode; k++ {
		q := pmf(k)
		if q > limit {
			break
		}
		p += q
	}
	for k := hi; k >= mode; k-- {
		q := pmf(k)
		if q > limit {
			break
		}
		p += q
	}
	return clampP(p)
}

// runFisherExact is the fisher_exact analysis.
func runFisherExact(ds *inferra.Dataset, params map[string]string) (*inferra.Result, error) {
	const id = "fisher_exact"
	fs, err := factorColumns(ds, id, []string{"x", "y"}, params)
	if err != nil {
		return nil, err
	}
	for f, role := range []string{"x", "y"} {
		if err := fs.needLevels(id, role, f, 2, 2, "; fisher_exact takes a 2×2 table, use chi2_contingency for larger ones"); err != nil {
			return nil, err
		}
	}
	r, err := fisherExact(fs.table(0, 1), fs.levels[0], fs.levels[1])
	if err != nil {
		return nil, err
	}
	r.RowVariable, r.ColumnVariable = fs.names[0], fs.names[1]
	claim := fmt.Sprintf("%s and %s were not significantly associated", fs.names[0], fs.names[1])
	if r.PValue < 0.05 {
		claim = fmt.Sprintf("%s and %s were significantly associated", fs.names[0], fs.names[1])
	}
	or := "infinite (a zero count off the diagonal)"
	if r.Statistic != nil {
		or = fmtNum(*r.Statistic)
	}
	report := fmt.Sprintf("Fisher's exact test: %s (N = %d), odds ratio = %s, %s.", claim, r.N, or, fmtP(r.PValue))
	return &inferra.Result{Stats: r, Report: report, RowsUsed: r.N, RowsDropped: fs.dropped}, nil
}

// Stratum is the 2×2 table of one stratum of MantelHaenszel.
type Stratum struct {
	Level    string  `json:"level"`
	N        int     `json:"n"`
	Observed [][]int `json:"observed"`
}

// ChiSquareTest is a chi-square test with its degrees of freedom.
type ChiSquareTest struct {
	Statistic float64 `json:"statistic"`
	PValue    float64 `json:"p_value"`
	DF        int     `json:"df"`
}

// MantelHaenszelResult is the result of MantelHaenszel.
type MantelHaenszelResult struct {
	// Statistic and PValue are the Cochran–Mantel–Haenszel test that the
	// odds ratio is 1 in every stratum (chi-square, 1 df, no continuity
	// correction).
	Statistic float64 `json:"statistic"`
	PValue    float64 `json:"p_value"`
	// N counts the observations and K the strata.
	N int `json:"n"`
	K int `json:"k"`
	// OddsRatio is the Mantel–Haenszel pooled odds ratio and CILow,
	// CIHigh its 95% confidence interval (Robins–Breslow–Greenland
	// standard error of its logarithm).
	OddsRatio float64 `json:"odds_ratio"`
	CILow     float64 `json:"ci_low"`
	CIHigh    float64 `json:"ci_high"`
	// BreslowDay tests that the odds ratios are equal across strata
	// (chi-square with K − 1 df); nil when it is undefined (a stratum
	// with an empty row or column).
	BreslowDay *ChiSquareTest `json:"breslow_day,omitempty"`
	// The variables (x, y, strata) and levels of the tables.
	RowVariable    string    `json:"row_variable,omitempty"`
	ColumnVariable string    `json:"column_variable,omitempty"`
	StrataVariable string    `json:"strata_variable,omitempty"`
	RowLevels      []string  `json:"row_levels"`
	ColumnLevels   []string  `json:"column_levels"`
	Strata         []Stratum `json:"strata"`
}

// MantelHaenszel analyses K 2×2 tables [[a, b], [c, d]], one per stratum,
// as statsmodels' StratifiedTable(tables): the Cochran–Mantel–Haenszel
// test of test_null_odds() (correction=False), the pooled odds ratio
// oddsratio_pooled with oddsratio_pooled_confint(0.05), and the
// Breslow–Day test of homogeneity test_equal_odds(). The p-values are
// chi-square survival functions (statsmodels computes 1 − cdf, which
// agrees but for p below about 1e-12).
//
// It needs at least two strata, each with at least two observations, and
// a pooled odds ratio that is neither zero nor infinite.
func MantelHaenszel(tables [][2][2]int) (*MantelHaenszelResult, error) {
	strata := make([]Stratum, len(tables))
	for i, t := range tables {
		strata[i] = Stratum{Level: fmt.Sprint(i + 1), N: t[0][0] + t[0][1] + t[1][0] + t[1][1],
			Observed: [][]int{{t[0][0], t[0][1]}, {t[1][0], t[1][1]}}}
	}
	return mantelHaenszel(strata, numberedLevels(2), numberedLevels(2))
}

func mantelHaenszel(strata []Stratum, rowLevels, colLevels []string) (*MantelHaenszelResult, error) {
	if len(strata) < 2 {
		return nil, inferra.Errorf(inferra.EInvalid, "the Mantel–Haenszel test needs at least two strata, got %d", len(strata))
	}
	k := len(strata)
	var num, den, adn, bcn float64
	apb, apc, bpd, cpd := make([]float64, k), make([]float64, k), make([]float64, k), make([]float64, k)
	ad, bc, apd, dma, nn := make([]float64, k), make([]float64, k), make([]float64, k), make([]float64, k), make([]float64, k)
	total := 0
	for i, s := range strata {
		t := s.Observed
		a, b, c, d := float64(t[0][0]), float64(t[0][1]), float64(t[1][0]), float64(t[1][1])
		if a < 0 || b < 0 || c < 0 || d < 0 {
			return nil, inferra.Errorf(inferra.EInvalid, "the Mantel–Haenszel test needs counts of zero or more")
		}
		n := a + b + c + d
		if n < 2 {
			return nil, inferra.Errorf(inferra.EInvalid,
				"the Mantel–Haenszel test needs at least two observations in each stratum, but stratum %s has %g; merge or drop it", s.Level, n).
				WithDetail("level", s.Level)
		}
		total += s.N
		apb[i], apc[i], bpd[i], cpd[i] = a+b, a+c, b+d, c+d
		ad[i], bc[i], apd[i], dma[i], nn[i] = a*d, b*c, a+d, d-a, n
		num += a - apb[i]*apc[i]/n
		den += apb[i] * apc[i] * bpd[i] * cpd[i] / (n * n * (n - 1))
		adn += ad[i] / n
		bcn += bc[i] / n
	}
	if !(den > 0) {
		return nil, inferra.Errorf(inferra.EInvalid,
			"the Mantel–Haenszel test is undefined: no stratum has both levels of the row and of the column variable")
	}
	if adn == 0 || bcn == 0 {
		return nil, inferra.Errorf(inferra.EInvalid,
			"the pooled odds ratio is %s: every stratum has a zero count %s",
			map[bool]string{true: "zero", false: "infinite"}[adn == 0],
			map[bool]string{true: "on the diagonal (a·d = 0)", false: "off the diagonal (b·c = 0)"}[adn == 0])
	}
	stat := num * num / den
	res := &MantelHaenszelResult{Statistic: stat, PValue: chi2Survival(stat, 1), N: total, K: k,
		RowLevels: rowLevels, ColumnLevels: colLevels, Strata: strata}
	or := adn / bcn
	res.OddsRatio = or
	// Robins, Breslow and Greenland (1986), as statsmodels
	// logodds_pooled_se.
	var s1, mid, s3 float64
	for i := range k {
		n := nn[i]
		s1 += apd[i] * ad[i] / (n * n)
		mid += apd[i]*bc[i]/(n*n) + (1-apd[i]/n)*ad[i]/n
		s3 += (1 - apd[i]/n) * bc[i] / n
	}
	va := (s1/(adn*adn) + mid/(adn*bcn) + s3/(bcn*bcn)) / 2
	lor, h := math.Log(or), normQuantile(0.975)*math.Sqrt(va)
	res.CILow, res.CIHigh = math.Exp(lor-h), math.Exp(lor+h)
	// Breslow–Day: the expected first cell of each stratum under the
	// pooled odds ratio solves a quadratic (statsmodels test_equal_odds).
	qa := 1 - or
	var bd float64
	for i, s := range strata {
		qb := or*(apb[i]+apc[i]) + dma[i]
		qc := -or * apb[i] * apc[i]
		var e float64
		if qa == 0 {
			e = -qc / qb
		} else {
			e = (-qb + math.Sqrt(qb*qb-4*qa*qc)) / (2 * qa)
		}
		v := 1 / (1/e + 1/(apc[i]-e) + 1/(apb[i]-e) + 1/(dma[i]+e))
		dev := float64(s.Observed[0][0]) - e
		bd += dev * dev / v
	}
	if !math.IsNaN(bd) && !math.IsInf(bd, 0) {
		res.BreslowDay = &ChiSquareTest{Statistic: bd, PValue: chi2Survival(bd, float64(k-1)), DF: k - 1}
	}
	return res, nil
}

// runMantelHaenszel is the mantel_haenszel analysis.
func runMantelHaenszel(ds *inferra.Dataset, params map[string]string) (*inferra.Result, error) {
	const id = "mantel_haenszel"
	fs, err := factorColumns(ds, id, []string{"x", "y", "strata"}, params)
	if err != nil {
		return nil, err
	}
	for f, role := range []string{"x", "y"} {
		if err := fs.needLevels(id, role, f, 2, 2, "; the Mantel–Haenszel test takes a 2×2 table per stratum"); err != nil {
			return nil, err
		}
	}
	if err := fs.needLevels(id, "strata", 2, 2, 0, ""); err != nil {
		return nil, err
	}
	strata := make([]Stratum, len(fs.levels[2]))
	for i, l := range fs.levels[2] {
		strata[i] = Stratum{Level: l, Observed: [][]int{{0, 0}, {0, 0}}}
	}
	for r, s := range fs.codes[2] {
		strata[s].Observed[fs.codes[0][r]][fs.codes[1][r]]++
		strata[s].N++
	}
	r, err := mantelHaenszel(strata, fs.levels[0], fs.levels[1])
	if err != nil {
		return nil, err
	}
	r.RowVariable, r.ColumnVariable, r.StrataVariable = fs.names[0], fs.names[1], fs.names[2]
	claim := fmt.Sprintf("%s and %s were not significantly associated", fs.names[0], fs.names[1])
	if r.PValue < 0.05 {
		claim = fmt.Sprintf("%s and %s were significantly associated", fs.names[0], fs.names[1])
	}
	report := fmt.Sprintf("Cochran–Mantel–Haenszel test stratified by %s (%d strata): %s, χ²(1, N = %d) = %s, %s; pooled odds ratio = %s, 95%% CI [%s, %s].",
		fs.names[2], r.K, claim, r.N, fmtNum(r.Statistic), fmtP(r.PValue), fmtNum(r.OddsRatio), fmtNum(r.CILow), fmtNum(r.CIHigh))
	if bd := r.BreslowDay; bd != nil {
		verdict := "consistent across strata"
		if bd.PValue < 0.05 {
			verdict = "significantly different across strata, so the pooled odds ratio summarises them poorly"
		}
		report += fmt.Sprintf(" The odds ratios were %s (Breslow–Day χ²(%d) = %s, %s).", verdict, bd.DF, fmtNum(bd.Statistic), fmtP(bd.PValue))
	}
	return &inferra.Result{Stats: r, Report: report, RowsUsed: r.N, RowsDropped: fs.dropped}, nil
}
