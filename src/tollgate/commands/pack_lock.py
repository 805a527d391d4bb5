"""`tollgate pack lock|update|fetch`: pin remote packs in tollgate.lock, move a pin, fetch pins.

These are the only commands that touch the network (through gitpython); a scan never does when
the cache holds the locked versions.
"""

from __future__ import annotations

import argparse
import os
from collections.abc import Mapping
from pathlib import Path

from tollgate.errors import TollgateError
from tollgate.pack.lockfile import LOCK_NAME, Locked, read_lock, write_lock
from tollgate.pack.model import Pack
from tollgate.pack.source import Source, parse_source


def lock(args: argparse.Namespace, environ: Mapping[str, str] = os.environ) -> int:
    root, specs = _repo_specs(environ)
    path = root / LOCK_NAME
    entries = read_lock(path)
    wanted: dict[str, Locked] = {}
    for spec, base, where in specs:
        _lock_tree(spec, base, where, entries=entries, wanted=wanted, environ=environ)
    for source in sorted(set(entries) - set(wanted)):
        print(f"unlocked {source} (no config names it any more)")
    if not wanted:
        print("no remote packs to lock (builtin and directory packs need no lock)")
    if wanted or path.exists():
        write_lock(path, wanted)
    return 0


def update(args: argparse.Namespace, environ: Mapping[str, str] = os.environ) -> int:
    from tollgate.pack.diff import rule_diff  # noqa: PLC0415
    from tollgate.pack.load import load_pack  # noqa: PLC0415

    root, _ = _repo_specs(environ)
    path = root / LOCK_NAME
    entries = read_lock(path)
    chosen = [e for e in entries.values() if not args.name or args.name in (e.source, e.name)]
    if not chosen:
        raise TollgateError(
            f"{path}: no locked pack named {args.name!r}"
            if args.name
            else f"{path}: nothing locked"
        )
    for old in chosen:
        new = _resolve(parse_source(old.source, root, str(path)), environ)
        if (new.commit, new.digest) == (old.commit, old.digest):
            print(f"{old.source}: already at {old.commit[:12]}")
            continue
        print(f"{old.source}: {old.commit[:12]} -> {new.commit[:12]}")
        before = _previous(old, root, environ)
        if before is None:
            print("  (the previous version is not in the cache: no rule diff)")
        else:
            after = load_pack(_root(new, parse_source(new.source, root, str(path)), environ))
            for line in rule_diff(before, after):
                print(f"  {line}")
        entries[old.source] = new
    write_lock(path, entries)
    return 0


def fetch(args: argparse.Namespace, environ: Mapping[str, str] = os.environ) -> int:
    """Bring every locked git pack into the cache, at its locked commit."""
    from tollgate.pack.gitfetch import fetch_commit  # noqa: PLC0415
    from tollgate.pack.store import store_dir  # noqa: PLC0415

    root, _ = _repo_specs(environ)
    path = root / LOCK_NAME
    for entry in read_lock(path).values():
        source = parse_source(entry.source, root, str(path))
        if source.kind != "git":
            continue
        if (store_dir(environ) / entry.digest.removeprefix("sha256:")).is_dir():
            print(f"{entry.source}: in the cache")
            continue
        fetch_commit(source.url, entry.commit, entry.digest, environ, source.subdirectory)
        print(f"{entry.source}: fetched {entry.commit[:12]}")
    return 0


def _repo_specs(environ: Mapping[str, str]) -> tuple[Path, list[tuple[str, Path, str]]]:
    """Every pack the repository's configs name: the root's and each nested one's."""
    from tollgate.checks import CHECKS  # noqa: PLC0415
    from tollgate.config import load_config, parse_table  # noqa: PLC0415
    from tollgate.gitcmd import Git, find_root  # noqa: PLC0415
    from tollgate.tomlfile import load_toml  # noqa: PLC0415

    root = find_root(Path.cwd(), environ)
    config = load_config(root, frozenset(CHECKS))
    where = f"{config.source or root / '.tollgate.toml'}: packs"
    specs = [(spec, root, where) for spec in config.packs]
    listing = Git(root, environ).run("ls-files", "-z").decode("utf-8", "surrogateescape")
    for name in sorted(n for n in listing.split("\0") if n.endswith("/.tollgate.toml")):
        path = root / name
        if path.is_file():
            nested = parse_table(load_toml(path), str(path), frozenset(CHECKS))
            specs += [(spec, path.parent, f"{path}: packs") for spec in nested.packs]
    return root, specs


def _lock_tree(
    spec: str,
    base: Path,
    where: str,
    *,
    entries: Mapping[str, Locked],
    wanted: dict[str, Locked],
    environ: Mapping[str, str],
) -> None:
    """Lock `spec` (keeping an existing pin) and every remote pack it extends."""
    from tollgate.pack.load import load_pack  # noqa: PLC0415

    source = parse_source(spec, base, where)
    if source.kind == "builtin":
        return
    if source.kind == "dir":
        assert source.path is not None
        root = source.path
    else:
        entry = entries.get(spec) or _resolve(source, environ)
        if spec not in entries:
            print(f"locked {spec} at {entry.commit[:12]} ({entry.name} {entry.version})")
        wanted[spec] = entry
        root = _root(entry, source, environ)
    pack = load_pack(root, environ)
    for inner in pack.extends:
        where = f"{root / 'pack.toml'}: extends"
        _lock_tree(inner, root, where, entries=entries, wanted=wanted, environ=environ)


def _resolve(source: Source, environ: Mapping[str, str]) -> Locked:
    from tollgate.pack.load import load_pack  # noqa: PLC0415

    if source.kind == "py":
        from tollgate.pack.digest import pack_digest  # noqa: PLC0415
        from tollgate.pack.pyentry import locate  # noqa: PLC0415

        found = locate(source.ref)
        pack = load_pack(found.path, environ)
        return Locked(source.spec, found.distribution, pack_digest(found.path), pack.name,
                      pack.version)  # fmt: skip
    from tollgate.pack.gitfetch import fetch_commit, resolve  # noqa: PLC0415

    commit = resolve(source.url, source.ref, environ)
    fetched = fetch_commit(source.url, commit, "", environ, source.subdirectory)
    pack = load_pack(fetched.path, environ)
    return Locked(source.spec, commit, fetched.digest, pack.name, pack.version)


def _root(entry: Locked, source: Source, environ: Mapping[str, str]) -> Path:
    if source.kind == "py":
        from tollgate.pack.pyentry import locate  # noqa: PLC0415

        return locate(source.ref).path
    from tollgate.pack.store import stored  # noqa: PLC0415

    return stored(entry, environ)


def _previous(entry: Locked, root: Path, environ: Mapping[str, str]) -> Pack | None:
    """The pack as locked before, if the cache still holds it (never fetched for a diff)."""
    from tollgate.pack.load import load_pack  # noqa: PLC0415
    from tollgate.pack.store import stored  # noqa: PLC0415

    if not entry.source.startswith("git+"):
        return None  # an installed distribution only exists in its current version
    try:
        return load_pack(stored(entry, environ), environ)
    except TollgateError:
        return None
