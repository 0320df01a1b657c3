// Package progress draws a one-line progress report on a terminal: done of
// total, rate, estimated time left and a free-form note. It draws nothing
// when the writer is not a terminal or when disabled, so logs and pipes stay
// clean. Only the command uses it; library code reports through callbacks.
package progress

import (
	"fmt"
	"io"
	"os"
	"sync"
	"time"
)

// Bar is a rate-limited progress line. The zero value is not usable; call
// New. Methods are safe for concurrent use.
type Bar struct {
	mu      sync.Mutex
	w       io.Writer
	label   string
	unit    string
	total   int
	start   time.Time
	last    time.Time
	enabled bool
	drawn   bool
}

// New returns a bar writing to w when w is a terminal and enabled is true.
// unit names what is counted ("updates", "pairs").
func New(w io.Writer, enabled bool, label, unit string, total int) *Bar {
	now := time.Now()
	return &Bar{w: w, label: label, unit: unit, total: total, start: now,
		enabled: enabled && IsTerminal(w)}
}

// IsTerminal reports whether w is a character device.
func IsTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	st, err := f.Stat()
	return err == nil && st.Mode()&os.ModeCharDevice != 0
}

// SetTotal changes the total (for work whose size is known late).
func (b *Bar) SetTotal(total int) {
	if b == nil {
		return
	}
	b.mu.Lock()
	b.total = total
	b.mu.Unlock()
}

// Update redraws the line at most five times a second.
func (b *Bar) Update(done int, note string) {
	if b == nil || !b.enabled {
		return
	}
	b.mu.Lock()
	defer b.mu.Unlock()
	now := time.Now()
	if now.Sub(b.last) < 200*time.Millisecond && done < b.total {
		return
	}
	b.last = now
	el := now.Sub(b.start).Seconds()
	rate := float64(done) / max(el, 1e-9)
	eta := "?"
	if rate > 0 && b.total > 0 {
		eta = (time.Duration(float64(b.total-done) / rate * float64(time.Second))).Round(time.Second).String()
	}
	line := fmt.Sprintf("%s %d/%d %s  %.1f %s/s  ETA %s", b.label, done, b.total,
		b.unit, rate, b.unit, eta)
	if note != "" {
		line += "  " + note
	}
	fmt.Fprintf(b.w, "\r\033[K%s", line)
	b.drawn = true
}

// Done clears the line.
func (b *Bar) Done() {
	if b == nil || !b.enabled {
		return
	}
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.drawn {
		fmt.Fprint(b.w, "\r\033[K")
	}
}
