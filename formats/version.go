package formats

// SpinferVersion is written as spinfer.version into every artifact. The
// command line sets it at link time:
//
//	go build -ldflags "-X github.com/spinfer/spinfer/formats.SpinferVersion=1.2.3"
var SpinferVersion = "0.1.0-dev"
