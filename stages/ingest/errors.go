package ingest

import (
	"errors"
	"fmt"
	"strings"

	"github.com/spinfer/spinfer/pipeline"
)

// InputError reports a problem with the user's input: a file that cannot be
// read as a spin matrix, a value outside the basis, or settings that do not
// fit the data. The command line prints Error() as a one-line message and
// exits with status 2.
//
// Positions are 1-based and 0 when they do not apply. Text files give Line
// (the physical line of the file, counting comments and blank lines) and
// Column (the field number on that line, counting from the first field).
// Array and table formats (.npy, Parquet, Arrow) give Row and Column in the
// file's own orientation instead. Value is the offending token as written,
// shortened to at most 40 bytes.
type InputError struct {
	File   string // path as given, or "archive.zip/member" for an archive member
	Line   int    // line of a text file
	Row    int    // row of an array or table
	Column int    // field of a text line, or column of an array or table
	Value  string // offending value as written
	Msg    string // what is wrong, completing "value %q ..." when Value is set
	Err    error  // underlying cause, if any (see Unwrap)
}

// maxValueLen bounds the Value quoted in messages.
const maxValueLen = 40

// Error formats the error on one line, compiler style:
//
//	data.txt:17:5: value "2" is outside the basis {-1,+1}
//	x.npy: row 3, column 7: value "2" is outside the basis {0,1}
//	data.txt: no data rows (empty file or only comments)
func (e *InputError) Error() string {
	var b strings.Builder
	b.WriteString(e.File)
	switch {
	case e.Line > 0 && e.Column > 0:
		fmt.Fprintf(&b, ":%d:%d", e.Line, e.Column)
	case e.Line > 0:
		fmt.Fprintf(&b, ":%d", e.Line)
	}
	b.WriteString(":")
	switch {
	case e.Row > 0 && e.Column > 0:
		fmt.Fprintf(&b, " row %d, column %d:", e.Row, e.Column)
	case e.Row > 0:
		fmt.Fprintf(&b, " row %d:", e.Row)
	case e.Line == 0 && e.Column > 0:
		fmt.Fprintf(&b, " column %d:", e.Column)
	}
	if e.Value != "" || e.Msg == "" {
		fmt.Fprintf(&b, " value %q", e.Value)
	}
	if e.Msg != "" {
		b.WriteString(" ")
		b.WriteString(e.Msg)
	}
	return b.String()
}

// Unwrap returns the underlying cause.
func (e *InputError) Unwrap() error { return e.Err }

// Is reports that every InputError is a [pipeline.ErrInput], so code that
// only knows the pipeline package also maps it to exit status 2.
func (e *InputError) Is(target error) bool { return target == pipeline.ErrInput }

// IsInputError reports whether err, or an error it wraps, was caused by the
// user's input or settings (an [*InputError], invalid [Options], or any
// error wrapping [pipeline.ErrInput]) rather than by a failure while
// running. The command line exits with status 2 for these.
func IsInputError(err error) bool {
	var ie *InputError
	return errors.As(err, &ie) || errors.Is(err, pipeline.ErrInput)
}

// shorten returns tok cut to maxValueLen bytes with an ellipsis.
func shorten(tok []byte) string {
	if len(tok) <= maxValueLen {
		return string(tok)
	}
	return string(tok[:maxValueLen-3]) + "..."
}
