// Package sample is the sampling stage: it draws configurations from a
// trained model (the final one or a checkpoint) with Gibbs chains or
// parallel tempering and writes samples.parquet with the dataset's schema,
// so samples can be re-ingested and compared with the data.
//
// Defaults follow how the model was trained: a model trained with the
// non-persistent rdm protocol is sampled with its own k from uniform random
// starts — the regime in which it reproduces the data — unless told
// otherwise; other models run long chains towards equilibrium: 1000
// steps, or twice the mixing time that `spinfer mixing` measured on the
// same model (its manifest record holds the model's hash) when longer.
//
// References:
//
//	Agoritsas, Catania, Decelle, Seoane. Explaining the effects of
//	non-convergent sampling in the training of Energy-Based Models. ICML 2023.
package sample
