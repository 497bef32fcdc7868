package localefix

import (
	"os"
	"strings"
)

func init() {
	if os.Getenv("LANGUAGE") != "" {
		return
	}
	for _, v := range []string{"LC_ALL", "LC_MESSAGES", "LANG"} {
		val := os.Getenv(v)
		if val == "" {
			continue
		}
		base, _, _ := strings.Cut(val, ".")
		if base == "C" || base == "POSIX" {
			os.Setenv("LANGUAGE", "en")
		}
		return
	}
}
