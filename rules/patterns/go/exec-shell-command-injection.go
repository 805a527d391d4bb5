package tools

import (
	"context"
	"fmt"
	"net/http"
	"os/exec"
	"strings"
)

func pingHandler(w http.ResponseWriter, r *http.Request) {
	host := r.URL.Query().Get("host")
	// ruleid: patterns.go.exec-shell-command-injection
	out, err := exec.Command("sh", "-c", "ping -c 1 "+host).CombinedOutput()
	if err != nil {
		http.Error(w, err.Error(), http.StatusBadGateway)
		return
	}
	w.Write(out)
}

func archive(ctx context.Context, dir, name string) error {
	script := fmt.Sprintf("tar -czf /backups/%s.tgz %s", name, dir)
	// ruleid: patterns.go.exec-shell-command-injection
	return exec.CommandContext(ctx, "/bin/bash", "-c", script).Run()
}

func runHook(hook []string) ([]byte, error) {
	// ruleid: patterns.go.exec-shell-command-injection
	return exec.Command("cmd", "/C", strings.Join(hook, " ")).Output()
}

func pingSafe(host string) ([]byte, error) {
	// ok: patterns.go.exec-shell-command-injection
	return exec.Command("ping", "-c", "1", host).CombinedOutput()
}

func diskUsage() ([]byte, error) {
	// ok: patterns.go.exec-shell-command-injection
	return exec.Command("sh", "-c", "df -h | sort -k5 -r | head -n 5").Output()
}

func runWithArg(ctx context.Context, userArg string) ([]byte, error) {
	// ok: patterns.go.exec-shell-command-injection
	return exec.CommandContext(ctx, "sh", "-c", `grep -n -- "$1" /var/log/app.log | tail -n 20`, "sh", userArg).Output()
}

func gitLog(ctx context.Context, branch string) ([]byte, error) {
	// ok: patterns.go.exec-shell-command-injection
	return exec.CommandContext(ctx, "git", "log", "--oneline", "--", branch).Output()
}
