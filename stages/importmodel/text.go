package importmodel

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"strconv"
	"strings"
)

// maxLine bounds the length of one text line, in bytes.
const maxLine = 64 << 20

// readText reads numbers separated by commas or whitespace, one matrix
// row per line. Blank lines and lines starting with '#' are skipped. A
// first line that is not all numbers is a header and is skipped with a
// note; when its first field is empty (pandas' to_csv writes the index
// that way), the first field of every line is dropped as the index.
func (m *matrix) readText(r io.Reader) error {
	m.format = FormatText
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 1<<16), maxLine)
	line, header := 0, -1
	for sc.Scan() {
		line++
		text := strings.TrimSpace(string(bytes.TrimPrefix(sc.Bytes(), []byte("\uFEFF"))))
		if text == "" || text[0] == '#' {
			continue
		}
		fields := splitFields(text)
		if len(m.lines) == 0 && header < 0 && !allNumbers(fields) {
			header = line
			m.noteHeader(line, fields)
			continue
		}
		if err := m.addRow(line, fields); err != nil {
			return err
		}
	}
	if err := sc.Err(); err != nil {
		return fileErr(m.role, m.path, err, "reading line %d: %v", line+1, err)
	}
	m.rows = len(m.lines)
	m.shape = []int{m.rows, m.cols}
	return nil
}

// noteHeader records a skipped header line.
func (m *matrix) noteHeader(line int, fields []string) {
	if len(fields) > 1 && fields[0] == "" {
		m.skipCols = 1
		m.notes = append(m.notes, fmt.Sprintf("%s: line %d is a header with an empty "+
			"first name; skipped it and the first field of every line (an index, "+
			"as pandas' to_csv writes one)", m.path, line))
		return
	}
	m.notes = append(m.notes, fmt.Sprintf("%s: line %d is not numbers and was skipped "+
		"as a header", m.path, line))
}

// addRow parses the fields of one line into a new row.
func (m *matrix) addRow(line int, fields []string) error {
	if len(fields) < m.skipCols+1 {
		return &InputError{Role: m.role, File: m.path, Line: line,
			Msg: "has no value after the index field"}
	}
	fields = fields[m.skipCols:]
	if len(m.lines) == 0 {
		m.cols = len(fields)
	} else if len(fields) != m.cols {
		return &InputError{Role: m.role, File: m.path, Line: line, Msg: fmt.Sprintf(
			"has %d values, but line %d has %d (every row needs the same number)",
			len(fields), m.lines[0], m.cols)}
	}
	for j, f := range fields {
		x, err := strconv.ParseFloat(f, 64)
		if err != nil && !isRange(err) {
			msg := fmt.Sprintf("value %q is not a number", short(f))
			if f == "" {
				msg = "empty value (two separators in a row?)"
			}
			return &InputError{Role: m.role, File: m.path, Line: line,
				Column: j + 1 + m.skipCols, Msg: msg}
		}
		m.vals = append(m.vals, x)
	}
	m.lines = append(m.lines, line)
	return nil
}

// isRange reports a number too large for float64: ParseFloat returns ±Inf,
// which the finiteness check then reports with its position.
func isRange(err error) bool {
	ne, ok := err.(*strconv.NumError)
	return ok && ne.Err == strconv.ErrRange
}

// splitFields splits on commas when the line has any, else on
// whitespace; fields are trimmed of spaces and of one pair of quotes.
func splitFields(text string) []string {
	if !strings.ContainsRune(text, ',') {
		return strings.Fields(text)
	}
	fields := strings.Split(text, ",")
	for i, f := range fields {
		f = strings.TrimSpace(f)
		if len(f) >= 2 && f[0] == '"' && f[len(f)-1] == '"' {
			f = f[1 : len(f)-1]
		}
		fields[i] = f
	}
	return fields
}

// allNumbers reports whether every field parses as a float.
func allNumbers(fields []string) bool {
	for _, f := range fields {
		if _, err := strconv.ParseFloat(f, 64); err != nil && !isRange(err) {
			return false
		}
	}
	return true
}

// short truncates a value quoted in a message.
func short(s string) string {
	const n = 40
	if len(s) <= n {
		return s
	}
	return s[:n] + "…"
}
