//go:build !linux

package inferra

import "os"

// prefault is a no-op outside Linux; see mem_linux.go.
func prefault([]byte) {}

// mapFile maps files only on Linux; elsewhere they are read.
func mapFile(*os.File, int64) ([]byte, func(), bool) { return nil, nil, false }
