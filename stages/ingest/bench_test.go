package ingest

import (
	"context"
	"os"
	"path/filepath"
	"runtime"
	"runtime/metrics"
	"sync"
	"testing"
	"time"
)

// hgdTextBytes is the size of the text inside the HGD zip (README of
// shared/data: 90 MB unzipped).
const hgdTextBytes = 90562500

// heapPeak samples the live-and-unswept heap while a measurement runs.
type heapPeak struct {
	stop chan struct{}
	wg   sync.WaitGroup
	peak uint64
}

const heapMetric = "/memory/classes/heap/objects:bytes"

func heapNow() uint64 {
	s := []metrics.Sample{{Name: heapMetric}}
	metrics.Read(s)
	return s[0].Value.Uint64()
}

func startHeapPeak() *heapPeak {
	h := &heapPeak{stop: make(chan struct{})}
	h.wg.Add(1)
	go func() {
		defer h.wg.Done()
		tick := time.NewTicker(200 * time.Microsecond)
		defer tick.Stop()
		for {
			h.peak = max(h.peak, heapNow())
			select {
			case <-h.stop:
				return
			case <-tick.C:
			}
		}
	}()
	return h
}

func (h *heapPeak) end() uint64 {
	close(h.stop)
	h.wg.Wait()
	return max(h.peak, heapNow())
}

// BenchmarkIngestHGD reads the 90 MB HGD text straight from its zip,
// transposed to 4500 configurations × 805 variables (3.6 MB of int8). It
// reports the text throughput (MB/s) and the peak heap above the heap
// before the run, which should stay near the result's size.
func BenchmarkIngestHGD(b *testing.B) {
	path := filepath.Join(sharedData(b), hgdFile)
	if _, err := os.Stat(path); err != nil {
		b.Skipf("HGD file absent: %v", err)
	}
	b.SetBytes(hgdTextBytes)
	b.ReportAllocs()
	runtime.GC()
	base := heapNow()
	h := startHeapPeak()
	for b.Loop() {
		p, err := Read(context.Background(), path, ReadOptions{Transpose: true})
		if err != nil {
			b.Fatal(err)
		}
		if p.Dataset.Rows != 4500 {
			b.Fatal("wrong shape")
		}
	}
	peak := h.end()
	b.ReportMetric(float64(peak-base)/1e6, "peak-heap-MB")
}

// BenchmarkIngestIsing reads the 1.6 MB Ising text (10000×64).
func BenchmarkIngestIsing(b *testing.B) {
	path := filepath.Join(sharedData(b), isingFile)
	st, err := os.Stat(path)
	if err != nil {
		b.Skipf("Ising file absent: %v", err)
	}
	b.SetBytes(st.Size())
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Read(context.Background(), path, ReadOptions{}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkParseSpin measures the fast path on the HGD spelling.
func BenchmarkParseSpin(b *testing.B) {
	tok := []byte("1.000000000000000000e+00")
	b.SetBytes(int64(len(tok)))
	for b.Loop() {
		if v, ok := parseSpin(tok); !ok || v != 1 {
			b.Fatal("parse")
		}
	}
}

// BenchmarkRunHGD runs the whole stage on the HGD zip: read, transpose,
// hash the input and write dataset.parquet through package formats.
func BenchmarkRunHGD(b *testing.B) {
	path := filepath.Join(sharedData(b), hgdFile)
	if _, err := os.Stat(path); err != nil {
		b.Skipf("HGD file absent: %v", err)
	}
	b.SetBytes(hgdTextBytes)
	b.ReportAllocs()
	runtime.GC()
	base := heapNow()
	h := startHeapPeak()
	for b.Loop() {
		_, err := Run(context.Background(), Options{Input: path,
			RunDir: b.TempDir(), Transpose: true}, nil)
		if err != nil {
			b.Fatal(err)
		}
	}
	peak := h.end()
	b.ReportMetric(float64(peak-base)/1e6, "peak-heap-MB")
}
