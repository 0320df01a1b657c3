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
// Nested fields are keyed by their dotted path.
var fieldAliases = map[string]string{
	"learningrate":           "lr",
	"schedule.kind":          "lr-schedule",
	"schedule.finallr":       "lr-final",
	"schedule.decay":         "lr-decay",
	"jarzynski.essthreshold": "ess-threshold",
	"jarzynski.warmup":       "warmup",
	"pt.temperatures":        "pt-temperatures",
	"pt.targetswaprate":      "pt-swap-rate",
	"pt.betas":               "pt-betas",
}

// fieldValue matches a field name (CamelCase, digits allowed, optionally
// after a dotted parent: "L1", "PT.Betas") followed by its value (a
// number, NaN, ±Inf or a quoted string) or by a colon.
var fieldValue = regexp.MustCompile(
	`\b((?:[A-Z][A-Za-z]*\.)?[A-Z][A-Za-z0-9]*)(?:(?: =)? (["\-+0-9.]|NaN|Inf)|(:))`)

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
			key = strings.ReplaceAll(alias, "-", "")
		}
		name, ok := flags[key]
		if !ok {
			return m
		}
		if sub[3] != "" {
			return "--" + name + sub[3]
		}
		return "--" + name + " " + sub[2]
	})
}
