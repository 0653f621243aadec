package inferra

import (
	"context"
	"encoding/json"
	"time"
)

// LLMClient sends one chat conversation to a language model and returns
// its reply. The llm package implements it for any OpenAI-compatible chat
// completions endpoint; the LLM fallback planner and the LLM proxy consume
// it, so tests can give them a scripted client.
//
// Errors are *Error values (or wrap one): ERateLimited when the model's
// provider refuses for rate, ETooLarge when the conversation exceeds the
// model's context, EUnavailable when the provider cannot be reached or
// answers nonsense, and ECanceled (or the context's error) when ctx ends.
type LLMClient interface {
	Complete(ctx context.Context, req ChatRequest) (*ChatResponse, error)
}

// Chat roles.
const (
	RoleSystem    = "system"
	RoleUser      = "user"
	RoleAssistant = "assistant"
)

// ChatMessage is one turn of a conversation.
type ChatMessage struct {
	// Role is RoleSystem, RoleUser or RoleAssistant.
	Role    string `json:"role"`
	Content string `json:"content"`
}

// ChatRequest is a conversation to complete. Zero fields take the client's
// configured defaults.
type ChatRequest struct {
	Messages []ChatMessage `json:"messages"`
	// Model overrides the client's model.
	Model string `json:"model,omitempty"`
	// Temperature overrides the client's sampling temperature when not nil.
	Temperature *float64 `json:"temperature,omitempty"`
	// MaxTokens overrides the client's limit on the reply's length when
	// positive.
	MaxTokens int `json:"max_tokens,omitempty"`
	// Schema, when set, asks for a reply that is one JSON document valid
	// against this JSON Schema (OpenAI's structured outputs).
	Schema *JSONSchema `json:"schema,omitempty"`
}

// JSONSchema names a JSON Schema that a reply must follow.
type JSONSchema struct {
	// Name identifies the schema to the model (letters, digits, _ and -).
	Name string `json:"name"`
	// Schema is the JSON Schema document.
	Schema json.RawMessage `json:"schema"`
	// Strict asks the provider to enforce the schema while generating.
	Strict bool `json:"strict"`
}

// ChatResponse is a model's reply and what it cost.
type ChatResponse struct {
	// Content is the text of the reply.
	Content string `json:"content"`
	// Model is the model that answered, as the provider names it.
	Model string `json:"model"`
	// FinishReason is why generation stopped ("stop", "length", …).
	FinishReason string `json:"finish_reason,omitempty"`
	// Usage is what the reply cost when it was generated; a cached reply
	// repeats it (and costs nothing again).
	Usage Usage `json:"usage"`
	// Latency is how long this call took, retries and waits included.
	Latency time.Duration `json:"latency"`
	// Cached reports that the reply came from the client's cache.
	Cached bool `json:"cached"`
}

// Usage counts the tokens of a completion.
type Usage struct {
	PromptTokens     int `json:"prompt_tokens"`
	CompletionTokens int `json:"completion_tokens"`
	TotalTokens      int `json:"total_tokens"`
	// CostUSDTicks is the provider's charge when it reports one (xAI's
	// cost_in_usd_ticks; 10¹⁰ ticks are one US dollar), 0 otherwise.
	CostUSDTicks int64 `json:"cost_in_usd_ticks,omitempty"`
}
