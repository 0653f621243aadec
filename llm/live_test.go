//go:build live

package llm_test

import (
	"context"
	"os"
	"testing"
	"time"

	"github.com/inferra/inferra"
	"github.com/inferra/inferra/decision"
	"github.com/inferra/inferra/llm"
)

// TestLive calls the real provider named by the environment (xAI by
// default). It runs only with -tags live and LLM_API_KEY set.
func TestLive(t *testing.T) {
	if os.Getenv("LLM_API_KEY") == "" {
		t.Skip("LLM_API_KEY is not set")
	}
	c, err := llm.FromEnv()
	if err != nil {
		t.Fatalf("FromEnv: %v", err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	r, err := c.Complete(ctx, inferra.ChatRequest{Messages: []inferra.ChatMessage{
		{Role: inferra.RoleUser, Content: "Reply with the single word: ready"}}})
	if err != nil {
		t.Fatalf("Complete: %v", err)
	}
	if r.Content == "" || r.Usage.TotalTokens == 0 {
		t.Errorf("reply %+v, want content and usage", r)
	}
	t.Logf("model %s, %d tokens, %d ticks, %v", r.Model, r.Usage.TotalTokens, r.Usage.CostUSDTicks, r.Latency)

	schema := inferra.Schema{Rows: 40, Columns: []inferra.ColumnSchema{
		{Name: "fertiliser", Kind: inferra.Categorical, Count: 40, Distinct: 2, Levels: []string{"new", "old"}, LevelCounts: []int{20, 20}},
		{Name: "yield_kg", Kind: inferra.Numeric, Count: 40, Distinct: 40},
	}}
	d, err := llm.NewPlanner(c, llm.PlannerConfig{ReturnErrors: true}).Decide(ctx,
		"Is the harvest from the new fertiliser fields any different to the old ones?", schema)
	if err != nil {
		t.Fatalf("Decide: %v", err)
	}
	t.Logf("decision %+v", d)
	if decision.IsNoDecision(d) {
		t.Logf("the model asked: %s", d.Question)
		return
	}
	if d.Source != inferra.SourceLLM || d.Params["group"] != "fertiliser" && d.Params["formula"] == "" {
		t.Errorf("decision %+v, want a plan on fertiliser from llm", d)
	}
}
