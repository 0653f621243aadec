package sqlite_test

import (
	"context"
	"fmt"
	"os"

	"github.com/inferra/inferra"
	"github.com/inferra/inferra/store/sqlite"
)

// Example opens the embedded store in a data directory, stores a job and
// reads it back; a job of another user is not found.
func Example() {
	dir, err := os.MkdirTemp("", "inferra-sqlite")
	if err != nil {
		panic(err)
	}
	defer os.RemoveAll(dir)
	ctx := context.Background()
	st, err := sqlite.Open(ctx, sqlite.Config{Dir: dir})
	if err != nil {
		panic(err)
	}
	defer st.Close()
	if err := st.Migrate(ctx); err != nil {
		panic(err)
	}
	job := &inferra.Job{ID: "0b5a3c38-9f4e-4a57-8d2c-6a1e0f3b7c11", UserID: "alice", Status: inferra.JobQueued, Prompt: "Does diet matter?"}
	if err := st.CreateJob(ctx, job); err != nil {
		panic(err)
	}
	got, err := st.GetJob(ctx, "alice", job.ID)
	if err != nil {
		panic(err)
	}
	fmt.Println(got.Status, got.Prompt)
	_, err = st.GetJob(ctx, "bob", job.ID)
	fmt.Println(inferra.ErrorCode(err))
	// Output:
	// queued Does diet matter?
	// not_found
}
