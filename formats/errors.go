package formats

import (
	"errors"
	"fmt"
	"strings"
)

// ErrFormat marks errors caused by the content of a file or stream that
// does not follow the spinfer artifact contract (not Parquet, a missing
// column, a value outside the basis, …), as opposed to I/O failures. A
// command line maps it to a usage/input error.
var ErrFormat = errors.New("not a valid spinfer artifact")

// ErrInvalid marks an in-memory artifact that a writer refused (empty or
// duplicate names, a value outside the basis, mismatched lengths, …).
var ErrInvalid = errors.New("invalid artifact")

// FileError locates a problem in a file: every error returned by this
// package for a path is a *FileError. Row and Column are set when the
// problem concerns one row or one column.
type FileError struct {
	Path   string // file or directory the problem was found in
	Row    int    // 0-based row index, or -1
	Column string // column name, or ""
	Err    error  // what is wrong; wraps ErrFormat or ErrInvalid when relevant
}

func (e *FileError) Error() string {
	var b strings.Builder
	b.WriteString("formats: ")
	b.WriteString(e.Path)
	b.WriteString(": ")
	if e.Row >= 0 {
		fmt.Fprintf(&b, "row %d (0-based)", e.Row)
		if e.Column != "" {
			b.WriteString(", ")
		}
	}
	if e.Column != "" {
		fmt.Fprintf(&b, "column %q", e.Column)
	}
	if e.Row >= 0 || e.Column != "" {
		b.WriteString(": ")
	}
	b.WriteString(e.Err.Error())
	return b.String()
}

func (e *FileError) Unwrap() error { return e.Err }

// fileErr attaches path to err, leaving errors that already name a file
// untouched.
func fileErr(path string, err error) error {
	if err == nil {
		return nil
	}
	var fe *FileError
	if errors.As(err, &fe) {
		return err
	}
	return &FileError{Path: path, Row: -1, Err: err}
}

// cellErr reports a problem with one value of a file.
func cellErr(path string, row int, column string, err error) error {
	return &FileError{Path: path, Row: row, Column: column, Err: err}
}

// problem is an error message that matches a sentinel with errors.Is.
type problem struct {
	msg  string
	kind error
}

func (p *problem) Error() string        { return p.msg }
func (p *problem) Is(target error) bool { return target == p.kind }

// badf reports content that breaks the artifact contract.
func badf(format string, a ...any) error {
	return &problem{msg: fmt.Sprintf(format, a...), kind: ErrFormat}
}

// problems collects every problem found while validating an in-memory
// artifact, so that a caller sees them all at once.
type problems struct {
	what string // "dataset", "model", …
	list []string
	more int
}

// maxProblems bounds the problems spelled out in one error message.
const maxProblems = 8

func (p *problems) addf(format string, a ...any) {
	if len(p.list) == maxProblems {
		p.more++
		return
	}
	p.list = append(p.list, fmt.Sprintf(format, a...))
}

// err returns nil when nothing was added, else one error wrapping
// ErrInvalid that lists the problems separated by "; ".
func (p *problems) err() error {
	if len(p.list) == 0 {
		return nil
	}
	msg := p.what + ": " + strings.Join(p.list, "; ")
	if p.more > 0 {
		msg += fmt.Sprintf("; and %d more", p.more)
	}
	return &problem{msg: msg, kind: ErrInvalid}
}
