package jobs_test

import (
	"testing"

	"github.com/inferra/inferra"
	"github.com/inferra/inferra/jobs"
)

// TestDatasetDescriptions checks the column descriptions of a dataset in
// the job service: stored with an upload and in its schema, read again
// by a job run from the stored bytes, refused when they would be lost
// (other descriptions for the same bytes, a dictionary beside a stored
// id) or cannot be stored (a NUL character), and checked against the
// columns.
func TestDatasetDescriptions(t *testing.T) {
	svc := newService(t, newBackend(t, "sqlite"), jobs.Config{})
	dict := &inferra.Dictionary{Columns: map[string]inferra.ColumnLabel{
		"diet": {Description: "the diet followed", Levels: map[string]string{"new": "the new diet"}},
	}}
	info, err := svc.PutDescribedDataset(ctx, "alice", "d.csv", dietCSV(20), dict)
	if err != nil {
		t.Fatal(err)
	}
	if got := info.Schema.Dictionary(); got == nil || got.Columns["diet"].Description != "the diet followed" {
		t.Fatalf("stored schema's dictionary = %+v", got)
	}
	// The same bytes again, with the same descriptions or none: the stored
	// dataset.
	for _, d := range []*inferra.Dictionary{dict, nil} {
		again, err := svc.PutDescribedDataset(ctx, "alice", "d.csv", dietCSV(20), d)
		if err != nil || again.ID != info.ID {
			t.Errorf("upload again with %v: %v, %v", d, again, err)
		}
	}
	other := &inferra.Dictionary{Columns: map[string]inferra.ColumnLabel{"diet": {Description: "something else"}}}
	if _, err := svc.PutDescribedDataset(ctx, "alice", "d.csv", dietCSV(20), other); inferra.ErrorCode(err) != inferra.EInvalid {
		t.Errorf("the same bytes with other descriptions: %v, want EInvalid", err)
	}
	bad := &inferra.Dictionary{Columns: map[string]inferra.ColumnLabel{"diet": {Description: "a\x00b"}}}
	if _, err := svc.PutDescribedDataset(ctx, "alice", "e.csv", dietCSV(21), bad); inferra.ErrorCode(err) != inferra.EInvalid {
		t.Errorf("a description with NUL: %v, want EInvalid", err)
	}
	badLevel := &inferra.Dictionary{Columns: map[string]inferra.ColumnLabel{"diet": {Levels: map[string]string{"new": "x\x00"}}}}
	if _, err := svc.PutDescribedDataset(ctx, "alice", "e.csv", dietCSV(21), badLevel); inferra.ErrorCode(err) != inferra.EInvalid {
		t.Errorf("a level label with NUL: %v, want EInvalid", err)
	}
	unknown := &inferra.Dictionary{Columns: map[string]inferra.ColumnLabel{"dietx": {Description: "x"}}}
	if _, err := svc.PutDescribedDataset(ctx, "alice", "e.csv", dietCSV(21), unknown); inferra.ErrorCode(err) == "" {
		t.Errorf("a dictionary naming no column: accepted")
	}

	// A job on the stored dataset: the worker reads the descriptions back.
	j, err := svc.Submit(ctx, jobs.SubmitRequest{UserID: "alice", Prompt: "Does the new diet change weight loss?",
		Dataset: jobs.DatasetInput{ID: info.ID}})
	if err != nil || j.Status != inferra.JobSucceeded || j.Decision == nil || j.Decision.Params["group"] != "diet" {
		t.Fatalf("job on the described dataset: %+v, %v", j, err)
	}
	// Inline bytes with a dictionary are described; beside an id, refused.
	j, err = svc.Submit(ctx, jobs.SubmitRequest{UserID: "bob", Analysis: "ttest_ind", Params: map[string]string{"group": "diet", "value": "weight_loss"},
		Dataset: jobs.DatasetInput{CSV: dietCSV(22), Dictionary: dict}})
	if err != nil || j.Status != inferra.JobSucceeded {
		t.Fatalf("inline CSV with a dictionary: %+v, %v", j, err)
	}
	if _, err := svc.Submit(ctx, jobs.SubmitRequest{UserID: "alice", Prompt: "x", Dataset: jobs.DatasetInput{ID: info.ID, Dictionary: dict}}); inferra.ErrorCode(err) != inferra.EInvalid {
		t.Errorf("an id with a dictionary: %v, want EInvalid", err)
	}
	if _, err := svc.Submit(ctx, jobs.SubmitRequest{UserID: "bob", Analysis: "ttest_ind", Params: map[string]string{"group": "diet", "value": "weight_loss"},
		Dataset: jobs.DatasetInput{CSV: dietCSV(22), Dictionary: other}}); inferra.ErrorCode(err) != inferra.EInvalid {
		t.Errorf("inline bytes again with other descriptions: %v, want EInvalid", err)
	}
}
