package sysmem

import (
	"bufio"
	"os"
	"strconv"
	"strings"
)

// Total returns the machine's physical memory in bytes, or 0 when it is
// unknown (no /proc/meminfo). A variable so tests can set the machine.
var Total = func() float64 {
	f, err := os.Open("/proc/meminfo")
	if err != nil {
		return 0
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		fields := strings.Fields(sc.Text())
		if len(fields) >= 2 && fields[0] == "MemTotal:" {
			kb, err := strconv.ParseFloat(fields[1], 64)
			if err != nil {
				return 0
			}
			return kb * 1024
		}
	}
	return 0
}
