//go:build !(openblas && cgo)

package rbm

// wantBackend is the backend a build without the openblas tag installs.
const wantBackend = "gonum"
