"""The pins bench's Go tool: go.mod, go.sum, main.go, and a change of requirements."""

from __future__ import annotations

import base64
import hashlib

from pins_refs import sub_once

_GO_MODULES = (  # module, version, indirect
    ("github.com/google/go-github/v66", "v66.0.0", False),
    ("github.com/spf13/cobra", "v1.8.0", False),
    ("golang.org/x/sync", "v0.8.0", False),
    ("gopkg.in/yaml.v3", "v3.0.1", False),
    ("github.com/google/go-querystring", "v1.1.0", True),
    ("github.com/inconshreveable/mousetrap", "v1.1.0", True),
    ("github.com/spf13/pflag", "v1.0.5", True),
)
GO_MAIN = """\
package main

import (
\t"os"

\t"github.com/spf13/cobra"
)

func main() {
\troot := &cobra.Command{Use: "release-notes", Short: "Draft release notes from merged PRs"}
\tif err := root.Execute(); err != nil {
\t\tos.Exit(1)
\t}
}
"""


def go_mod() -> str:
    direct = [f"\t{m} {v}" for m, v, indirect in _GO_MODULES if not indirect]
    indirect = [f"\t{m} {v} // indirect" for m, v, ind in _GO_MODULES if ind]
    return (
        "module github.com/acme/app/tools\n\ngo 1.22.0\n\ntoolchain go1.22.8\n\n"
        f"require (\n{chr(10).join(direct)}\n)\n\nrequire (\n{chr(10).join(indirect)}\n)\n"
    )


def go_sum() -> str:
    def h1(text: str) -> str:
        return "h1:" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode()

    lines = []
    for module, version, _ in _GO_MODULES:
        lines.append(f"{module} {version} {h1(module + version)}")
        lines.append(f"{module} {version}/go.mod {h1(module + version + '/go.mod')}")
    return "\n".join(sorted(lines)) + "\n"


def change_go_mod(text: str) -> str:
    """cobra bumped, uuid added, an internal module required at a commit (pseudo-version)."""
    text = sub_once(text, r"github.com/spf13/cobra v1\.8\.0", "github.com/spf13/cobra v1.8.1")
    return sub_once(
        text, r"\tgolang.org/x/sync",
        "\tgithub.com/acme/platform-lib v0.0.0-20241104150132-3c1e7b0a4f2d\n"
        "\tgithub.com/google/uuid v1.6.0\n\tgolang.org/x/sync",
    )  # fmt: skip
