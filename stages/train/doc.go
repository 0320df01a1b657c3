// Package train is the training stage: it fits an RBM to a run directory's
// dataset with one of the chain protocols of package rbm, logs metrics,
// takes log-spaced checkpoints that hold everything needed to resume, and
// writes the final model.
//
// # Outputs
//
//	model/                    the final model (formats.WriteModel)
//	checkpoints/<update>/     model files plus state.gob (trainer state)
//	metrics.parquet           one row per logged update (see Metrics columns)
//
// A run interrupted by SIGINT or SIGTERM writes a checkpoint of the last
// completed update before returning; Resume continues from the newest
// checkpoint and, at float64, reaches bit for bit the parameters of an
// uninterrupted run with the same seed. DescribeState prints what a
// checkpoint's state.gob holds, for spinfer inspect.
//
// References:
//
//	Decelle, Furtlehner, Seoane. Equilibrium and non-equilibrium regimes in
//	the learning of Restricted Boltzmann Machines. NeurIPS 2021.
package train
