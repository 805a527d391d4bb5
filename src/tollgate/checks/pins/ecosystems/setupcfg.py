"""setup.cfg (setuptools declarative config): `[options]` and `[options.extras_require]`.

A setup.cfg describes a package to build: its version ranges say what it supports, so they are
never flagged. A VCS dependency on a branch floats for everyone who installs it; `setup_requires`
is fetched at build time, so the strict profile wants it pinned like build requirements.
The judgement is in `setupcfgjudge`, imported only when a setup.cfg is judged.
"""

from __future__ import annotations

from tollgate.checks.pins.model import Analysis, Files
from tollgate.pack.model import PinSettings

NAME = "setupcfg"
KINDS: frozenset[str] = frozenset({"vcs-branch", "vcs-tag", "build-unpinned"})


def manifests(path: str) -> tuple[str, ...]:
    return (path,) if path.rpartition("/")[2] == "setup.cfg" else ()


def context(manifest: str) -> tuple[str, ...]:
    return ()


def analyse(files: Files, settings: PinSettings) -> Analysis:
    from tollgate.checks.pins.setupcfgjudge import judge  # noqa: PLC0415

    return judge(files)
