package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"log/slog"
	"os"
	"os/signal"
	"strings"
	"syscall"

	"github.com/urfave/cli/v2"

	"github.com/spinfer/spinfer/formats"
	"github.com/spinfer/spinfer/internal/atomicfile"
	"github.com/spinfer/spinfer/pipeline"
)

// Exit statuses.
const (
	exitOK      = 0
	exitRuntime = 1
	exitUsage   = 2
	// exitInterrupted follows the shell's 128 + SIGINT: the run stopped on
	// SIGINT or SIGTERM (after writing what it could, such as a checkpoint).
	exitInterrupted = 130
)

// version is set at build time with -ldflags "-X main.version=…".
var version = "0.1.0-dev"

// usageError marks a mistake in the command line.
type usageError struct{ err error }

func (e usageError) Error() string { return e.err.Error() }
func (e usageError) Unwrap() error { return e.err }

// env carries what every command needs: the logger and the output streams.
type env struct {
	log    *slog.Logger
	stdout io.Writer
	stderr io.Writer
	quiet  bool
	// json is set when --log-format json was chosen: the final error is
	// then a JSON log record too, so a log collector sees one format.
	json bool
	// unknown is set when the command line names no known command.
	unknown bool
	// cmd is the top-level command that ran, for error messages.
	cmd *cli.Command
}

var globalFlags = []cli.Flag{
	&cli.BoolFlag{Name: "quiet", Aliases: []string{"q"}, Usage: "only warnings and errors, no progress"},
	&cli.BoolFlag{Name: "verbose", Aliases: []string{"v"}, Usage: "debug logging"},
	&cli.StringFlag{Name: "log-format", Value: "text", Usage: "log format: text or json"},
}

func newApp(e *env) *cli.App {
	cli.VersionFlag = &cli.BoolFlag{Name: "version", Usage: "print the version"}
	app := &cli.App{
		Name:    "spinfer",
		Usage:   "learn an RBM from spin data and extract its effective Hamiltonian",
		Version: version,
		Description: "Pipeline: ingest → train (MCMC) → sample → couplings → evaluate, each stage\n" +
			"reading and writing Parquet artifacts in a run directory (docs/formats.md).\n\n" +
			"Example:\n   spinfer run                      # the embedded 8×8 Ising data, end to end",
		Flags:                globalFlags,
		Writer:               e.stdout,
		ErrWriter:            e.stderr,
		EnableBashCompletion: false,
		HideHelpCommand:      true,
		Before: func(c *cli.Context) error {
			return setupLogging(c, e)
		},
		OnUsageError: onUsageError,
		CommandNotFound: func(c *cli.Context, name string) {
			fmt.Fprintf(e.stderr, "spinfer: no command %q\n", name)
			e.unknown = true
		},
		ExitErrHandler: func(*cli.Context, error) {
			// Errors are classified and printed by run.
		},
		Commands: commands(e),
	}
	moveDefaults(app.Commands)
	for _, cmd := range app.Commands {
		if cmd.OnUsageError == nil {
			cmd.OnUsageError = onUsageError
		}
		if act := cmd.Action; act != nil {
			cmd.Action = func(c *cli.Context) error {
				e.cmd = cmd
				return act(c)
			}
		}
	}
	return app
}

func onUsageError(_ *cli.Context, err error, _ bool) error {
	return usageError{err}
}

func setupLogging(c *cli.Context, e *env) error {
	level := slog.LevelInfo
	switch {
	case c.Bool("quiet"):
		level, e.quiet = slog.LevelWarn, true
	case c.Bool("verbose"):
		level = slog.LevelDebug
	}
	opts := &slog.HandlerOptions{Level: level}
	switch c.String("log-format") {
	case "text":
		e.log = slog.New(slog.NewTextHandler(e.stderr, opts))
	case "json":
		e.log, e.json = slog.New(slog.NewJSONHandler(e.stderr, opts)), true
	default:
		return usageError{fmt.Errorf("--log-format %q: want text or json", c.String("log-format"))}
	}
	return nil
}

// run executes the command line and returns the exit status.
func run(args []string, stdout, stderr io.Writer) int {
	pipeline.Version = version
	formats.SpinferVersion = version
	e := &env{stdout: stdout, stderr: stderr, log: slog.New(slog.NewTextHandler(stderr, nil))}
	app := newApp(e)

	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	err := app.RunContext(ctx, reorderArgs(app, args))
	if err == nil && e.unknown {
		fmt.Fprintln(stderr, "run 'spinfer --help' for the commands")
		return exitUsage
	}
	if err == nil {
		return exitOK
	}
	code := exitCode(err)
	if ctx.Err() != nil && code == exitRuntime {
		code = exitInterrupted
	}
	msg := strings.TrimSpace(err.Error())
	if code == exitUsage {
		msg = flagNames(msg, e.cmd)
	}
	if e.json {
		e.log.Error(msg, "exit_status", code)
		return code
	}
	fmt.Fprintln(stderr, "spinfer: "+msg)
	if code == exitUsage && errors.As(err, new(usageError)) {
		fmt.Fprintln(stderr, "run 'spinfer --help' or 'spinfer COMMAND --help' for usage")
	}
	return code
}

// exitCode maps an error to the exit status: 2 for usage and input errors,
// 1 for failures while running.
func exitCode(err error) int {
	var ue usageError
	var ie interface{ InputError() bool }
	switch {
	case errors.As(err, &ue), errors.Is(err, pipeline.ErrInput),
		errors.Is(err, atomicfile.ErrExists), errors.As(err, &ie) && ie.InputError():
		return exitUsage
	case errors.Is(err, formats.ErrFormat), errors.Is(err, formats.ErrInvalid),
		errors.Is(err, fs.ErrNotExist):
		// A missing, corrupt or invalid input file the user named.
		return exitUsage
	case strings.HasPrefix(err.Error(), "Required flag"):
		// urfave/cli reports a missing required flag as a plain error.
		return exitUsage
	}
	return exitRuntime
}
