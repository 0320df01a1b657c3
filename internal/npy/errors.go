package npy

import (
	"errors"
	"fmt"
)

// ErrFormat marks content that is not a readable .npy array (a bad magic
// string or version, a malformed header, an unsupported dtype or shape,
// extra bytes after the data).
var ErrFormat = errors.New("not a valid .npy file")

// formatError is a message that matches ErrFormat with errors.Is.
type formatError struct{ msg string }

func (e *formatError) Error() string        { return e.msg }
func (e *formatError) Is(target error) bool { return target == ErrFormat }

// badf reports bad content.
func badf(format string, a ...any) error {
	return &formatError{msg: fmt.Sprintf(format, a...)}
}
