package quotatest_test

import (
	"testing"

	"github.com/inferra/inferra/llm"
	"github.com/inferra/inferra/llm/quotatest"
)

// A store's tests run the suite with a constructor of empty stores; here
// the in-memory one.
func ExampleRun() {
	testQuota := func(t *testing.T) {
		quotatest.Run(t, func(*testing.T) llm.QuotaStore { return llm.NewMemoryQuota() })
	}
	_ = testQuota
}
