//go:build !linux

package mem

// Prefault does nothing outside Linux.
func Prefault([]byte) {}
