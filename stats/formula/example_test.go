package formula_test

import (
	"fmt"

	"github.com/inferra/inferra/stats/formula"
)

func ExampleParse() {
	f, err := formula.Parse("np.log(price) ~ C(dept, Treatment('b'))*area + I(age**2) - 1")
	if err != nil {
		panic(err)
	}
	fmt.Println("response:", f.Response.Name)
	fmt.Println("intercept:", f.Intercept)
	for _, t := range f.Terms {
		fmt.Println("term:", t.Name())
	}
	fmt.Println("columns:", f.Columns())

	_, err = formula.Parse("y ~ x +")
	fmt.Println(err)
	// Output:
	// response: np.log(price)
	// intercept: false
	// term: C(dept, Treatment('b'))
	// term: area
	// term: C(dept, Treatment('b')):area
	// term: I(age ** 2)
	// columns: [price dept area age]
	// formula "y ~ x +": expected a term at position 7
}
