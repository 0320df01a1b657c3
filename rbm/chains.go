package rbm

// chainBlock is the number of chains that share one random stream and are
// updated by one goroutine. It is fixed so that the draws of every chain
// do not depend on GOMAXPROCS.
const chainBlock = 32

// temp scales the energy seen by one replica: the hidden input is
// w·(c + vᵀW) and the visible input w·(Wh) + b·bias. Parallel tempering
// uses w = b = β (energy scaled by β); annealed importance sampling uses
// w = β, b = 1 (only W and c interpolated).
type temp struct{ w, b float64 }

// chains holds reps replicas of per Markov chains each, replica-major:
// row r·per + n of v (rows×N) and h (rows×M) is chain n of replica r.
// actH caches vᵀW (rows×M, no bias) for the current v and parameters while
// fresh is set.
type chains[T Float] struct {
	n, m, per, reps int
	ising           bool
	v, h            []T
	actH, actV      []T
	fresh           bool
	energy          []float64 // scratch for swaps
	rngs            []*stream
	ubuf            [][]float64
	qbuf            [][]float32 // per-block scratch of drawRow
}

// newChains allocates chains with all units off; the random stream of
// block k is (seed, purpose, k).
func newChains[T Float](n, m, per, reps int, visible Visible, seed, purpose uint64) *chains[T] {
	rows := per * reps
	c := &chains[T]{n: n, m: m, per: per, reps: reps, ising: visible == Ising,
		v: make([]T, rows*n), h: make([]T, rows*m),
		actH: make([]T, rows*m), actV: make([]T, rows*n),
		rngs: newStreams(seed, purpose, blocks(per, chainBlock)),
	}
	c.ubuf = make([][]float64, len(c.rngs))
	c.qbuf = make([][]float32, len(c.rngs))
	for k := range c.ubuf {
		c.ubuf[k] = make([]float64, max(n, m))
		c.qbuf[k] = make([]float32, max(n, m))
	}
	if c.ising {
		for k := range c.v {
			c.v[k] = -1
		}
	}
	return c
}

func (c *chains[T]) rows() int { return c.per * c.reps }

// blockRange returns the chains [lo,hi) of block k.
func (c *chains[T]) blockRange(k int) (int, int) {
	return k * chainBlock, min((k+1)*chainBlock, c.per)
}

// randomize draws every v and h uniformly.
func (c *chains[T]) randomize() {
	parallelFor(len(c.rngs), func(k int) {
		lo, hi := c.blockRange(k)
		for r := range c.reps {
			for j := lo; j < hi; j++ {
				row := r*c.per + j
				c.fillUniformRow(k, c.v[row*c.n:(row+1)*c.n], c.ising)
				c.fillUniformRow(k, c.h[row*c.m:(row+1)*c.m], false)
			}
		}
	})
	c.fresh = false
}

// fillUniformRow sets x to a uniform configuration drawn from block k.
func (c *chains[T]) fillUniformRow(k int, x []T, ising bool) {
	u := c.ubuf[k][:len(x)]
	c.rngs[k].fillUniform(u)
	for j := range x {
		x[j] = unit[T](below(u[j], 0.5), ising)
	}
}

// unit maps a drawn bit to a unit value: {0,1}, or {−1,+1} when ising.
func unit[T Float](bit uint64, ising bool) T {
	if ising {
		return T(2*int(bit) - 1)
	}
	return T(bit)
}

// refresh computes actH = vᵀW for all rows.
func (c *chains[T]) refresh(p *Params[T]) {
	if !c.fresh {
		gemm(false, false, c.rows(), c.m, c.n, 1, c.v, c.n, p.W, c.m, 0, c.actH, c.m)
		c.fresh = true
	}
}

// gibbs performs one Gibbs step on every chain: h ~ p(h|v), then
// v ~ p(v|h), replica r seeing temperature temps[r] (nil: all at 1).
func (c *chains[T]) gibbs(p *Params[T], temps []temp) { c.gibbsSteps(p, temps, 1) }

// gibbsSteps performs k Gibbs steps on every chain with fixed parameters.
// Each group of chain blocks (see groupSize) runs all k steps in one
// goroutine (chains do not interact): one product for the group's rows,
// then the draws of each block from its own stream, so the draws of a
// block are those of k calls to gibbs. On return actH holds vᵀW for the
// final states (fresh).
func (c *chains[T]) gibbsSteps(p *Params[T], temps []temp, k int) {
	if k < 1 {
		return
	}
	fresh, g := c.fresh, c.groupSize()
	groups := blocks(len(c.rngs), g)
	parallelFor(groups, func(grp int) {
		b0, b1 := grp*g, min((grp+1)*g, len(c.rngs))
		for s := range k {
			if s > 0 || !fresh {
				c.groupProduct(p, b0, b1, groups > 1, false)
			}
			for b := b0; b < b1; b++ {
				c.sampleHidden(p, b, temps)
			}
			c.groupProduct(p, b0, b1, groups > 1, true)
			for b := b0; b < b1; b++ {
				c.sampleVisible(p, b, temps)
			}
		}
		c.groupProduct(p, b0, b1, groups > 1, false)
	})
	c.fresh = true
}

// pcdSteps performs k Gibbs steps on persistent chains whose state is a
// pair (v, h) with h drawn from p(h|v): each step draws v ~ p(v|h) and
// then h ~ p(h|v), two products. Starting from the kept h saves the
// product that gibbsSteps spends on the hidden input of a stale v after a
// parameter update: a PCD-k update costs 2k chain products instead of
// 2k+1. The chain is the same alternating Gibbs chain; only the point at
// which the parameters change (between the h draw and the next v draw) is
// moved. On return actH holds vᵀW and mh (rows×M) holds p(h=1|v) of the
// final states, the probabilities from which the final h was drawn.
func (c *chains[T]) pcdSteps(p *Params[T], k int, mh []T) {
	runTasks(c.pcdTasks(p, k, mh, true))
}

// pcdTasks returns the work of pcdSteps as one task per group of chain
// blocks, for running together with other work (runTasks); alone reports
// that no other task runs beside them. The chains count as fresh from
// this call on: the tasks must run before anything reads the chains.
func (c *chains[T]) pcdTasks(p *Params[T], k int, mh []T, alone bool) tasks {
	mustLen(len(mh), c.rows()*c.m, "mh")
	if c.reps != 1 {
		panic("rbm: pcdSteps on several replicas")
	}
	if k < 1 {
		return tasks{}
	}
	g := c.groupSize()
	groups := blocks(len(c.rngs), g)
	serial := groups > 1 || !alone
	c.fresh = true
	return tasks{groups, func(grp int) {
		b0, b1 := grp*g, min((grp+1)*g, len(c.rngs))
		for range k {
			c.groupProduct(p, b0, b1, serial, true)
			for b := b0; b < b1; b++ {
				c.sampleVisible(p, b, nil)
			}
			c.groupProduct(p, b0, b1, serial, false)
			for b := b0; b < b1; b++ {
				c.sampleHiddenProbs(p, b, mh)
			}
		}
	}}
}

// sampleHiddenProbs draws h ~ p(h|v) at β = 1 for the chains of block b
// (one replica) and writes the probabilities p(h=1|v) to the same rows of
// mh.
func (c *chains[T]) sampleHiddenProbs(p *Params[T], b int, mh []T) {
	lo, hi := c.blockRange(b)
	for j := lo; j < hi; j++ {
		r := j * c.m
		drawHiddenProbs(c.h[r:r+c.m], mh[r:r+c.m], c.actH[r:r+c.m], p.C, c.rngs[b])
	}
}

// Chain blocks are grouped for the products so that a large batch of
// chains multiplies W in a few large products (a BLAS packs W once per
// call) while keeping at least minGroups groups to share among cores.
const (
	minGroups      = 4
	maxGroupBlocks = 256 / chainBlock
)

// groupSize returns the number of consecutive chain blocks whose products
// run as one; it depends only on the number of chains.
func (c *chains[T]) groupSize() int {
	return max(1, min(maxGroupBlocks, len(c.rngs)/minGroups))
}

// groupProduct computes, for the rows of blocks [b0,b1) in every replica,
// actH = vᵀW (rows×M) or, when visible is set, actV = W h (rows×N). When
// serial is set (the groups already run on their own goroutines) the
// products stay on the calling goroutine (gemmSerial: same result, no
// allocation).
func (c *chains[T]) groupProduct(p *Params[T], b0, b1 int, serial, visible bool) {
	mul := gemm[T]
	if serial {
		mul = gemmSerial[T]
	}
	lo, _ := c.blockRange(b0)
	_, hi := c.blockRange(b1 - 1)
	for r := range c.reps {
		row := r*c.per + lo
		if visible {
			mul(false, true, hi-lo, c.n, c.m, 1, c.h[row*c.m:], c.m, p.W, c.m,
				0, c.actV[row*c.n:], c.n)
		} else {
			mul(false, false, hi-lo, c.m, c.n, 1, c.v[row*c.n:], c.n, p.W, c.m,
				0, c.actH[row*c.m:], c.m)
		}
	}
}

func tempOf(temps []temp, r int) temp {
	if temps == nil {
		return temp{1, 1}
	}
	return temps[r]
}

// sampleHidden draws h ~ p(h|v) for the chains of block b:
//
//	p(h_a = 1 | v) = σ(β(c_a + Σ_i v_i W_ia))
func (c *chains[T]) sampleHidden(p *Params[T], b int, temps []temp) {
	lo, hi := c.blockRange(b)
	for r := range c.reps {
		bw := tempOf(temps, r).w
		for j := lo; j < hi; j++ {
			row := r*c.per + j
			drawRow(c.h[row*c.m:(row+1)*c.m], c.actH[row*c.m:(row+1)*c.m], p.C,
				1, bw, bw, false, c.rngs[b], c.qbuf[b])
		}
	}
}

// sampleVisible draws v ~ p(v|h) for the chains of block b:
//
//	p(v_i = up | h) = σ(s(β_w Σ_a W_ia h_a + β_b b_i)),  s = 2 (Ising) or 1
func (c *chains[T]) sampleVisible(p *Params[T], b int, temps []temp) {
	lo, hi := c.blockRange(b)
	s := p.upScale()
	for r := range c.reps {
		t := tempOf(temps, r)
		for j := lo; j < hi; j++ {
			row := r*c.per + j
			drawRow(c.v[row*c.n:(row+1)*c.n], c.actV[row*c.n:(row+1)*c.n], p.B,
				s, t.w, t.b, c.ising, c.rngs[b], c.qbuf[b])
		}
	}
}

// energiesTo writes the joint energy E(v,h) of rows [lo,hi) into dst.
func (c *chains[T]) energiesTo(dst []float64, p *Params[T], lo, hi int) {
	c.refresh(p)
	for row := lo; row < hi; row++ {
		v, h := c.v[row*c.n:(row+1)*c.n], c.h[row*c.m:(row+1)*c.m]
		act := c.actH[row*c.m : (row+1)*c.m]
		e := 0.0
		for i, vi := range v {
			e -= float64(p.B[i]) * float64(vi)
		}
		for a, ha := range h {
			e -= (float64(p.C[a]) + float64(act[a])) * float64(ha)
		}
		dst[row-lo] = e
	}
}

// swapRows exchanges the configurations of rows r1 and r2.
func (c *chains[T]) swapRows(r1, r2 int) {
	swapSlices(c.v[r1*c.n:(r1+1)*c.n], c.v[r2*c.n:(r2+1)*c.n])
	swapSlices(c.h[r1*c.m:(r1+1)*c.m], c.h[r2*c.m:(r2+1)*c.m])
	swapSlices(c.actH[r1*c.m:(r1+1)*c.m], c.actH[r2*c.m:(r2+1)*c.m])
}

func swapSlices[T any](a, b []T) {
	for k := range a {
		a[k], b[k] = b[k], a[k]
	}
}

// copyRow copies the configuration of row src of o into row dst of c.
func (c *chains[T]) copyRow(dst int, o *chains[T], src int) {
	copy(c.v[dst*c.n:(dst+1)*c.n], o.v[src*c.n:(src+1)*c.n])
	copy(c.h[dst*c.m:(dst+1)*c.m], o.h[src*c.m:(src+1)*c.m])
	c.fresh = false
}

// resampleRows replaces chain j of a one-replica set by chain idx[j].
func (c *chains[T]) resampleRows(idx []int) {
	old := &chains[T]{n: c.n, m: c.m, v: append([]T(nil), c.v...), h: append([]T(nil), c.h...)}
	for j, k := range idx {
		c.copyRow(j, old, k)
	}
}

// replicaV returns the visible rows of replica r (per×N).
func (c *chains[T]) replicaV(r int) []T {
	return c.v[r*c.per*c.n : (r+1)*c.per*c.n]
}

// replicaAct returns the cached vᵀW rows of replica r (per×M).
func (c *chains[T]) replicaAct(r int) []T {
	return c.actH[r*c.per*c.m : (r+1)*c.per*c.m]
}
