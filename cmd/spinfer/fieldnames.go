package main

import (
	"regexp"
	"strings"

	"github.com/urfave/cli/v2"
)

// Settings are validated by the stage and rbm packages, whose messages
// name the Go field ("Hidden = -3", "TestFraction 1.5 is outside [0,1)").
// On the command line the user wrote a flag, so the message the user sees
// names the flag of the command that ran ("--hidden -3").

// fieldAliases maps fields whose flag is not their kebab-case name.
var fieldAliases = map[string]string{
	"learningrate": "lr",
}

// fieldValue matches a CamelCase field name followed by its value.
var fieldValue = regexp.MustCompile(`\b([A-Z][a-z]+(?:[A-Z][A-Za-z0-9]*)*)(?: =)? (["\-0-9.])`)

// flagNames rewrites the field names in msg that match a flag of cmd.
func flagNames(msg string, cmd *cli.Command) string {
	if cmd == nil {
		return msg
	}
	flags := map[string]string{}
	for _, f := range cmd.Flags {
		for _, name := range f.Names() {
			if len(name) > 1 {
				flags[strings.ReplaceAll(name, "-", "")] = name
			}
		}
	}
	return fieldValue.ReplaceAllStringFunc(msg, func(m string) string {
		sub := fieldValue.FindStringSubmatch(m)
		key := strings.ToLower(sub[1])
		if alias, ok := fieldAliases[key]; ok {
			key = alias
		}
		name, ok := flags[key]
		if !ok {
			return m
		}
		return "--" + name + " " + sub[2]
	})
}
