//go:build openblas && cgo

package rbm

// wantBackend is the backend a build with the openblas tag installs.
const wantBackend = "openblas"
