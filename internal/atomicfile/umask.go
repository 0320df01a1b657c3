package atomicfile

import (
	"os"
	"syscall"
)

// umask is the process's file mode creation mask, read once at start.
var umask = func() os.FileMode {
	m := syscall.Umask(0)
	syscall.Umask(m)
	return os.FileMode(m)
}()
