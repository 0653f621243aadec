package inferra

import (
	"os"
	"syscall"
	"unsafe"
)

// madvPopulateWrite is MADV_POPULATE_WRITE (Linux 5.14), missing from the
// syscall package.
const madvPopulateWrite = 23

// prefault asks the kernel to map the pages of a large, freshly allocated
// buffer in one call instead of one page fault per 4 KiB page as it is first
// written. Loading writes column arrays once, so on virtual machines, where
// a page fault is expensive, this saves a good part of the load time. It is
// only a hint: older kernels refuse it and nothing changes.
func prefault(b []byte) {
	const page = 4096
	if len(b) < 1<<20 {
		return
	}
	// Advise only the pages wholly inside b; MADV_POPULATE_WRITE never
	// changes their contents.
	p := uintptr(unsafe.Pointer(unsafe.SliceData(b)))
	off := int((page - p%page) % page)
	n := (len(b) - off) &^ (page - 1)
	if n <= 0 {
		return
	}
	_ = syscall.Madvise(b[off:off+n], madvPopulateWrite)
}

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
