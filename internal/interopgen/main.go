package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
)

func main() {
	out := flag.String("o", "", "write artifacts and expected.json into this new directory")
	dump := flag.String("dump", "", "print the JSON of one Parquet file as spinfer reads it")
	flag.Parse()
	if err := run(os.Stdout, *out, *dump); err != nil {
		fmt.Fprintln(os.Stderr, "interopgen:", err)
		os.Exit(1)
	}
}

func run(w io.Writer, out, dump string) error {
	switch {
	case (out == "") == (dump == ""):
		return fmt.Errorf("give exactly one of -o DIR and -dump FILE")
	case out != "":
		return generate(out)
	}
	entry, err := dumpFile(dump)
	if err != nil {
		return err
	}
	return writeJSON(w, entry)
}

// writeJSON writes v as compact JSON (dumps of large datasets run to
// millions of values).
func writeJSON(w io.Writer, v any) error {
	return json.NewEncoder(w).Encode(v)
}
