"""Monorepos: a `.tollgate.toml` in a subdirectory applies to the files under it, over the root's.

A nested config may set what the root config sets except the repository-wide keys (`baseline`,
`max_file_size`, `version`). Its scalar settings replace the root's for its files; its lists add
to the root's; its `packs` are layers above the root's; every path and glob in it is relative to
its own directory.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

from tollgate.config import Config, Threshold, parse_table
from tollgate.errors import TollgateError
from tollgate.tomlfile import load_toml

CONFIG_NAME = ".tollgate.toml"
_ROOT_ONLY = frozenset({"baseline", "max_file_size"})


def nested_dirs(root: Path, paths: Iterable[str]) -> dict[str, tuple[str, ...]]:
    """For each path, the directories above it (outermost first) holding a nested config."""
    exists: dict[str, bool] = {}
    chains: dict[str, tuple[str, ...]] = {}
    for path in paths:
        parts = path.split("/")[:-1]
        chain = []
        for depth in range(1, len(parts) + 1):
            directory = "/".join(parts[:depth])
            if directory not in exists:
                exists[directory] = (root / directory / CONFIG_NAME).is_file()
            if exists[directory]:
                chain.append(directory)
        chains[path] = tuple(chain)
    return chains


def layered(base: Config, root: Path, chain: tuple[str, ...], known: frozenset[str]) -> Config:
    config = base
    for directory in chain:
        path = root / directory / CONFIG_NAME
        table = load_toml(path)
        for key in _ROOT_ONLY & table.keys():
            raise TollgateError(f"{path}: {key!r} is set for the whole repository, in its root")
        config = _over(config, table, parse_table(table, str(path), known), directory, root)
    return config


def _over(base: Config, table: dict[str, Any], own: Config, directory: str, root: Path) -> Config:
    prefix = directory + "/"

    def globs(values: tuple[str, ...]) -> tuple[str, ...]:
        return tuple(g for value in values for g in _under(prefix, value))

    overrides = tuple(
        (
            rule,
            o._replace(
                paths=globs(o.paths),
                exclude_paths=globs(o.exclude_paths),
                allow_paths=globs(o.allow_paths),
            ),
        )
        for rule, o in own.overrides
    )
    thresholds = tuple(Threshold(globs(t.paths), t.fail_on, t.warn_on) for t in own.thresholds)
    packs = tuple(_absolute(spec, root / directory) for spec in own.packs)
    return base._replace(
        fail_on=own.fail_on if "fail_on" in table else base.fail_on,
        warn_on=own.warn_on if "warn_on" in table else base.warn_on,
        checks=own.checks if "checks" in table else base.checks,
        pins=own.pins if "pins" in table else base.pins,
        exclude=base.exclude + globs(own.exclude),
        allow_paths=base.allow_paths + globs(own.allow_paths),
        disable=base.disable + own.disable,
        overrides=base.overrides + overrides,
        # The nested thresholds are more specific: they are tried first.
        thresholds=thresholds + base.thresholds,
        packs=base.packs + tuple(p for p in packs if p not in base.packs and "packs" in table),
        source=own.source,
        directory=directory,
    )


def _under(prefix: str, glob: str) -> list[str]:
    if glob.startswith("**/"):
        return [prefix + glob, prefix + glob[3:]]
    return [prefix + glob.lstrip("/")]


def _absolute(spec: str, base: Path) -> str:
    if spec == "builtin" or spec.startswith(("git+", "py:")):
        return spec
    return str((base / spec).resolve())
