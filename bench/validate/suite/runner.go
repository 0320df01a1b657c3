package suite

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"time"
)

// runner executes spinfer commands one at a time, appending each command
// line to a shell script and its output to a per-method log.
type runner struct {
	bin    string   // path of the spinfer binary
	script *os.File // OUT/commands.sh
}

// newRunner opens (truncates) OUT/commands.sh.
func newRunner(bin, out string) (*runner, error) {
	if err := os.MkdirAll(out, 0o755); err != nil {
		return nil, fmt.Errorf("validate: %w", err)
	}
	f, err := os.Create(filepath.Join(out, "commands.sh"))
	if err != nil {
		return nil, fmt.Errorf("validate: %w", err)
	}
	fmt.Fprintf(f, "#!/bin/sh\n# written by spinfer's validation suite (bench/validate/suite)\n"+
		"set -e\n")
	return &runner{bin: bin, script: f}, nil
}

// run executes `spinfer args…`, appending its output to logPath, and
// returns its wall time in seconds.
func (r *runner) run(ctx context.Context, logPath string, args ...string) (float64, error) {
	line := "spinfer " + shellJoin(args)
	fmt.Fprintln(r.script, line)
	if err := os.MkdirAll(filepath.Dir(logPath), 0o755); err != nil {
		return 0, fmt.Errorf("validate: %w", err)
	}
	log, err := os.OpenFile(logPath, os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o644)
	if err != nil {
		return 0, fmt.Errorf("validate: %w", err)
	}
	defer log.Close()
	fmt.Fprintf(log, "$ %s\n", line)

	cmd := exec.CommandContext(ctx, r.bin, args...)
	cmd.Stdout, cmd.Stderr = log, log
	start := time.Now()
	err = cmd.Run()
	sec := time.Since(start).Seconds()
	if err != nil {
		return sec, fmt.Errorf("validate: %s: %w (see %s)", line, err, logPath)
	}
	return sec, nil
}

// close closes the command script.
func (r *runner) close() error { return r.script.Close() }

// shellJoin quotes the arguments that need it for a POSIX shell.
func shellJoin(args []string) string {
	q := make([]string, len(args))
	for i, a := range args {
		if a == "" || strings.ContainsAny(a, " \t'\"$\\*?;&|<>()") {
			a = "'" + strings.ReplaceAll(a, "'", `'\''`) + "'"
		}
		q[i] = a
	}
	return strings.Join(q, " ")
}
