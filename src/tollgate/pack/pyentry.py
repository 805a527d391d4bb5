"""Packs shipped in Python distributions, found through the `tollgate.packs` entry point group.

A distribution declares, in its packaging metadata:
    [project.entry-points."tollgate.packs"]
    acme = "acme_tollgate_rules:pack"      # package, then the pack's directory inside it
The directory is located without importing anything: packs are data, no code of theirs runs.
"""

from __future__ import annotations

from pathlib import Path
from typing import NamedTuple

from tollgate.errors import TollgateError

GROUP = "tollgate.packs"


class Installed(NamedTuple):
    path: Path
    distribution: str  # "name==version", what the lock records for it


def locate(name: str) -> Installed:
    import importlib.machinery  # noqa: PLC0415
    import importlib.metadata  # noqa: PLC0415
    import sys  # noqa: PLC0415

    found = [ep for ep in importlib.metadata.entry_points(group=GROUP) if ep.name == name]
    if not found:
        raise TollgateError(
            f"py:{name}: no installed distribution provides a {GROUP!r} entry point named "
            f"{name!r}; install the pack's package in the same environment as tollgate"
        )
    entry = found[0]
    module, _, inner = entry.value.partition(":")
    parts = module.strip().split(".")
    # PathFinder only looks at the file system: unlike importlib.util.find_spec it never imports
    # a parent package, so no code of the distribution runs.
    spec = importlib.machinery.PathFinder.find_spec(parts[0], sys.path)
    if spec is None or not spec.submodule_search_locations:
        raise TollgateError(
            f"py:{name}: package {parts[0]!r} of entry point {entry.value!r} not found"
        )
    base = Path(next(iter(spec.submodule_search_locations)))
    path = base.joinpath(*parts[1:], *([inner.strip()] if inner.strip() else []))
    if not (path / "pack.toml").is_file():
        raise TollgateError(f"py:{name}: {path} (entry point {entry.value!r}) has no pack.toml")
    dist = entry.dist
    label = f"{dist.name}=={dist.version}" if dist is not None else entry.value
    return Installed(path, label)
