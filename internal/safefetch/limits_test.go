package safefetch_test

import (
	"context"
	"net/http"
	"strconv"
	"testing"
	"time"

	"github.com/inferra/inferra"
)

// TestDeclaredSizeAndStalledBody: a response that declares a body past
// MaxBytes is refused before it is read, with the cap written in the
// largest whole unit; a body that stalls midway ends at the timeout.
func TestDeclaredSizeAndStalledBody(t *testing.T) {
	mux := http.NewServeMux()
	mux.HandleFunc("/declared", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Length", strconv.Itoa(3<<20))
		w.WriteHeader(http.StatusOK)
		// Nothing more: the client must refuse on the header alone.
	})
	mux.HandleFunc("/stall", func(w http.ResponseWriter, r *http.Request) {
		w.Write([]byte("a,b\n1,2\n"))
		w.(http.Flusher).Flush()
		<-r.Context().Done()
	})
	mux.HandleFunc("/odd", func(w http.ResponseWriter, r *http.Request) { w.Write(make([]byte, 1500)) })
	f, base := tlsServer(t, mux)

	f.MaxBytes = 2 << 20
	_, err := f.Fetch(context.Background(), base+"/declared")
	wantErr(t, "declared 3 MiB", err, inferra.ETooLarge, "larger than 2 MiB")

	f.MaxBytes = 1000
	_, err = f.Fetch(context.Background(), base+"/odd")
	wantErr(t, "1500 bytes", err, inferra.ETooLarge, "larger than 1000 bytes")

	f.MaxBytes, f.Timeout = 1024, 200*time.Millisecond
	_, err = f.Fetch(context.Background(), base+"/stall")
	wantErr(t, "stalled body", err, inferra.EUnavailable, "did not answer within 200ms")
}
