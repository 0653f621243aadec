package main

import (
	"fmt"
	"runtime"
	"runtime/debug"
	"sync"
)

// version is set at build time with -ldflags "-X main.version=v1.2.3";
// otherwise it comes from the module's build information.
var version = ""

// inferraVersion returns the version of this binary: the ldflags value, the
// module version when installed with go install, or the VCS revision. It
// is computed once: reading the build information costs microseconds,
// and the server records the version in every job.
var inferraVersion = sync.OnceValue(readVersion)

func readVersion() string {
	if version != "" {
		return version
	}
	info, ok := debug.ReadBuildInfo()
	if !ok {
		return "devel"
	}
	if v := info.Main.Version; v != "" && v != "(devel)" {
		return v
	}
	rev, dirty := "", false
	for _, s := range info.Settings {
		switch s.Key {
		case "vcs.revision":
			rev = s.Value
		case "vcs.modified":
			dirty = s.Value == "true"
		}
	}
	if rev == "" {
		return "devel"
	}
	if len(rev) > 12 {
		rev = rev[:12]
	}
	if dirty {
		rev += "-dirty"
	}
	return "devel+" + rev
}

func versionString() string {
	return fmt.Sprintf("inferra %s (%s, %s/%s)", inferraVersion(), runtime.Version(), runtime.GOOS, runtime.GOARCH)
}
