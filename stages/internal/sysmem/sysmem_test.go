package sysmem

import (
	"os"
	"testing"
)

// On a machine with /proc/meminfo the total is positive and below 2⁵⁰
// bytes (1 PiB); elsewhere it is 0.
func TestTotal(t *testing.T) {
	got := Total()
	if _, err := os.Stat("/proc/meminfo"); err != nil {
		if got != 0 {
			t.Fatalf("Total() = %g without /proc/meminfo, want 0", got)
		}
		return
	}
	if got <= 0 || got >= 1<<50 {
		t.Fatalf("Total() = %g bytes", got)
	}
}
