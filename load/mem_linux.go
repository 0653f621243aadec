package load

import (
	"os"
	"syscall"
)

// mapFile maps size bytes of f read-only, with the pages the page cache
// holds already mapped, which saves copying the file into the heap. The
// mapping must be released by unmap once nothing reads it. If the file
// shrinks meanwhile, reading past its new end faults: readers run under
// guardFaults. ok is false when the file cannot be mapped; read it instead.
func mapFile(f *os.File, size int64) (data []byte, unmap func(), ok bool) {
	if size <= 0 || int64(int(size)) != size {
		return nil, nil, false
	}
	data, err := syscall.Mmap(int(f.Fd()), 0, int(size), syscall.PROT_READ, syscall.MAP_SHARED|syscall.MAP_POPULATE)
	if err != nil {
		return nil, nil, false
	}
	return data, func() { _ = syscall.Munmap(data) }, true
}
