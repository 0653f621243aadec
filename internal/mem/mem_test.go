package mem_test

import (
	"testing"

	"github.com/inferra/inferra/internal/mem"
)

func TestBuffersAreZeroedAndSized(t *testing.T) {
	for _, n := range []int{0, 1, 1000, 1 << 20} {
		f, i, u := mem.Floats(n), mem.Int32s(n), mem.Uint64s(n)
		if len(f) != n || len(i) != n || len(u) != n {
			t.Fatalf("lengths %d %d %d, want %d", len(f), len(i), len(u), n)
		}
		for k := 0; k < n; k += 997 {
			if f[k] != 0 || i[k] != 0 || u[k] != 0 {
				t.Fatalf("element %d not zero", k)
			}
		}
	}
}

func TestPrefaultKeepsContents(t *testing.T) {
	b := make([]byte, 3<<20+123)
	for i := range b {
		b[i] = byte(i)
	}
	mem.Prefault(b[7:])
	for i := range b {
		if b[i] != byte(i) {
			t.Fatalf("byte %d changed", i)
		}
	}
}
