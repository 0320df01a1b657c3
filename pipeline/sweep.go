package pipeline

import (
	"errors"
	"fmt"
	"path/filepath"
	"strings"
)

// UpstreamDirName is the directory of a sweep that holds the upstream
// stages' run (dataset and truth) shared by every grid point.
const UpstreamDirName = "upstream"

// errNoPoint is returned for a point index outside the grid.
var errNoPoint = errors.New("no such point")

// Point is one run of a pipeline file: the values its sweep axes take (one
// per axis of [File.Sweep]; none without a sweep). Points are numbered
// from 0 in grid order, the first axis varying slowest.
type Point struct {
	Index  int
	Name   string
	Values []string
}

// IsSweep reports whether the file has a grid.
func (f *File) IsSweep() bool { return len(f.Sweep) > 0 }

// Points returns every run of the file: one unnamed point without a
// sweep, else the grid's points, each named from its values
// ("protocol-pcd_k-4"; an axis whose setting name two stages share is
// prefixed by its stage: "train.seed-1").
func (f *File) Points() []Point {
	all := make([]int, len(f.Sweep))
	for i := range all {
		all[i] = i
	}
	names := f.axisNames()
	var pts []Point
	for i, gp := range gridPoints(f.Sweep, all) {
		parts := make([]string, len(f.Sweep))
		for j, v := range gp.values {
			parts[j] = names[j] + "-" + cleanName(v)
		}
		pts = append(pts, Point{Index: i, Name: strings.Join(parts, "_"), Values: gp.values})
	}
	if !f.IsSweep() {
		pts[0].Values = nil
	}
	return pts
}

// Point returns the point of index i.
func (f *File) Point(i int) (Point, error) {
	pts := f.Points()
	if i < 0 || i >= len(pts) {
		return Point{}, Inputf("%s: point %d: %v (the file has points 0..%d)", f.Path, i,
			errNoPoint, len(pts)-1)
	}
	return pts[i], nil
}

// axisNames names each axis by its setting, or stage.setting when two
// axes share a setting name.
func (f *File) axisNames() []string {
	count := map[string]int{}
	for _, a := range f.Sweep {
		count[a.Key]++
	}
	names := make([]string, len(f.Sweep))
	for i, a := range f.Sweep {
		names[i] = a.Key
		if count[a.Key] > 1 {
			names[i] = a.Name()
		}
	}
	return names
}

// RunDir returns the run directory of point p: the file's run directory
// without a sweep, else the point's directory inside the sweep directory.
func (f *File) RunDir(p Point) RunDir {
	if !f.IsSweep() {
		return RunDir(f.Run)
	}
	return RunDir(filepath.Join(f.Run, p.Name))
}

// UpstreamDir returns where the upstream stages run: the run directory
// itself without a sweep, else the sweep's upstream directory.
func (f *File) UpstreamDir() RunDir {
	if !f.IsSweep() {
		return RunDir(f.Run)
	}
	return RunDir(filepath.Join(f.Run, UpstreamDirName))
}

// cleanName keeps letters, digits and . + - of a value and replaces
// anything else by _, so a value is safe in a directory name.
func cleanName(v string) string {
	if v == "" {
		return "empty"
	}
	var b strings.Builder
	for _, r := range v {
		switch {
		case r >= 'a' && r <= 'z', r >= 'A' && r <= 'Z', r >= '0' && r <= '9',
			r == '.', r == '+', r == '-':
			b.WriteRune(r)
		default:
			b.WriteByte('_')
		}
	}
	return b.String()
}

// Describe returns "k=v, …" for a point's values.
func (f *File) Describe(p Point) string {
	parts := make([]string, len(p.Values))
	for i, v := range p.Values {
		parts[i] = fmt.Sprintf("%s=%s", f.Sweep[i].Name(), v)
	}
	return strings.Join(parts, ", ")
}
