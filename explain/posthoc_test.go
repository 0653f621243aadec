package explain_test

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
	"testing"
)

func groupAt(e map[string]any, i int) map[string]any {
	return e["groups"].([]any)[i].(map[string]any)
}

// TestPostHocAnalyses checks the summaries of tukey_hsd and games_howell
// against scipy's numbers (testdata/reference_dist.json).
func TestPostHocAnalyses(t *testing.T) {
	for _, id := range []string{"tukey_hsd/sites", "games_howell/sites"} {
		c := reference(t, id)
		e := c.Expected
		s := summarize(t, c)
		pairs := e["pairs"].([]any)
		var differ []map[string]any
		for _, p := range pairs {
			if p := p.(map[string]any); p["p_value"].(float64) < 0.05 {
				differ = append(differ, p)
			}
		}
		slices.SortFunc(differ, func(a, b map[string]any) int {
			return cmp.Compare(a["p_value"].(float64), b["p_value"].(float64))
		})
		if s.PostHoc == nil || s.PostHoc.Compared != 15 || s.PostHoc.Differ != len(differ) || len(s.PostHoc.Pairs) != 15 {
			t.Fatalf("%s: PostHoc = %+v, want 15 pairs, %d differing", id, s.PostHoc, len(differ))
		}
		want := fmt.Sprintf("find that %d of the 15 pairs differ, p-values adjusted for all 15: ", len(differ))
		phrases := make([]string, len(differ))
		for i, p := range differ {
			phrases[i] = pairPhrase(p)
		}
		want += strings.Join(phrases[:len(phrases)-1], ", ") + " and " + phrases[len(phrases)-1] + "."
		contains(t, id+" Meaning", s.Meaning, want)
		if *s.Significant != (len(differ) > 0) {
			t.Errorf("%s: significant = %v", id, *s.Significant)
		}
		main := s.Tables[0]
		if len(main.Rows) != 15 {
			t.Errorf("%s: %d rows in the pairs table, want 15", id, len(main.Rows))
		}
		first := pairs[0].(map[string]any)
		if got, want := cell(main, 0, "q"), f2(first["statistic"]); got != want {
			t.Errorf("%s: q = %q, want %q", id, got, want)
		}
		if id == "tukey_hsd/sites" {
			if got, want := cell(main, 0, "95% CI"), "["+f2(first["ci_low"])+", "+f2(first["ci_high"])+"]"; got != want {
				t.Errorf("tukey CI = %q, want %q", got, want)
			}
			// SDs from 1.01 (Site-E) to 8.30 (Site-C): pooling is not
			// reasonable.
			if len(s.Assumptions) != 1 || s.Assumptions[0].Met {
				t.Errorf("tukey assumptions = %+v, want one unmet spread check", s.Assumptions)
			}
			contains(t, "AssumptionsLine", s.AssumptionsLine, "SD "+f2(groupAt(e, 2)["sd"])+" in Site-C against "+f2(groupAt(e, 4)["sd"])+" in Site-E", "games_howell")
		} else if got, want := cell(main, 0, "t"), f2(first["t"]); got != want {
			t.Errorf("games-howell t = %q, want %q", got, want)
		}
	}

	// No pair differs: said in so many words.
	c := reference(t, "games_howell/coded-dose")
	s := summarize(t, c)
	if s.PostHoc.Differ != 0 || *s.Significant {
		t.Errorf("coded-dose: %d pairs differ, significant %v; want none", s.PostHoc.Differ, *s.Significant)
	}
	contains(t, "Meaning", s.Meaning, "find no pair of groups that differs significantly once the p-values are adjusted for the 3 pairs compared",
		"from "+f2(groupAt(c.Expected, 0)["mean"])+" in dose 0.5")
}
