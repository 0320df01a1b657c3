//go:build !unix

package atomicfile

import "os"

// umask is zero where the system has no file mode creation mask (Windows,
// Plan 9, WebAssembly). On Windows os.Chmod uses only the owner-write bit,
// which clears the read-only attribute: written files and directories are
// writable, and who may read them is set by the access-control list they
// inherit from their directory, as for any file the user creates there.
var umask os.FileMode = 0
