"""package-lock.json and npm-shrinkwrap.json: the `packages` map of lockfile v2/v3, or v1's
`dependencies` (https://docs.npmjs.com/cli/v10/configuring-npm/package-lock-json).

These files reach 20 MB and a judgement needs a few dozen entries, so a lockfile as npm writes
it (indented, `packages` keys one level in) is indexed by one regular expression over its keys
and each entry is decoded when asked for: several times faster than `json.loads` of the whole.
Any other layout, and a file with merge-conflict markers, is parsed whole with `json.loads`.
"""

from __future__ import annotations

import json
import re
from functools import lru_cache
from json.scanner import make_scanner
from typing import Any, NamedTuple, Protocol

_scan = make_scanner(json.JSONDecoder())  # type: ignore[arg-type]  # typeshed: wrong context type
_HEAD = re.compile(r'\{\r?\n([ \t]+)"')  # `{` then the first key, as npm writes it
_VERSION = re.compile(r'"lockfileVersion": (\d+)')


class Entries(Protocol):
    def get(self, key: str, /) -> object: ...


class Lockfile(NamedTuple):
    packages: Entries | None  # v2, v3: by install path (`node_modules/x`, `packages/app`)
    dependencies: Entries | None  # v1 only: by package name


class Broken(NamedTuple):
    line: int
    message: str


def keys(entries: Entries) -> list[str]:
    """The keys of a lockfile's `packages` map (install paths and workspace directories)."""
    if isinstance(entries, _Indexed):
        return list(entries.keys())
    return [k for k in entries if isinstance(k, str)] if isinstance(entries, dict) else []


class _Indexed:
    """`packages` entries by key, each decoded from the text when first asked for."""

    def __init__(self, text: str, offsets: dict[str, int]) -> None:
        self._text = text
        self._offsets = offsets

    def keys(self) -> list[str]:
        return list(self._offsets)

    def get(self, key: str, /) -> object:
        at = self._offsets.get(key)
        if at is None:
            return None
        try:
            return _scan(self._text, at)[0]
        except (ValueError, RecursionError):
            return None  # a damaged entry: as if it were missing


@lru_cache(maxsize=2)  # a workspace root's lockfile is judged with every member: read it once
def read(text: str) -> Lockfile | Broken:
    indexed = _index(text)
    if indexed is not None:
        return Lockfile(indexed, None)
    try:
        data: Any = json.loads(text)
    except json.JSONDecodeError as exc:
        return Broken(exc.lineno, f"invalid JSON: {exc.msg}")
    except RecursionError:
        return Broken(0, "invalid JSON: nested too deeply")
    if not isinstance(data, dict):
        return Lockfile(None, None)
    packages, dependencies = data.get("packages"), data.get("dependencies")
    if isinstance(packages, dict):
        return Lockfile(packages, None)
    return Lockfile(None, dependencies if isinstance(dependencies, dict) else None)


def _index(text: str) -> _Indexed | None:
    head = _HEAD.match(text)
    version = _VERSION.search(text, 0, 4096)
    if head is None or version is None or version[1] not in ("2", "3"):
        return None
    unit = head[1]
    start = text.find(f'\n{unit}"packages": {{')
    if start < 0 or "\n<<<<<<< " in text:
        return None  # a merge conflict: json.loads names the line
    # v2 repeats every package after `packages` in a v1-style `dependencies` map, for npm 6.
    end = text.find(f'\n{unit}"dependencies": {{', start)
    keys = _keys(unit * 2)
    offsets = {m[1]: m.end() - 1 for m in keys.finditer(text, start, end if end > 0 else len(text))}
    return _Indexed(text, offsets)


@lru_cache(maxsize=4)
def _keys(indent: str) -> re.Pattern[str]:
    # Starting with a literal newline and indent lets `re` skip ahead to candidates quickly.
    return re.compile(rf'\n{re.escape(indent)}"([^"\n]*)": \{{')
