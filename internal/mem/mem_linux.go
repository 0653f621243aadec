package mem

import (
	"syscall"
	"unsafe"
)

// madvPopulateWrite is MADV_POPULATE_WRITE (Linux 5.14), missing from the
// syscall package.
const madvPopulateWrite = 23

// Prefault asks the kernel to map the pages wholly inside b, a freshly
// allocated buffer about to be written, in one call. It never changes the
// contents of b. It is only a hint: older kernels refuse it and nothing
// changes.
func Prefault(b []byte) {
	const page = 4096
	if len(b) < bulkMin {
		return
	}
	p := uintptr(unsafe.Pointer(unsafe.SliceData(b)))
	off := int((page - p%page) % page)
	n := (len(b) - off) &^ (page - 1)
	if n <= 0 {
		return
	}
	_ = syscall.Madvise(b[off:off+n], madvPopulateWrite)
}
