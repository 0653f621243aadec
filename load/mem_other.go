//go:build !linux

package load

import "os"

// mapFile maps files only on Linux; elsewhere they are read.
func mapFile(*os.File, int64) ([]byte, func(), bool) { return nil, nil, false }
