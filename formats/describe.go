package formats

import (
	"errors"
	"fmt"
	"io"
	"maps"
	"os"
	"slices"
	"strconv"
	"strings"
	"text/tabwriter"

	"github.com/parquet-go/parquet-go"
)

// Limits of Describe's output.
const (
	schemaHead   = 8   // columns listed before the ellipsis of a wide schema
	schemaTail   = 3   // columns listed after it
	metaValueMax = 100 // characters of a metadata value shown
	cellMax      = 16  // characters of a preview cell shown
)

// Describe writes a readable account of path to w, for a person debugging
// a run: a Parquet file (spinfer artifact or not), a model or checkpoint
// directory, a couplings directory, a checkpoints directory or a whole
// run directory, recognised by content. For each Parquet file it prints
// the kind, row count, schema (column names and types; wide tables are
// abbreviated to the first and last columns and a count), every
// key-value metadata pair (long values shortened) and the first preview
// rows (preview ≤ 0 prints none). Artifacts are also checked with the
// package's readers; the report says "check: ok" or what is wrong, and
// Describe then returns that error after printing everything. A path of
// another kind is an error wrapping ErrFormat.
func Describe(w io.Writer, path string, preview int) error {
	st, err := os.Stat(path)
	if err != nil {
		return fileErr(path, err)
	}
	pr := &printer{w: w}
	var derr error
	switch {
	case !st.IsDir():
		derr = describeFile(pr, path, preview)
	default:
		derr = describeDir(pr, path, preview)
	}
	if pr.err != nil {
		return pr.err
	}
	return derr
}

// printer writes formatted text and keeps the first write error.
type printer struct {
	w   io.Writer
	err error
}

func (p *printer) printf(format string, a ...any) {
	if p.err == nil {
		_, p.err = fmt.Fprintf(p.w, format, a...)
	}
}

// table prints rows of cells aligned in columns, indented by two spaces.
func (p *printer) table(rows [][]string) {
	if p.err != nil {
		return
	}
	width := 0
	for _, r := range rows {
		width = max(width, len(r))
	}
	var buf strings.Builder
	tw := tabwriter.NewWriter(&buf, 0, 0, 2, ' ', 0)
	for _, r := range rows {
		// Short rows are padded: tabwriter aligns a column only across
		// consecutive lines that have it.
		cells := append(slices.Clone(r), make([]string, width-len(r))...)
		fmt.Fprintf(tw, "  %s\n", strings.Join(cells, "\t"))
	}
	tw.Flush()
	for line := range strings.Lines(buf.String()) {
		p.printf("%s\n", strings.TrimRight(line, " \n"))
	}
}

// describeFile handles a single file: Parquet or JSON.
func describeFile(pr *printer, path string, preview int) error {
	if strings.HasSuffix(path, ".json") {
		return describeJSON(pr, path)
	}
	return describeParquet(pr, path, preview, true)
}

// describeParquet prints one Parquet file; check runs the matching
// reader over the whole file.
func describeParquet(pr *printer, path string, preview int, check bool) (err error) {
	defer guard(path, &err)
	p, err := openParquet(path)
	if err != nil {
		if errors.Is(err, ErrFormat) {
			return fileErr(path, badf("neither a Parquet file nor a spinfer JSON file; "+
				"inspect takes a Parquet file, a model, couplings or run directory"))
		}
		return err
	}
	defer p.close()
	meta := p.meta()
	pr.printf("%s: %s\n", path, fileSummary(p, meta))
	pr.printf("schema (%d columns):\n", len(p.cols))
	pr.table(schemaRows(p))
	describeMeta(pr, meta)
	if err := describePreview(pr, p, preview); err != nil {
		return err
	}
	if !check {
		return nil
	}
	return reportCheck(pr, checkFile(path, meta[KeyArtifact]))
}

// fileSummary is the one-line headline of a Parquet file.
func fileSummary(p *pqFile, meta map[string]string) string {
	kind := "Parquet table (not written by spinfer)"
	if a, ok := meta[KeyArtifact]; ok {
		kind = fmt.Sprintf("%s (spinfer %s)", a, meta[KeyVersion])
	}
	s := fmt.Sprintf("%s, %s × %d columns, %s, %s", kind, plural(p.rows(), "row"),
		len(p.cols), plural(len(p.pf.RowGroups()), "row group"), byteSize(p.pf.Size()))
	if b, ok := meta[KeyBasis]; ok {
		s += ", basis " + b
	}
	return s
}

// schemaRows lists the columns with their types, abbreviating wide
// schemas, and counts the types of the elided columns.
func schemaRows(p *pqFile) [][]string {
	var rows [][]string
	show := shownColumns(len(p.cols))
	for k, c := range show {
		if k > 0 && c != show[k-1]+1 {
			rows = append(rows, []string{"…", elidedTypes(p.cols[show[k-1]+1 : c])})
		}
		t := typeName(p.cols[c].typ)
		if p.cols[c].optional {
			t += " (nullable)"
		}
		rows = append(rows, []string{p.cols[c].name, t})
	}
	return rows
}

// shownColumns returns the indices of the columns printed out of n.
func shownColumns(n int) []int {
	var idx []int
	for c := range n {
		if n <= schemaHead+schemaTail+1 || c < schemaHead || c >= n-schemaTail {
			idx = append(idx, c)
		}
	}
	return idx
}

// elidedTypes summarises skipped columns: "797 more: 797 × int8".
func elidedTypes(cols []pqColumn) string {
	count := map[string]int{}
	for _, c := range cols {
		count[typeName(c.typ)]++
	}
	var parts []string
	for _, t := range slices.Sorted(maps.Keys(count)) {
		parts = append(parts, fmt.Sprintf("%d × %s", count[t], t))
	}
	return fmt.Sprintf("(%d more: %s)", len(cols), strings.Join(parts, ", "))
}

// describeMeta prints every metadata pair, shortening long values.
func describeMeta(pr *printer, meta map[string]string) {
	if len(meta) == 0 {
		pr.printf("metadata: none\n")
		return
	}
	pr.printf("metadata:\n")
	var rows [][]string
	for _, k := range slices.Sorted(maps.Keys(meta)) {
		rows = append(rows, []string{k, shorten(meta[k], metaValueMax)})
	}
	pr.table(rows)
}

// plural spells n things: "1 row", "2 rows".
func plural(n int, thing string) string {
	if n == 1 {
		return "1 " + thing
	}
	return fmt.Sprintf("%d %ss", n, thing)
}

// shorten collapses white space and cuts s to at most n characters.
func shorten(s string, n int) string {
	s = strings.Join(strings.Fields(s), " ")
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n]) + fmt.Sprintf("… (%d bytes)", len(s))
}

// byteSize prints a size in B, KiB, MiB or GiB.
func byteSize(n int64) string {
	units := []string{"B", "KiB", "MiB", "GiB"}
	f, u := float64(n), 0
	for f >= 1024 && u < len(units)-1 {
		f /= 1024
		u++
	}
	if u == 0 {
		return fmt.Sprintf("%d B", n)
	}
	return fmt.Sprintf("%.1f %s", f, units[u])
}

// describePreview prints the first rows of the shown columns.
func describePreview(pr *printer, p *pqFile, preview int) error {
	n := min(preview, p.rows())
	if n <= 0 {
		return nil
	}
	show := shownColumns(len(p.cols))
	cells := make([][]string, n+1)
	cells[0] = []string{"row"}
	for r := 1; r <= n; r++ {
		cells[r] = []string{strconv.Itoa(r - 1)}
	}
	for k, c := range show {
		if k > 0 && c != show[k-1]+1 {
			for r := range cells {
				cells[r] = append(cells[r], "…")
			}
		}
		col, err := previewColumn(p, c, n)
		if err != nil {
			return err
		}
		cells[0] = append(cells[0], p.cols[c].name)
		for r, s := range col {
			cells[r+1] = append(cells[r+1], s)
		}
	}
	pr.printf("first %d of %d rows:\n", n, p.rows())
	pr.table(cells)
	return nil
}

// previewColumn formats the first n values of column c.
func previewColumn(p *pqFile, c, n int) ([]string, error) {
	out := make([]string, 0, n)
	err := p.scan(c, func(_ int, vals []parquet.Value) error {
		for _, v := range vals {
			if len(out) == n {
				return errStop
			}
			out = append(out, formatCell(p.cols[c], v))
		}
		if len(out) == n {
			return errStop
		}
		return nil
	})
	return out, fileErr(p.path, err)
}

// formatCell prints one value for a preview.
func formatCell(c pqColumn, v parquet.Value) string {
	if v.IsNull() {
		return "null"
	}
	switch c.class {
	case classFloat:
		conv, _ := c.numeric()
		return strconv.FormatFloat(conv(v), 'g', 6, 64)
	case classInt, classUint:
		conv, _ := c.integer()
		x, _ := conv(v)
		return strconv.FormatInt(x, 10)
	case classBool:
		return strconv.FormatBool(v.Boolean())
	case classString:
		return shorten(string(v.ByteArray()), cellMax)
	}
	return shorten(v.String(), cellMax)
}

// checkFile reads a whole file with the reader its artifact calls for.
func checkFile(path, artifact string) error {
	var err error
	switch artifact {
	case "":
		return nil
	case ArtifactDataset, ArtifactSamples:
		_, err = ReadDataset(path)
	default:
		_, err = ReadTable(path)
	}
	return err
}

// reportCheck prints the outcome of a check and passes the error on.
func reportCheck(pr *printer, err error) error {
	if err == nil {
		pr.printf("check: ok\n")
		return nil
	}
	pr.printf("check: FAILED: %v\n", err)
	return err
}

// describeJSON prints a JSON file of a run directory (manifest.json,
// model.json, evaluation.json) as it is, up to a bound.
func describeJSON(pr *printer, path string) error {
	b, err := os.ReadFile(path)
	if err != nil {
		return fileErr(path, err)
	}
	const maxLines = 60
	lines := strings.Split(strings.TrimRight(string(b), "\n"), "\n")
	pr.printf("%s: JSON, %s\n", path, byteSize(int64(len(b))))
	for _, l := range lines[:min(len(lines), maxLines)] {
		pr.printf("  %s\n", l)
	}
	if len(lines) > maxLines {
		pr.printf("  … (%d more lines)\n", len(lines)-maxLines)
	}
	return nil
}
