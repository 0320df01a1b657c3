package importmodel

import (
	"fmt"
	"strings"

	"github.com/spinfer/spinfer/pipeline"
)

// Roles of the input files, as they appear in messages.
const (
	RoleWeights     = "weights"
	RoleVisibleBias = "visible-bias"
	RoleHiddenBias  = "hidden-bias"
	RoleNames       = "names"
	RoleDataset     = "dataset"
)

// InputError reports a problem with the user's input: a file that cannot
// be read as a matrix or vector, a value that is not finite, shapes that
// do not fit together, names that do not fit the model, or an output that
// exists. Every InputError is a [pipeline.ErrInput], so the command line
// exits with status 2.
//
// Positions are 1-based and 0 when they do not apply. Text files give Line
// (the physical line, counting comments, blank lines and a skipped header)
// and Column (the field on that line); 2-D arrays and tables give Row and
// Column in the file's own orientation, and ColumnName for a named
// Parquet column; 1-D arrays give Entry.
type InputError struct {
	Role       string // one of the Role… constants, or "" when no input file is meant
	File       string // path as given, or ""
	Line       int
	Row        int
	Entry      int
	Column     int
	ColumnName string
	Msg        string
	Err        error // underlying cause, if any
}

// Error formats the error on one line:
//
//	weights W.csv: line 4, column 2: value "NaN" is not a finite number
//	visible-bias b.npy: entry 7: value +Inf is not a finite number
//	weights W.npy is 64×20 (N×M), but visible-bias b.npy has 32 entries: …
func (e *InputError) Error() string {
	var b strings.Builder
	b.WriteString(strings.TrimSpace(e.Role + " " + e.File))
	var at []string
	switch {
	case e.Line > 0:
		at = append(at, fmt.Sprintf("line %d", e.Line))
	case e.Row > 0:
		at = append(at, fmt.Sprintf("row %d", e.Row))
	case e.Entry > 0:
		at = append(at, fmt.Sprintf("entry %d", e.Entry))
	}
	switch {
	case e.Column > 0 && e.ColumnName != "":
		at = append(at, fmt.Sprintf("column %d (%q)", e.Column, e.ColumnName))
	case e.Column > 0:
		at = append(at, fmt.Sprintf("column %d", e.Column))
	}
	if len(at) > 0 {
		b.WriteString(": " + strings.Join(at, ", "))
	}
	if b.Len() > 0 {
		b.WriteString(": ")
	}
	b.WriteString(e.Msg)
	return b.String()
}

// Unwrap returns the underlying cause.
func (e *InputError) Unwrap() error { return e.Err }

// Is reports that every InputError is a [pipeline.ErrInput].
func (e *InputError) Is(target error) bool { return target == pipeline.ErrInput }

// fileErr reports a problem with a whole input file.
func fileErr(role, path string, err error, format string, a ...any) *InputError {
	return &InputError{Role: role, File: path, Msg: fmt.Sprintf(format, a...), Err: err}
}
