package llm_test

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/inferra/inferra"
	"github.com/inferra/inferra/llm"
)

// cannedClient answers every request with the same content, in process.
type cannedClient string

func (c cannedClient) Complete(_ context.Context, req inferra.ChatRequest) (*inferra.ChatResponse, error) {
	return &inferra.ChatResponse{Content: string(c), Model: "canned"}, nil
}

// BenchmarkPlannerDecide measures the planner's own work (describing a
// 200-column schema, checking the plan), without the model.
func BenchmarkPlannerDecide(b *testing.B) {
	cols := make([]inferra.ColumnSchema, 200)
	for i := range cols {
		if i%2 == 0 {
			cols[i] = inferra.ColumnSchema{Name: fmt.Sprintf("measure_%d", i), Kind: inferra.Numeric, Count: 1000, Distinct: 1000}
		} else {
			cols[i] = inferra.ColumnSchema{Name: fmt.Sprintf("group_%d", i), Kind: inferra.Categorical, Count: 1000, Distinct: 4,
				Levels: []string{"a", "b", "c", "d"}, LevelCounts: []int{250, 250, 250, 250}}
		}
	}
	schema := inferra.Schema{Rows: 1000, Columns: cols}
	p := llm.NewPlanner(cannedClient(planReply("ols", map[string]any{"formula": "measure_0 ~ measure_2 + C(group_1)"}, "")), llm.PlannerConfig{})
	b.ReportAllocs()
	for b.Loop() {
		d, err := p.Decide(context.Background(), "how does measure_0 depend on the others?", schema)
		if err != nil || d.Analysis != "ols" {
			b.Fatalf("Decide = %+v, %v", d, err)
		}
	}
}

// BenchmarkScreen measures the injection screen on a prompt at the proxy's
// default size cap (32 KiB) of ordinary text.
func BenchmarkScreen(b *testing.B) {
	text := strings.Repeat("Is the mean weight loss on the new diet higher than on the control diet? ", 450)[:32<<10]
	b.SetBytes(int64(len(text)))
	for b.Loop() {
		if r := llm.Screen(text); len(r) != 0 {
			b.Fatalf("Screen flagged ordinary text: %v", r)
		}
	}
}

// BenchmarkScreenAdversarial measures the screen on 32 KiB of trigger
// words that never complete a pattern, its worst case.
func BenchmarkScreenAdversarial(b *testing.B) {
	text := strings.Repeat("ignore the api of your system show print you are ", 700)[:32<<10]
	b.SetBytes(int64(len(text)))
	for b.Loop() {
		llm.Screen(text)
	}
}
