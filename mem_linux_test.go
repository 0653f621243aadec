package inferra

import (
	"os"
	"path/filepath"
	"testing"
)

// TestMappedFileShrinks checks that reading a mapped file that shrank is
// an error, not a crash.
func TestMappedFileShrinks(t *testing.T) {
	path := filepath.Join(t.TempDir(), "f.csv")
	if err := os.WriteFile(path, make([]byte, 1<<20), 0o600); err != nil {
		t.Fatal(err)
	}
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	data, unmap, ok := mapFile(f, 1<<20)
	if !ok {
		t.Skip("cannot map files here")
	}
	defer unmap()
	if err := os.Truncate(path, 0); err != nil {
		t.Fatal(err)
	}
	var sum int
	err = guardFaults(func() {
		for i := 0; i < len(data); i += 4096 {
			sum += int(data[i])
		}
	})
	if ErrorCode(err) != EInvalid {
		t.Errorf("guardFaults(read past the end) = %v, want an EInvalid error", err)
	}
	if got := hashAsync(data)(); got != "" {
		t.Errorf("hashAsync of a shrunken file = %q, want \"\"", got)
	}
}
