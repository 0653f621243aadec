package decision_test

import (
	"context"
	"maps"
	"strconv"
	"testing"

	"github.com/inferra/inferra"
	"github.com/inferra/inferra/decision"
)

// measure is a numeric column of 80 distinct values around mean.
func measure(name string, mean float64) inferra.ColumnSchema {
	return inferra.ColumnSchema{Name: name, Kind: inferra.Numeric, Count: 80, Distinct: 80,
		Min: f64(mean - 10.5), Max: f64(mean + 10.25), Mean: f64(mean), SD: f64(4)}
}

// twoLevels is a categorical column of two levels, 40 rows each.
func twoLevels(name, a, b string) inferra.ColumnSchema {
	return inferra.ColumnSchema{Name: name, Kind: inferra.Categorical, Count: 80, Distinct: 2, Levels: []string{a, b}, LevelCounts: []int{40, 40}}
}

// decideCase is a prompt and the decision it must get: an analysis with
// its parameters, or a no-decision when analysis is "".
type decideCase struct {
	prompt   string
	analysis string
	params   map[string]string
}

// checkDecisions decides each case on s with the default rules. The x
// and y of a correlation are compared as an unordered pair.
func checkDecisions(t *testing.T, s inferra.Schema, cases []decideCase) {
	t.Helper()
	e, err := decision.New(decision.Config{CacheSize: -1})
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range cases {
		d, err := e.Decide(context.Background(), c.prompt, s)
		if err != nil {
			t.Fatalf("Decide(%q): %v", c.prompt, err)
		}
		if c.analysis == "" {
			if !decision.IsNoDecision(d) {
				t.Errorf("Decide(%q) = %s %v, want a no-decision", c.prompt, d.Analysis, d.Params)
			}
			continue
		}
		if c.analysis == "pearsonr" && d.Params["x"] == c.params["y"] {
			d.Params["x"], d.Params["y"] = d.Params["y"], d.Params["x"]
		}
		if d.Analysis != c.analysis || !maps.Equal(d.Params, c.params) {
			t.Errorf("Decide(%q) = %s %v (question %q), want %s %v", c.prompt, d.Analysis, d.Params, d.Question, c.analysis, c.params)
		}
	}
}

// codesSchema has groups that the prompt names by their levels: numbers
// (years, cohorts), codes with a known name (sex 1/2), yes/no answers.
func codesSchema() inferra.Schema {
	group := func(name string, kind inferra.Kind, levels ...string) inferra.ColumnSchema {
		counts := make([]int, len(levels))
		for i := range counts {
			counts[i] = 80 / len(levels)
		}
		return inferra.ColumnSchema{Name: name, Kind: kind, Count: 80, Distinct: len(levels), Levels: levels, LevelCounts: counts,
			IntegerCoded: kind == inferra.Numeric}
	}
	return inferra.Schema{Rows: 80, Columns: []inferra.ColumnSchema{
		group("season", inferra.Numeric, "2022", "2023"),
		group("cohort", inferra.Numeric, "2019", "2020", "2021"),
		group("sex", inferra.Numeric, "1", "2"),
		group("qc_pass", inferra.Categorical, "no", "yes"),
		group("shift", inferra.Categorical, "day", "night"),
		measure("strength", 30), measure("oxygen", 8),
	}}
}

// TestLevelsNameTheirGroup checks that a group is found by the levels the
// prompt names: two numbers of one integer column, a range of them, the
// everyday words of a coded sex column; and that a bare "no" is grammar,
// not the level of a yes/no column.
func TestLevelsNameTheirGroup(t *testing.T) {
	t.Parallel()
	s := codesSchema()
	checkDecisions(t, s, []decideCase{
		{"Was strength higher in 2023 than in 2022?", "ttest_ind", map[string]string{"group": "season", "value": "strength"}},
		{"Has strength changed over the cohorts 2019 to 2021?", "f_oneway", map[string]string{"group": "cohort", "value": "strength"}},
		{"Do men and women differ in strength?", "ttest_ind", map[string]string{"group": "sex", "value": "strength"}},
		{"Does oxygen differ between the day and night shifts? It is skewed, so no normality assumption please.", "mannwhitneyu",
			map[string]string{"group": "shift", "value": "oxygen"}},
		// Two of three cohorts: the allow-list has no filter.
		{"Compare strength between the 2019 and 2020 cohorts", "", nil},
		// One number is a reference value, not a level.
		{"Is the mean strength different from 25?", "ttest_1samp", map[string]string{"x": "strength", "popmean": "25"}},
	})
}

// TestPeopleAndComparatives checks two readings of ordinary words: the
// people a column's verb describes ("runners" for LongestRunKm) are the
// rows, not the column; any comparative ("deeper", "fewer") asks whether
// two groups differ.
func TestPeopleAndComparatives(t *testing.T) {
	t.Parallel()
	s := inferra.Schema{Rows: 80, Columns: []inferra.ColumnSchema{
		{Name: "Shoe", Kind: inferra.Categorical, Count: 80, Distinct: 2, Levels: []string{"carbon", "standard"}, LevelCounts: []int{40, 40}},
		{Name: "Surface", Kind: inferra.Categorical, Count: 80, Distinct: 2, Levels: []string{"asphalt", "concrete"}, LevelCounts: []int{40, 40}},
		measure("LongestRunKm", 30), measure("Finish_min", 240), measure("Rut Depth (mm)", 12),
	}}
	checkDecisions(t, s, []decideCase{
		{"Do runners in carbon shoes finish faster?", "ttest_ind", map[string]string{"group": "Shoe", "value": "Finish_min"}},
		{"Is the rut depth deeper on asphalt than on concrete?", "ttest_ind", map[string]string{"group": "Surface", "value": "Rut Depth (mm)"}},
	})
}

// TestStatisticAlone checks a statistic named with nothing else to do:
// the mean alone asks for the mean, and "no … recorded" counts the
// missing values.
func TestStatisticAlone(t *testing.T) {
	t.Parallel()
	s := inferra.Schema{Rows: 90, Columns: []inferra.ColumnSchema{measure("openRate", 30), measure("cust_rating", 4), measure("spend_usd", 80)}}
	checkDecisions(t, s, []decideCase{
		{"avg open rate?", "describe", map[string]string{"x": "openRate", "stat": "mean"}},
		{"How many orders have no customer rating recorded?", "describe", map[string]string{"x": "cust_rating", "stat": "missing"}},
	})
}

// TestPairsBeyondMarkers checks paired layouts that markers alone do not
// find — a baseline and a numbered week (cpd_baseline, cpd_wk12), an
// occasion before a unit (str_7d_MPa, str_28d_MPa) — and that one name
// for both occasions asks for the paired test.
func TestPairsBeyondMarkers(t *testing.T) {
	t.Parallel()
	s := inferra.Schema{Rows: 80, Columns: []inferra.ColumnSchema{
		measure("cpd_baseline", 20), measure("cpd_wk12", 12), measure("wt_kg_baseline", 74), measure("wt_kg_wk12", 76),
		measure("str_7d_MPa", 34), measure("str_28d_MPa", 52),
	}}
	got := map[[2]string]bool{}
	for _, p := range decision.Assess(s).Pairs {
		got[[2]string{p.X, p.Y}] = true
	}
	for _, want := range [][2]string{{"cpd_baseline", "cpd_wk12"}, {"wt_kg_baseline", "wt_kg_wk12"}, {"str_7d_MPa", "str_28d_MPa"}} {
		if !got[want] {
			t.Errorf("Assess found pairs %v, want %v among them", got, want)
		}
	}
	checkDecisions(t, s, []decideCase{
		{"Did cigarettes per day drop from baseline to week 12?", "ttest_rel", map[string]string{"x": "cpd_baseline", "y": "cpd_wk12"}},
		{"Is the strength different between the two ages?", "ttest_rel", map[string]string{"x": "str_7d_MPa", "y": "str_28d_MPa"}},
	})
}

// TestMeasureModifiesGroup checks that a measure's name right before a
// group's ("stratify by pressure zone") is read as the group's modifier
// by a rule that has no role for a measure.
func TestMeasureModifiesGroup(t *testing.T) {
	t.Parallel()
	s := inferra.Schema{Rows: 80, Columns: []inferra.ColumnSchema{
		twoLevels("Zone", "north", "south"), twoLevels("Soil", "acid", "neutral"), twoLevels("Leak", "no", "yes"),
		{Name: "Pressure (kPa)", Kind: inferra.Numeric, Count: 80, Distinct: 80, Min: f64(300), Max: f64(600), Mean: f64(450), SD: f64(50)},
	}}
	checkDecisions(t, s, []decideCase{
		{"Is soil associated with leak once you stratify by pressure zone? Cochran-Mantel-Haenszel please.", "mantel_haenszel",
			map[string]string{"x": "Soil", "y": "Leak", "strata": "Zone"}},
	})
}

// TestUnitsInNames checks what units in column names say: a letter and a
// unit (T_C, P_kPa) is named by what the unit measures; a unit after a
// number (Downloads (7 days)) is a period, not the measure; a number
// inside a column's name (28-day strength) is no reference value; "axis"
// names no column.
func TestUnitsInNames(t *testing.T) {
	t.Parallel()
	s := inferra.Schema{Rows: 80, Columns: []inferra.ColumnSchema{
		measure("T_C", 180), measure("P_kPa", 300), measure("conv_pct", 60), measure("Duration (min)", 45),
		measure("Downloads (7 days)", 900), measure("str_28d_MPa", 50),
	}}
	checkDecisions(t, s, []decideCase{
		{"Regress conversion on temperature and pressure", "ols", map[string]string{"formula": "conv_pct ~ T_C + P_kPa"}},
		{"Do temperature and pressure interact in their effect on conversion?", "ols", map[string]string{"formula": "conv_pct ~ T_C * P_kPa"}},
		{"Do longer episodes get lower conversion?", "pearsonr", map[string]string{"x": "conv_pct", "y": "Duration (min)"}}, // x and y unordered
		{"Is 28-day strength normally distributed?", "shapiro", map[string]string{"x": "str_28d_MPa"}},
		{"scatter plot with temperature on the x axis and conversion on the y", "scatter", map[string]string{"x": "T_C", "y": "conv_pct"}},
	})
}

// TestNeighboursAndRows checks that an ambiguous name is settled by the
// name beside it ("quit status at week 12" is quit_wk12 of four week-12
// columns) and that an identifier after "every" names the rows, not a
// variable.
func TestNeighboursAndRows(t *testing.T) {
	t.Parallel()
	s := inferra.Schema{Rows: 80, Columns: []inferra.ColumnSchema{
		{Name: "Section", Kind: inferra.Categorical, Count: 80, Distinct: 80, Identifier: true},
		twoLevels("quit_wk12", "no", "yes"), twoLevels("depression_hx", "no", "yes"), twoLevels("site", "A", "B"),
		measure("cpd_wk12", 10), measure("wt_kg_wk12", 75), measure("IRI Before (m/km)", 3.2), measure("IRI After (m/km)", 2.4),
	}}
	checkDecisions(t, s, []decideCase{
		{"Is quit status at week 12 associated with a history of depression, stratified by site? Mantel-Haenszel.", "mantel_haenszel",
			map[string]string{"x": "quit_wk12", "y": "depression_hx", "strata": "site"}},
		{"IRI was measured on every section before and after the resurfacing. Paired t-test of IRI before vs after.", "ttest_rel",
			map[string]string{"x": "IRI Before (m/km)", "y": "IRI After (m/km)"}},
	})
}

// TestCountsAndPronouns checks three small readings: "the four
// contractors" names the group column with four codes; "from one
// another" is no reference value; "height" beside "arm span" is Height
// (cm), not a word the unit cm implies for Arm Span (cm).
func TestCountsAndPronouns(t *testing.T) {
	t.Parallel()
	s := inferra.Schema{Rows: 80, Columns: []inferra.ColumnSchema{
		{Name: "Contractor", Kind: inferra.Numeric, Count: 80, Distinct: 4, IntegerCoded: true,
			Levels: []string{"1", "2", "3", "4"}, LevelCounts: []int{20, 20, 20, 20}, Min: f64(1), Max: f64(4), Mean: f64(2.5), SD: f64(1.1)},
		{Name: "region", Kind: inferra.Categorical, Count: 80, Distinct: 3, Levels: []string{"east", "north", "west"}, LevelCounts: []int{30, 25, 25}},
		measure("IRI After (m/km)", 2.4), measure("Height (cm)", 180), measure("Arm Span (cm)", 183),
	}}
	checkDecisions(t, s, []decideCase{
		{"Do the four contractors differ in IRI after?", "f_oneway", map[string]string{"group": "Contractor", "value": "IRI After (m/km)"}},
		{"Which regions differ from one another in height? post-hoc comparisons please", "tukey_hsd", map[string]string{"group": "region", "value": "Height (cm)"}},
		{"arm span vs height scatterplot", "scatter", map[string]string{"x": "Height (cm)", "y": "Arm Span (cm)"}},
	})
}

// TestNamedPairs checks two measures whose names differ in one word
// (spring_wt_kg, autumn_wt_kg; L_day_dBA, L_night_dBA): paired when the
// prompt names both words, with the subjects' noun ("each hive") no
// variable.
func TestNamedPairs(t *testing.T) {
	t.Parallel()
	s := inferra.Schema{Rows: 80, Columns: []inferra.ColumnSchema{
		{Name: "hive_type", Kind: inferra.Categorical, Count: 80, Distinct: 3, Levels: []string{"langstroth", "topbar", "warre"}, LevelCounts: []int{30, 25, 25}},
		measure("spring_wt_kg", 38), measure("autumn_wt_kg", 45), measure("L_day_dBA", 62), measure("L_night_dBA", 55),
	}}
	checkDecisions(t, s, []decideCase{
		{"Each hive was weighed in spring and again in autumn. Did the hives gain weight over the season?", "ttest_rel",
			map[string]string{"x": "spring_wt_kg", "y": "autumn_wt_kg"}},
		{"Each site has a day and a night reading. Is night quieter, and is the difference significant?", "ttest_rel",
			map[string]string{"x": "L_day_dBA", "y": "L_night_dBA"}},
		// One of the two words only: no pair is named.
		{"Did the hives gain weight in spring?", "", nil},
	})
}

// TestSpellingsScopeAndWholeGroups checks British spellings of a
// column's word (ageing for aging_wks, mould for mold_defect), an
// off-list word that names a column ("churn" with churned_90d asks about
// it), a group asked for whole ("across shifts") while one level is
// named, and a range over every level ("batches 1 to 3").
func TestSpellingsScopeAndWholeGroups(t *testing.T) {
	t.Parallel()
	three := func(name string, levels ...string) inferra.ColumnSchema {
		return inferra.ColumnSchema{Name: name, Kind: inferra.Categorical, Count: 90, Distinct: 3, Levels: levels, LevelCounts: []int{30, 30, 30}}
	}
	s := inferra.Schema{Rows: 90, Columns: []inferra.ColumnSchema{
		three("shift", "day", "night", "swing"), three("plan", "basic", "plus", "pro"),
		twoLevels("churned_90d", "no", "yes"), twoLevels("mold_defect", "no", "yes"), twoLevels("cave", "east", "west"),
		{Name: "batch", Kind: inferra.Numeric, Count: 90, Distinct: 3, IntegerCoded: true, Levels: []string{"1", "2", "3"}, LevelCounts: []int{30, 30, 30},
			Min: f64(1), Max: f64(3), Mean: f64(2), SD: f64(0.8)},
		measure("aging_wks", 20), measure("firmness_N", 40), measure("error_rate_pct", 2),
	}}
	checkDecisions(t, s, []decideCase{
		{"Predict firmness from ageing weeks", "ols", map[string]string{"formula": "firmness_N ~ aging_wks"}},
		{"Is mould more common in one cave than the other? chi-square", "chi2_contingency", map[string]string{"x": "mold_defect", "y": "cave"}},
		{"is churn related to plan? chi-square test", "chi2_contingency", map[string]string{"x": "churned_90d", "y": "plan"}},
		{"Error rates look erratic on nights. Is the variance of error rate equal across shifts?", "levene",
			map[string]string{"group": "shift", "value": "error_rate_pct"}},
		{"Does firmness differ between production batches? (batches 1 to 3)", "f_oneway", map[string]string{"group": "batch", "value": "firmness_N"}},
	})
}

// TestBlind9Lessons checks readings learnt from blind9: a shortening with
// a vowel after its first letter (dept for department); "ignore" asks for
// a filter; "doesn't assume equal variances" negates; a participle that
// qualifies a name ("distance driven") does not make it the outcome.
func TestBlind9Lessons(t *testing.T) {
	t.Parallel()
	three := func(name string, levels ...string) inferra.ColumnSchema {
		return inferra.ColumnSchema{Name: name, Kind: inferra.Categorical, Count: 90, Distinct: 3, Levels: levels, LevelCounts: []int{30, 30, 30}}
	}
	s := inferra.Schema{Rows: 90, Columns: []inferra.ColumnSchema{
		three("dept", "sales", "ops", "legal"), three("compound", "soft", "medium", "hard"), twoLevels("surface", "asphalt", "concrete"),
		measure("age_yrs", 40), measure("wear_rate", 3), measure("dist_km", 500),
	}}
	checkDecisions(t, s, []decideCase{
		{"mean age of participants per department", "describe", map[string]string{"x": "age_yrs", "group": "dept", "stat": "mean"}},
		{"Compare wear between the soft and hard compounds only, ignore medium.", "", nil},
		{"Post-hoc comparisons of wear rate between compounds; use a method that doesn't assume equal variances.", "games_howell",
			map[string]string{"group": "compound", "value": "wear_rate"}},
		{"Does the surface affect wear rate once you control for distance driven? I'd like a regression.", "ols",
			map[string]string{"formula": "wear_rate ~ surface + dist_km"}},
	})
}

// TestLevelsUnitsAndJoinedNames checks a group named by its levels filling
// describe's optional group ("for male and female patients"), one-letter
// levels listed after the name ("grade (A/B/C)"), a unit that names its
// one column ("mean bpm"), a name written as one word before its
// abbreviation folds ("heartrate" for HeartRate_bpm), and "hist".
func TestLevelsUnitsAndJoinedNames(t *testing.T) {
	t.Parallel()
	s := inferra.Schema{Rows: 90, Columns: []inferra.ColumnSchema{
		twoLevels("Sex", "female", "male"),
		{Name: "Grade", Kind: inferra.Categorical, Count: 90, Distinct: 3, Levels: []string{"A", "B", "C"}, LevelCounts: []int{30, 30, 30}},
		{Name: "cuisine", Kind: inferra.Categorical, Count: 90, Distinct: 3, Levels: []string{"thai", "italian", "diner"}, LevelCounts: []int{30, 30, 30}},
		measure("wt_kg", 70), measure("HeartRate_bpm", 150), measure("tilt_deg", 30),
	}}
	checkDecisions(t, s, []decideCase{
		{"mean body weight for male and female patients", "describe", map[string]string{"x": "wt_kg", "group": "Sex", "stat": "mean"}},
		{"Is the grade (A/B/C) associated with cuisine?", "chi2_contingency", map[string]string{"x": "Grade", "y": "cuisine"}},
		{"mean bpm by sex?", "describe", map[string]string{"x": "HeartRate_bpm", "group": "Sex", "stat": "mean"}},
		{"boxplot heartrate per grade", "boxplot", map[string]string{"group": "Grade", "value": "HeartRate_bpm"}},
		{"hist of tilt", "histogram", map[string]string{"x": "tilt_deg"}},
	})
}

// TestCodesAndQuantities checks codes named after their column's word
// ("block 1 and block 3" is two of three blocks: declined), a dash range
// over every code ("batches 1-3"), the groups in the plural after
// "which" ("which cohorts differ"), a group named for when a measure was
// taken ("post-block") and a quantity that the named column does not
// measure ("spindle temperature" with spindle.rpm: declined).
func TestCodesAndQuantities(t *testing.T) {
	t.Parallel()
	code := func(name string) inferra.ColumnSchema {
		return inferra.ColumnSchema{Name: name, Kind: inferra.Numeric, Count: 90, Distinct: 3, IntegerCoded: true, Levels: []string{"1", "2", "3"},
			LevelCounts: []int{30, 30, 30}, Min: f64(1), Max: f64(3), Mean: f64(2), SD: f64(0.8)}
	}
	s := inferra.Schema{Rows: 90, Columns: []inferra.ColumnSchema{
		code("block"), code("batch"), code("cohort"),
		measure("VO2max", 55), measure("firmness_N", 40), measure("practice_hrs", 12), measure("spindle.rpm", 3000), measure("flank_wear_um", 90),
	}}
	checkDecisions(t, s, []decideCase{
		{"Compare VO2max between block 1 and block 3.", "", nil},
		{"Does firmness differ between batches 1-3?", "f_oneway", map[string]string{"group": "batch", "value": "firmness_N"}},
		{"Cohort 2 seemed to practise a lot. Which cohorts differ from which in practice hours? pairwise please", "tukey_hsd",
			map[string]string{"group": "cohort", "value": "practice_hrs"}},
		{"Does spindle temperature affect flank wear?", "", nil},
	})
}

// TestSceneAndPower checks that columns named while setting the scene,
// before "regress Y on …", are not predictors, and that a power or
// sample-size calculation is declined.
func TestSceneAndPower(t *testing.T) {
	t.Parallel()
	s := inferra.Schema{Rows: 90, Columns: []inferra.ColumnSchema{
		twoLevels("dialyser", "A", "B"),
		measure("ride_dist_km", 80), measure("HR_final_vet_bpm", 60), measure("avg_speed_kmh", 14), measure("rider_exp_yrs", 8),
		measure("temp_c", 20), measure("Kt/V", 1.4),
	}}
	checkDecisions(t, s, []decideCase{
		{"I'm a vet student doing a project on endurance rides. I'd like to regress average speed on rider experience and air temperature.", "ols",
			map[string]string{"formula": "avg_speed_kmh ~ rider_exp_yrs + temp_c"}},
		{"How many patients would I need to detect a 0.1 difference in Kt/V between dialysers?", "", nil},
	})
}

// TestNamedInOrder checks that "A to B" is not reordered where a column
// is named in that order: "days to hearing" is days_to_hearing, not
// hearing_mins.
func TestNamedInOrder(t *testing.T) {
	t.Parallel()
	s := inferra.Schema{Rows: 90, Columns: []inferra.ColumnSchema{
		{Name: "courthouse", Kind: inferra.Categorical, Count: 90, Distinct: 3, Levels: []string{"north", "south", "west"}, LevelCounts: []int{30, 30, 30}},
		measure("days_to_hearing", 60), measure("hearing_mins", 40),
	}}
	checkDecisions(t, s, []decideCase{
		{"Levene test for equal variance of days to hearing across the three courthouses", "levene",
			map[string]string{"group": "courthouse", "value": "days_to_hearing"}},
	})
}

// TestRowsScenesAndEnumeratedCodes checks that the word of an identifier's
// name names the rows ("per tree"), that one word of a measure's name
// that only sets the scene ("during the session") does not stop a
// decision, that a unit of substance leaves the quantity's word to name
// the column (rate_umol_min is "rate"), and that numeric codes whose every
// level the prompt lists are groups: no axis of a correlation, no lone
// factor of a regression; a dash range after the name in the singular
// stays a scale. A level after "only" or "just" filters the rows, and
// editing the data ("rerun") is declined.
func TestRowsScenesAndEnumeratedCodes(t *testing.T) {
	t.Parallel()
	codes := func(name string, levels ...string) inferra.ColumnSchema {
		lo, _ := strconv.ParseFloat(levels[0], 64)
		hi, _ := strconv.ParseFloat(levels[len(levels)-1], 64)
		counts := make([]int, len(levels))
		for i := range counts {
			counts[i] = 96 / len(levels)
		}
		return inferra.ColumnSchema{Name: name, Kind: inferra.Numeric, Count: 96, Distinct: len(levels), IntegerCoded: true, Levels: levels,
			LevelCounts: counts, Min: f64(lo), Max: f64(hi), Mean: f64((lo + hi) / 2), SD: f64((hi - lo) / 3)}
	}
	s := inferra.Schema{Rows: 96, Columns: []inferra.ColumnSchema{
		{Name: "tree_id", Kind: inferra.Categorical, Count: 96, Distinct: 96, Identifier: true},
		{Name: "buffer", Kind: inferra.Categorical, Count: 96, Distinct: 3, Levels: []string{"hepes", "tris", "mops"}, LevelCounts: []int{32, 32, 32}},
		codes("block", "1", "2", "3", "4"), codes("temp_C", "25", "30", "37"), codes("confidence_1to5", "1", "2", "3", "4", "5"),
		measure("fruit_count", 120), measure("rate_umol_min", 3), measure("ride_dist_km", 80), measure("avg_speed_kmh", 14), measure("potassium_mmol", 5),
	}}
	checkDecisions(t, s, []decideCase{
		{"histogram of fruit count per tree", "histogram", map[string]string{"x": "fruit_count"}},
		{"Pearson correlation between average speed and potassium after the ride", "pearsonr", map[string]string{"x": "avg_speed_kmh", "y": "potassium_mmol"}},
		{"Does the rate differ between the three buffers?", "f_oneway", map[string]string{"group": "buffer", "value": "rate_umol_min"}},
		{"Is there a correlation between block and fruit count? (blocks 1-4)", "", nil},
		{"What is the effect of temperature (25, 30 or 37) on rate?", "", nil},
		{"Kendall's tau: confidence (1-5) vs fruit count", "kendalltau", map[string]string{"x": "confidence_1to5", "y": "fruit_count"}},
		{"Just the hepes runs: is the rate normally distributed?", "", nil},
		{"Remove the outliers and rerun the comparison of rate between buffers", "", nil},
	})
}

// TestChartsIdentifiersAndNumbers checks the companion charts' words
// (a Q-Q plot is drawn beside Shapiro–Wilk, the two ECDFs beside the
// two-sample Kolmogorov–Smirnov test, residuals against fitted values
// beside a regression), colour and breakdown phrases (hue, group), an
// identifier named by its entity and "number" ("student number"), a
// reference value with a thousands separator, a word of a name that may
// name a category or a measure settled by the kind the analysis takes,
// rates named by "per", and a unit that spells no initialism.
func TestChartsIdentifiersAndNumbers(t *testing.T) {
	t.Parallel()
	s := inferra.Schema{Rows: 80, Columns: []inferra.ColumnSchema{
		{Name: "student_no", Kind: inferra.Categorical, Count: 80, Distinct: 80, Identifier: true},
		twoLevels("paste_supplier", "acme", "bolt"),
		{Name: "claim_type", Kind: inferra.Categorical, Count: 80, Distinct: 3, Levels: []string{"goods", "services", "rent"}, LevelCounts: []int{30, 30, 20}},
		measure("claim_amt_usd", 2400), measure("void_pct", 12), measure("oven_peak_C", 245), measure("picks_per_hr", 110), measure("spoilage_pct", 3),
		measure("final_grade", 65),
	}}
	checkDecisions(t, s, []decideCase{
		{"QQ plot of peak oven temperature", "shapiro", map[string]string{"x": "oven_peak_C"}},
		{"Show the ECDFs of void % for the two paste suppliers", "ks_2samp", map[string]string{"group": "paste_supplier", "value": "void_pct"}},
		{"residuals vs fitted for void_pct ~ oven_peak_C", "ols", map[string]string{"formula": "void_pct ~ oven_peak_C"}},
		{"scatter of void % against peak oven temp, coloured by paste supplier", "scatter", map[string]string{"x": "oven_peak_C", "y": "void_pct", "hue": "paste_supplier"}},
		{"summary statistics of void %, broken down by paste supplier", "describe", map[string]string{"x": "void_pct", "group": "paste_supplier"}},
		{"Is student number correlated with the final grade?", "", nil},
		{"Is the average claim above $2,500?", "ttest_1samp", map[string]string{"x": "claim_amt_usd", "popmean": "2500"}},
		{"Is the pick rate higher for acme than for bolt?", "ttest_ind", map[string]string{"group": "paste_supplier", "value": "picks_per_hr"}},
		{"Is spoiled product more common with bolt than with acme?", "ttest_ind", map[string]string{"group": "paste_supplier", "value": "spoilage_pct"}},
		{"Void % is skewed - can you do a non-parametric comparison of the two paste suppliers?", "mannwhitneyu", map[string]string{"group": "paste_supplier", "value": "void_pct"}},
	})
}

// TestOccasionsIndexesAndEffects checks that "baseline" picks the first
// occasion of a measure even when another column shares its word
// (sleep_latency_min beside sleep_h_wk0, wk4, wk8); that the entity a
// numbering column counts names the rows ("in each sprint" with Sprint
// #); that "any diff" asks for a comparison; and that a numeric measure
// that reduces another asks for a correlation.
func TestOccasionsIndexesAndEffects(t *testing.T) {
	t.Parallel()
	sprint := inferra.ColumnSchema{Name: "Sprint #", Kind: inferra.Numeric, Count: 96, Distinct: 24, IntegerCoded: true,
		Min: f64(1), Max: f64(24), Mean: f64(12.5), SD: f64(6.9)}
	s := inferra.Schema{Rows: 96, Columns: []inferra.ColumnSchema{
		sprint,
		{Name: "variety", Kind: inferra.Categorical, Count: 96, Distinct: 3, Levels: []string{"gala", "braeburn", "cox"}, LevelCounts: []int{32, 32, 32}},
		measure("sleep_latency_min", 20), measure("sleep_h_wk0", 6), measure("sleep_h_wk4", 6.5), measure("sleep_h_wk8", 7),
		measure("screen_time_h", 3), measure("bugs_opened", 8), measure("bugs_closed", 7), measure("T_C", 300), measure("selectivity_pct", 70),
		measure("yield_kg", 40),
	}}
	checkDecisions(t, s, []decideCase{
		{"Is baseline sleep different on average from the recommended 7 hours?", "ttest_1samp", map[string]string{"x": "sleep_h_wk0", "popmean": "7"}},
		{"bugs opened vs bugs closed in each sprint - signed rank test", "wilcoxon", map[string]string{"x": "bugs_opened", "y": "bugs_closed"}},
		{"yield by variety - Gala, Braeburn, Cox - any diff?", "f_oneway", map[string]string{"group": "variety", "value": "yield_kg"}},
		{"Does higher temperature reduce selectivity?", "pearsonr", map[string]string{"x": "T_C", "y": "selectivity_pct"}},
	})
}

// TestVerbsModelsAndIdentifiers checks that a partial correlation needs
// words of adjusting (a third column named beside a correlation is no
// covariate), that "mean" before a comparative is a verb, that a box plot
// asked for is never a scatter plot, that a Poisson model is declined,
// that "site numbers" with site_id is an identifier, that "Y regressed on
// X" makes Y the outcome, that a bare "no" is not the level N of a yes/no
// column, and that an everyday word implies its measure ("older lifts":
// age).
func TestVerbsModelsAndIdentifiers(t *testing.T) {
	t.Parallel()
	yn := inferra.ColumnSchema{Name: "ALS_unit", Kind: inferra.Categorical, Count: 80, Distinct: 2, Levels: []string{"N", "Y"}, LevelCounts: []int{40, 40}}
	years := inferra.ColumnSchema{Name: "start_year", Kind: inferra.Numeric, Count: 80, Distinct: 12, IntegerCoded: true,
		Min: f64(2010), Max: f64(2021), Mean: f64(2015.5), SD: f64(3.5)}
	s := inferra.Schema{Rows: 80, Columns: []inferra.ColumnSchema{
		{Name: "site_id", Kind: inferra.Categorical, Count: 80, Distinct: 80, Identifier: true},
		{Name: "lift_id", Kind: inferra.Categorical, Count: 80, Distinct: 80, Identifier: true},
		yn, years,
		measure("hints_used", 4), measure("escape_time_min", 50), measure("team_size", 4),
		measure("GroundCrew", 6), measure("TurnaroundMin", 45), measure("annual_premium_gbp", 600), measure("cod_count", 30),
		measure("latency_ms", 40), measure("log2_titre_wk0", 5), measure("log2_titre_wk4", 8), measure("patient_weight_kg", 70),
		measure("age_yrs", 15), measure("callouts_yr", 3),
	}}
	checkDecisions(t, s, []decideCase{
		{"partial correlation of hints used and escape time with team size", "partial_corr",
			map[string]string{"x": "hints_used", "y": "escape_time_min", "covar": "team_size"}},
		{"correlation of hints used, escape time and team size", "", nil},
		{"Does a bigger ground crew mean faster turnarounds? Correlation please", "pearsonr", map[string]string{"x": "GroundCrew", "y": "TurnaroundMin"}},
		{"Box plot of premiums for each policy start year", "", nil},
		{"Fit a Poisson model to the cod counts", "", nil},
		{"Do higher site numbers have worse latency?", "", nil},
		{"residual plot for week-4 titre regressed on week-0 titre", "ols", map[string]string{"formula": "log2_titre_wk4 ~ log2_titre_wk0"}},
		{"How many calls have no patient weight recorded?", "describe", map[string]string{"x": "patient_weight_kg", "stat": "missing"}},
		{"Do older lifts have more callouts per year? I want the correlation", "pearsonr", map[string]string{"x": "age_yrs", "y": "callouts_yr"}},
	})
}

// TestReferencesListsAndRows checks a reference value stated in one
// sentence and pointed back to in the next ("… 35 minutes. Are we
// different from that?"), the default comparison when a prompt without
// an analysis word lists every group ("titre by dog size
// (small/medium/large)"), a plural that names the rows ("donors" with
// donor_ref is not donor_age), and a unit in brackets ("fuel burn
// (L/hr)").
func TestReferencesListsAndRows(t *testing.T) {
	t.Parallel()
	s := inferra.Schema{Rows: 90, Columns: []inferra.ColumnSchema{
		{Name: "donor_ref", Kind: inferra.Categorical, Count: 90, Distinct: 90, Identifier: true},
		{Name: "size_class", Kind: inferra.Categorical, Count: 90, Distinct: 3, Levels: []string{"small", "medium", "large"}, LevelCounts: []int{30, 30, 30}},
		{Name: "pit", Kind: inferra.Categorical, Count: 90, Distinct: 3, Levels: []string{"north", "south", "east"}, LevelCounts: []int{30, 30, 30}},
		measure("TurnaroundMin", 40), measure("titre_wk4", 8), measure("donor_age", 50), measure("gift_2023_gbp", 40), measure("gift_2024_gbp", 45),
		measure("fuel_L_per_hr", 150),
	}}
	checkDecisions(t, s, []decideCase{
		{"Our SLA says turnarounds should average 35 minutes. Are we different from that?", "ttest_1samp", map[string]string{"x": "TurnaroundMin", "popmean": "35"}},
		{"week 4 titre by size (small/medium/large)", "f_oneway", map[string]string{"group": "size_class", "value": "titre_wk4"}},
		{"Did donors give more in 2024 than in 2023?", "ttest_rel", map[string]string{"x": "gift_2023_gbp", "y": "gift_2024_gbp"}},
		{"Box plot of fuel burn (L/hr) by pit", "boxplot", map[string]string{"group": "pit", "value": "fuel_L_per_hr"}},
	})
}

// TestHeadsAndPluralsAfterLevels checks that a phrase whose words two
// columns share is read as the column whose head it names ("late
// payment" is PaidLate, whose head is late, not PaymentMethod, which
// payment only begins), and that a plural after another column's level
// names the rows ("scrum teams" is no mention of team).
func TestHeadsAndPluralsAfterLevels(t *testing.T) {
	t.Parallel()
	s := inferra.Schema{Rows: 96, Columns: []inferra.ColumnSchema{
		twoLevels("PaidLate", "yes", "no"),
		{Name: "PaymentMethod", Kind: inferra.Categorical, Count: 96, Distinct: 3, Levels: []string{"card", "transfer", "cheque"}, LevelCounts: []int{32, 32, 32}},
		{Name: "Region", Kind: inferra.Categorical, Count: 96, Distinct: 4, Levels: []string{"north", "south", "east", "west"}, LevelCounts: []int{24, 24, 24, 24}},
		{Name: "team", Kind: inferra.Categorical, Count: 96, Distinct: 4, Levels: []string{"alpha", "beta", "gamma", "delta"}, LevelCounts: []int{24, 24, 24, 24}},
		twoLevels("method", "scrum", "kanban"),
		measure("velocity", 30),
	}}
	checkDecisions(t, s, []decideCase{
		{"Is late payment associated with region?", "chi2_contingency", map[string]string{"x": "PaidLate", "y": "Region"}},
		{"Do scrum teams get a different velocity than kanban teams?", "ttest_ind", map[string]string{"group": "method", "value": "velocity"}},
	})
}

// TestAmountsOccasionsAndStems checks that a unit after a number is an
// amount, not a column ("absorbance at 10 min" does not name
// rate_umol_min), that a correlation is not decided where the prompt
// adjusts for a column it cannot place ("once you account for"), that a
// group named as an occasion right before a measure ("post-vaccination
// temperature") is no variable, that "stratifying by" asks for strata, and
// that "diabetes" names diabetic.
func TestAmountsOccasionsAndStems(t *testing.T) {
	t.Parallel()
	s := inferra.Schema{Rows: 80, Columns: []inferra.ColumnSchema{
		twoLevels("vaccine", "canivax", "proguard"), twoLevels("diabetic", "yes", "no"), twoLevels("cramps", "yes", "no"),
		twoLevels("Sex", "F", "M"),
		measure("abs_t10", 1.2), measure("rate_umol_min", 3), measure("tower_height_m", 30), measure("users_peak", 200),
		measure("temp_24h_C", 38.6),
	}}
	checkDecisions(t, s, []decideCase{
		{"QQ plot for absorbance at 10 min", "shapiro", map[string]string{"x": "abs_t10"}},
		{"Is tower height related to uplink throughput once you account for peak users?", "", nil},
		{"Normal temperature is about 38.5 C. Is post-vaccination temperature different from that?", "ttest_1samp", map[string]string{"x": "temp_24h_C", "popmean": "38.5"}},
		{"Is there an association between diabetes and cramps after stratifying by sex?", "mantel_haenszel", map[string]string{"x": "diabetic", "y": "cramps", "strata": "Sex"}},
	})
}

// TestParameterWordsUnitsAndCompounds checks that the words that set a
// parameter name no missing column ("heteroskedasticity-robust" sets
// cov=HC3), that a unit written out ("per hour") is no variable, that a
// number in a compound ("one-off donors") is no reference value, and that
// "more frequent" of a yes/no column asks for a table of counts.
func TestParameterWordsUnitsAndCompounds(t *testing.T) {
	t.Parallel()
	s := inferra.Schema{Rows: 80, Columns: []inferra.ColumnSchema{
		twoLevels("regular_giver", "yes", "no"), twoLevels("shift", "day", "night"), twoLevels("breakdown", "yes", "no"),
		measure("latency_ms", 40), measure("payload_kb", 12), measure("db_queries", 5), measure("gift_2024_gbp", 50),
	}}
	checkDecisions(t, s, []decideCase{
		{"regress latency on payload and DB queries, heteroskedasticity-robust SEs", "ols",
			map[string]string{"formula": "latency_ms ~ payload_kb + db_queries", "cov": "HC3"}},
		{"Did regular givers give more than one-off donors in 2024?", "ttest_ind", map[string]string{"group": "regular_giver", "value": "gift_2024_gbp"}},
		{"Are breakdowns more frequent on the night shift?", "chi2_contingency", map[string]string{"x": "breakdown", "y": "shift"}},
	})
}

// TestYearsAndKinds checks that a year no column holds places rows ("issued
// in 2024": a filter, declined), while a year a column holds does not, and
// that an unknown word before a kind noun next to a partial name is an
// attribute the data lacks ("the rider's saddle type"), as is a noun of
// quality after a word of a column of categories ("paste viscosity").
func TestYearsAndKinds(t *testing.T) {
	t.Parallel()
	s := inferra.Schema{Rows: 80, Columns: []inferra.ColumnSchema{
		{Name: "IssueDate", Kind: inferra.Text, Count: 80, Distinct: 70},
		twoLevels("PaidLate", "yes", "no"), twoLevels("completed", "yes", "no"), twoLevels("paste_supplier", "acme", "bolt"),
		measure("DaysToPay", 40), measure("Rider Weight (kg)", 75), measure("gift_2024_gbp", 50),
	}}
	checkDecisions(t, s, []decideCase{
		{"Were invoices issued in 2024 paid more slowly?", "", nil},
		{"Did the rider's saddle type affect completion?", "", nil},
		{"How does the paste viscosity affect DaysToPay?", "", nil},
		{"Is the 2024 gift higher for invoices paid late?", "ttest_ind", map[string]string{"group": "PaidLate", "value": "gift_2024_gbp"}},
	})
}

// TestGlossary checks a ring of the default glossary's second part:
// "downlink" names dl_mbps.
func TestGlossary(t *testing.T) {
	t.Parallel()
	s := inferra.Schema{Rows: 80, Columns: []inferra.ColumnSchema{
		twoLevels("tech", "4G", "5G"), measure("dl_mbps", 120), measure("ul_mbps", 20), measure("prb_util_pct", 50),
	}}
	checkDecisions(t, s, []decideCase{
		{"Is PRB utilisation correlated with downlink?", "pearsonr", map[string]string{"x": "prb_util_pct", "y": "dl_mbps"}},
	})
}

// TestIrregularVerbsAndStatistics checks that the forms of a word family
// name one column ("wins" and "winning" name won, "meeting" names
// met_goal, "use" names usage_q2_m3), that a statistic named beside a
// chart's words ("SD of hours for each track") is a description, not a
// box plot, and that a measure by a group with no analysis word
// ("post-quiz by track?") is the default comparison of groups.
func TestIrregularVerbsAndStatistics(t *testing.T) {
	t.Parallel()
	s := inferra.Schema{Rows: 90, Columns: []inferra.ColumnSchema{
		twoLevels("won", "yes", "no"), twoLevels("met_goal", "yes", "no"),
		{Name: "input_device", Kind: inferra.Categorical, Count: 90, Distinct: 3, Levels: []string{"pad", "mouse", "touch"}, LevelCounts: []int{30, 30, 30}},
		{Name: "track", Kind: inferra.Categorical, Count: 90, Distinct: 3, Levels: []string{"data", "web", "cloud"}, LevelCounts: []int{30, 30, 30}},
		measure("hours_logged", 20),
	}}
	checkDecisions(t, s, []decideCase{
		{"Do wins depend on input device?", "chi2_contingency", map[string]string{"x": "won", "y": "input_device"}},
		{"Is meeting the goal associated with the input device?", "chi2_contingency", map[string]string{"x": "met_goal", "y": "input_device"}},
		{"SD of hours logged for each track", "describe", map[string]string{"x": "hours_logged", "group": "track", "stat": "std"}},
	})
	meters := inferra.Schema{Rows: 90, Columns: []inferra.ColumnSchema{
		twoLevels("smart_meter", "yes", "no"), measure("usage_q2_m3", 30), measure("bill_gbp", 120),
		{Name: "post_quiz", Kind: inferra.Numeric, Count: 90, Distinct: 60, Min: f64(10), Max: f64(100), Mean: f64(60), SD: f64(12)},
		{Name: "track", Kind: inferra.Categorical, Count: 90, Distinct: 3, Levels: []string{"data", "web", "cloud"}, LevelCounts: []int{30, 30, 30}},
	}}
	checkDecisions(t, meters, []decideCase{
		{"Do smart-meter households use less water in Q2?", "ttest_ind", map[string]string{"group": "smart_meter", "value": "usage_q2_m3"}},
		{"post-quiz by track?", "f_oneway", map[string]string{"group": "track", "value": "post_quiz"}},
	})
}

// TestTwoLetterInitialsAndUnequalVariances checks that two ordinary words
// spell no two-letter initialism ("how many people come in" is not PC
// Sessions) and that unequal variances speak against Tukey's HSD.
func TestTwoLetterInitialsAndUnequalVariances(t *testing.T) {
	t.Parallel()
	s := inferra.Schema{Rows: 90, Columns: []inferra.ColumnSchema{
		{Name: "arm", Kind: inferra.Categorical, Count: 90, Distinct: 3, Levels: []string{"herbal", "fluoride", "placebo"}, LevelCounts: []int{30, 30, 30}},
		measure("Temp_C", 15), measure("Visitors", 300), measure("PC Sessions", 40), measure("plaque_wk12", 2),
	}}
	checkDecisions(t, s, []decideCase{
		{"Does the outside temperature affect how many people come in?", "", nil},
		{"Post-hoc pairwise comparison of week-12 plaque between the arms. Variances aren't equal.", "games_howell",
			map[string]string{"group": "arm", "value": "plaque_wk12"}},
	})
}

// TestStatisticsAskedFor checks that a statistic asked for with "give me"
// beside a weak comparison word ("weekday vs weekend") is a description,
// and that a plural after "our" names the rows, not a breakdown ("mean
// age of our members" with membership).
func TestStatisticsAskedFor(t *testing.T) {
	t.Parallel()
	s := inferra.Schema{Rows: 90, Columns: []inferra.ColumnSchema{
		twoLevels("day_type", "weekday", "weekend"),
		{Name: "membership", Kind: inferra.Categorical, Count: 90, Distinct: 3, Levels: []string{"annual", "monthly", "punch"}, LevelCounts: []int{30, 30, 30}},
		measure("price_gbp", 80), measure("age", 35),
	}}
	checkDecisions(t, s, []decideCase{
		{"Give me the mean price paid for weekday vs weekend bookings", "describe", map[string]string{"x": "price_gbp", "group": "day_type", "stat": "mean"}},
		{"mean age of our members?", "describe", map[string]string{"x": "age", "stat": "mean"}},
	})
}

// TestModifiersAndScenes checks that a noun before a column's name
// qualifies it ("member age" is the age, not memberType), and that a word
// of a yes/no column that only sets the scene ("after the course" with
// finished_course) stops no paired comparison.
func TestModifiersAndScenes(t *testing.T) {
	t.Parallel()
	s := inferra.Schema{Rows: 90, Columns: []inferra.ColumnSchema{
		{Name: "memberType", Kind: inferra.Categorical, Count: 90, Distinct: 3, Levels: []string{"adult", "child", "senior"}, LevelCounts: []int{30, 30, 30}},
		twoLevels("finished_course", "yes", "no"),
		measure("ageYrs", 40), measure("yearsMember", 5), measure("wpm_pre", 40), measure("wpm_post", 48),
	}}
	checkDecisions(t, s, []decideCase{
		{"what's the interquartile range of member age?", "describe", map[string]string{"x": "ageYrs", "stat": "iqr"}},
		{"Did wpm improve from before to after the course?", "ttest_rel", map[string]string{"x": "wpm_pre", "y": "wpm_post"}},
	})
}

// TestRingTargets checks that a ring phrase reaches a column that
// shortens one of its phrases ("engine size" → disp → displ (L)).
func TestRingTargets(t *testing.T) {
	t.Parallel()
	s := inferra.Schema{Rows: 80, Columns: []inferra.ColumnSchema{
		measure("displ (L)", 2.5), measure("mpg_hwy", 30),
	}}
	checkDecisions(t, s, []decideCase{
		{"Is there a relationship between engine size and highway mpg?", "pearsonr", map[string]string{"x": "displ (L)", "y": "mpg_hwy"}},
	})
}

// TestMoreOccasionMarkers checks the occasion markers beyond before and
// after: am/pm named by morning and evening, up/down by upstream and
// downstream, start/end by loading and delivery; and that "arrival" is the
// later occasion ("arrival temperatures" is temp_c_end).
func TestMoreOccasionMarkers(t *testing.T) {
	t.Parallel()
	s := inferra.Schema{Rows: 80, Columns: []inferra.ColumnSchema{
		measure("wt_am_kg", 70), measure("wt_pm_kg", 70.5), measure("turb_up_NTU", 8), measure("turb_down_NTU", 9),
		measure("temp_c_start", 4), measure("temp_c_end", 5),
	}}
	checkDecisions(t, s, []decideCase{
		{"Are people heavier in the evening than in the morning?", "ttest_rel", map[string]string{"x": "wt_am_kg", "y": "wt_pm_kg"}},
		{"Wilcoxon signed-rank test, upstream vs downstream turbidity", "wilcoxon", map[string]string{"x": "turb_up_NTU", "y": "turb_down_NTU"}},
		{"Are the arrival temperatures normally distributed?", "shapiro", map[string]string{"x": "temp_c_end"}},
	})
}

// TestPluralsOfY checks that a plural in -ies names a level in -y
// ("families, friends, corporate" are all three groups of group_type).
func TestPluralsOfY(t *testing.T) {
	t.Parallel()
	s := inferra.Schema{Rows: 90, Columns: []inferra.ColumnSchema{
		{Name: "group_type", Kind: inferra.Categorical, Count: 90, Distinct: 3, Levels: []string{"family", "friends", "corporate"}, LevelCounts: []int{30, 30, 30}},
		twoLevels("escaped", "yes", "no"),
	}}
	checkDecisions(t, s, []decideCase{
		{"Is the kind of party (families, friends, corporate) associated with whether they escaped?", "chi2_contingency", map[string]string{"x": "escaped", "y": "group_type"}},
	})
}

// TestOccasionOfTwo checks that "baseline" before a name two columns share
// picks the one whose own word is a first occasion ("baseline plaque" is
// plaque_idx_base, not plaque_idx_wk12), and "final" the later one.
func TestOccasionOfTwo(t *testing.T) {
	t.Parallel()
	s := inferra.Schema{Rows: 90, Columns: []inferra.ColumnSchema{
		measure("brushes_per_day", 2), measure("plaque_idx_base", 2.1), measure("plaque_idx_wk12", 1.6),
		measure("grip_kg_start", 40), measure("grip_kg_final", 44), measure("age_yrs", 40),
	}}
	checkDecisions(t, s, []decideCase{
		{"Kendall correlation of brushing frequency with baseline plaque", "kendalltau", map[string]string{"x": "brushes_per_day", "y": "plaque_idx_base"}},
		{"Is final grip correlated with age?", "pearsonr", map[string]string{"x": "grip_kg_final", "y": "age_yrs"}},
	})
}

// TestAssumedValuesAndPercentages checks that an assumed or targeted
// value is a reference, so the mean of the column is no plain
// description ("The plan assumes our stands average 40 years old. Does
// the sample agree with that?" is not decided as describe); that a year
// after "from" filters rows; and that "nightly price" is a price, not
// nights.
func TestAssumedValuesAndPercentages(t *testing.T) {
	t.Parallel()
	s := inferra.Schema{Rows: 90, Columns: []inferra.ColumnSchema{
		{Name: "borough", Kind: inferra.Categorical, Count: 90, Distinct: 3, Levels: []string{"north", "south", "east"}, LevelCounts: []int{30, 30, 30}},
		twoLevels("has_captions", "yes", "no"),
		measure("age_yrs", 42), measure("tip_usd", 3), measure("ctr", 4), measure("nights", 3), measure("price_per_night_eur", 40),
		measure("overall_score", 8),
	}}
	checkDecisions(t, s, []decideCase{
		{"The management plan assumes our stands average 40 years old. Does the sample agree with that?", "", nil},
		{"only uploads from 2024: did captions help CTR?", "", nil},
		{"Is there a relationship between nightly price and the overall score?", "", nil},
	})
}

// TestStrongRulesUnfilled checks that a weak reading is not decided where a
// rule the words ask for far more strongly could not be filled ("plot
// tree height against stand age": a scatter plot short of a column is not
// a density plot coloured by stand), that strata need words of
// stratifying ("associated with agency staff on the shift" is a table of
// counts, not one stratified by shift type), and that "mean" before a
// comparative asks for no mean ("Do warmer evenings mean more pints?").
func TestStrongRulesUnfilled(t *testing.T) {
	t.Parallel()
	s := inferra.Schema{Rows: 90, Columns: []inferra.ColumnSchema{
		{Name: "stand", Kind: inferra.Categorical, Count: 90, Distinct: 3, Levels: []string{"s1", "s2", "s3"}, LevelCounts: []int{30, 30, 30}},
		twoLevels("MedError", "yes", "no"), twoLevels("AgencyStaff", "yes", "no"), twoLevels("ShiftType", "day", "night"),
		measure("height_m", 20), measure("Avg Temp C", 15), measure("Pints Sold", 300),
	}}
	checkDecisions(t, s, []decideCase{
		{"Plot tree height against stand age please", "", nil},
		{"Are medication errors associated with having agency staff on the shift?", "chi2_contingency", map[string]string{"x": "MedError", "y": "AgencyStaff"}},
		{"Do warmer evenings mean more pints?", "pearsonr", map[string]string{"x": "Avg Temp C", "y": "Pints Sold"}},
	})
}

// TestWhichGroupsDiffer checks that the column named after "which" and
// before a verb of comparing is the groups compared, also when its values
// are numbers ("which model years differ in city mpg"), and that the
// pronoun "I" is no plural of a letter ("is" of is_repeat).
func TestWhichGroupsDiffer(t *testing.T) {
	t.Parallel()
	year := inferra.ColumnSchema{Name: "Model Year", Kind: inferra.Numeric, Count: 90, Distinct: 6, Levels: []string{"2016", "2017", "2018", "2019", "2020", "2021"},
		LevelCounts: []int{15, 15, 15, 15, 15, 15}, IntegerCoded: true, Min: f64(2016), Max: f64(2021), Mean: f64(2018.5), SD: f64(1.7)}
	s := inferra.Schema{Rows: 90, Columns: []inferra.ColumnSchema{
		year, twoLevels("is_repeat", "0", "1"),
		{Name: "segment", Kind: inferra.Categorical, Count: 90, Distinct: 3, Levels: []string{"Direct", "Corporate", "Groups"}, LevelCounts: []int{30, 30, 30}},
		measure("mpg_city", 25), measure("lead_time", 40),
	}}
	checkDecisions(t, s, []decideCase{
		{"Which model years differ from each other in city mpg? I want all the pairwise comparisons.", "tukey_hsd", map[string]string{"group": "Model Year", "value": "mpg_city"}},
		{"Which segments differ from each other in lead time? I want the post hoc comparisons.", "tukey_hsd", map[string]string{"group": "segment", "value": "lead_time"}},
		{"Which segments differ in lead time? I want all pairwise comparisons", "tukey_hsd", map[string]string{"group": "segment", "value": "lead_time"}},
	})
}

// TestLevelsInPassing checks the levels a prompt names in passing, which
// ask for no subset of the groups: a range of letters ("divisions A to
// D"), a code inside another column's name ("day-1 pain" is no level 1
// of stay_days), the group in the plural before a level's word ("between
// consultants - Reid's variance …"), a word of grammar ("in" is not the
// baker Ines) and a level that the words spell otherwise ("post", which
// the words read as "after", but not in "post hoc").
func TestLevelsInPassing(t *testing.T) {
	t.Parallel()
	group := func(name string, levels ...string) inferra.ColumnSchema {
		counts := make([]int, len(levels))
		for i := range counts {
			counts[i] = 96 / len(levels)
		}
		return inferra.ColumnSchema{Name: name, Kind: inferra.Categorical, Count: 96, Distinct: len(levels), Levels: levels, LevelCounts: counts}
	}
	stay := inferra.ColumnSchema{Name: "stay_days", Kind: inferra.Numeric, Count: 96, Distinct: 4, Levels: []string{"1", "2", "3", "4"},
		LevelCounts: []int{24, 24, 24, 24}, IntegerCoded: true, Min: f64(1), Max: f64(4), Mean: f64(2.5), SD: f64(1.1)}
	s := inferra.Schema{Rows: 96, Columns: []inferra.ColumnSchema{
		group("Division", "A", "B", "C", "D"), group("consultant", "Lindqvist", "Okafor", "Patel", "Reid"),
		group("baker", "Ines", "Marco", "Priya", "Tom"), group("channel", "email", "phone", "post", "sms"),
		group("appeal", "Winter", "Spring", "Emergency"), twoLevels("oven", "deck", "convection"), stay,
		measure("serve_speed", 150), measure("blood_loss_ml", 400), measure("pain_day1", 5), measure("weight_g", 800),
		measure("gift_gbp", 40),
	}}
	checkDecisions(t, s, []decideCase{
		{"ANOVA of serve speed across divisions A to D", "f_oneway", map[string]string{"group": "Division", "value": "serve_speed"}},
		{"ANOVA of serve speed across divisions A to C", "", nil},
		{"Boxplot of day-1 pain by consultant", "boxplot", map[string]string{"group": "consultant", "value": "pain_day1"}},
		{"Pairwise comparison of blood loss between consultants - Reid's variance looks much bigger so don't assume equal variances", "games_howell", map[string]string{"group": "consultant", "value": "blood_loss_ml"}},
		{"Mood's test for equal dispersion of loaf weight in the two ovens", "mood", map[string]string{"group": "oven", "value": "weight_g"}},
		{"Does the gift vary by channel (email, post, phone, sms)?", "f_oneway", map[string]string{"group": "channel", "value": "gift_gbp"}},
		{"Post hoc comparison of gifts between the Winter, Spring and Emergency appeals", "tukey_hsd", map[string]string{"group": "appeal", "value": "gift_gbp"}},
	})
}

// TestNumbersAndWholeNames checks that each mention of a measure numbered
// by occasion takes the number nearest to it ("Hb at 12 months against Hb
// at 6 months"), that a unit after a number is no variable, and that the
// column whose whole name the words are is named before a longer one
// ("tip" is tip, not tip_pct).
func TestNumbersAndWholeNames(t *testing.T) {
	t.Parallel()
	s := inferra.Schema{Rows: 80, Columns: []inferra.ColumnSchema{
		measure("Hb_6mo", 11), measure("Hb_12mo", 12), measure("wt_6mo_kg", 7), measure("wt_12mo_kg", 9),
		measure("tip", 3), measure("tip_pct", 15), measure("bill_total", 30), twoLevels("smoker", "yes", "no"),
	}}
	checkDecisions(t, s, []decideCase{
		{"Plot Hb at 12 months against Hb at 6 months", "scatter", map[string]string{"x": "Hb_6mo", "y": "Hb_12mo"}},
		{"Is the weight at 12 months lower than 9.6 kg?", "ttest_1samp", map[string]string{"x": "wt_12mo_kg", "popmean": "9.6"}},
		{"Regress tip on bill and smoker", "ols", map[string]string{"formula": "tip ~ bill_total + smoker"}},
	})
}

// TestImpliedWordsWeaker checks that a word a column's unit implies
// counts for less than the word itself ("snow depth" is snow_depth_cm,
// not new_snow_cm, whose cm implies a depth), that such a word starts a
// name right before a word of it ("time to hearing" is days_to_hearing,
// not the hearing's minutes), never before a word it only resembles
// ("area, depth" is no depth_cm), and that "shows up" asks for no chart.
func TestImpliedWordsWeaker(t *testing.T) {
	t.Parallel()
	s := inferra.Schema{Rows: 90, Columns: []inferra.ColumnSchema{
		{Name: "resort", Kind: inferra.Categorical, Count: 90, Distinct: 3, Levels: []string{"Alpvale", "Kronhorn", "Sternwald"}, LevelCounts: []int{30, 30, 30}},
		twoLevels("defendant_appeared", "yes", "no"),
		measure("snow_depth_cm", 120), measure("new_snow_cm", 8), measure("days_to_hearing", 60), measure("hearing_mins", 40),
		measure("area_m2", 1), measure("depth_cm", 6), measure("repair_cost_usd", 300),
	}}
	checkDecisions(t, s, []decideCase{
		{"Does snow depth differ between Alpvale, Kronhorn and Sternwald?", "f_oneway", map[string]string{"group": "resort", "value": "snow_depth_cm"}},
		{"which resorts differ from each other in time to hearing? (pairwise)", "tukey_hsd", map[string]string{"group": "resort", "value": "days_to_hearing"}},
		{"Model repair cost as a function of area, depth and resort.", "ols", map[string]string{"formula": "repair_cost_usd ~ area_m2 + depth_cm + resort"}},
		// (Asked, not drawn: the words ask for no analysis the engine
		// can be sure of.)
		{"Are hearing minutes higher when the defendant shows up?", "", nil},
	})
}

// TestModelsWrittenOut checks a model written with no word for it ("raised
// on goal, ad spend and channel", "yield on N rate treated as a factor
// plus irrigation", "model the bill from …") and a head two conjuncts share
// ("Q1 and Q2 usage", "accuracy congruent vs incongruent"), while the
// markers of a pair stay the pair's ("blood pressure before and after").
func TestModelsWrittenOut(t *testing.T) {
	t.Parallel()
	s := inferra.Schema{Rows: 80, Columns: []inferra.ColumnSchema{
		measure("raised_usd", 5000), measure("goal_usd", 6000), measure("ad_spend", 400),
		{Name: "channel", Kind: inferra.Categorical, Count: 80, Distinct: 3, Levels: []string{"web", "mail", "event"}, LevelCounts: []int{30, 25, 25}},
		measure("usage_q1_m3", 40), measure("usage_q2_m3", 44), measure("bill_gbp", 90),
		measure("acc_cong", 0.9), measure("acc_incong", 0.8), measure("RT_congruent (ms)", 600), measure("RT_incongruent (ms)", 700),
		measure("bp_before", 140), measure("bp_after", 132),
	}}
	checkDecisions(t, s, []decideCase{
		{"raised_usd on goal, ad spend and channel", "ols", map[string]string{"formula": "raised_usd ~ goal_usd + ad_spend + channel"}},
		{"Model the bill from Q1 and Q2 usage plus channel", "ols", map[string]string{"formula": "bill_gbp ~ usage_q1_m3 + usage_q2_m3 + channel"}},
		{"accuracy congruent vs incongruent, signed-rank test", "wilcoxon", map[string]string{"x": "acc_cong", "y": "acc_incong"}},
		{"Compare blood pressure before and after", "ttest_rel", map[string]string{"x": "bp_before", "y": "bp_after"}},
	})
}

// TestStrongMeasureAndLetterCodes checks that a measure named in full after
// a comparative is the value before a word that names another column in
// part ("more spoiled product" is spoilage_pct, not the "end" of
// temp_c_end), that words of other names spell no two-letter initialism
// ("hilly rides" is no HR), and that a letter read in part as a name hides
// no level ("line L1 and L3" names two of three lines).
func TestStrongMeasureAndLetterCodes(t *testing.T) {
	t.Parallel()
	s := inferra.Schema{Rows: 90, Columns: []inferra.ColumnSchema{
		twoLevels("route_type", "urban", "rural"), twoLevels("terrain", "flat", "hilly"),
		{Name: "line", Kind: inferra.Categorical, Count: 90, Distinct: 3, Levels: []string{"L1", "L2", "L3"}, LevelCounts: []int{30, 30, 30}},
		measure("temp_c_end", 4), measure("spoilage_pct", 2), measure("ride_dist_km", 80), measure("avg_speed_kmh", 14),
		measure("HR_pre_bpm", 40), measure("gauge_L_mm", 3), measure("defects", 2),
	}}
	checkDecisions(t, s, []decideCase{
		{"Do urban delivery runs end up with more spoiled product than the rural runs?", "ttest_ind", map[string]string{"group": "route_type", "value": "spoilage_pct"}},
		{"F-test comparing the variance of speed on flat vs hilly rides", "f_test", map[string]string{"group": "terrain", "value": "avg_speed_kmh"}},
		{"Compare line L1 and L3 on defects", "", nil},
	})
}

// TestRingPhraseWithoutStatistic checks that a ring phrase read without
// the statistic before it names the ring's column: "daily rate" of
// "average daily rate" is adr.
func TestRingPhraseWithoutStatistic(t *testing.T) {
	t.Parallel()
	s := inferra.Schema{Rows: 90, Columns: []inferra.ColumnSchema{
		{Name: "segment", Kind: inferra.Categorical, Count: 90, Distinct: 3, Levels: []string{"Direct", "Corporate", "Groups"}, LevelCounts: []int{30, 30, 30}},
		measure("adr", 110), measure("lead_time", 40),
	}}
	checkDecisions(t, s, []decideCase{
		{"Which segments differ from each other in daily rate? Pairwise post hoc comparisons please.", "tukey_hsd", map[string]string{"group": "segment", "value": "adr"}},
	})
}

// TestGroupsOfSettings checks numbers that are groups: a few settings on
// many rows, listed ("the 2.5, 5 and 7.5 mg dose groups") or counted ("the
// four layer height settings"), a year after "for each" and a word of its
// name ("for each policy start year"), and a count the named test compares
// ("the number of passengers … Kruskal-Wallis").
func TestGroupsOfSettings(t *testing.T) {
	t.Parallel()
	settings := func(name string, values ...float64) inferra.ColumnSchema {
		var levels []string
		counts := make([]int, len(values))
		for i, v := range values {
			levels = append(levels, strconv.FormatFloat(v, 'f', -1, 64))
			counts[i] = 120 / len(values)
		}
		return inferra.ColumnSchema{Name: name, Kind: inferra.Numeric, Count: 120, Distinct: len(values), Levels: levels, LevelCounts: counts,
			Min: f64(values[0]), Max: f64(values[len(values)-1]), Mean: f64(values[1]), SD: f64(values[1] / 2)}
	}
	codes := func(name string, n int) inferra.ColumnSchema {
		values := make([]float64, n)
		for i := range values {
			values[i] = float64(i + 1)
		}
		c := settings(name, values...)
		c.IntegerCoded = true
		return c
	}
	year := codes("start_year", 4)
	for i := range year.Levels {
		year.Levels[i] = strconv.Itoa(2020 + i)
	}
	year.Min, year.Max, year.Mean = f64(2020), f64(2023), f64(2021.5)
	s := inferra.Schema{Rows: 120, Columns: []inferra.ColumnSchema{
		settings("dose_mg", 2.5, 5, 7.5), settings("layer_height_mm", 0.12, 0.16, 0.2, 0.28), year, codes("passengers", 5),
		measure("INR_wk6", 2.5), measure("print_time_h", 6), measure("annual_premium_gbp", 600), measure("tip_usd", 3),
	}}
	checkDecisions(t, s, []decideCase{
		{"compare week-6 INR between the 2.5, 5 and 7.5 mg dose groups", "f_oneway", map[string]string{"group": "dose_mg", "value": "INR_wk6"}},
		{"Compare mean print time across the four layer height settings (0.12, 0.16, 0.2 and 0.28 mm).", "f_oneway", map[string]string{"group": "layer_height_mm", "value": "print_time_h"}},
		{"Box plot of annual premiums for each policy start year", "boxplot", map[string]string{"group": "start_year", "value": "annual_premium_gbp"}},
		{"Does the number of passengers make any difference to the tip? Kruskal-Wallis", "kruskal", map[string]string{"group": "passengers", "value": "tip_usd"}},
	})
}

// TestVaryMoreAndLevelsOfSeveralWords checks that "vary more" asks about
// spread, and that a column's name inside a level of several words
// ("in-store" of Channel beside a Store column; "click and collect" for
// Click&Collect) names the level, not the column.
func TestVaryMoreAndLevelsOfSeveralWords(t *testing.T) {
	t.Parallel()
	store := inferra.ColumnSchema{Name: "Store", Kind: inferra.Categorical, Count: 80, Distinct: 4,
		Levels: []string{"Leeds", "York", "Hull", "Bath"}, LevelCounts: []int{20, 20, 20, 20}}
	variety := inferra.ColumnSchema{Name: "variety", Kind: inferra.Categorical, Count: 80, Distinct: 4,
		Levels: []string{"Gala", "Fuji", "Braeburn", "Jazz"}, LevelCounts: []int{20, 20, 20, 20}}
	s := inferra.Schema{Rows: 80, Columns: []inferra.ColumnSchema{
		twoLevels("Channel", "In-store", "Click&Collect"), store, variety,
		measure("checkout_time_s", 95), measure("fruit_weight_g", 180),
	}}
	checkDecisions(t, s, []decideCase{
		{"Does checkout time vary more in-store than for click and collect?", "levene", map[string]string{"group": "Channel", "value": "checkout_time_s"}},
		{"Does fruit weight vary more in some varieties than others?", "levene", map[string]string{"group": "variety", "value": "fruit_weight_g"}},
	})
}
