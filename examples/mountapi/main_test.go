package main

import "testing"

// TestRuns runs the example whole, as CI's examples step does: it must
// finish, without network, and not exit with an error.
func TestRuns(t *testing.T) { main() }
