"""The workspace members a root lockfile records: judged again when only that lockfile changes.

package-lock.json (v2, v3) keys each member by its directory in `packages`; pnpm-lock.yaml lists
them under `importers`. yarn.lock names no directories: its members are only judged when their
own package.json changes.
"""

from __future__ import annotations

# A lockfile naming more members than this is judged by its root manifest only: the check's cost
# must stay proportional to the change.
MAX_MEMBERS = 500


def members(lockfile: str, text: str) -> tuple[str, ...]:
    directory, _, name = lockfile.rpartition("/")
    if name in ("package-lock.json", "npm-shrinkwrap.json"):
        found = _npm(text)
    elif name == "pnpm-lock.yaml":
        from tollgate.checks.pins.pnpmlock import importers  # noqa: PLC0415

        found = [key for key in importers(text) if key != "."]
    else:
        return ()
    if len(found) > MAX_MEMBERS:
        return ()
    prefix = f"{directory}/" if directory else ""
    return tuple(f"{prefix}{member}/package.json" for member in found if _inside(member))


def _npm(text: str) -> list[str]:
    from tollgate.checks.pins.packagelock import Broken, keys, read  # noqa: PLC0415

    lockfile = read(text)
    if isinstance(lockfile, Broken) or lockfile.packages is None:
        return []
    return [key for key in keys(lockfile.packages) if key and "node_modules/" not in key]


def _inside(member: str) -> bool:
    # A member outside the lockfile's directory (`../shared`) is another root's business.
    return not member.startswith(("/", "../")) and "/../" not in member
