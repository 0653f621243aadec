package jobs

import (
	"encoding/json"
	"fmt"

	"github.com/inferra/inferra"
	"github.com/inferra/inferra/explain"
)

// Summary returns the plain-words summary of a job (package explain),
// or nil for a job that has no result to put in words: one that did not
// succeed, or a decision without a run. schema, when given, names the
// reference level of a factor in a regression; give the schema of the
// job's dataset wherever the job is shown, so that every view of a job
// says the same.
func Summary(j *inferra.Job, schema *inferra.Schema) (*explain.Summary, error) {
	if !HasResult(j) {
		return nil, nil
	}
	return explain.FromJob(j, schema)
}

// HasResult reports whether j succeeded with a result (a decision-only
// job succeeds without one).
func HasResult(j *inferra.Job) bool {
	return j != nil && j.Status == inferra.JobSucceeded && j.Decision != nil &&
		len(j.Result) > 0 && string(j.Result) != "null"
}

// AddSummary sets j.Summary to the job's summary (see Summary); a job
// without a result is left without one.
func AddSummary(j *inferra.Job, schema *inferra.Schema) error {
	s, err := Summary(j, schema)
	if err != nil || s == nil {
		return err
	}
	raw, err := json.Marshal(s)
	if err != nil {
		return fmt.Errorf("jobs: encoding the summary of job %s: %w", j.ID, err)
	}
	j.Summary = raw
	return nil
}
