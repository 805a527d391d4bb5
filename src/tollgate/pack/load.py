"""Find and load a pack directory: pack.toml plus its rule files."""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path

from tollgate import __version__
from tollgate.errors import TollgateError
from tollgate.pack.compat import satisfies
from tollgate.pack.model import Pack, SecretRule
from tollgate.pack.secret_rules import load_secret_rules
from tollgate.tomlfile import check_keys, get_str, load_toml

PACK_FORMAT = 1
_PACK_KEYS = frozenset({"format", "name", "version", "description", "requires_tollgate"})


def builtin_pack_dir() -> Path:
    """The default pack: shipped in the wheel as tollgate/_rules, or `rules/` in a checkout."""
    here = Path(__file__).resolve().parent.parent
    shipped = here / "_rules"
    return shipped if shipped.is_dir() else here.parent.parent / "rules"


def load_pack_for_scan(root: Path, environ: Mapping[str, str] = os.environ) -> Pack:
    """The pack as scanning needs it (no examples), from the per-user cache when it is fresh."""
    from tollgate.pack.cache import (  # noqa: PLC0415
        cache_dir,
        cache_file,
        pack_key,
        read_cached,
        write_cached,
    )

    try:
        key = pack_key(root)
    except OSError:
        return load_pack(root)  # unreadable: let the full loader say what is wrong
    path = cache_file(cache_dir(environ), key)
    cached = read_cached(path, key)
    if cached is not None:
        return cached
    pack = load_pack(root)
    write_cached(path, key, pack)
    return pack


def load_pack(root: Path) -> Pack:
    manifest = root / "pack.toml"
    if not manifest.is_file():
        raise TollgateError(
            f"{root}: not a rule pack (no pack.toml); a pack starts with a pack.toml holding "
            f"format = {PACK_FORMAT}, name and version"
        )
    meta = load_toml(manifest)
    where = str(manifest)
    check_keys(meta, _PACK_KEYS, where)
    if meta.get("format") != PACK_FORMAT:
        raise TollgateError(f"{where}: 'format' must be {PACK_FORMAT}")
    requires = get_str(meta, "requires_tollgate", where, "")
    if requires and not satisfies(__version__, requires, where):
        raise TollgateError(
            f"{where}: this pack needs tollgate {requires}, but this is tollgate {__version__}"
        )
    secrets: list[SecretRule] = []
    seen: dict[str, str] = {}
    for path in sorted((root / "secrets").glob("*.toml")):
        label = path.relative_to(root.parent).as_posix() if root.parent != root else str(path)
        for rule in load_secret_rules(path, label):
            if rule.id in seen:
                raise TollgateError(
                    f"{label}: rule id {rule.id!r} is already defined in {seen[rule.id]}"
                )
            seen[rule.id] = label
            secrets.append(rule)
    return Pack(
        name=get_str(meta, "name", where),
        version=get_str(meta, "version", where),
        description=get_str(meta, "description", where, ""),
        root=root,
        secrets=tuple(secrets),
    )
