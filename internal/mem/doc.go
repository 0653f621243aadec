// Package mem allocates the large numeric buffers of loading and analysis
// so that their pages are mapped in one system call, not one page fault per
// 4 KiB page as they are first written.
//
// On virtual machines a page fault costs several microseconds, so a fresh
// process that touches 100 MB pays a quarter of a second in faults alone;
// mapping in bulk (madvise MADV_POPULATE_WRITE, Linux 5.14) saves most of
// it. Elsewhere than Linux, and on older kernels, the functions are plain
// make calls.
//
//	keys := mem.Uint64s(n) // zeroed, like make([]uint64, n)
package mem
