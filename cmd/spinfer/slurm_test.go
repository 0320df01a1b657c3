//go:build unix

package main

import (
	"fmt"
	"net"
	"os"
	"os/exec"
	"os/user"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"
)

// The emitted Slurm script on a real single-node Slurm started here, on
// loopback only: munged, slurmctld and slurmd from Debian's slurm-wlm and
// munge packages, run as root. Opt-in (it needs root and the packages):
//
//	apt-get install slurm-wlm munge
//	SPINFER_SLURM_TEST=1 go test ./cmd/spinfer -run Slurm -v
//
// The test binary stands in for spinfer in the jobs (see TestMain).
func TestSweepSlurmSingleNode(t *testing.T) {
	if os.Getenv("SPINFER_SLURM_TEST") != "1" {
		t.Skip("set SPINFER_SLURM_TEST=1 (root, slurm-wlm and munge installed) for a real Slurm")
	}
	dir := t.TempDir()
	conf := startSlurm(t, dir)
	env := append(os.Environ(), "SLURM_CONF="+conf, "SPINFER_AS_MAIN=1")

	p := tinyPipeline(t, "sweep-ising8.yaml", true)
	script := filepath.Join(filepath.Dir(p), "submit.sh")
	exe, _ := os.Executable()
	t.Chdir(filepath.Dir(p)) // the jobs' working directory, where slurm-*.out go
	if code, _, stderr := spinfer(t, "sweep", p, "--emit", "slurm", "-o", script,
		"--spinfer", exe); code != 0 {
		t.Fatal(stderr)
	}
	cmd := exec.Command("bash", script)
	cmd.Dir, cmd.Env = filepath.Dir(p), env
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("submitting: %v\n%s", err, out)
	}
	t.Logf("%s", out)
	waitFor(t, 180*time.Second, "the jobs to finish", func() bool {
		q := exec.Command("squeue", "-h")
		q.Env = env
		b, err := q.Output()
		return err == nil && strings.TrimSpace(string(b)) == ""
	})
	md, err := os.ReadFile(filepath.Join(filepath.Dir(p), "run", "summary.md"))
	if err != nil || strings.Count(string(md), " | ok | ") != 2 {
		logs, _ := filepath.Glob(filepath.Join(filepath.Dir(p), "slurm-*.out"))
		for _, l := range logs {
			b, _ := os.ReadFile(l)
			t.Logf("%s:\n%s", l, b)
		}
		t.Fatalf("summary after the Slurm jobs: %v\n%s", err, md)
	}
}

// startSlurm starts munged, slurmctld and slurmd for one node on free
// loopback ports under dir, stops them when the test ends, and returns
// the slurm.conf path once the node is idle.
func startSlurm(t *testing.T, dir string) string {
	for _, b := range []string{"runuser", "munged", "slurmctld", "slurmd", "sbatch", "sinfo"} {
		if _, err := exec.LookPath(b); err != nil {
			if _, err := os.Stat("/usr/sbin/" + b); err != nil {
				t.Skipf("%s not installed", b)
			}
		}
	}
	if os.Geteuid() != 0 {
		t.Skip("slurmd needs root")
	}
	mu, err := user.Lookup("munge")
	if err != nil {
		t.Skip("no munge user")
	}
	// munged checks that every directory above its socket is traversable.
	for d := dir; d != "/" && d != "."; d = filepath.Dir(d) {
		if strings.HasPrefix(d, os.TempDir()+"/") {
			os.Chmod(d, 0o755)
		}
	}
	md := filepath.Join(dir, "munge")
	os.Mkdir(md, 0o711)
	uid, _ := strconv.Atoi(mu.Uid)
	gid, _ := strconv.Atoi(mu.Gid)
	os.Chown(md, uid, gid)
	sock := filepath.Join(md, "munge.sock")
	daemon(t, filepath.Join(md, "munged.pid"), "runuser", "-u", "munge", "--", "/usr/sbin/munged",
		"--socket="+sock, "--pid-file="+filepath.Join(md, "munged.pid"),
		"--log-file="+filepath.Join(md, "munged.log"), "--seed-file="+filepath.Join(md, "seed"))

	conf := filepath.Join(dir, "slurm.conf")
	for _, d := range []string{"state", "spool", "log"} {
		os.Mkdir(filepath.Join(dir, d), 0o755)
	}
	text := fmt.Sprintf(slurmConf, freePort(t), freePort(t), sock, dir, dir, dir, dir, dir, dir)
	if err := os.WriteFile(conf, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	daemon(t, filepath.Join(dir, "slurmctld.pid"), "/usr/sbin/slurmctld", "-i", "-f", conf)
	daemon(t, filepath.Join(dir, "slurmd.pid"), "/usr/sbin/slurmd", "-f", conf)
	waitFor(t, 30*time.Second, "the node to be idle", func() bool {
		c := exec.Command("sinfo", "-h", "-o", "%t")
		c.Env = append(os.Environ(), "SLURM_CONF="+conf)
		b, err := c.Output()
		return err == nil && strings.TrimSpace(string(b)) == "idle"
	})
	return conf
}

// slurmConf is a one-node cluster on 127.0.0.1 with every path under the
// test's directory.
const slurmConf = `ClusterName=spinfertest
SlurmctldHost=localhost
SlurmctldPort=%d
SlurmdPort=%d
AuthType=auth/munge
AuthInfo=socket=%s
CredType=cred/munge
SlurmUser=root
SlurmdUser=root
StateSaveLocation=%s/state
SlurmdSpoolDir=%s/spool
SlurmctldPidFile=%s/slurmctld.pid
SlurmdPidFile=%s/slurmd.pid
SlurmctldLogFile=%s/log/slurmctld.log
SlurmdLogFile=%s/log/slurmd.log
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
SelectType=select/cons_tres
SelectTypeParameters=CR_Core
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
MpiDefault=none
ReturnToService=2
NodeName=localhost NodeAddr=127.0.0.1 CPUs=2 State=UNKNOWN
PartitionName=debug Nodes=localhost Default=YES MaxTime=INFINITE State=UP
`

// daemon runs a command that daemonizes and writes its pid to pidFile;
// the process is terminated when the test ends.
func daemon(t *testing.T, pidFile string, name string, args ...string) {
	t.Helper()
	if out, err := exec.Command(name, args...).CombinedOutput(); err != nil {
		t.Fatalf("%s: %v\n%s", name, err, out)
	}
	var pid int
	waitFor(t, 10*time.Second, name+" to write its pid", func() bool {
		b, err := os.ReadFile(pidFile)
		pid, _ = strconv.Atoi(strings.TrimSpace(string(b)))
		return err == nil && pid > 0
	})
	t.Cleanup(func() {
		syscall.Kill(pid, syscall.SIGTERM)
		for range 50 {
			if syscall.Kill(pid, 0) != nil {
				return
			}
			time.Sleep(100 * time.Millisecond)
		}
	})
}

func freePort(t *testing.T) int {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port
}

func waitFor(t *testing.T, limit time.Duration, what string, ok func() bool) {
	t.Helper()
	for start := time.Now(); !ok(); time.Sleep(500 * time.Millisecond) {
		if time.Since(start) > limit {
			t.Fatalf("timed out after %v waiting for %s", limit, what)
		}
	}
}
