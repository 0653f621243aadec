package stats

// Test is a test statistic with its two-sided p-value, and the method used
// where a test has several (such as "exact" or "asymptotic").
type Test struct {
	Statistic float64 `json:"statistic"`
	PValue    float64 `json:"p_value"`
	Method    string  `json:"method,omitempty"`
}

// GroupSummary describes one group of a grouping analysis.
type GroupSummary struct {
	Level string  `json:"level"`
	N     int     `json:"n"`
	Mean  float64 `json:"mean"`
	SD    float64 `json:"sd"`
}

// GroupMedian describes one group of a rank-based analysis.
type GroupMedian struct {
	Level  string  `json:"level"`
	N      int     `json:"n"`
	Median float64 `json:"median"`
}
