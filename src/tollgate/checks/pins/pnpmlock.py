"""pnpm-lock.yaml's importers: what each project's dependencies were locked from and to.

Read by line, never with a YAML library (too slow to import on the hook path), and only up to
the `packages:` map, which is where a large lockfile's size is. The layouts
(https://github.com/pnpm/spec/tree/master/lockfile):
  v9 and v6 workspaces: `importers: <dir>: dependencies: <name>: {specifier: ^1, version: 1.2.3}`;
  v6 single project: the same sections at the top level;
  v5: `specifiers: <name>: ^1` beside `dependencies: <name>: 1.2.3`, at the top or per importer.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import NamedTuple

_SECTIONS = frozenset({"dependencies", "devDependencies", "optionalDependencies", "specifiers"})
_END = re.compile(r"^(?:packages|snapshots):", re.MULTILINE)
# The peer suffix pnpm adds to a version: `18.2.0(react@18.2.0)` (v6+), `18.2.0_react@18.2.0` (v5).
_PEERS = re.compile(r"[(_].*")


class Importer(NamedTuple):
    specifiers: dict[str, str]
    versions: dict[str, str]  # as written: `1.2.3(peer@1)`, `link:../b`, `github.com/u/r/<sha>`


@lru_cache(maxsize=4)  # one lockfile serves every workspace member judged in a run
def importers(text: str) -> dict[str, Importer]:
    if text.startswith("---"):
        # pnpm 10 may put the package manager's own lock in a first YAML document; the
        # project's is the last one.
        text = text[text.rfind("\n---") + 4 :]
    end = _END.search(text)
    found: dict[str, Importer] = {}
    nested = False  # inside `importers:`
    current: Importer | None = None
    section = name = ""
    depth = 0  # the indent of a section key: 0 at the top level, 4 under an importer
    for line in text[: end.start() if end else len(text)].splitlines():
        stripped = line.lstrip(" ")
        if not stripped or stripped[0] == "#":
            continue
        indent = len(line) - len(stripped)
        key, value = _pair(stripped)
        if indent == 0:
            nested = key == "importers"
            section = key if key in _SECTIONS else ""
            current, depth = (None, 4) if nested else (_get(found, "."), 0)
        elif nested and indent == 2:
            current, section = _get(found, key), ""
        elif indent == depth and current is not None:
            section = key if key in _SECTIONS else ""
        elif not section or current is None:
            continue
        elif indent == depth + 2:
            name = key
            if value:
                (current.specifiers if section == "specifiers" else current.versions)[key] = value
        elif indent == depth + 4 and key in ("specifier", "version"):
            (current.specifiers if key == "specifier" else current.versions)[name] = value
    return found


def version_of(written: str) -> tuple[str, bool]:
    """The plain version of a locked entry, and whether it is a link to a local directory."""
    if written.startswith(("link:", "file:", "workspace:")):
        return "", True
    plain = _PEERS.sub("", written)
    if "/" in plain and "://" not in plain:
        # v5 and v6 write an alias's target into the version: `/bar/1.2.3`, `/bar@1.2.3`.
        plain = plain.rpartition("/")[2] if plain.startswith("/") else plain
    at = plain.rfind("@")
    return (plain[at + 1 :] if at > 0 else plain), False


def _get(found: dict[str, Importer], key: str) -> Importer:
    return found.setdefault(key, Importer({}, {}))


def _pair(stripped: str) -> tuple[str, str]:
    if stripped.endswith(":"):
        return _unquote(stripped[:-1]), ""
    key, _, value = stripped.partition(": ")
    return _unquote(key), _unquote(value.strip())


def _unquote(text: str) -> str:
    if len(text) >= 2 and text[0] == text[-1] == "'":
        return text[1:-1].replace("''", "'")
    if len(text) >= 2 and text[0] == text[-1] == '"':
        return text[1:-1].replace('\\"', '"')
    return text
