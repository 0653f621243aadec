package decisiontest_test

import (
	"fmt"

	"github.com/inferra/inferra"
	"github.com/inferra/inferra/decision/decisiontest"
)

func ExampleJudge() {
	schema := inferra.Schema{Columns: []inferra.ColumnSchema{
		{Name: "price", Kind: inferra.Numeric}, {Name: "area", Kind: inferra.Numeric}, {Name: "age", Kind: inferra.Numeric},
	}}
	item := decisiontest.Item{Prompt: "does the effect of area on price depend on age?",
		Expect: decisiontest.Answer{Analysis: "ols", Params: map[string]string{"formula": "price ~ area * age"}}}
	for _, f := range []string{"price ~ age + area + area:age", "price ~ area + age"} {
		d := &inferra.Decision{Analysis: "ols", Params: map[string]string{"formula": f}}
		fmt.Println(f, "→", decisiontest.Judge(item, d, schema) == decisiontest.Right)
	}
	fmt.Println("declined →", decisiontest.Judge(item, &inferra.Decision{}, schema) == decisiontest.Declined)
	// Output:
	// price ~ age + area + area:age → true
	// price ~ area + age → false
	// declined → true
}
