// Package mem allocates the large numeric buffers of loading and analysis
// so that their pages are mapped in one system call, not one page fault per
// 4 KiB page as they are first written. On virtual machines a page fault
// costs several microseconds, so a fresh process that touches 100 MB pays
// a quarter of a second in faults alone; mapping in bulk saves most of it.
// Elsewhere than Linux the functions are plain make calls.
package mem

import "unsafe"

// bulkMin is the size from which a buffer is mapped in bulk.
const bulkMin = 1 << 20

// Floats returns make([]float64, n).
func Floats(n int) []float64 {
	s := make([]float64, n)
	if n*8 >= bulkMin {
		Prefault(unsafe.Slice((*byte)(unsafe.Pointer(unsafe.SliceData(s))), n*8))
	}
	return s
}

// Int32s returns make([]int32, n).
func Int32s(n int) []int32 {
	s := make([]int32, n)
	if n*4 >= bulkMin {
		Prefault(unsafe.Slice((*byte)(unsafe.Pointer(unsafe.SliceData(s))), n*4))
	}
	return s
}

// Uint64s returns make([]uint64, n).
func Uint64s(n int) []uint64 {
	s := make([]uint64, n)
	if n*8 >= bulkMin {
		Prefault(unsafe.Slice((*byte)(unsafe.Pointer(unsafe.SliceData(s))), n*8))
	}
	return s
}
