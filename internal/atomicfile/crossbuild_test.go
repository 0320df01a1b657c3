package atomicfile

import (
	"go/ast"
	"go/build"
	"go/importer"
	"go/parser"
	"go/token"
	"go/types"
	"path/filepath"
	"testing"
)

// The package type-checks on the systems spinfer builds for, not only on
// the one running the test (syscall.Umask exists on Unix systems only).
// The standard library is type-checked from source for each target, which
// needs no cross-compiled cache and takes about a second per system.
func TestTypeChecksOnOtherSystems(t *testing.T) {
	for _, goos := range []string{"windows", "darwin", "plan9"} {
		ctx := build.Default
		ctx.GOOS, ctx.GOARCH, ctx.CgoEnabled = goos, "amd64", false
		pkg, err := ctx.ImportDir(".", 0)
		if err != nil {
			t.Fatalf("%s: %v", goos, err)
		}
		fset := token.NewFileSet()
		var files []*ast.File
		for _, name := range pkg.GoFiles {
			f, err := parser.ParseFile(fset, filepath.Join(pkg.Dir, name), nil, 0)
			if err != nil {
				t.Fatal(err)
			}
			files = append(files, f)
		}
		// The source importer resolves imports with build.Default.
		saved := build.Default
		build.Default = ctx
		conf := types.Config{Importer: importer.ForCompiler(fset, "source", nil)}
		_, err = conf.Check(pkg.ImportPath, fset, files, nil)
		build.Default = saved
		if err != nil {
			t.Errorf("GOOS=%s: %v", goos, err)
		}
	}
}
