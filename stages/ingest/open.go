package ingest

import (
	"archive/zip"
	"bufio"
	"bytes"
	"compress/flate"
	"compress/gzip"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"math"
	"os"
	"strings"
)

// File signatures, checked before file name extensions (which are never
// trusted).
var (
	magicGzip     = []byte{0x1f, 0x8b}
	magicZip      = []byte("PK\x03\x04")
	magicZipEmpty = []byte("PK\x05\x06")
	magicNPY      = []byte("\x93NUMPY")
	magicParquet  = []byte("PAR1")
	magicIPC      = []byte{0xff, 0xff, 0xff, 0xff} // stream continuation marker
	magicIPCFile  = []byte("ARROW1")
)

// Read reads the data file at path, or standard input when path is "-",
// into memory. The format is recognised by its first bytes (see the package
// documentation); name extensions are not used.
func Read(ctx context.Context, path string, o ReadOptions) (*Parsed, error) {
	if err := o.Validate(); err != nil {
		return nil, err
	}
	if path == "-" {
		return ReadStream(ctx, os.Stdin, "stdin", o)
	}
	return readFile(ctx, path, o)
}

// ReadStream reads a data stream from r: text, gzip-compressed text or
// .npy, a .npy array, or an Arrow IPC stream of a spinfer dataset. Zip
// archives and Parquet files need random access and are read by [Read]
// from a path. name labels errors.
func ReadStream(ctx context.Context, r io.Reader, name string, o ReadOptions) (
	*Parsed, error) {
	if err := o.Validate(); err != nil {
		return nil, err
	}
	return readStream(ctx, r, source{name: name, size: -1}, o)
}

// source names a stream being read: name for errors, prefix for the
// containers already opened ("zip/", "gzip/"), and size, the stream's
// length in bytes when known (else −1), to size the result up front.
type source struct {
	name, prefix string
	size         int64
}

func readFile(ctx context.Context, path string, o ReadOptions) (*Parsed, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, openErr(path, err)
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return nil, openErr(path, err)
	}
	if st.IsDir() {
		return nil, &InputError{File: path,
			Msg: "is a directory, not a data file"}
	}
	head := make([]byte, 8)
	n, err := f.ReadAt(head, 0)
	if err != nil && err != io.EOF {
		return nil, fmt.Errorf("ingest: %s: %w", path, err)
	}
	head = head[:n]
	switch {
	case bytes.HasPrefix(head, magicZip), bytes.HasPrefix(head, magicZipEmpty):
		return readZip(ctx, f, st.Size(), path, o)
	case bytes.HasPrefix(head, magicParquet):
		return readParquet(path, o)
	}
	return readStream(ctx, f, source{name: path, size: st.Size()}, o)
}

func openErr(path string, err error) error {
	msg := err.Error()
	var pe *fs.PathError
	if errors.As(err, &pe) {
		msg = pe.Err.Error()
	}
	if errors.Is(err, fs.ErrNotExist) {
		msg = "does not exist"
	}
	return &InputError{File: path, Msg: msg, Err: err}
}

// readStream recognises the stream's format by its first bytes. prefix
// names the containers already opened ("zip/", "gzip/", ...).
func readStream(ctx context.Context, r io.Reader, src source, o ReadOptions) (
	*Parsed, error) {
	name, prefix := src.name, src.prefix
	br := bufio.NewReaderSize(r, textBufferSize)
	head, err := br.Peek(8)
	if err != nil && err != io.EOF {
		return nil, readErr(name, err)
	}
	switch {
	case bytes.HasPrefix(head, magicGzip):
		if strings.Contains(prefix, "gzip/") {
			return nil, &InputError{File: name,
				Msg: "holds gzip data inside gzip data; decompress it once first"}
		}
		return readGzip(ctx, br, src, o)
	case bytes.HasPrefix(head, magicNPY):
		return readNPY(ctx, br, name, prefix+"npy", o)
	case bytes.HasPrefix(head, magicIPC):
		return readIPC(br, name, prefix+"arrow-ipc", o)
	case bytes.HasPrefix(head, magicZip), bytes.HasPrefix(head, magicZipEmpty),
		bytes.HasPrefix(head, magicParquet):
		return nil, &InputError{File: name, Msg: "is a zip archive or " +
			"Parquet file, which can only be read from a file path " +
			"(not from standard input or from inside an archive)"}
	case bytes.HasPrefix(head, magicIPCFile):
		return nil, &InputError{File: name, Msg: "is an Arrow IPC file; " +
			"spinfer reads the Arrow IPC stream format"}
	}
	m, err := readTextMatrix(ctx, br, src, newAlphabet(name, o))
	if err != nil {
		if strings.Contains(prefix, "gzip/") {
			return nil, err // name is the compressed file's, whose signature was there
		}
		return nil, misnamed(name, err)
	}
	return m.finish(name, prefix+"text", o, o.Transpose)
}

// binaryExts are name extensions of binary formats; a file so named that
// lacks the format's signature is read as text like any other.
var binaryExts = map[string]string{".npy": ".npy", ".parquet": "Parquet", ".gz": "gzip",
	".zip": "zip", ".arrow": "Arrow IPC"}

// misnamed completes a text reading error of a file whose name promises
// a binary format: the user thought it was one, and should learn that its
// signature is missing rather than only what the text reader saw.
func misnamed(name string, err error) error {
	var ie *InputError
	lower := strings.ToLower(name)
	for ext, format := range binaryExts {
		if strings.HasSuffix(lower, ext) && errors.As(err, &ie) {
			ie.Msg += fmt.Sprintf(" (read as text: the name ends in %s, but the file does "+
				"not start with the %s signature; damaged or misnamed?)", ext, format)
			return err
		}
	}
	return err
}

func readGzip(ctx context.Context, r io.Reader, src source, o ReadOptions) (
	*Parsed, error) {
	zr, err := gzip.NewReader(r)
	if err != nil {
		return nil, readErr(src.name, err)
	}
	defer zr.Close()
	src.prefix += "gzip/"
	src.size = -1
	return readStream(ctx, zr, src, o)
}

// readZip reads the one data file held by a zip archive, straight from the
// archive. Directory entries and macOS metadata (__MACOSX/) are ignored.
func readZip(ctx context.Context, f io.ReaderAt, size int64, path string,
	o ReadOptions) (*Parsed, error) {
	zr, err := zip.NewReader(f, size)
	if err != nil {
		return nil, &InputError{File: path,
			Msg: "is not a readable zip archive: " + err.Error(), Err: err}
	}
	var files []*zip.File
	for _, zf := range zr.File {
		if zf.FileInfo().IsDir() || strings.HasPrefix(zf.Name, "__MACOSX/") {
			continue
		}
		files = append(files, zf)
	}
	if len(files) != 1 {
		return nil, zipCountErr(path, files)
	}
	name := path + "/" + files[0].Name
	rc, err := files[0].Open()
	if err != nil {
		return nil, readErr(name, err)
	}
	defer rc.Close()
	n := int64(-1)
	if s := files[0].UncompressedSize64; s <= math.MaxInt64 {
		n = int64(s)
	}
	return readStream(ctx, rc, source{name: name, prefix: "zip/", size: n}, o)
}

func zipCountErr(path string, files []*zip.File) error {
	if len(files) == 0 {
		return &InputError{File: path, Msg: "zip archive holds no file"}
	}
	var names []string
	for i, zf := range files {
		if i == 5 {
			names = append(names, "...")
			break
		}
		names = append(names, zf.Name)
	}
	return &InputError{File: path, Msg: fmt.Sprintf(
		"zip archive holds %d files (%s); spinfer reads an archive "+
			"holding exactly one data file", len(files), strings.Join(names, ", "))}
}

// asInputError returns err as an *InputError when it comes from the
// content of the input (a corrupt or truncated compressed stream, a broken
// archive), or nil when it is an I/O or other failure.
func asInputError(name string, err error) *InputError {
	var ie *InputError
	if errors.As(err, &ie) {
		return ie
	}
	var fe flate.CorruptInputError
	msg := ""
	switch {
	case errors.Is(err, gzip.ErrHeader), errors.Is(err, gzip.ErrChecksum),
		errors.As(err, &fe):
		msg = "corrupt gzip or deflate data: " + err.Error()
	case errors.Is(err, zip.ErrFormat), errors.Is(err, zip.ErrChecksum),
		errors.Is(err, zip.ErrAlgorithm):
		msg = "corrupt or unsupported zip data: " + err.Error()
	case errors.Is(err, io.ErrUnexpectedEOF):
		msg = "data ends early (truncated or corrupt file)"
	default:
		return nil
	}
	return &InputError{File: name, Msg: msg, Err: err}
}

// readErr returns err as an *InputError when it comes from the input's
// content, else wrapped with the input's name.
func readErr(name string, err error) error {
	if ie := asInputError(name, err); ie != nil {
		return ie
	}
	return fmt.Errorf("ingest: %s: %w", name, err)
}
