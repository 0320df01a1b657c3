package report

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"

	"github.com/spinfer/spinfer/pipeline"
)

// builder assembles the report of one run.
type builder struct {
	o      Options
	run    pipeline.RunDir
	log    *slog.Logger
	res    *Result
	figDir string // the temporary directory that becomes RUN/report

	manifest *pipeline.Manifest // nil when absent or unreadable
	parts    evalParts
}

// build draws the figures into b.figDir and returns the Markdown.
func (b *builder) build(ctx context.Context) (string, error) {
	b.readManifest()
	if err := b.evaluateParts(ctx); err != nil {
		return "", err
	}
	p := &page{}
	header(p, "spinfer report: "+filepath.Base(absPath(string(b.run))), string(b.run))
	p.para("Contents: [key figures](#key-figures) · [settings](#settings) · " +
		"[training](#training) · [couplings](#couplings) · " +
		"[samples](#samples-against-data) · [mixing](#mixing)")
	b.keyFigures(p)
	b.settings(p)
	b.training(p)
	b.couplings(p)
	b.samples(p)
	b.mixing(p)
	return p.String(), nil
}

// cmd returns a spinfer command line on this run directory.
func (b *builder) cmd(format string, a ...any) string {
	return fmt.Sprintf("spinfer "+format, append(a, string(b.run))...)
}

// missing records and writes an absent artifact.
func (b *builder) missing(p *page, what, command string) {
	b.res.Missing = append(b.res.Missing, fmt.Sprintf("%s (%s)", what, command))
	p.missing(what, command)
}

// failed records and writes a part that could not be computed.
func (b *builder) failed(p *page, format string, a ...any) {
	msg := fmt.Sprintf(format, a...)
	b.res.Notes = append(b.res.Notes, msg)
	p.note("**Not computed:** %s", msg)
}

// figure draws name into the figures directory with draw and links it;
// a drawing failure is reported in the page.
func (b *builder) figure(p *page, name, alt string, draw func(path string) error) {
	if err := draw(filepath.Join(b.figDir, name)); err != nil {
		b.failed(p, "figure %s: %v", name, err)
		return
	}
	b.link(p, name, alt)
}

// link writes the image link of a figure already in the figures directory.
func (b *builder) link(p *page, name, alt string) {
	rel := FiguresDir + "/" + name
	b.res.Figures = append(b.res.Figures, rel)
	p.image(alt, rel)
}

// copyFile copies src to dst.
func copyFile(dst, src string) error {
	in, err := os.Open(src)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.Create(dst)
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		return err
	}
	return out.Close()
}
