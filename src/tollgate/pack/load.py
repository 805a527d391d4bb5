"""Find and load a pack directory: pack.toml plus its rule files."""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from tollgate import __version__
from tollgate.errors import TollgateError
from tollgate.pack.compat import satisfies
from tollgate.pack.model import Pack, PinRule, SecretRule
from tollgate.pack.overrides import parse_overrides
from tollgate.pack.pattern_rules import load_pattern_rules
from tollgate.pack.secret_rules import load_secret_rules
from tollgate.tomlfile import check_keys, get_str, get_str_list, load_toml

PACK_FORMAT = 1
_PACK_KEYS = frozenset(
    {"format", "name", "version", "description", "requires_tollgate", "extends", "enforced",
     "rules"}
)  # fmt: skip


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
    directory = cache_dir(environ)
    path = cache_file(directory, key)
    cached = read_cached(path, key)
    configs = (cached.semgrep_config, cached.semgrep_unconditional) if cached else ()
    if cached is not None and all(os.path.exists(c) for c in configs if c):
        return cached
    pack = load_pack(root, environ, path.with_suffix(".semgrep.json"))
    write_cached(path, key, pack)
    return pack


def load_pack(
    root: Path, environ: Mapping[str, str] = os.environ, semgrep_config: Path | None = None
) -> Pack:
    """Load and check every file of the pack.

    Pattern rules are merged into one semgrep config file at `semgrep_config` (by default in
    the user's cache directory, named after the pack's location).
    """
    manifest = root / "pack.toml"
    if not manifest.is_file():
        raise TollgateError(
            f"{root}: not a rule pack (no pack.toml); a pack starts with a pack.toml holding "
            f"format = {PACK_FORMAT}, name and version"
        )
    from tollgate.pack.digest import pack_files  # noqa: PLC0415

    pack_files(root)  # a symlink leading out of the pack is an error, before anything is read
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
    patterns, raw = load_pattern_rules(root)
    for pattern in patterns:
        if pattern.id in seen:
            raise TollgateError(
                f"{pattern.source}: rule id {pattern.id!r} is already defined in {seen[pattern.id]}"
            )
        seen[pattern.id] = pattern.source
    pins: list[PinRule] = []
    if (root / "pins").is_dir():
        from tollgate.pack.pin_rules import load_pin_rules  # noqa: PLC0415

        for path in sorted((root / "pins").glob("*.toml")):
            label = path.relative_to(root.parent).as_posix() if root.parent != root else str(path)
            for pin in load_pin_rules(path, label):
                if pin.id in seen:
                    raise TollgateError(
                        f"{label}: rule id {pin.id!r} is already defined in {seen[pin.id]}"
                    )
                seen[pin.id] = label
                pins.append(pin)
    config = unconditional = ""
    if raw:
        path = semgrep_config or _default_config(root, environ)
        config = unconditional = str(write_semgrep_config(raw, path))
        plain = [r for r, rule in zip(raw, patterns, strict=True) if not rule.prefilter]
        if len(plain) < len(raw):
            others = path.with_name(path.name.replace(".json", ".unconditional.json"))
            unconditional = str(write_semgrep_config(plain, others)) if plain else ""
    return Pack(
        name=get_str(meta, "name", where),
        version=get_str(meta, "version", where),
        description=get_str(meta, "description", where, ""),
        root=root,
        secrets=tuple(secrets),
        patterns=tuple(patterns),
        semgrep_config=config,
        semgrep_unconditional=unconditional,
        pins=tuple(pins),
        extends=get_str_list(meta, "extends", where),
        overrides=parse_overrides(meta, where, may_enforce=True),
        enforced=get_str_list(meta, "enforced", where),
    )


def _default_config(root: Path, environ: Mapping[str, str]) -> Path:
    import zlib  # noqa: PLC0415

    from tollgate.pack.cache import cache_dir  # noqa: PLC0415

    name = f"{zlib.crc32(str(root.resolve()).encode()):08x}.semgrep.json"
    return cache_dir(environ) / "packs" / name


def write_semgrep_config(raw: list[dict[str, Any]], path: Path) -> Path:
    """One semgrep config holding every pattern rule (JSON is YAML, and ~50x faster to write)."""
    import json  # noqa: PLC0415
    import tempfile  # noqa: PLC0415

    text = json.dumps({"rules": raw}, default=str)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary = path.with_suffix(f".{os.getpid()}.tmp")
        temporary.write_text(text, "utf-8")
        temporary.replace(path)
        return path
    except OSError:
        # No writable cache: a private temporary file still lets semgrep run.
        handle, name = tempfile.mkstemp(prefix="tollgate-", suffix=".semgrep.json")
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            out.write(text)
        return Path(name)
