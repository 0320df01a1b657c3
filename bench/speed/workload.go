package main

import (
	"bufio"
	"compress/gzip"
	"encoding/binary"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/spinfer/spinfer/formats"
	"github.com/spinfer/spinfer/internal/npy"
)

// Workload is one training problem timed by every tool: the data, the RBM
// shape and the PCD settings (k = 1 and chains = batch, sklearn's only
// protocol).
type Workload struct {
	// Name identifies the workload in results ("ising8", "hgd", "mnist").
	Name string
	// Desc describes the data for the report.
	Desc string
	// Hidden is M; Batch the minibatch size (and the number of
	// persistent chains); K the Gibbs steps per update.
	Hidden, Batch, K int
	// Updates is the number of timed updates, Warmup the untimed updates
	// before them (each tool). Updates is at most one epoch or a whole
	// number of epochs (sklearn's fit walks whole epochs).
	Updates, Warmup int
	// GibbsSteps is the number of Gibbs steps of the sampling
	// throughput measurement (Batch chains).
	GibbsSteps int
}

// Fashion-MNIST as installed by Debian's dataset-fashion-mnist.
const mnistImages = "/usr/share/datasets/fashion-mnist/train-images-idx3-ubyte.gz"

// workloads returns the benchmark's workloads, with short settings when
// quick is set.
func workloads(quick bool) []Workload {
	w := []Workload{
		{Name: "ising8", Desc: "8×8 Ising fixture, 10000 rows (±1 → 0/1), N = 64",
			Hidden: 32, Batch: 100, K: 1, Updates: 1000, Warmup: 20, GibbsSteps: 10000},
		{Name: "hgd", Desc: "HGD fixture, 4500 rows × 805 SNPs",
			Hidden: 200, Batch: 100, K: 1, Updates: 225, Warmup: 5, GibbsSteps: 500},
		{Name: "mnist", Desc: "Fashion-MNIST train images, 60000 rows × 784 pixels " +
			"binarised at > 127",
			Hidden: 500, Batch: 1000, K: 1, Updates: 30, Warmup: 2, GibbsSteps: 20},
	}
	if quick {
		for i := range w {
			w[i].Updates = max(w[i].Updates/10, 4)
			w[i].Warmup = min(w[i].Warmup, 2)
			w[i].GibbsSteps = max(w[i].GibbsSteps/10, 4)
		}
	}
	return w
}

// findWorkload returns the workload called name.
func findWorkload(list []Workload, name string) (Workload, error) {
	for _, w := range list {
		if w.Name == name {
			return w, nil
		}
	}
	return Workload{}, fmt.Errorf("speed: no workload %q", name)
}

// loadData returns the workload's rows×n data in {0,1}.
func loadData(name string) (data []int8, n int, err error) {
	switch name {
	case "ising8", "hgd":
		d, err := formats.ReadDataset(filepath.Join("fixtures", name, "dataset.parquet"))
		if err != nil {
			return nil, 0, fmt.Errorf("speed: %s: %w", name, err)
		}
		if d.Basis == formats.Ising {
			for k, x := range d.Values {
				d.Values[k] = (x + 1) / 2
			}
		}
		return d.Values, d.N(), nil
	case "mnist":
		return readIDXImages(mnistImages)
	}
	return nil, 0, fmt.Errorf("speed: no data for workload %q", name)
}

// readIDXImages reads a gzipped IDX3 image file (magic 0x00000803, then
// the image count, rows and columns as big-endian uint32, then one byte
// per pixel) and binarises each pixel to 1 when it exceeds 127.
func readIDXImages(path string) ([]int8, int, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, 0, fmt.Errorf("speed: %w (apt-get install dataset-fashion-mnist)", err)
	}
	defer f.Close()
	z, err := gzip.NewReader(f)
	if err != nil {
		return nil, 0, fmt.Errorf("speed: %s: %w", path, err)
	}
	r := bufio.NewReader(z)
	var hdr [4]uint32
	if err := binary.Read(r, binary.BigEndian, &hdr); err != nil {
		return nil, 0, fmt.Errorf("speed: %s header: %w", path, err)
	}
	if hdr[0] != 0x803 {
		return nil, 0, fmt.Errorf("speed: %s: magic %#x, want 0x803", path, hdr[0])
	}
	rows, n := int(hdr[1]), int(hdr[2]*hdr[3])
	px := make([]byte, rows*n)
	if _, err := io.ReadFull(r, px); err != nil {
		return nil, 0, fmt.Errorf("speed: %s pixels: %w", path, err)
	}
	data := make([]int8, len(px))
	for k, p := range px {
		if p > 127 {
			data[k] = 1
		}
	}
	return data, n, nil
}

// writeNPY writes rows×n data as a uint8 .npy file for the Python peers.
func writeNPY(path string, data []int8, n int) error {
	a := &npy.Array{Shape: []int{len(data) / n, n}, Data: make([]float64, len(data)),
		DType: npy.DType{Kind: 'u', Size: 1, Order: binary.LittleEndian}}
	for k, x := range data {
		a.Data[k] = float64(x)
	}
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	w := bufio.NewWriter(f)
	if err := npy.Write(w, a); err != nil {
		f.Close()
		return fmt.Errorf("speed: writing %s: %w", path, err)
	}
	if err := w.Flush(); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}
