"""`go install`/`go get`/`go run`, `cargo install`, `gem install` and `dotnet tool install`."""

from __future__ import annotations

import re
from collections.abc import Sequence

from tollgate.checks.pins.sh.args import (
    COMMIT,
    DOTTED,
    GO_VERSION,
    INSTALLER,
    SEMVER,
    UNPINNED,
    Install,
    is_variable,
    scan,
)
from tollgate.checks.pins.sh.parse import Word

_GO_VALUED = frozenset(
    {"-tags", "-ldflags", "-gcflags", "-asmflags", "-mod", "-modfile", "-p", "-C", "-overlay",
     "-pkgdir", "-toolexec", "-buildmode", "-compiler", "-installsuffix", "-pgo", "-o",
     "-coverpkg", "-covermode", "-exec", "-gccgoflags"}
)  # fmt: skip
_CARGO_VALUED = frozenset(
    {"--version", "--vers", "--git", "--branch", "--tag", "--rev", "--path", "--root", "--index",
     "--registry", "--features", "-F", "-j", "--jobs", "--target", "--target-dir", "--profile",
     "--bin", "--example", "--config", "-Z", "--color"}
)  # fmt: skip
_GEM_VALUED = frozenset(
    {"-v", "--version", "-i", "--install-dir", "-n", "--bindir", "--source", "-s", "-P",
     "--trust-policy", "--platform", "-g", "--file", "--document", "--build-root"}
)  # fmt: skip
_DOTNET_VALUED = frozenset(
    {"--tool-path", "--version", "--add-source", "--configfile", "--framework", "-a", "--arch",
     "--verbosity", "-v", "--tool-manifest"}
)  # fmt: skip
_GEM_INSTALLERS = frozenset({"bundler", "rubygems-update"})


def go(words: Sequence[Word]) -> list[Install]:
    if len(words) < 2 or words[1].text not in ("install", "get", "run"):
        return []
    sub = words[1].text
    args = scan(words[2:], _GO_VALUED, clusters=False, stop=sub == "run")
    found: list[Install] = []
    for word in args.operands[:1] if sub == "run" else args.operands:
        text = word.text
        path, at, version = text.partition("@")
        first = path.split("/", 1)[0]
        if is_variable(text) or text.startswith((".", "/")) or "." not in first:
            continue  # a local package or the standard library
        if path.endswith(".go") or version == "none" or re.match(GO_VERSION, version):
            continue
        if re.match(COMMIT, version) or re.match(r"^\d+(?:\.\d+)+$", version):
            continue  # a commit, or a release tag not spelled as semver (`@2023.1.7`)
        if not at:
            if sub != "get":
                continue  # builds the version the main module's go.mod requires
            why = f"`{path}` has no version: `go get` takes the newest (`@upgrade`)"
        elif version in ("latest", "upgrade", "patch"):
            why = f"`@{version}` resolves to the newest release at build time"
        else:
            why = f"`@{version}` is a branch or a version prefix, not one version"
        found.append(
            Install(
                UNPINNED,
                word,
                path,
                why,
                f"pin a version: `go {sub} {path}@v<x.y.z>` (or a commit)",
            )
        )
    return found


def cargo(words: Sequence[Word]) -> list[Install]:
    rest = [w for w in words[1:] if not w.text.startswith("+")]  # `cargo +nightly install`
    args = scan(rest, _CARGO_VALUED)
    if not args.operands or args.operands[0].text not in ("install", "binstall"):
        return []
    tool = f"cargo {args.operands[0].text}"
    crates = args.operands[1:]
    if args.has("--path", "--list"):
        return []
    if args.has("--git"):
        if args.has("--rev", "--tag"):
            return []
        url = args.value("--git") or ""
        carrier = next(o.word for o in args.opts if o.name == "--git")
        if is_variable(url):
            return []
        return [
            Install(
                UNPINNED,
                carrier,
                url,
                f"`--git {url}` with no `--rev`: it builds the branch's current head",
                f"pin a commit: `{tool} --git {url} --rev <commit sha>`",
            )
        ]
    version = args.value("--version", "--vers")
    found: list[Install] = []
    for word in crates:
        name, at, own = word.text.partition("@")
        wanted = own if at else version
        if is_variable(word.text) or (wanted and (is_variable(wanted) or re.match(SEMVER, wanted))):
            continue
        why = (
            f"`{wanted}` is a version requirement, not one version"
            if wanted
            else f"`{name}` has no version: the newest release installs"
        )
        found.append(
            Install(
                UNPINNED, word, name, why, f"pin it: `{tool} {name} --version <x.y.z> --locked`"
            )
        )
    return found


def gem(words: Sequence[Word]) -> list[Install]:
    args = scan(words[1:], _GEM_VALUED)
    if not args.operands or args.operands[0].text != "install" or args.has("-g", "--file"):
        return []
    version = args.value("-v", "--version")
    found: list[Install] = []
    for word in args.operands[1:]:
        text = word.text
        name, colon, own = text.partition(":")
        wanted = own if colon else version
        if is_variable(text) or "/" in text or text.endswith(".gem"):
            continue
        if wanted and (is_variable(wanted) or re.match(DOTTED, wanted)):
            continue
        why = (
            f"`{wanted}` is a requirement, not one version"
            if wanted
            else f"`{name}` has no version: the newest release installs"
        )
        kind = INSTALLER if name in _GEM_INSTALLERS else UNPINNED
        found.append(Install(kind, word, name, why, f"pin it: `gem install {name} -v <x.y.z>`"))
    return found


def dotnet(words: Sequence[Word]) -> list[Install]:
    args = scan(words[1:], _DOTNET_VALUED)
    ops = args.operands
    if [w.text for w in ops[:2]] != ["tool", "install"] or len(ops) < 3:
        return []
    version = args.value("--version")
    if version and (is_variable(version) or re.match(r"^\d+(?:\.\d+)*(?:-[\w.]+)?$", version)):
        return []
    word = ops[2]
    if is_variable(word.text):
        return []
    why = f"`{version}` is a range" if version else f"`{word.text}` has no version"
    return [
        Install(
            UNPINNED,
            word,
            word.text,
            f"{why}: the newest release installs",
            f"pin it: `dotnet tool install {word.text} --version <x.y.z>`",
        )
    ]
