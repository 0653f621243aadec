// Package llmtest is a stand-in language model for tests: an
// OpenAI-compatible chat-completions endpoint on a local httptest server
// that answers every request at once with fixed token counts, so that a
// test can drive llm.Client, llm.Proxy and the servers built on them
// without a network or an API bill.
package llmtest
