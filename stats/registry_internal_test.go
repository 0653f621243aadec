package stats

import (
	"math"
	"reflect"
	"testing"
)

func TestNonFinite(t *testing.T) {
	type inner struct {
		P float64 `json:"p_value"`
	}
	type result struct {
		Test
		Groups []inner   `json:"groups"`
		Hidden []float64 `json:"-"`
		Extra  *inner    `json:"extra,omitempty"`
		ByName map[string]float64
	}
	cases := []struct {
		v    result
		want string
	}{
		{result{Hidden: []float64{math.NaN()}}, ""},
		{result{Groups: []inner{{1}, {math.Inf(1)}}}, "result.groups[1].p_value"},
		{result{Test: Test{PValue: math.NaN()}}, "result.p_value"},
		{result{Extra: &inner{math.NaN()}}, "result.extra.p_value"},
		{result{ByName: map[string]float64{"a": math.NaN()}}, "result.ByName.a"},
	}
	for _, c := range cases {
		if got := nonFinite(reflect.ValueOf(&c.v), "result"); got != c.want {
			t.Errorf("nonFinite(%+v) = %q, want %q", c.v, got, c.want)
		}
	}
}
