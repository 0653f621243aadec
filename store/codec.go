package store

import (
	"bytes"
	"encoding/json"
	"fmt"

	"github.com/inferra/inferra"
)

// JobJSON holds the JSON columns of a job; a nil field is SQL NULL.
type JobJSON struct {
	Decision, Result, Provenance, Error []byte
}

// EncodeJob returns the JSON columns of j, after checking that its text
// and JSON can be stored (CheckText): an EInvalid error names the field
// that cannot.
func EncodeJob(j *inferra.Job) (JobJSON, error) {
	var c JobJSON
	var err error
	for _, f := range []struct{ name, text string }{
		{"user_id", j.UserID}, {"prompt", j.Prompt}, {"dataset.name", j.Dataset.Name},
		{"report", j.Report}, {"progress", j.Progress},
	} {
		if err := CheckText(f.name, f.text); err != nil {
			return c, err
		}
	}
	if j.Decision != nil {
		if c.Decision, err = json.Marshal(j.Decision); err != nil {
			return c, fmt.Errorf("store: encoding the decision: %w", err)
		}
	}
	if r := bytes.TrimSpace(j.Result); len(r) > 0 && !bytes.Equal(r, []byte("null")) {
		if !json.Valid(r) {
			return c, fmt.Errorf("store: the result of job %s is not valid JSON", j.ID)
		}
		c.Result = r
	}
	if j.Provenance != nil {
		if c.Provenance, err = json.Marshal(j.Provenance); err != nil {
			return c, fmt.Errorf("store: encoding the provenance: %w", err)
		}
	}
	if j.Error != nil {
		if c.Error, err = json.Marshal(j.Error); err != nil {
			return c, fmt.Errorf("store: encoding the error: %w", err)
		}
	}
	for _, f := range []struct {
		name string
		doc  []byte
	}{{"decision", c.Decision}, {"result", c.Result}, {"provenance", c.Provenance}, {"error", c.Error}} {
		if err := CheckJSON(f.name, f.doc); err != nil {
			return c, err
		}
	}
	return c, nil
}

// DecodeJob sets the JSON fields of j from its columns.
func DecodeJob(j *inferra.Job, c JobJSON) error {
	j.Decision, j.Provenance, j.Error, j.Result = nil, nil, nil, nil
	if c.Decision != nil {
		j.Decision = new(inferra.Decision)
		if err := json.Unmarshal(c.Decision, j.Decision); err != nil {
			return fmt.Errorf("store: decoding the decision of job %s: %w", j.ID, err)
		}
	}
	if c.Result != nil {
		j.Result = json.RawMessage(c.Result)
	}
	if c.Provenance != nil {
		j.Provenance = new(inferra.Provenance)
		if err := json.Unmarshal(c.Provenance, j.Provenance); err != nil {
			return fmt.Errorf("store: decoding the provenance of job %s: %w", j.ID, err)
		}
	}
	if c.Error != nil {
		j.Error = new(inferra.Error)
		if err := json.Unmarshal(c.Error, j.Error); err != nil {
			return fmt.Errorf("store: decoding the error of job %s: %w", j.ID, err)
		}
	}
	return nil
}

// Migration is one versioned step of a schema.
type Migration struct {
	Version int
	Name    string
	SQL     string
}

// Conflict returns ErrConflict wrapped with the job and the states the
// update expected.
func Conflict(id string, from []inferra.JobState) error {
	return fmt.Errorf("store: job %s is not %v: %w", id, from, inferra.ErrConflict)
}

// PrepareDataset fills a new dataset's id and time and returns its schema
// as JSON; it rejects a dataset without a user or a digest, and one whose
// name or schema cannot be stored (CheckText).
func PrepareDataset(d *inferra.StoredDataset) ([]byte, error) {
	if d.UserID == "" || d.SHA256 == "" {
		return nil, inferra.Errorf(inferra.EInvalid, "store: a dataset needs a user id and a SHA-256")
	}
	if d.ID == "" {
		d.ID = NewID()
	}
	if d.CreatedAt.IsZero() {
		d.CreatedAt = Now()
	}
	d.CreatedAt = Normalize(d.CreatedAt)
	if err := CheckText("dataset.name", d.Name); err != nil {
		return nil, err
	}
	if err := CheckText("user_id", d.UserID); err != nil {
		return nil, err
	}
	b, err := json.Marshal(d.Schema)
	if err != nil {
		return nil, fmt.Errorf("store: encoding the schema: %w", err)
	}
	if err := CheckJSON("the dataset's schema (its column names and labels)", b); err != nil {
		return nil, err
	}
	return b, nil
}

// PrepareDecisionLog fills a log entry's id and time and returns its
// decision as JSON; it rejects an entry whose text cannot be stored
// (CheckText).
func PrepareDecisionLog(l *inferra.DecisionLog) ([]byte, error) {
	if l.ID == "" {
		l.ID = NewID()
	}
	if l.CreatedAt.IsZero() {
		l.CreatedAt = Now()
	}
	l.CreatedAt = Normalize(l.CreatedAt)
	for _, f := range []struct{ name, text string }{
		{"user_id", l.UserID}, {"prompt", l.Prompt}, {"source", l.Source}, {"analysis", l.Analysis},
	} {
		if err := CheckText(f.name, f.text); err != nil {
			return nil, err
		}
	}
	b, err := json.Marshal(l.Decision)
	if err != nil {
		return nil, fmt.Errorf("store: encoding the decision: %w", err)
	}
	if err := CheckJSON("decision", b); err != nil {
		return nil, err
	}
	return b, nil
}

// PrepareLLMCallLog fills a log entry's id and time; it rejects an entry
// whose text cannot be stored (CheckText).
func PrepareLLMCallLog(l *inferra.LLMCallLog) error {
	if l.ID == "" {
		l.ID = NewID()
	}
	if l.CreatedAt.IsZero() {
		l.CreatedAt = Now()
	}
	l.CreatedAt = Normalize(l.CreatedAt)
	for _, f := range []struct{ name, text string }{
		{"user_id", l.UserID}, {"model", l.Model}, {"endpoint", l.Endpoint}, {"status", l.Status}, {"error", l.Error},
	} {
		if err := CheckText(f.name, f.text); err != nil {
			return err
		}
	}
	if err := CheckJSON("request", l.Request); err != nil {
		return err
	}
	return CheckJSON("response", l.Response)
}
