"""A per-user cache of parsed packs, so a commit does not re-parse every rule file.

Parsing ~150 rules of TOML with tomli costs more than the whole 1-file budget. The cache entry is
keyed by each rule file's name, size and modification time (and the tollgate and Python versions),
stored with the key inside so a colliding file name can never serve another pack. It holds what
scanning needs and nothing else: no examples (they are only for `pack test`), so no example value
is ever cached. marshal, not JSON: it is already loaded at start-up and reads ~10x faster.
"""

from __future__ import annotations

import marshal
import os
import sys
import zlib
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from tollgate import __version__
from tollgate.pack.model import Allowlist, Pack, PatternRule, PinRule, SecretRule
from tollgate.pack.overrides import Override
from tollgate.severity import Confidence, Severity

CACHE_FORMAT = 4  # bump when the cached shape of a pack changes

_FIELDS = ("id", "title", "description", "regex", "secret_group", "keywords", "source", "entropy",
           "validator", "detector", "fix", "references")  # fmt: skip


def cache_dir(environ: Mapping[str, str] = os.environ) -> Path:
    if environ.get("TOLLGATE_CACHE_DIR"):
        return Path(environ["TOLLGATE_CACHE_DIR"])
    base = environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "tollgate"


def pack_key(root: Path) -> str:
    parts = [str(CACHE_FORMAT), __version__, sys.version, str(root.resolve())]
    files = [
        root / "pack.toml",
        *sorted((root / "secrets").glob("*.toml")),
        *sorted((root / "patterns").rglob("*.yaml")),
        *sorted((root / "pins").glob("*.toml")),
    ]
    for path in files:
        stat = path.stat()
        parts.append(f"{path.name}:{stat.st_size}:{stat.st_mtime_ns}")
    return "\0".join(parts)


def cache_file(directory: Path, key: str) -> Path:
    return directory / "packs" / f"{zlib.crc32(key.encode()):08x}.marshal"


def read_cached(path: Path, key: str) -> Pack | None:
    try:
        # tollgate: ignore[patterns.python.marshal-load] our own per-user cache, written above
        data = marshal.loads(path.read_bytes())
        return _pack(data) if data["key"] == key else None
    except (OSError, ValueError, EOFError, KeyError, TypeError):
        return None  # missing, stale or foreign: parse the pack again


def write_cached(path: Path, key: str, pack: Pack) -> None:
    document = {
        "key": key,
        "name": pack.name,
        "version": pack.version,
        "description": pack.description,
        "root": str(pack.root),
        "secrets": [_rule_dict(r) for r in pack.secrets],
        "patterns": [_pattern_tuple(r) for r in pack.patterns],
        "semgrep_config": pack.semgrep_config,
        "semgrep_unconditional": pack.semgrep_unconditional,
        "pins": [_pin_tuple(r) for r in pack.pins],
        "extends": pack.extends,
        "overrides": [(rule, _override_tuple(o)) for rule, o in pack.overrides],
        "enforced": pack.enforced,
    }
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary = path.with_suffix(f".{os.getpid()}.tmp")
        temporary.write_bytes(marshal.dumps(document))
        temporary.replace(path)
    except OSError:
        pass  # a read-only home only costs speed


def _rule_dict(rule: SecretRule) -> dict[str, Any]:
    data: dict[str, Any] = {name: getattr(rule, name) for name in _FIELDS}
    data["severity"] = int(rule.severity)
    data["confidence"] = int(rule.confidence)
    data["allowlist"] = (rule.allowlist.regexes, rule.allowlist.stopwords, rule.allowlist.paths)
    return data


def _pack(data: dict[str, Any]) -> Pack:
    rules = []
    for item in data["secrets"]:
        regexes, stopwords, paths = item["allowlist"]
        fields = {name: item[name] for name in _FIELDS}
        rules.append(
            SecretRule(
                **fields,
                severity=Severity(item["severity"]),
                confidence=Confidence(item["confidence"]),
                allowlist=Allowlist(regexes, stopwords, paths),
            )
        )
    patterns = tuple(_pattern(values) for values in data["patterns"])
    return Pack(
        data["name"],
        data["version"],
        data["description"],
        Path(data["root"]),
        tuple(rules),
        patterns,
        data["semgrep_config"],
        data["semgrep_unconditional"],
        tuple(_pin(values) for values in data["pins"]),
        extends=tuple(data["extends"]),
        overrides=tuple((rule, _override(values)) for rule, values in data["overrides"]),
        enforced=tuple(data["enforced"]),
    )


def _pattern_tuple(rule: PatternRule) -> tuple[Any, ...]:
    return tuple(int(v) if isinstance(v, (Severity, Confidence)) else v for v in rule)


def _pattern(values: tuple[Any, ...]) -> PatternRule:
    rule = PatternRule(*values)
    return rule._replace(severity=Severity(rule.severity), confidence=Confidence(rule.confidence))


def _pin_tuple(rule: PinRule) -> tuple[Any, ...]:
    # No examples: they are only for `pack test`, and some look like what they test.
    kept = rule._replace(examples=(), negatives=())
    return tuple(int(v) if isinstance(v, Severity) else v for v in kept)


def _pin(values: tuple[Any, ...]) -> PinRule:
    rule = PinRule(*values)
    return rule._replace(severity=Severity(rule.severity))


def _override_tuple(override: Override) -> tuple[Any, ...]:
    return tuple(int(v) if isinstance(v, Severity) else v for v in override)


def _override(values: tuple[Any, ...]) -> Override:
    override = Override(*values)
    severity = override.severity
    return override._replace(severity=None if severity is None else Severity(severity))
