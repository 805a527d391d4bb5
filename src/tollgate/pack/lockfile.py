"""`tollgate.lock`: for each remote pack, the commit (or distribution) and content digest every run
is checked against. Written only by `tollgate pack lock` and `tollgate pack update`."""

from __future__ import annotations

from pathlib import Path
from typing import NamedTuple

from tollgate.errors import TollgateError
from tollgate.tomlfile import check_keys, get_str, load_toml

LOCK_NAME = "tollgate.lock"
LOCK_VERSION = 1
_KEYS = frozenset({"source", "commit", "digest", "name", "version"})


class Locked(NamedTuple):
    source: str  # as written in the config
    commit: str  # git: the full commit; py: the distribution and its version
    digest: str  # sha256:<hex> over the pack's content
    name: str = ""  # the pack's own name and version, for people reading the lock
    version: str = ""


def read_lock(path: Path) -> dict[str, Locked]:
    if not path.is_file():
        return {}
    data = load_toml(path)
    where = str(path)
    check_keys(data, frozenset({"version", "pack"}), where)
    if data.get("version") != LOCK_VERSION:
        raise TollgateError(
            f"{where}: version {data.get('version')!r} is not supported (expected {LOCK_VERSION})"
        )
    entries: dict[str, Locked] = {}
    packs = data.get("pack", [])
    if not isinstance(packs, list):
        raise TollgateError(f"{where}: 'pack' must be an array of tables ([[pack]])")
    for i, table in enumerate(packs):
        at = f"{where}: pack[{i}]"
        if not isinstance(table, dict):
            raise TollgateError(f"{at} must be a table")
        check_keys(table, _KEYS, at)
        entry = Locked(*(get_str(table, key, at, "" if key in ("name", "version") else None)
                         for key in Locked._fields))  # fmt: skip
        if not entry.digest.startswith("sha256:") or len(entry.digest) != 71:
            raise TollgateError(f"{at}: digest must be sha256:<64 hex digits>")
        entries[entry.source] = entry
    return entries


def write_lock(path: Path, entries: dict[str, Locked]) -> None:
    lines = [
        "# tollgate.lock: the exact content of every remote rule pack this repository is checked",
        "# against. Written by `tollgate pack lock` / `tollgate pack update`; commit it.",
        f"version = {LOCK_VERSION}",
    ]
    for source in sorted(entries):
        entry = entries[source]
        lines.append("")
        lines.append("[[pack]]")
        for key in Locked._fields:
            value = getattr(entry, key)
            if value or key not in ("name", "version"):
                lines.append(f"{key} = {_quote(value)}")
    temporary = path.with_name(f".{path.name}.tmp")
    temporary.write_text("\n".join(lines) + "\n", "utf-8")
    temporary.replace(path)


def _quote(value: str) -> str:
    escaped = value.replace("\\", "\\\\").replace('"', '\\"')
    return f'"{escaped}"'
