package report

import (
	"fmt"
	"math"
	"path"
	"strconv"
	"strings"
)

// page accumulates GitHub-flavoured Markdown.
type page struct {
	b strings.Builder
}

func (p *page) String() string { return p.b.String() }

// h writes a heading of the given level.
func (p *page) h(level int, title string) {
	fmt.Fprintf(&p.b, "%s %s\n\n", strings.Repeat("#", level), title)
}

// para writes one paragraph.
func (p *page) para(format string, a ...any) {
	fmt.Fprintf(&p.b, format, a...)
	p.b.WriteString("\n\n")
}

// missing says that a section's artifact is absent and how to make it.
func (p *page) missing(what, command string) {
	p.para("> **Missing:** %s. Made by `%s`.", what, command)
}

// note writes a quoted remark.
func (p *page) note(format string, a ...any) {
	p.para("> "+format, a...)
}

// open starts a collapsed section (HTML details, which GitHub-flavoured
// Markdown renders) whose content follows until close.
func (p *page) open(summary string) {
	fmt.Fprintf(&p.b, "<details>\n<summary>%s</summary>\n\n", summary)
}

// close ends the section open started.
func (p *page) close() { p.b.WriteString("</details>\n\n") }

// table writes a table with a header row; cells are escaped.
func (p *page) table(header []string, rows [][]string) {
	p.row(header)
	sep := make([]string, len(header))
	for i := range sep {
		sep[i] = "---"
	}
	p.b.WriteString("|" + strings.Join(sep, "|") + "|\n")
	for _, r := range rows {
		p.row(r)
	}
	p.b.WriteString("\n")
}

func (p *page) row(cells []string) {
	esc := make([]string, len(cells))
	for i, c := range cells {
		esc[i] = cell(c)
	}
	p.b.WriteString("| " + strings.Join(esc, " | ") + " |\n")
}

// cell makes s safe inside a table cell: no line breaks, pipes escaped.
func cell(s string) string {
	s = strings.ReplaceAll(s, "\r", "")
	s = strings.ReplaceAll(s, "\n", " ")
	return strings.ReplaceAll(s, "|", `\|`)
}

// image writes a figure link; rel is a slash-separated path relative to
// report.md.
func (p *page) image(alt, rel string) {
	p.para("![%s](%s)", strings.ReplaceAll(alt, "]", ""), linkPath(rel))
}

// linkPath escapes the characters of a relative path that would end or
// break a Markdown link.
func linkPath(rel string) string {
	r := strings.NewReplacer(" ", "%20", "(", "%28", ")", "%29", "<", "%3C", ">", "%3E")
	return r.Replace(path.Clean(rel))
}

// num formats x with four significant digits, "n/a" when not finite.
func num(x float64) string {
	if math.IsNaN(x) || math.IsInf(x, 0) {
		return "n/a"
	}
	if x == math.Trunc(x) && math.Abs(x) < 1e6 {
		return strconv.FormatFloat(x, 'f', -1, 64)
	}
	return strconv.FormatFloat(x, 'g', 4, 64)
}

// seconds formats a duration in seconds.
func seconds(s float64) string {
	switch {
	case s < 60:
		return num(s) + " s"
	case s < 3600:
		return fmt.Sprintf("%s min", num(s/60))
	}
	return fmt.Sprintf("%s h", num(s/3600))
}

// code formats s as inline code, or an em dash when empty.
func code(s string) string {
	if s == "" {
		return "—"
	}
	return "`" + strings.ReplaceAll(s, "`", "'") + "`"
}
