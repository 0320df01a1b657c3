package ingest

import (
	"archive/zip"
	"bytes"
	"compress/gzip"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/spinfer/spinfer/formats"
)

const smallText = "# three configurations\n1 0 1\n0 0 1\n1 1 1\n"

var smallVals = []int8{1, 0, 1, 0, 0, 1, 1, 1, 1}

func gzipBytes(t *testing.T, b []byte) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	if _, err := zw.Write(b); err != nil {
		t.Fatal(err)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// zipBytes archives the named members in order; a name ending in "/" is a
// directory entry.
func zipBytes(t *testing.T, members ...string) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for i := 0; i < len(members); i += 2 {
		w, err := zw.Create(members[i])
		if err != nil {
			t.Fatal(err)
		}
		if _, err := w.Write([]byte(members[i+1])); err != nil {
			t.Fatal(err)
		}
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestReadContainers(t *testing.T) {
	npy, err := os.ReadFile("testdata/npy/binary_le_f8.npy")
	if err != nil {
		t.Fatal(err)
	}
	gz := string(gzipBytes(t, []byte(smallText)))
	for _, c := range []struct {
		name, file string
		b          []byte
		format     string
		vals       []int8
	}{
		{"plain text, misleading extension", "x.npy", []byte(smallText), "text",
			smallVals},
		{"gzip by magic, no extension", "x", []byte(gz), "gzip/text", smallVals},
		{"zip of text", "x.zip", zipBytes(t, "dir/", "", "dir/x.txt", smallText),
			"zip/text", smallVals},
		{"zip with macOS metadata", "x.zip", zipBytes(t, "x.txt", smallText,
			"__MACOSX/._x.txt", "junk"), "zip/text", smallVals},
		{"zip of gzip", "x.zip", zipBytes(t, "x.txt.gz", gz), "zip/gzip/text",
			smallVals},
		{"gzip of npy", "x.gz", gzipBytes(t, npy), "gzip/npy", npyA},
		{"zip of npy", "x.zip", zipBytes(t, "a.npy", string(npy)), "zip/npy",
			npyA},
	} {
		t.Run(c.name, func(t *testing.T) {
			p, err := Read(context.Background(), writeFile(t, c.file, c.b),
				ReadOptions{})
			if err != nil {
				t.Fatal(err)
			}
			if p.Format != c.format {
				t.Errorf("format %q, want %q", p.Format, c.format)
			}
			n := len(c.vals) / 3
			checkDataset(t, p.Dataset, defaultNames(n), formats.Binary, 3, c.vals)
		})
	}
}

func TestReadStream(t *testing.T) {
	gz := gzipBytes(t, []byte(smallText))
	p, err := ReadStream(context.Background(), bytes.NewReader(gz), "stdin",
		ReadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	checkDataset(t, p.Dataset, defaultNames(3), formats.Binary, 3, smallVals)
	zb := zipBytes(t, "x.txt", smallText)
	_, err = ReadStream(context.Background(), bytes.NewReader(zb), "stdin",
		ReadOptions{})
	wantInputError(t, err, "stdin: is a zip archive or Parquet file, which "+
		"can only be read from a file path (not from standard input or from "+
		"inside an archive)")
}

func TestReadContainerErrors(t *testing.T) {
	dir := t.TempDir()
	gz := gzipBytes(t, []byte(smallText))
	badCRC := append([]byte{}, gz...)
	badCRC[len(badCRC)-6] ^= 0xff // CRC-32 in the gzip trailer
	zb := zipBytes(t, "x.txt", smallText)
	cutZip := zb[:len(zb)-10] // end of central directory cut off
	for _, c := range []struct {
		name, file string
		b          []byte
		want       string // %s is the file's path
	}{
		{"corrupt gzip header", "x.gz", append([]byte{0x1f, 0x8b, 9}, gz[3:]...),
			"%s: corrupt gzip or deflate data: gzip: invalid header"},
		{"corrupt gzip checksum", "x.gz", badCRC,
			"%s: corrupt gzip or deflate data: gzip: invalid checksum"},
		{"truncated gzip", "x.gz", gz[:len(gz)-12],
			"%s: data ends early (truncated or corrupt file)"},
		{"gzip of gzip", "x.gz", gzipBytes(t, gz),
			"%s: holds gzip data inside gzip data; decompress it once first"},
		{"corrupt zip", "x.zip", cutZip,
			"%s: is not a readable zip archive: zip: not a valid zip file"},
		{"zip with several files", "x.zip", zipBytes(t, "a.txt", "1\n",
			"b.txt", "0\n", "c/", ""), "%s: zip archive holds 2 files (a.txt, " +
			"b.txt); spinfer reads an archive holding exactly one data file"},
		{"empty zip", "x.zip", zipBytes(t), "%s: zip archive holds no file"},
		{"zip of zip", "x.zip", zipBytes(t, "in.zip", string(zb)),
			"%s/in.zip: is a zip archive or Parquet file, which can only be " +
				"read from a file path (not from standard input or from inside " +
				"an archive)"},
		{"bad value inside zip", "x.zip", zipBytes(t, "in.txt", "1 0\n1 2\n"),
			`%s/in.txt:2:2: value "2" is outside the basis {0,1}`},
		{"Arrow IPC file format", "x.arrow", []byte("ARROW1\x00\x00"),
			"%s: is an Arrow IPC file; spinfer reads the Arrow IPC stream format"},
	} {
		t.Run(c.name, func(t *testing.T) {
			p := writeFile(t, c.file, c.b)
			_, err := Read(context.Background(), p, ReadOptions{})
			wantInputError(t, err, strings.ReplaceAll(c.want, "%s", p))
		})
	}
	_, err := Read(context.Background(), dir, ReadOptions{})
	wantInputError(t, err, dir+": is a directory, not a data file")
	missing := filepath.Join(dir, "missing.txt")
	_, err = Read(context.Background(), missing, ReadOptions{})
	wantInputError(t, err, missing+": does not exist")
}

func TestReadCorruptZipMember(t *testing.T) {
	// a stored (uncompressed) member whose bytes change after its CRC was
	// written: archive/zip reports a checksum error at the end of the data
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	w, err := zw.CreateHeader(&zip.FileHeader{Name: "x.txt", Method: zip.Store})
	if err != nil {
		t.Fatal(err)
	}
	w.Write([]byte(smallText))
	zw.Close()
	b := buf.Bytes()
	i := bytes.Index(b, []byte("0 0 1"))
	b[i] = '1'
	p := writeFile(t, "x.zip", b)
	_, err = Read(context.Background(), p, ReadOptions{})
	wantInputError(t, err, p+"/x.txt: corrupt or unsupported zip data: "+
		"zip: checksum error")
}

func TestReadCancelled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err := ReadText(ctx, strings.NewReader(smallText), "d.txt", ReadOptions{})
	if err != context.Canceled || IsInputError(err) {
		t.Fatalf("err = %v, want context.Canceled", err)
	}
}

// A file named like a binary format without its signature is read as text;
// when that fails, the error says the signature is missing.
func TestMisnamedBinaryFileSaysSignatureMissing(t *testing.T) {
	dir := t.TempDir()
	for _, name := range []string{"x.npy", "x.parquet", "x.txt.gz"} {
		path := filepath.Join(dir, name)
		if err := os.WriteFile(path, []byte("garbage\n"), 0o644); err != nil {
			t.Fatal(err)
		}
		_, err := Read(context.Background(), path, ReadOptions{})
		if err == nil || !strings.Contains(err.Error(), "signature") ||
			!strings.Contains(err.Error(), path) {
			t.Errorf("%s: err = %v, want one naming the file and the missing signature", name, err)
		}
	}
	// A text file with a binary extension still reads as text.
	path := filepath.Join(dir, "text.npy")
	if err := os.WriteFile(path, []byte(smallText), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := Read(context.Background(), path, ReadOptions{}); err != nil {
		t.Errorf("text named .npy: %v", err)
	}
}
