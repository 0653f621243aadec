// Command customrule adds a rule of its own to the default rules: a lab
// that says "dose-response" wants Spearman's rank correlation between the
// dose and the response. The rule is data (the format of
// decision/rules.json, checked against rules.schema.json when loaded); no
// Go code of the engine changes.
//
//	go run ./examples/customrule
package main
