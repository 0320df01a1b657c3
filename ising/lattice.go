package ising

import (
	"fmt"
	"slices"
)

// LatticeSites returns L^dim, the number of sites of a dim-dimensional
// lattice of side L.
func LatticeSites(L, dim int) int {
	n := 1
	for range dim {
		n *= L
	}
	return n
}

// LatticeNeighbours returns the nearest-neighbour pairs of the periodic
// hypercubic lattice of side L in dim dimensions, each pair once as (i, j)
// with i < j, sorted. Sites are numbered row-major: in 2D site (row, col) is
// L·row + col, in 3D (layer, row, col) is L²·layer + L·row + col. The
// wrap-around pairs (col L−1 with col 0, …) are included, so there are
// dim·L^dim pairs.
//
// It panics unless L ≥ 3 and dim ≥ 1: for L = 2 the forward bond and the
// wrap-around bond join the same two sites, so the lattice would count that
// pair twice (a coupling 2J), and for L = 1 a site would be its own
// neighbour. Builders check L and return an error instead.
func LatticeNeighbours(L, dim int) [][2]int32 {
	if L < 3 || dim < 1 {
		panic(fmt.Sprintf("ising: LatticeNeighbours(L=%d, dim=%d), want L ≥ 3, dim ≥ 1",
			L, dim))
	}
	n := LatticeSites(L, dim)
	pairs := make([][2]int32, 0, dim*n)
	for i := range n {
		stride := 1
		for range dim {
			coord := (i / stride) % L
			j := i + stride
			if coord == L-1 {
				j = i - (L-1)*stride
			}
			pairs = append(pairs, [2]int32{int32(min(i, j)), int32(max(i, j))})
			stride *= L
		}
	}
	slices.SortFunc(pairs, func(a, b [2]int32) int {
		if a[0] != b[0] {
			return int(a[0] - b[0])
		}
		return int(a[1] - b[1])
	})
	return pairs
}

// LatticePlaquettes returns the L² elementary squares of the periodic 2D
// lattice of side L (row-major sites, as in [LatticeNeighbours]): the
// square with top-left corner (r, c) joins (r, c), (r, c+1), (r+1, c) and
// (r+1, c+1), indices modulo L, each given in increasing order. It panics
// unless L ≥ 3 (for L = 2 every square would appear twice).
func LatticePlaquettes(L int) [][4]int32 {
	if L < 3 {
		panic(fmt.Sprintf("ising: LatticePlaquettes(L=%d), want L ≥ 3", L))
	}
	out := make([][4]int32, 0, L*L)
	for r := range L {
		for c := range L {
			r1, c1 := (r+1)%L, (c+1)%L
			p := [4]int32{
				int32(L*r + c), int32(L*r + c1), int32(L*r1 + c), int32(L*r1 + c1),
			}
			slices.Sort(p[:])
			out = append(out, p)
		}
	}
	return out
}
