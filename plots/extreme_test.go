package plots_test

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/inferra/inferra"
	"github.com/inferra/inferra/plots"
)

// renderWithin renders in a goroutine, recovering a panic as an error,
// and fails the test if the chart is not done within a minute: the
// safety net that turns a hang into a failure.
func renderWithin(t *testing.T, ds *inferra.Dataset, id string, params map[string]string, opt plots.Options) (*plots.Chart, error) {
	t.Helper()
	type answer struct {
		ch  *plots.Chart
		err error
	}
	done := make(chan answer, 1)
	go func() {
		defer func() {
			if r := recover(); r != nil {
				done <- answer{err: fmt.Errorf("panic: %v", r)}
			}
		}()
		ch, err := plots.Render(context.Background(), ds, id, params, opt)
		done <- answer{ch, err}
	}()
	select {
	case a := <-done:
		return a.ch, a.err
	case <-time.After(time.Minute):
		t.Fatalf("Render(%s, %v) still running after a minute", id, params)
		return nil, nil
	}
}

// TestIssue14Trigger runs the six-row CSV of issue 14 through the box plot
// and through the tests whose companion is a box plot: the tick loop of
// the value axis never ended on a range wider than a float holds. Each
// must now end with the box plot refused as EInvalid.
func TestIssue14Trigger(t *testing.T) {
	t.Parallel()
	ds, err := inferra.ParseCSV([]byte("g,v\na,1e308\na,-1e308\na,1\nb,2\nb,3\nb,4\n"), inferra.LoadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	params := map[string]string{"group": "g", "value": "v"}
	for _, analysis := range []string{"boxplot", "mannwhitneyu", "kruskal", "ttest_ind", "f_oneway"} {
		done := make(chan error, 1)
		go func() {
			_, err := plots.ForJob(context.Background(), ds, analysis, params, plots.Options{})
			done <- err
		}()
		select {
		case err := <-done:
			if code := inferra.ErrorCode(err); code != inferra.EInvalid || !strings.Contains(err.Error(), "span more than a float") {
				t.Errorf("ForJob(%s) = %v (code %q), want an EInvalid error about the span", analysis, err, code)
			}
		case <-time.After(time.Minute):
			t.Fatalf("ForJob(%s) still running after a minute", analysis)
		}
	}
}
