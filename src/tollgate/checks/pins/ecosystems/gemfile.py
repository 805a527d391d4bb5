"""gemfile: Bundler's Gemfile and gems.rb (https://bundler.io/man/gemfile.5.html).

A git gem follows a branch unless it names a commit (`ref:`): `branch:`, no ref at all (the
default branch) and a GitHub pull request URL float; a `tag:` or an abbreviated `ref:` is only
movable (the strict profile). A registry gem floats when nothing freezes it: no version
requirement and no Gemfile.lock in an application, or a Gemfile.lock that does not hold it.
A Gemfile that calls `gemspec` is a library's: its users never see its lockfile. `path:` gems and
`path` blocks are this repository's own.
"""

from __future__ import annotations

from tollgate.checks.pins.model import Analysis, Files
from tollgate.pack.model import PinSettings

NAME = "gemfile"
KINDS: frozenset[str] = frozenset(
    {"git-branch", "git-mutable-ref", "unversioned-without-lock", "missing-from-lock"}
)


def manifests(path: str) -> tuple[str, ...]:
    base = path.rpartition("/")[2]
    if base in ("Gemfile", "gems.rb") or base.endswith(".gemfile"):
        return (path,)
    if base == "gems.locked":
        return (path[: -len(base)] + "gems.rb",)
    if base == "Gemfile.lock" or base.endswith(".gemfile.lock"):
        return (path[: -len(".lock")],)
    return ()


def context(manifest: str) -> tuple[str, ...]:
    # Bundler's lockfile is the Gemfile's name plus `.lock`, except gems.rb's gems.locked.
    if manifest.rpartition("/")[2] == "gems.rb":
        return (manifest[: -len("rb")] + "locked",)
    return (manifest + ".lock",)


def analyse(files: Files, settings: PinSettings) -> Analysis:
    from tollgate.checks.pins.gemfilegems import judge  # noqa: PLC0415

    return judge(files, files.get(context(files.path)[0]))
