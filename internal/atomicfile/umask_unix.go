//go:build unix

package atomicfile

import (
	"os"
	"syscall"
)

// umask is the process's file mode creation mask, read once at start.
// Written files get 0o644 &^ umask and directories 0o755 &^ umask, the
// modes os.Create and os.Mkdir would give them.
var umask = func() os.FileMode {
	m := syscall.Umask(0)
	syscall.Umask(m)
	return os.FileMode(m)
}()
