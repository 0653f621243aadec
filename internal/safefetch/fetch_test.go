package safefetch_test

import (
	"bytes"
	"context"
	"crypto/x509"
	"errors"
	"io"
	"log"
	"net"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"net/url"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/inferra/inferra"
	"github.com/inferra/inferra/internal/safefetch"
)

// fakeDNS answers from a map, counting lookups; names it lacks do not
// exist. Tests never resolve through the network.
type fakeDNS struct {
	hosts   map[string][]string
	lookups atomic.Int32
}

func (d *fakeDNS) LookupNetIP(_ context.Context, _, host string) ([]netip.Addr, error) {
	d.lookups.Add(1)
	ips, ok := d.hosts[strings.TrimSuffix(strings.ToLower(host), ".")]
	if !ok {
		return nil, &net.DNSError{Err: "no such host", Name: host, IsNotFound: true}
	}
	var out []netip.Addr
	for _, s := range ips {
		out = append(out, netip.MustParseAddr(s))
	}
	return out, nil
}

func wantErr(t *testing.T, name string, err error, code, msg string) {
	t.Helper()
	var ie *inferra.Error
	if !errors.As(err, &ie) {
		t.Errorf("%s: error %v (%T), want *inferra.Error %s", name, err, err, code)
		return
	}
	if ie.Code != code || !strings.Contains(ie.Message, msg) {
		t.Errorf("%s: got %s %q, want %s containing %q", name, ie.Code, ie.Message, code, msg)
	}
}

func TestHostileURLsAreRefused(t *testing.T) {
	dns := &fakeDNS{hosts: map[string][]string{
		"allowed.example":   {"127.0.0.1"}, // rebinding to loopback
		"private.example":   {"10.1.2.3"},
		"cgnat.example":     {"100.64.0.1"},
		"metadata.example":  {"169.254.169.254"},
		"aws6.example":      {"fd00:ec2::254"},
		"mapped.example":    {"::ffff:192.168.1.1"},
		"nat64.example":     {"64:ff9b::a00:1"}, // 10.0.0.1
		"zero.example":      {"0.0.0.0"},
		"mcast.example":     {"224.0.0.1"},
		"linklocal.example": {"fe80::1"},
		"mixed.example":     {"10.0.0.1", "127.0.0.1"},
	}}
	allow := []string{"allowed.example", "127.1", "0x7f000001", "2130706433", "[::ffff:127.0.0.1]",
		"169.254.169.254", "[fd00:ec2::254]", "127.0.0.1", "private.example", "cgnat.example",
		"metadata.example", "aws6.example", "mapped.example", "nat64.example", "zero.example",
		"mcast.example", "linklocal.example", "mixed.example", "0177.0.0.1", "[::1]"}
	f := &safefetch.Fetcher{Allow: allow, LookupNetIP: dns.LookupNetIP, Timeout: 2 * time.Second}
	tests := []struct{ url, msg string }{
		{"https://127.1/", "neither a host name nor a plain IP address"},
		{"https://0x7f000001/", "neither a host name"},
		{"https://2130706433/", "neither a host name"},
		{"https://0177.0.0.1/", "neither a host name"},
		{"https://[::ffff:127.0.0.1]/", "loopback"},
		{"https://[::1]/", "loopback"},
		{"https://127.0.0.1/", "loopback"},
		{"https://169.254.169.254/latest/meta-data", "metadata"},
		{"https://[fd00:ec2::254]/latest/meta-data", "metadata"},
		{"http://allowed.example/data.csv", "only https://"},
		{"HTTP://allowed.example/data.csv", "only https://"},
		{"file:///etc/passwd", "only https://"},
		{"gopher://allowed.example:70/_GET", "only https://"},
		{"ftp://allowed.example/x", "only https://"},
		{"//allowed.example/x", "only https://"},
		{"https:allowed.example", "names no host"},
		{"https://allowed.example@127.0.0.1/", "user name or password"},
		{"https://user:pass@allowed.example/", "user name or password"},
		{"https://127.0.0.1#@allowed.example/", "loopback"},
		{"https://evil.example/?allowed.example", "not on the list"},
		{"https://allowed.example.evil.example/", "not on the list"},
		{"https://evilallowed.example/", "not on the list"},
		{"https://allowed.example:8443/", "not on the list"},
		{"https://169.254.169.254.nip.io/", "not on the list"},
		{"https://allowed.example/data.csv", "resolves to a loopback address"},
		{"https://ALLOWED.EXAMPLE./data.csv", "resolves to a loopback address"},
		{"https://private.example/", "resolves to a private address"},
		{"https://cgnat.example/", "carrier-grade NAT"},
		{"https://metadata.example/", "metadata"},
		{"https://aws6.example/", "metadata"},
		{"https://mapped.example/", "private"},
		{"https://nat64.example/", "private"},
		{"https://zero.example/", "unspecified"},
		{"https://mcast.example/", "multicast"},
		{"https://linklocal.example/", "link-local"},
		{"https://mixed.example/", "private"},
		{"https://" + strings.Repeat("a", 5000) + ".example/", "longer than"},
		{"https://%zz/", "not a valid URL"},
		{" ", "only https://"},
	}
	for _, tt := range tests {
		_, err := f.Fetch(context.Background(), tt.url)
		wantErr(t, tt.url, err, inferra.EInvalid, tt.msg)
	}
	if err := safefetch.Control(f, "tcp4", "127.0.0.1:443"); err == nil {
		t.Error("Control(127.0.0.1:443) = nil, want a refusal of the address actually dialled")
	}
	if err := safefetch.Control(f, "tcp6", "[::ffff:169.254.169.254]:80"); err == nil {
		t.Error("Control([::ffff:169.254.169.254]:80) = nil, want a refusal")
	}

	schemeEntry := &safefetch.Fetcher{Allow: []string{"https://private.example/"}, LookupNetIP: dns.LookupNetIP}
	_, err := schemeEntry.Fetch(context.Background(), "https://private.example/data.csv")
	wantErr(t, "allow entry written as a URL", err, inferra.EInvalid, "resolves to a private address")

	var zero safefetch.Fetcher
	_, err = zero.Fetch(context.Background(), "https://example.com/data.csv")
	wantErr(t, "zero Fetcher", err, inferra.EInvalid, "not on the list")
}

func TestRefusal(t *testing.T) {
	tests := []struct {
		addr string
		ok   bool
	}{
		{"127.0.0.1", false}, {"127.255.255.254", false}, {"::1", false},
		{"10.0.0.1", false}, {"172.16.0.1", false}, {"192.168.0.1", false}, {"fc00::1", false},
		{"169.254.169.254", false}, {"169.254.0.1", false}, {"fe80::1", false}, {"fd00:ec2::254", false},
		{"0.0.0.0", false}, {"::", false}, {"224.0.0.1", false}, {"ff02::1", false},
		{"100.64.0.1", false}, {"100.127.255.255", false}, {"100.100.100.200", false},
		{"::ffff:127.0.0.1", false}, {"::ffff:10.0.0.1", false}, {"::ffff:169.254.169.254", false},
		{"::127.0.0.1", false}, {"64:ff9b::7f00:1", false}, {"255.255.255.255", false},
		{"192.0.2.1", false}, {"2001:db8::1", false}, {"168.63.129.16", false},
		{"8.8.8.8", true}, {"1.1.1.1", true}, {"100.63.255.255", true}, {"100.128.0.0", true},
		{"2606:4700::1111", true}, {"::ffff:8.8.8.8", true}, {"64:ff9b::808:808", true},
	}
	for _, tt := range tests {
		why := safefetch.Refusal(netip.MustParseAddr(tt.addr))
		if (why == "") != tt.ok {
			t.Errorf("refusal(%s) = %q, want ok=%v", tt.addr, why, tt.ok)
		}
	}
}

// tlsServer starts an httptest TLS server on loopback and a Fetcher that
// reaches it as https://example.com:PORT (a name its certificate holds).
func tlsServer(t *testing.T, h http.Handler) (*safefetch.Fetcher, string) {
	t.Helper()
	srv := httptest.NewTLSServer(h)
	t.Cleanup(srv.Close)
	u, _ := url.Parse(srv.URL)
	port := u.Port()
	roots := x509.NewCertPool()
	roots.AddCert(srv.Certificate())
	dns := &fakeDNS{hosts: map[string][]string{"example.com": {"127.0.0.1"}}}
	f := &safefetch.Fetcher{Allow: []string{"example.com:" + port}, LookupNetIP: dns.LookupNetIP,
		Timeout: 5 * time.Second}
	safefetch.AllowLoopbackForTest(f, roots)
	return f, "https://example.com:" + port
}

func TestFetchFromTLSServer(t *testing.T) {
	data := []byte("group,value\na,1\nb,2\n")
	mux := http.NewServeMux()
	mux.HandleFunc("/data.csv", func(w http.ResponseWriter, r *http.Request) { w.Write(data) })
	mux.HandleFunc("/big", func(w http.ResponseWriter, r *http.Request) { w.Write(make([]byte, 4096)) })
	mux.HandleFunc("/big-chunked", func(w http.ResponseWriter, r *http.Request) {
		for range 8 {
			w.Write(make([]byte, 512))
			w.(http.Flusher).Flush()
		}
	})
	mux.HandleFunc("/exact", func(w http.ResponseWriter, r *http.Request) { w.Write(make([]byte, 1024)) })
	mux.HandleFunc("/moved", func(w http.ResponseWriter, r *http.Request) { http.Redirect(w, r, "/data.csv", http.StatusFound) })
	mux.HandleFunc("/to-metadata", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "https://169.254.169.254/latest/meta-data/iam/security-credentials/", http.StatusFound)
	})
	mux.HandleFunc("/to-loopback-name", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "https://localhost"+r.Host[strings.LastIndexByte(r.Host, ':'):]+"/data.csv", http.StatusFound)
	})
	mux.HandleFunc("/to-http", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "http://"+r.Host+"/data.csv", http.StatusMovedPermanently)
	})
	mux.HandleFunc("/loop", func(w http.ResponseWriter, r *http.Request) { http.Redirect(w, r, "/loop", http.StatusFound) })
	mux.HandleFunc("/missing", http.NotFound)
	mux.HandleFunc("/broken", func(w http.ResponseWriter, r *http.Request) { http.Error(w, "oops", http.StatusBadGateway) })
	mux.HandleFunc("/slow", func(w http.ResponseWriter, r *http.Request) { <-r.Context().Done() })
	f, base := tlsServer(t, mux)
	f.MaxBytes = 1024

	got, err := f.Fetch(context.Background(), base+"/data.csv")
	if err != nil || !bytes.Equal(got, data) {
		t.Fatalf("Fetch(data.csv) = %q, %v; want %q", got, err, data)
	}
	if got, err := f.Fetch(context.Background(), base+"/moved"); err != nil || !bytes.Equal(got, data) {
		t.Errorf("Fetch(moved) = %q, %v; want the redirect followed on the same host", got, err)
	}
	if got, err := f.Fetch(context.Background(), base+"/exact"); err != nil || len(got) != 1024 {
		t.Errorf("Fetch(exact) = %d bytes, %v; want 1024 (the cap itself is allowed)", len(got), err)
	}

	tests := []struct{ path, code, msg string }{
		{"/big", inferra.ETooLarge, "larger than 1 KiB"},
		{"/big-chunked", inferra.ETooLarge, "larger than 1 KiB"},
		{"/to-metadata", inferra.EInvalid, "redirected to a URL that is refused"},
		{"/to-loopback-name", inferra.EInvalid, "refused"},
		{"/to-http", inferra.EInvalid, "only https://"},
		{"/loop", inferra.EInvalid, "redirected more than 3 times"},
		{"/missing", inferra.EInvalid, "404 Not Found"},
		{"/broken", inferra.EUnavailable, "502 Bad Gateway"},
	}
	for _, tt := range tests {
		_, err := f.Fetch(context.Background(), base+tt.path)
		wantErr(t, tt.path, err, tt.code, tt.msg)
	}

	slow := *f
	slow.Timeout = 100 * time.Millisecond
	_, err = slow.Fetch(context.Background(), base+"/slow")
	wantErr(t, "slow server", err, inferra.EUnavailable, "did not answer within 100ms")

	ctx, cancel := context.WithCancel(context.Background())
	go func() { time.Sleep(50 * time.Millisecond); cancel() }()
	_, err = f.Fetch(ctx, base+"/slow")
	wantErr(t, "canceled", err, inferra.ECanceled, "canceled")
}

func TestFetchTLSAndDNSFailures(t *testing.T) {
	srv := httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {}))
	srv.Config.ErrorLog = log.New(io.Discard, "", 0) // the refused handshakes are expected
	srv.StartTLS()
	defer srv.Close()
	u, _ := url.Parse(srv.URL)
	dns := &fakeDNS{hosts: map[string][]string{"example.com": {"127.0.0.1"}, "other.test": {"127.0.0.1"}}}
	f := &safefetch.Fetcher{Allow: []string{"example.com:" + u.Port(), "other.test:" + u.Port(), "nowhere.test:" + u.Port()},
		LookupNetIP: dns.LookupNetIP, Timeout: 5 * time.Second}
	safefetch.AllowLoopbackForTest(f, nil) // system roots: the test certificate is not trusted

	_, err := f.Fetch(context.Background(), "https://example.com:"+u.Port()+"/")
	wantErr(t, "untrusted certificate", err, inferra.EUnavailable, "valid certificate")

	roots := x509.NewCertPool()
	roots.AddCert(srv.Certificate())
	safefetch.AllowLoopbackForTest(f, roots)
	_, err = f.Fetch(context.Background(), "https://other.test:"+u.Port()+"/")
	wantErr(t, "certificate for another name", err, inferra.EUnavailable, "valid certificate")
	_, err = f.Fetch(context.Background(), "https://nowhere.test:"+u.Port()+"/")
	wantErr(t, "unknown host", err, inferra.EInvalid, "does not exist")
}

func TestProductionFetcherRefusesLoopback(t *testing.T) {
	// The same server and names as the happy path, without the test hook:
	// the loopback address is refused before any connection is made.
	var hits atomic.Int32
	srv := httptest.NewTLSServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { hits.Add(1) }))
	defer srv.Close()
	u, _ := url.Parse(srv.URL)
	dns := &fakeDNS{hosts: map[string][]string{"example.com": {"127.0.0.1"}}}
	f := &safefetch.Fetcher{Allow: []string{"example.com:" + u.Port(), srv.Listener.Addr().String()}, LookupNetIP: dns.LookupNetIP}
	for _, raw := range []string{"https://example.com:" + u.Port() + "/", srv.URL + "/"} {
		_, err := f.Fetch(context.Background(), raw)
		wantErr(t, raw, err, inferra.EInvalid, "loopback")
	}
	if n := hits.Load(); n != 0 {
		t.Errorf("server saw %d requests, want 0", n)
	}
}
