package llmtest_test

import (
	"context"
	"fmt"

	"github.com/inferra/inferra"
	"github.com/inferra/inferra/llm"
	"github.com/inferra/inferra/llm/llmtest"
)

func ExampleStart() {
	p := llmtest.Start(10, 5) // in a test: llmtest.NewProvider(t, 10, 5)
	defer p.Close()
	c, err := llm.New(llm.Config{APIKey: llmtest.APIKey, Endpoint: p.Endpoint, Model: llmtest.Model, CacheSize: -1, MaxRetries: -1})
	if err != nil {
		fmt.Println(err)
		return
	}
	res, err := c.Complete(context.Background(), inferra.ChatRequest{Messages: []inferra.ChatMessage{{Role: "user", Content: "Hello?"}}})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(res.Content, res.Usage.PromptTokens, res.Usage.CompletionTokens, p.Hits())
	// Output: answer 1 10 5 1
}
