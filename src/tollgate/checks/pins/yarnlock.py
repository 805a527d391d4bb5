"""yarn.lock entries: which `name@spec` patterns were locked, and to what.

Both formats key an entry by every pattern it satisfies and give its version first:
  classic (v1): `"@babel/core@^7.0.0", "@babel/core@^7.1.0":`
                then `  version "7.1.2"`, `  resolved "<tarball or git URL>"`;
  berry (v2+):  `"lodash@npm:^4.17.0, lodash@npm:^4.17.21":`
                then `  version: 4.17.21`, `  resolution: "lodash@npm:4.17.21"`;
                a workspace member is `"app@workspace:packages/app"`.
Entries are separated by a blank line; one regular expression anchored on it (a literal prefix
the `re` engine searches for quickly) finds them all, so a 20 MB lockfile is not walked by line.
"""

from __future__ import annotations

import re
from typing import NamedTuple

_ENTRY = re.compile(
    r'\n\n([^\n]*):\n  version:? "?([^"\n]*)"?(?:\n  uid:? [^\n]*)?'
    r'(?:\n  (?:resolved|resolution):? "?([^"\n]*))?'
)
_WORKSPACE = "@workspace:"


class YarnLock(NamedTuple):
    # (version, resolved) by pattern, exactly as package.json writes it (berry adds `npm:`);
    # resolved is classic's tarball or git URL, berry's `name@npm:1.2.3` or `name@workspace:dir`.
    entries: dict[str, tuple[str, str]]
    workspaces: frozenset[str]  # berry: the directories of the workspace members
    berry: bool


def read(text: str) -> YarnLock:
    entries: dict[str, tuple[str, str]] = {}
    workspaces: set[str] = set()
    # The first entry follows a comment header in files yarn writes, but not in hand-made ones.
    source = text if text.startswith(("#", "\n")) else f"\n\n{text}"
    for head, version, resolved in _ENTRY.findall(source):
        entry = (version, resolved)
        if ", " not in head:
            entries[head.strip('"')] = entry
            continue
        for pattern in head.replace('"', "").split(", "):
            entries[pattern] = entry
    berry = "\n__metadata:\n" in f"\n{text[:4096]}"
    for pattern in entries if berry else ():
        at = pattern.find(_WORKSPACE, 1)
        if at > 0:
            workspaces.add(pattern[at + len(_WORKSPACE) :])
    return YarnLock(entries, frozenset(workspaces), berry)


def names(lock: YarnLock) -> frozenset[str]:
    """Every package name the lockfile holds."""
    return frozenset(pattern[: pattern.find("@", 1)] for pattern in lock.entries)
