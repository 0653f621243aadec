package quotatest_test

import (
	"context"
	"os"
	"os/exec"
	"strings"
	"testing"
	"time"

	"github.com/inferra/inferra/llm"
	"github.com/inferra/inferra/llm/quotatest"
)

// TestRunOnMemoryQuota: the suite passes on a store that keeps the
// contract.
func TestRunOnMemoryQuota(t *testing.T) {
	quotatest.Run(t, func(*testing.T) llm.QuotaStore { return llm.NewMemoryQuota() })
}

// unlimited is a QuotaStore that ignores the limit: it breaks the contract.
type unlimited struct{ *llm.MemoryQuota }

func (u unlimited) Reserve(ctx context.Context, user string, day time.Time, tokens, _ int) (int, error) {
	return u.MemoryQuota.Reserve(ctx, user, day, tokens, 1<<30)
}

// TestBrokenStore runs the suite on unlimited; it runs only inside the
// process TestRunCatchesABrokenStore starts, and fails there.
func TestBrokenStore(t *testing.T) {
	if os.Getenv("QUOTATEST_BROKEN") != "1" {
		t.Skip("run by TestRunCatchesABrokenStore")
	}
	quotatest.Run(t, func(*testing.T) llm.QuotaStore { return unlimited{llm.NewMemoryQuota()} })
}

// TestRunCatchesABrokenStore checks that the suite fails a store that
// ignores the limit, naming the broken part of the contract.
func TestRunCatchesABrokenStore(t *testing.T) {
	cmd := exec.Command(os.Args[0], "-test.run=^TestBrokenStore$", "-test.v")
	cmd.Env = append(os.Environ(), "QUOTATEST_BROKEN=1")
	out, err := cmd.CombinedOutput()
	if err == nil {
		t.Fatalf("the suite passed a store that ignores the limit:\n%s", out)
	}
	for _, want := range []string{"--- FAIL: TestBrokenStore/ReserveBeyondLimitChangesNothing", "want 90, ErrQuotaExceeded"} {
		if !strings.Contains(string(out), want) {
			t.Errorf("the suite's output lacks %q:\n%s", want, out)
		}
	}
}
