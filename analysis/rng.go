package analysis

// PCG stream constants: every random choice of this package draws from
// rand.NewPCG(seed, stream) with its own stream, so that changing one
// setting never shifts the random numbers used by another.
const (
	streamTriplets uint64 = 0x7472697000000001 + iota
	streamAAData
	streamAASamples
)
