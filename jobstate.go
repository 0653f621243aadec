package inferra

// The job lifecycle:
//
//	queued ──▶ running ──▶ succeeded | failed | canceled | no_decision
//	   │          ▲  │
//	   │          └──┘ (a new attempt takes over a lost or retried one)
//	   └──▶ canceled | failed
//
// A job is created queued (or running, when the caller executes it at
// once). Only a running job finishes with a result; a queued job can be
// canceled, or failed when it cannot be run at all. Terminal states never
// change again, which is what makes "a job never has two results" hold:
// every store update names the states it moves from.

// Valid reports whether s is one of the six job states.
func (s JobState) Valid() bool {
	switch s {
	case JobQueued, JobRunning, JobSucceeded, JobFailed, JobCanceled, JobNoDecision:
		return true
	}
	return false
}

// Terminal reports whether s is a final state: succeeded, failed,
// canceled or no_decision.
func (s JobState) Terminal() bool {
	switch s {
	case JobSucceeded, JobFailed, JobCanceled, JobNoDecision:
		return true
	}
	return false
}

// CanBecome reports whether the lifecycle allows a job in state s to move
// to state to.
func (s JobState) CanBecome(to JobState) bool {
	switch s {
	case JobQueued:
		return to == JobRunning || to == JobCanceled || to == JobFailed
	case JobRunning:
		return to == JobRunning || to.Terminal()
	}
	return false
}

// From returns the states from which the lifecycle allows a move to s,
// in a fixed order; a store uses it as the guard of an update.
func (s JobState) From() []JobState {
	var from []JobState
	for _, f := range []JobState{JobQueued, JobRunning} {
		if f.CanBecome(s) {
			from = append(from, f)
		}
	}
	return from
}
