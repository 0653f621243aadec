// Package safefetch downloads the datasets that users name by URL
// ({"dataset": {"url": "…"}}) without letting them point the server at its
// own network.
//
// # The threat
//
// A URL chosen by a stranger and fetched by the server is server-side
// request forgery waiting to happen: http://169.254.169.254/ hands out
// cloud credentials, http://127.0.0.1:5432/ reaches the database, and a
// host name can resolve to a public address when it is checked and to a
// private one when it is dialled (DNS rebinding). Spelling tricks hide
// addresses in plain sight: 127.1, 0x7f000001, [::ffff:127.0.0.1],
// https://allowed.example@127.0.0.1/.
//
// # The defences
//
// A [Fetcher] takes only https URLs without user names or passwords, whose
// host and port are on its allow-list (DATASET_URL_ALLOW: host, host:port,
// *.domain for its subdomains but not the domain itself, *.domain:port;
// [CheckAllow] validates an entry); host names that some resolvers would
// read as numbers are refused outright. It resolves
// names itself, refuses the whole fetch if any address is loopback,
// private, link-local, unspecified, multicast, shared (100.64/10),
// reserved or a cloud metadata address (IPv4-mapped and NAT64 forms are
// judged by the IPv4 address they carry), and then dials the addresses it
// checked, never the name; the dialer checks each address once more as the
// socket connects. No proxy is used. Redirects are followed only on the
// same host, port and scheme, at most three times. The body is capped
// (ETooLarge past MaxBytes, after decompression) and the whole fetch is
// bounded by Timeout.
//
//	f := &safefetch.Fetcher{Allow: safefetch.ParseAllow(os.Getenv("DATASET_URL_ALLOW"))}
//	body, err := f.Fetch(ctx, req.Dataset.URL)
//	if err != nil {
//		return err // *inferra.Error: invalid_input, too_large, unavailable or canceled
//	}
//
// # Errors
//
// A refused URL is EInvalid with the reason ("only https:// dataset URLs
// can be fetched", "the dataset URL's host resolves to a private address,
// which is refused"); a 4xx answer is EInvalid too. An oversized body is
// ETooLarge; a server that cannot be reached, fails (5xx), presents a bad
// certificate or is too slow is EUnavailable; a canceled ctx is ECanceled.
//
// Nothing in the package's exported API loosens the address checks: the
// tests reach their loopback TLS server through a hook defined in a _test
// file. See ExampleFetcher_Fetch.
package safefetch
