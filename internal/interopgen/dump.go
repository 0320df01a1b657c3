package main

import (
	"github.com/spinfer/spinfer/formats"
)

// dumpFile reads path with package formats: dataset and samples files
// with ReadDataset (so their checks apply), everything else with
// ReadTable.
func dumpFile(path string) (*fileEntry, error) {
	fi, err := formats.ReadFileInfo(path)
	if err != nil {
		return nil, err
	}
	e := &fileEntry{Path: path, Rows: fi.Rows, Metadata: fi.Meta}
	types := map[string]string{}
	for _, c := range fi.Columns {
		e.Columns = append(e.Columns, column{c.Name, c.Type})
		types[c.Name] = c.Type
	}
	switch fi.Meta[formats.KeyArtifact] {
	case formats.ArtifactDataset, formats.ArtifactSamples:
		d, err := formats.ReadDataset(path)
		if err != nil {
			return nil, err
		}
		e.Values = datasetValues(d)
	default:
		t, err := formats.ReadTable(path)
		if err != nil {
			return nil, err
		}
		e.Values = tableValues(t.Columns, types)
	}
	return e, nil
}
