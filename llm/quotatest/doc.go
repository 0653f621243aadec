// Package quotatest is the conformance suite for llm.QuotaStore: every
// implementation (in memory, on SQLite, on Postgres) must pass Run, which
// checks the contract documented on llm.QuotaStore.
//
// # Use
//
// In the implementation's tests, give Run a function that returns a new,
// empty store:
//
//	func TestQuota(t *testing.T) {
//		quotatest.Run(t, func(t *testing.T) llm.QuotaStore { return newStore(t) })
//	}
//
// The llm package's tests run it on llm.MemoryQuota; see ExampleRun.
package quotatest
