"""Is a declared registry dependency in sync with the lockfile(s) it is installed from?

In sync is what a frozen install accepts: `npm ci` wants the locked version to satisfy the
declared range, `pnpm install --frozen-lockfile` the same specifier, `yarn --frozen-lockfile` /
`yarn --immutable` the `name@spec` pattern. Anything this cannot read counts as in sync: a
dependency is reported out of sync only when a lockfile plainly disagrees.
"""

from __future__ import annotations

from typing import NamedTuple

from tollgate.checks.pins.npmlocks import Lock, Locked
from tollgate.checks.pins.npmsemver import parse_version, satisfies
from tollgate.checks.pins.npmspec import Spec


class Sync(NamedTuple):
    in_sync: bool
    lock: Lock | None  # the lockfile that decided (the first one, when none agrees)
    locked: Locked | None  # what it holds for the dependency
    why: str = ""  # when out of sync
    local: bool = False  # it resolves to a workspace package or a directory of this repository


def sync(name: str, declared: str, spec: Spec, locks: list[Lock]) -> Sync:
    verdicts = [_one(name, declared, spec, lock) for lock in locks]
    fallback = verdicts[0] if verdicts else Sync(True, None, None)
    return next((v for v in verdicts if v.in_sync), fallback)


def pinned(spec: Spec, locked: Locked | None) -> str:
    """The exact spec to write for what the lockfile installs, "" if it holds no plain version."""
    if locked is None or locked.link or parse_version(locked.version) is None:
        return ""
    version = locked.version.lstrip("=v")
    return f"npm:{spec.target}@{version}" if spec.target else version


def _one(name: str, declared: str, spec: Spec, lock: Lock) -> Sync:
    file = lock.path.rpartition("/")[2]
    locked = lock.get(name, declared)
    if locked is None:
        if lock.names and name not in lock.names:
            # classic yarn leaves workspace packages out of yarn.lock: a sibling, not a miss.
            return Sync(True, lock, None, local=True)
        return Sync(False, lock, None, f"`{name}@{declared}` is not in {file}")
    if locked.link:
        return Sync(True, lock, locked, local=True)
    if locked.specifier is not None and locked.specifier != declared:
        return Sync(False, lock, locked, f"{file} was written for `{locked.specifier}`")
    if satisfies(locked.version, spec.value) is False:
        return Sync(False, lock, locked, f"{file} locks `{locked.version}`, outside `{declared}`")
    return Sync(True, lock, locked)
