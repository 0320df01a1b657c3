package pipeline

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"strings"
)

// Emit describes how batch jobs call spinfer for a sweep. Every job runs
// one `spinfer run PIPELINE` command: --upstream for the shared stages,
// --point I for grid point I, --summary for the table across runs.
type Emit struct {
	// Spinfer is the spinfer binary the jobs run (an absolute path is
	// safest: batch jobs do not share the submitting shell's PATH).
	Spinfer string
	// Pipeline is the pipeline file (absolute path).
	Pipeline string
	// Run, when set, is passed as --run (replacing the file's run:).
	Run string
	// WorkDir is the directory the jobs start in.
	WorkDir string
	// Name is the job name.
	Name string
	// Points is the number of grid points.
	Points int
}

// command returns the shell command of one job; arg is --upstream,
// --summary or --point followed by the index expression (left unquoted).
func (e Emit) command(arg string) string {
	parts := []string{ShellQuote(e.Spinfer), "run", ShellQuote(e.Pipeline)}
	if e.Run != "" {
		parts = append(parts, "--run", ShellQuote(e.Run))
	}
	return strings.Join(append(parts, arg), " ")
}

// ShellQuote quotes s for a POSIX shell: unchanged when it holds only
// safe characters, else in single quotes (a ' becomes '\”).
func ShellQuote(s string) string {
	safe := s != ""
	for _, r := range s {
		if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' ||
			strings.ContainsRune("@%_+=:,./-", r)) {
			safe = false
			break
		}
	}
	if safe {
		return s
	}
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}

// Slurm writes a bash script that submits the sweep to Slurm with sbatch:
// a job for the upstream stages, a job array of e.Points tasks (task I
// runs point I) that starts once the upstream job succeeded
// (--dependency=afterok), and a summary job after the array ended
// (afterany, so failed runs show in the table).
func (e Emit) Slurm(w io.Writer) error {
	var b bytes.Buffer
	fmt.Fprintf(&b, "#!/usr/bin/env bash\n"+
		"# Slurm submission of the spinfer sweep %s: %d runs.\n"+
		"# Written by `spinfer sweep --emit slurm`; submit with: bash THIS_FILE\n"+
		"# Jobs: upstream stages once, then a job array (task I = grid point I),\n"+
		"# then the summary table. Add #SBATCH lines (partition, time, memory) as\n"+
		"# your cluster needs; each run uses all the CPUs its job is given.\n"+
		"set -euo pipefail\ncd -- %s\n\n", e.Pipeline, e.Points, ShellQuote(e.WorkDir))
	e.job(&b, "upstream", "", "", e.command("--upstream"))
	e.job(&b, "array", "afterok:\"$upstream\"", fmt.Sprintf("#SBATCH --array=0-%d\n", e.Points-1),
		e.command(`--point "$SLURM_ARRAY_TASK_ID"`))
	e.job(&b, "summary", "afterany:\"$array\"", "", e.command("--summary"))
	fmt.Fprintf(&b, "echo \"submitted: upstream job $upstream, array job $array (%d tasks), "+
		"summary job $summary\"\n", e.Points)
	_, err := w.Write(b.Bytes())
	return err
}

// job writes one sbatch submission whose job id lands in the shell
// variable v; the batch script is a quoted here-document, so nothing in
// it is expanded at submission.
func (e Emit) job(b *bytes.Buffer, v, dependency, directives, cmd string) {
	dep := ""
	if dependency != "" {
		dep = " --dependency=" + dependency
	}
	fmt.Fprintf(b, "%s=$(sbatch --parsable%s <<'SPINFER_JOB'\n#!/usr/bin/env bash\n"+
		"#SBATCH --job-name=%s-%s\n%sset -euo pipefail\ncd -- %s\n%s\nSPINFER_JOB\n)\n%s=${%s%%%%;*}\n\n",
		v, dep, jobName(e.Name), v, directives, ShellQuote(e.WorkDir), cmd, v, v)
}

// jobName keeps a job name to letters, digits, - and _.
func jobName(s string) string {
	s = strings.Map(func(r rune) rune {
		if r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '-' {
			return r
		}
		return '_'
	}, s)
	if s == "" {
		return "spinfer"
	}
	return s
}

// Taskfile writes a Taskfile (taskfile.dev, v3) equivalent to the Slurm
// script: task upstream runs once, task point-I depends on it, task runs
// depends on every point (task runs dependencies in parallel; limit them
// with task --concurrency N), and the default task runs them all, then
// the summary.
func (e Emit) Taskfile(w io.Writer) error {
	var b bytes.Buffer
	dir := yamlString(e.WorkDir)
	fmt.Fprintf(&b, "# Taskfile of the spinfer sweep %s: %d runs.\n"+
		"# Written by `spinfer sweep --emit taskfile`. Run everything with\n"+
		"#   task -t THIS_FILE --concurrency 1      (raise it to run points in parallel)\n"+
		"# or one run with: task -t THIS_FILE point-I\n"+
		"version: '3'\n\ntasks:\n", e.Pipeline, e.Points)
	fmt.Fprintf(&b, "  default:\n    desc: every run of the sweep, then the summary table\n"+
		"    cmds:\n      - task: runs\n      - task: summary\n\n")
	fmt.Fprintf(&b, "  upstream:\n    desc: the shared upstream stages (dataset, truth)\n"+
		"    run: once\n    dir: %s\n    cmds:\n      - %s\n\n", dir,
		yamlString(e.command("--upstream")))
	deps := make([]string, e.Points)
	for i := range e.Points {
		deps[i] = fmt.Sprintf("point-%d", i)
		fmt.Fprintf(&b, "  point-%d:\n    desc: grid point %d\n    deps: [upstream]\n"+
			"    dir: %s\n    cmds:\n      - %s\n\n", i, i, dir,
			yamlString(e.command(fmt.Sprintf("--point %d", i))))
	}
	fmt.Fprintf(&b, "  runs:\n    desc: every grid point\n    deps: [%s]\n\n",
		strings.Join(deps, ", "))
	fmt.Fprintf(&b, "  summary:\n    desc: summary.parquet and summary.md across runs\n"+
		"    dir: %s\n    cmds:\n      - %s\n", dir, yamlString(e.command("--summary")))
	_, err := w.Write(b.Bytes())
	return err
}

// yamlString returns s as a YAML double-quoted scalar (JSON's string
// syntax is valid YAML).
func yamlString(s string) string {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	enc.Encode(s)
	return strings.TrimSuffix(b.String(), "\n")
}
