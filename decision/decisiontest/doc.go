// Package decisiontest scores the decision engine on labelled questions:
// the corpus in testdata/decisions, and each blind batch before anyone
// tunes on it.
//
// An Item is a prompt on a dataset with the answer a statistician expects
// (an analysis and its parameters, or a decline) and the answers also
// accepted. Run decides every item with an engine, Judge says whether a
// decision is right, declined, wrong or (for a must-decline item) decided,
// and Score tallies the results, with the calibration of confident
// decisions.
//
// The scoring follows testdata/decisions/README.md: {x, y} is unordered
// for correlations and paired tests, formulas are compared term by term
// (a * b is a + b + a:b), and a covariate list is a set.
//
// See ExampleJudge.
package decisiontest
