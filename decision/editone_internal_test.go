package decision

import (
	"math/rand/v2"
	"testing"

	"github.com/inferra/inferra"
)

// TestEditOneIsDistanceOne holds editOne to the one edit distance of the
// module: editOne(a, b) is inferra.EditDistance(a, b) == 1, on words made
// of a few letters so that edits of every kind occur.
func TestEditOneIsDistanceOne(t *testing.T) {
	t.Parallel()
	r := rand.New(rand.NewPCG(1, 2))
	word := func() string {
		b := make([]byte, r.IntN(7))
		for i := range b {
			b[i] = "abc"[r.IntN(3)]
		}
		return string(b)
	}
	for range 200000 {
		a, b := word(), word()
		if got, want := editOne(a, b), inferra.EditDistance(a, b) == 1; got != want {
			t.Fatalf("editOne(%q, %q) = %v, EditDistance = %d", a, b, got, inferra.EditDistance(a, b))
		}
	}
}
