//go:build !unix

package pipeline

import "errors"

// lockFile has no implementation here: runs go on unlocked.
func lockFile(string) (func(), error) { return nil, errors.ErrUnsupported }
