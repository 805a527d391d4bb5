"""The ecosystems the pins check reads: each a module behind the Ecosystem protocol."""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol

from tollgate.checks.pins.ecosystems import (
    actions,
    cargo,
    compose,
    dockerfile,
    gemfile,
    gitlab,
    gomod,
    kubernetes,
    npm,
    pipfile,
    precommit,
    pyproject,
    requirements,
    setupcfg,
    shell,
)
from tollgate.checks.pins.model import Analysis, Files
from tollgate.pack.model import PinSettings


class Ecosystem(Protocol):
    NAME: str
    KINDS: frozenset[str]  # the rule kinds it reports: rule ids are pins.<NAME>.<kind>

    def manifests(self, path: str) -> tuple[str, ...]:
        """The manifests to judge when `path` changes: itself if it is one of this ecosystem's
        manifests, the manifest(s) beside it if it is a lockfile, nothing otherwise."""
        ...

    def context(self, manifest: str) -> tuple[str, ...]:
        """The other files the manifest is judged with (lockfiles), as repository paths."""
        ...

    def analyse(self, files: Files, settings: PinSettings) -> Analysis: ...


ECOSYSTEMS: dict[str, Ecosystem] = {
    requirements.NAME: requirements,
    pyproject.NAME: pyproject,
    pipfile.NAME: pipfile,
    setupcfg.NAME: setupcfg,
    npm.NAME: npm,
    dockerfile.NAME: dockerfile,
    shell.NAME: shell,
    actions.NAME: actions,
    gitlab.NAME: gitlab,
    compose.NAME: compose,
    kubernetes.NAME: kubernetes,
    precommit.NAME: precommit,
    gomod.NAME: gomod,
    cargo.NAME: cargo,
    gemfile.NAME: gemfile,
}

# Ecosystems whose lockfile can serve manifests in other directories (workspace members): given a
# changed lockfile and its text, the manifests it records. Each is judged again against it.
MEMBERS: dict[str, Callable[[str, str], tuple[str, ...]]] = {
    npm.NAME: npm.members,
    pyproject.NAME: pyproject.members,
}

# Ecosystems whose manifest names further files to judge it with (a requirements file's `-c`
# constraint files): given the manifest's path and text, those files' repository paths.
INCLUDES: dict[str, Callable[[str, str], tuple[str, ...]]] = {
    requirements.NAME: requirements.includes,
}
