package main

import (
	"context"
	"log/slog"
	"strings"
	"testing"
)

// TestDatasetURLAllowForms checks that DATASET_URL_ALLOW takes the forms
// its documentation gives (host:port and *.domain were refused) and that
// a refused entry is reported with the forms accepted.
func TestDatasetURLAllowForms(t *testing.T) {
	t.Parallel()
	c, err := loadServeConfig(envOf(map[string]string{"DATASET_URL_ALLOW": "data.example.org, files.example.org:8443,*.Example.org"}), "", "", "")
	if err != nil || len(c.DatasetURLAllow) != 3 {
		t.Fatalf("the documented forms: %v, %q; want all three accepted", err, c.DatasetURLAllow)
	}
	_, err = loadServeConfig(envOf(map[string]string{"DATASET_URL_ALLOW": "data.example.org, *.org"}), "", "", "")
	if err == nil || !strings.Contains(err.Error(), "host, host:port or *.domain") || !strings.Contains(err.Error(), `"*.org"`) {
		t.Errorf("a wildcard over a top-level domain: %v, want a refusal naming the entry and the accepted forms", err)
	}
}

// TestMaxQueuedPerUserZeroIsNoCap checks the mapping of the variable to the
// job service: unset is the default cap, 0 turns it off.
func TestMaxQueuedPerUserZeroIsNoCap(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		env  string
		want int
	}{{"", 100}, {"0", -1}, {"7", 7}} {
		cfg, err := loadServeConfig(envOf(map[string]string{"MAX_QUEUED_PER_USER": tc.env, "DATA_DIR": t.TempDir()}), "", "", "")
		if err != nil {
			t.Fatal(err)
		}
		log := slog.New(slog.DiscardHandler)
		st, err := openJobStore(context.Background(), cfg, log)
		if err != nil {
			t.Fatal(err)
		}
		svc, stop, err := newJobService(context.Background(), cfg, st, nil, log)
		if err != nil {
			t.Fatal(err)
		}
		if got := svc.Config().MaxQueuedPerUser; got != tc.want {
			t.Errorf("MAX_QUEUED_PER_USER=%q: the service's cap is %d, want %d", tc.env, got, tc.want)
		}
		_ = stop()
		_ = st.Close()
	}
}
