"""The lockfile a package.json is installed from, and what it locked each dependency to.

The lockfile beside the manifest counts; without one, the nearest ancestor directory's lockfile
counts if it lists the manifest's directory as a workspace member (npm and pnpm name it, yarn
berry keys it `name@workspace:<dir>`; classic yarn does not, so there it counts when it holds
the member's own `name@spec` patterns).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from functools import lru_cache
from typing import TYPE_CHECKING, NamedTuple

from tollgate.checks.pins.model import Files

if TYPE_CHECKING:
    from tollgate.checks.pins import packagelock, pnpmlock, yarnlock

# npm prefers npm-shrinkwrap.json when both are present.
LOCKFILES = ("npm-shrinkwrap.json", "package-lock.json", "pnpm-lock.yaml", "yarn.lock")
MANAGERS = {"npm-shrinkwrap.json": "npm", "package-lock.json": "npm",
            "pnpm-lock.yaml": "pnpm", "yarn.lock": "yarn"}  # fmt: skip
_YARN_LOCAL = ("workspace", "link", "portal", "file")
# How many directories above a manifest a workspace root's lockfile is looked for (besides the
# repository's root, always): enough for `apps/<group>/packages/<name>` layouts, and it bounds
# what each manifest asks to be read.
MAX_UP = 6


class Locked(NamedTuple):
    version: str  # the installed version; "" when the lockfile names none (git, link)
    resolved: str  # where it was fetched from: a git URL with its commit, a tarball URL
    link: bool = False  # a workspace package or a local directory: source in this repository
    specifier: str | None = None  # pnpm: the spec the lockfile was written for


class Lock(NamedTuple):
    path: str
    manager: str  # npm | pnpm | yarn
    entries: Mapping[str, Locked]  # npm, pnpm: by dependency name
    member: bool  # found in an ancestor directory: the manifest is a workspace member
    yarn: yarnlock.YarnLock | None = None  # yarn: its entries by `name@spec`
    names: frozenset[str] = frozenset()  # classic yarn, for a member: every name it holds

    def get(self, name: str, spec: str) -> Locked | None:
        if self.yarn is None:
            return self.entries.get(name)
        patterns = self.yarn.entries
        found = patterns.get(f"{name}@{spec}") or patterns.get(f"{name}@npm:{spec}")
        if found is None:
            return None
        version, resolved = found
        return Locked(version, resolved, any(f"@{p}:" in resolved for p in _YARN_LOCAL))


class Broken(NamedTuple):
    path: str
    line: int
    message: str


def directories(manifest: str) -> list[str]:
    """The manifest's directory, its nearest ancestors and the root (""), nearest first."""
    here = manifest.rpartition("/")[0]
    found = [here]
    while here and len(found) <= MAX_UP:
        here = here.rpartition("/")[0]
        found.append(here)
    return found if not here else [*found, ""]


def find(
    files: Files, declared: list[tuple[str, str]], package_manager: str
) -> tuple[list[Lock], list[Broken]]:
    """The lockfiles the manifest is installed from (several when it is unclear which manager
    is used: a dependency is out of sync only if it is out of sync with each of them)."""
    broken: list[Broken] = []
    here = files.path.rpartition("/")[0]
    for directory in directories(files.path):
        member = here[len(directory) + 1 :] if directory else here
        locks = []
        for name in LOCKFILES:
            path = f"{directory}/{name}" if directory else name
            text = files.get(path)
            if text is None:
                continue
            lock = _read(path, MANAGERS[name], text, member, declared)
            if isinstance(lock, Broken):
                broken.append(lock)
            elif lock is not None:
                locks.append(lock)
        if locks or broken:
            chosen = [lock for lock in locks if package_manager.startswith(f"{lock.manager}@")]
            return chosen or locks, broken
    return [], []


def _read(
    path: str, manager: str, text: str, member: str, declared: list[tuple[str, str]]
) -> Lock | Broken | None:
    if manager == "npm":
        return _npm(path, text, member, (name for name, _ in declared))
    if manager == "pnpm":
        from tollgate.checks.pins import pnpmlock  # noqa: PLC0415 - only the lockfile at hand

        found = pnpmlock.importers(text).get(member or ".")
        if found is None:
            return None if member else Lock(path, manager, {}, False)
        return Lock(path, manager, _pnpm_entries(found), bool(member))
    lock = _yarn(text)
    result = Lock(path, manager, {}, bool(member), lock)
    if not member or member in lock.workspaces:
        return result
    if not lock.berry and any(result.get(name, spec) for name, spec in declared):
        return result._replace(names=_yarn_names(text))
    return None


def _npm(path: str, text: str, member: str, names: Iterable[str]) -> Lock | Broken | None:
    from tollgate.checks.pins import packagelock  # noqa: PLC0415 - only the lockfile at hand

    lockfile = packagelock.read(text)
    if isinstance(lockfile, packagelock.Broken):
        return None if member else Broken(path, lockfile.line, lockfile.message)
    packages, dependencies = lockfile
    if packages is not None:  # lockfile v2 and v3
        if member and not isinstance(packages.get(member), dict):
            return None
        entries = {name: found for name in names if (found := _installed(packages, member, name))}
        return Lock(path, "npm", entries, bool(member))
    if member:
        return None  # v1 knows no workspaces
    entries = {}
    for name in names:
        meta = dependencies.get(name) if dependencies is not None else None
        if isinstance(meta, dict) and isinstance(meta.get("version"), str):
            version = meta["version"]
            entries[name] = Locked(_alias_version(version), version, version.startswith("file:"))
    return Lock(path, "npm", entries, False)


def _installed(packages: packagelock.Entries, member: str, name: str) -> Locked | None:
    """Where node would find `name` from the member's directory: its node_modules, then each
    ancestor's (https://docs.npmjs.com/cli/v10/configuring-npm/package-lock-json#packages)."""
    base = member
    while True:
        meta = packages.get(f"{base}/node_modules/{name}" if base else f"node_modules/{name}")
        if isinstance(meta, dict):
            break
        if not base:
            return None
        base = base.rpartition("/")[0]
    resolved = meta.get("resolved")
    resolved = resolved if isinstance(resolved, str) else ""
    if meta.get("link"):
        return Locked("", resolved, True)
    version = meta.get("version")
    return Locked(version if isinstance(version, str) else "", resolved)


def _pnpm_entries(importer: pnpmlock.Importer) -> dict[str, Locked]:
    from tollgate.checks.pins import pnpmlock  # noqa: PLC0415

    entries = {}
    for name, written in importer.versions.items():
        version, link = pnpmlock.version_of(written)
        entries[name] = Locked(version, written, link, importer.specifiers.get(name))
    for name, specifier in importer.specifiers.items():
        if name not in entries:  # v5 lists a specifier for every dependency; keep it readable
            entries[name] = Locked("", "", False, specifier)
    return entries


@lru_cache(maxsize=2)  # a workspace root's lockfile is judged with every member: read it once
def _yarn(text: str) -> yarnlock.YarnLock:
    from tollgate.checks.pins import yarnlock  # noqa: PLC0415 - only the lockfile at hand

    return yarnlock.read(text)


@lru_cache(maxsize=2)
def _yarn_names(text: str) -> frozenset[str]:
    from tollgate.checks.pins import yarnlock  # noqa: PLC0415

    return yarnlock.names(_yarn(text))


def _alias_version(version: str) -> str:
    # lockfile v1 writes an alias's version as `npm:other@1.2.3`.
    return version.rpartition("@")[2] if version.startswith("npm:") else version
