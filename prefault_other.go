//go:build !linux

package inferra

// prefault is a no-op outside Linux; see prefault_linux.go.
func prefault([]byte) {}
