package main

import (
	"strings"

	"github.com/urfave/cli/v2"
)

// reorderArgs lets flags follow positional arguments. urfave/cli stops
// reading flags at the first positional argument; users type both
// `spinfer ingest data.txt --run r1` and `spinfer ingest --run r1 data.txt`.
// The arguments of the selected (sub)command are rearranged so that its
// flags come first, and global flags found after the command name move in
// front of it. A "--" ends flag processing as usual.
func reorderArgs(app *cli.App, args []string) []string {
	if len(args) < 2 {
		return args
	}
	out := []string{args[0]}
	rest := args[1:]

	// Leading global flags.
	globals, rest := splitLeadingFlags(app.Flags, rest)
	out = append(out, globals...)
	if len(rest) == 0 {
		return out
	}

	// Descend through command and subcommand names.
	var path []string
	cmds := app.Commands
	var cmd *cli.Command
	for len(rest) > 0 {
		c := findCommand(cmds, rest[0])
		if c == nil {
			break
		}
		cmd, cmds = c, c.Subcommands
		path = append(path, rest[0])
		rest = rest[1:]
	}
	if cmd == nil {
		return append(out, rest...)
	}

	var flags, positional, moved []string
	for i := 0; i < len(rest); i++ {
		a := rest[i]
		if a == "--" {
			positional = append(positional, rest[i:]...)
			break
		}
		if !isFlag(a) {
			positional = append(positional, a)
			continue
		}
		name := flagName(a)
		dst := &flags
		f := lookupFlag(cmd.Flags, name)
		if f == nil && lookupFlag(app.Flags, name) != nil {
			f, dst = lookupFlag(app.Flags, name), &moved
		}
		*dst = append(*dst, a)
		if f != nil && takesValue(f) && !strings.Contains(a, "=") && i+1 < len(rest) {
			i++
			*dst = append(*dst, rest[i])
		}
	}
	out = append(out, moved...)
	out = append(out, path...)
	out = append(out, flags...)
	return append(out, positional...)
}

// splitLeadingFlags returns the leading flags of args (with their values)
// and what follows them.
func splitLeadingFlags(fs []cli.Flag, args []string) (flags, rest []string) {
	i := 0
	for i < len(args) && isFlag(args[i]) && args[i] != "--" {
		f := lookupFlag(fs, flagName(args[i]))
		i++
		if f != nil && takesValue(f) && !strings.Contains(args[i-1], "=") && i < len(args) {
			i++
		}
	}
	return args[:i], args[i:]
}

func isFlag(a string) bool { return len(a) > 1 && a[0] == '-' }

func flagName(a string) string {
	a = strings.TrimLeft(a, "-")
	if k := strings.IndexByte(a, '='); k >= 0 {
		a = a[:k]
	}
	return a
}

func findCommand(cmds []*cli.Command, name string) *cli.Command {
	for _, c := range cmds {
		if c.HasName(name) {
			return c
		}
	}
	return nil
}

func lookupFlag(fs []cli.Flag, name string) cli.Flag {
	for _, f := range fs {
		for _, n := range f.Names() {
			if n == name {
				return f
			}
		}
	}
	return nil
}

func takesValue(f cli.Flag) bool {
	if d, ok := f.(cli.DocGenerationFlag); ok {
		return d.TakesValue()
	}
	return false
}

// moveDefaults shows each flag's default once in help: a usage text that
// ends in "(default X)" — defaults that the stages fill in when a flag is
// left out — gives DefaultText X instead of urfave/cli's own "(default: 0)".
func moveDefaults(cmds []*cli.Command) {
	for _, c := range cmds {
		for _, f := range c.Flags {
			switch f := f.(type) {
			case *cli.IntFlag:
				f.Usage, f.DefaultText = splitDefault(f.Usage, f.DefaultText)
			case *cli.Float64Flag:
				f.Usage, f.DefaultText = splitDefault(f.Usage, f.DefaultText)
			case *cli.Uint64Flag:
				f.Usage, f.DefaultText = splitDefault(f.Usage, f.DefaultText)
			case *cli.StringFlag:
				f.Usage, f.DefaultText = splitDefault(f.Usage, f.DefaultText)
			}
		}
		moveDefaults(c.Subcommands)
	}
}

func splitDefault(usage, def string) (string, string) {
	k := strings.LastIndex(usage, " (default ")
	if k < 0 || !strings.HasSuffix(usage, ")") {
		return usage, def
	}
	return usage[:k], usage[k+len(" (default ") : len(usage)-1]
}
