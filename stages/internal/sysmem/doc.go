// Package sysmem reports the machine's physical memory, so that stages can
// refuse settings that cannot fit with an input error naming the setting,
// instead of the Go runtime's fatal out-of-memory crash.
package sysmem
