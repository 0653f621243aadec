package mem_test

import (
	"fmt"

	"github.com/inferra/inferra/internal/mem"
)

func ExampleFloats() {
	x := mem.Floats(1 << 20) // 8 MiB, mapped in one call on Linux
	x[len(x)-1] = 1.5
	fmt.Println(len(x), x[0], x[len(x)-1])
	// Output:
	// 1048576 0 1.5
}
