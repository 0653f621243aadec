package load

import (
	"bytes"
	"io"
	"os"
	"path/filepath"
	"testing"

	"github.com/inferra/inferra"
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
	if inferra.ErrorCode(err) != inferra.EInvalid {
		t.Errorf("guardFaults(read past the end) = %v, want an EInvalid error", err)
	}
	if got := hashAsync(data)(); got != "" {
		t.Errorf("hashAsync of a shrunken file = %q, want \"\"", got)
	}
}

// TestReadHashed checks the path taken where files cannot be mapped.
func TestReadHashed(t *testing.T) {
	path := filepath.Join(t.TempDir(), "f.csv")
	want := make([]byte, 5<<20+3)
	for i := range want {
		want[i] = byte(i * 7)
	}
	if err := os.WriteFile(path, want, 0o600); err != nil {
		t.Fatal(err)
	}
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	data, digest, err := readHashed(f, int64(len(want)))
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(data, want) {
		t.Error("readHashed returned other bytes than the file's")
	}
	if got, want := digest(), hashAsync(want)(); got != want {
		t.Errorf("readHashed digest = %s, want %s", got, want)
	}
	if _, _, err := readHashed(f, int64(len(want)-1)); err != io.ErrUnexpectedEOF {
		t.Errorf("readHashed(size - 1) error = %v, want io.ErrUnexpectedEOF (the file grew)", err)
	}
	if _, _, err := readHashed(f, int64(len(want)+1)); err != io.EOF {
		t.Errorf("readHashed(size + 1) error = %v, want io.EOF (the file shrank)", err)
	}
}
