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
