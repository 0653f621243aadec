package inferra_test

import (
	"slices"
	"testing"

	"github.com/inferra/inferra"
)

func TestJobStateLifecycle(t *testing.T) {
	all := []inferra.JobState{inferra.JobQueued, inferra.JobRunning, inferra.JobSucceeded, inferra.JobFailed, inferra.JobCanceled, inferra.JobNoDecision}
	allowed := map[[2]inferra.JobState]bool{
		{inferra.JobQueued, inferra.JobRunning}: true, {inferra.JobQueued, inferra.JobCanceled}: true, {inferra.JobQueued, inferra.JobFailed}: true,
		{inferra.JobRunning, inferra.JobRunning}: true, {inferra.JobRunning, inferra.JobSucceeded}: true, {inferra.JobRunning, inferra.JobFailed}: true,
		{inferra.JobRunning, inferra.JobCanceled}: true, {inferra.JobRunning, inferra.JobNoDecision}: true,
	}
	for _, from := range all {
		if !from.Valid() {
			t.Errorf("%s is not valid", from)
		}
		for _, to := range all {
			if got := from.CanBecome(to); got != allowed[[2]inferra.JobState{from, to}] {
				t.Errorf("%s.CanBecome(%s) = %v", from, to, got)
			}
		}
	}
	if inferra.JobState("done").Valid() || inferra.JobQueued.Terminal() || inferra.JobRunning.Terminal() || !inferra.JobNoDecision.Terminal() {
		t.Error("Valid or Terminal is wrong")
	}
	if got := inferra.JobCanceled.From(); !slices.Equal(got, []inferra.JobState{inferra.JobQueued, inferra.JobRunning}) {
		t.Errorf("JobCanceled.From() = %v", got)
	}
	if got := inferra.JobSucceeded.From(); !slices.Equal(got, []inferra.JobState{inferra.JobRunning}) {
		t.Errorf("JobSucceeded.From() = %v", got)
	}
}
