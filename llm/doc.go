// Package llm talks to a language model for the two things Inferra uses
// one for: choosing an analysis when the rules cannot (the Planner, the
// decision engine's fallback), and answering users' questions through the
// LLM proxy (Proxy). Rule-based analyses never need it.
//
// # The client
//
// Client speaks the OpenAI chat completions protocol with the standard
// library only, so it works with xAI (the default, https://api.x.ai/v1 and
// grok-4) and with any compatible server: OpenAI, vLLM, llama.cpp, Ollama.
// It implements inferra.LLMClient. FromEnv reads the configuration:
//
//	LLM_API_KEY      bearer key (may be empty for a keyless LLM_ENDPOINT)
//	LLM_ENDPOINT     base URL, default https://api.x.ai/v1
//	LLM_MODEL        default grok-4
//	LLM_TIMEOUT      per attempt, such as 30s; default 60s
//	LLM_TEMPERATURE  0 to 2; default the provider's
//	LLM_MAX_TOKENS   reply limit; default the provider's
//
// With neither a key nor an endpoint, FromEnv returns ErrNotConfigured,
// whose code inferra.ELLMNotConfigured the server answers with 503.
//
// A call is retried on connection errors, timeouts, 408, 409, 429 and 5xx,
// waiting 0.5 s·2ⁿ (at most 8 s, less a random quarter) or what the
// server's Retry-After says. Failures are *Error values whose Kind is one of
// ErrRateLimited, ErrUnavailable, ErrUnauthorized, ErrContextTooLong,
// ErrInvalidResponse or ErrRejected (errors.Is works), and which carry an
// inferra.Error code for the server. Every reply reports its Usage (tokens,
// and xAI's cost in ticks) and Latency. Identical requests within an hour
// are answered from a bounded cache; errors are never cached. The key is
// redacted from Config.String, from logs, and from provider messages that
// echo it; text is redacted whole, before it is shortened for a message or
// a log, since a key cut in two is no longer found. The Planner and the
// Proxy redact the key (Client.Redact) from the model's replies and from
// the prompts they log.
//
// # The planner
//
// The decision engine consults its Fallback only when the rules decline.
// The Planner sends the model the question and the dataset's shape: column
// names, kinds, counts of values, missing values and distinct values, the
// role each column can play, likely paired columns, and the labels of
// categorical columns. It never sends a data value: no numbers, no
// minimum, maximum, mean or standard deviation, no identifier and no free
// text. Names and labels travel as JSON strings inside the user message,
// cut to 64 characters and 20 labels, and the system prompt tells the
// model that they are data, never instructions.
//
// The model must answer with one JSON object (enforced with a JSON Schema
// response_format; a server that rejects response_format is asked again
// without it, and a reply in a Markdown code fence is accepted):
//
//	{"analysis": "ttest_ind", "params": {"group": "diet", "value": "weight_loss", …},
//	 "explanation": "…", "question": ""}
//
// The answer is then checked like a user's: the analysis must be on the
// allow-list (decision.Analyses), every required parameter present and no
// other, groups must be columns that can split rows (decision.Assess),
// x, y and value numeric measures, a two-group test must get two levels,
// and a formula must parse (stats/formula) and use existing columns with a
// numeric outcome. A plan that passes becomes a Decision with source "llm"
// and confidence at most MaxConfidence (0.6); one that fails becomes a
// no-decision carrying the model's clarifying question and the plan as a
// candidate with the reason it was rejected.
//
// When the model cannot be reached, Planner.Decide returns no decision and
// no error, so decision.Engine returns the rules' own no-decision (the
// engine turns a fallback error into a failed Decide); ReturnErrors changes
// that.
//
// # The proxy
//
// Proxy.Do is the logic behind POST /api/llm-proxy: it refuses prompts over
// a size cap (ETooLarge) and prompts that the injection Screen flags
// (EInvalid, with the reasons in the details), reserves the worst-case
// token cost against the user's daily quota in a QuotaStore (ERateLimited
// when spent), calls the model, settles the reservation to the real cost,
// and records every call, refused ones included, through a CallLogger. The
// server supplies the handler, the authentication, the per-user request
// rate, and database-backed QuotaStore and CallLogger.
//
// See ExampleClient_Complete, ExamplePlanner_Decide and ExampleProxy_Do.
// A live test against xAI runs with
//
//	LLM_API_KEY=… go test -tags live -run Live ./llm
package llm
