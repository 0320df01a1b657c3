package formats

import (
	"bytes"
	"errors"
	"strings"
	"testing"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/ipc"
	"github.com/apache/arrow-go/v18/arrow/memory"
)

func TestDatasetIPCRoundTrip(t *testing.T) {
	for _, tc := range []struct {
		name       string
		rows, n    int
		basis      Basis
		groupCells int
	}{
		{"small", 9, 3, Ising, defaultGroupCells},
		{"binary, several batches", 1000, 7, Binary, 7 * 128},
		{"805 columns", 50, 805, Ising, defaultGroupCells},
		{"no rows", 0, 2, Ising, defaultGroupCells},
	} {
		t.Run(tc.name, func(t *testing.T) {
			defer setGroupCells(tc.groupCells)()
			d := randomDataset(tc.rows, tc.n, tc.basis, 11)
			d.Meta = map[string]string{KeySource: "pipe"}
			var buf bytes.Buffer
			if err := WriteDatasetIPC(&buf, d); err != nil {
				t.Fatal(err)
			}
			got, err := ReadDatasetIPC(&buf, "stdin")
			if err != nil {
				t.Fatal(err)
			}
			assertDatasetEqual(t, got, d)
		})
	}
}

func TestDatasetIPCSchema(t *testing.T) {
	d := randomDataset(2, 2, Binary, 1)
	var buf bytes.Buffer
	if err := WriteSamplesIPC(&buf, d); err != nil {
		t.Fatal(err)
	}
	rd, err := ipc.NewReader(&buf)
	if err != nil {
		t.Fatal(err)
	}
	defer rd.Release()
	s := rd.Schema()
	for _, f := range s.Fields() {
		if f.Type.ID() != arrow.INT8 {
			t.Errorf("field %s has type %s, want int8", f.Name, f.Type)
		}
	}
	md := s.Metadata()
	meta := md.ToMap()
	for k, v := range map[string]string{KeyArtifact: ArtifactSamples, KeyBasis: "binary",
		KeyRows: "2", KeyVars: "2", KeyVersion: SpinferVersion} {
		if meta[k] != v {
			t.Errorf("%s = %q, want %q", k, meta[k], v)
		}
	}
}

// foreignStream writes an IPC stream by hand with one Int64 field.
func foreignStream(t *testing.T, meta map[string]string, vals []int64, valid []bool) *bytes.Buffer {
	md := arrow.MetadataFrom(meta)
	schema := arrow.NewSchema([]arrow.Field{{Name: "x", Type: arrow.PrimitiveTypes.Int64,
		Nullable: true}}, &md)
	b := array.NewInt64Builder(memory.DefaultAllocator)
	b.AppendValues(vals, valid)
	col := b.NewArray()
	rec := array.NewRecordBatch(schema, []arrow.Array{col}, int64(len(vals)))
	var buf bytes.Buffer
	w := ipc.NewWriter(&buf, ipc.WithSchema(schema))
	if err := w.Write(rec); err != nil {
		t.Fatal(err)
	}
	w.Close()
	return &buf
}

func TestReadDatasetIPCErrors(t *testing.T) {
	ok := map[string]string{KeyArtifact: ArtifactDataset, KeyBasis: "ising"}
	for _, tc := range []struct {
		name  string
		input *bytes.Buffer
		want  string
	}{
		{"not arrow", bytes.NewBufferString("s0 s1\n1 -1\n"), "stdin: not an Arrow IPC stream"},
		{"value", foreignStream(t, ok, []int64{1, -1, 2}, nil),
			`stdin: row 2 (0-based), column "x": value 2 is not in the ising basis`},
		{"null", foreignStream(t, ok, []int64{1, 1}, []bool{true, false}),
			`row 1 (0-based), column "x": value is null`},
		{"no metadata", foreignStream(t, nil, []int64{1}, nil), "no spinfer.artifact metadata"},
		{"rows", foreignStream(t, map[string]string{KeyArtifact: ArtifactDataset,
			KeyBasis: "ising", KeyRows: "5"}, []int64{1}, nil), `spinfer.rows is "5"`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := ReadDatasetIPC(tc.input, "stdin")
			if !errors.Is(err, ErrFormat) || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("got %v, want ErrFormat with %q", err, tc.want)
			}
		})
	}
}

func TestWriteDatasetIPCInvalid(t *testing.T) {
	d := randomDataset(2, 2, Ising, 1)
	d.Values[0] = 0
	var buf bytes.Buffer
	if err := WriteDatasetIPC(&buf, d); !errors.Is(err, ErrInvalid) {
		t.Fatalf("got %v, want ErrInvalid", err)
	}
	if buf.Len() != 0 {
		t.Fatalf("%d bytes written for an invalid dataset", buf.Len())
	}
}
