"""The Pack a scan runs, built from merged layers: adjusted rules, path scopes, semgrep config."""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tollgate.pack.model import Allowlist, AnyRule, Pack, PatternRule, PinRule, SecretRule
from tollgate.pack.overrides import Override

if TYPE_CHECKING:
    from tollgate.pack.layers import Layer


def build(
    layers: Sequence[Layer],
    rules: Mapping[str, tuple[AnyRule, int]],
    adjusted: Mapping[str, Override],
) -> Pack:
    kept: dict[str, tuple[AnyRule, int]] = {}
    scopes: list[tuple[str, tuple[str, ...], tuple[str, ...]]] = []
    for rule_id, (original, index) in rules.items():
        override = adjusted.get(rule_id)
        if override is None:
            kept[rule_id] = (original, index)
            continue
        if override.disable:
            continue
        rule = _adjusted(original, override)
        exclude = override.exclude_paths
        if not isinstance(rule, SecretRule):
            exclude += override.allow_paths  # a secret rule's allowlist holds its own paths
        if override.paths or exclude:
            scopes.append((rule_id, override.paths, exclude))
        kept[rule_id] = (rule, index)
    top = layers[-1].pack
    patterns = {i: r for i, r in kept.items() if isinstance(r[0], PatternRule)}
    config, unconditional = _semgrep_configs(layers, patterns)
    return Pack(
        name=top.name,
        version=top.version,
        description=top.description,
        root=top.root,
        secrets=tuple(r for r, _ in kept.values() if isinstance(r, SecretRule)),
        patterns=tuple(r for r, _ in patterns.values() if isinstance(r, PatternRule)),
        semgrep_config=config,
        semgrep_unconditional=unconditional,
        pins=tuple(r for r, _ in kept.values() if isinstance(r, PinRule)),
        scopes=tuple(scopes),
        layers=tuple(layer.label for layer in layers),
    )


def _adjusted(rule: AnyRule, override: Override) -> AnyRule:
    if override.severity is not None:
        rule = rule._replace(severity=override.severity)
    if isinstance(rule, SecretRule) and (
        override.allow_regexes or override.allow_stopwords or override.allow_paths
    ):
        old = rule.allowlist
        rule = rule._replace(
            allowlist=Allowlist(
                old.regexes + override.allow_regexes,
                old.stopwords + override.allow_stopwords,
                old.paths + override.allow_paths,
            )
        )
    return rule


def _semgrep_configs(
    layers: Sequence[Layer], patterns: Mapping[str, tuple[AnyRule, int]]
) -> tuple[str, str]:
    """The merged pattern rules as semgrep configs (all rules; those without a prefilter).

    When every rule comes, unchanged and complete, from one layer, that layer's own files serve.
    """
    sources = {index for _, index in patterns.values()}
    if not sources:
        return "", ""
    if len(sources) == 1:
        layer = layers[next(iter(sources))].pack
        same = {r.id: r for r in layer.patterns} == {i: r for i, (r, _) in patterns.items()}
        if same:
            return layer.semgrep_config, layer.semgrep_unconditional
    return _write_merged(layers, patterns)


def _write_merged(
    layers: Sequence[Layer], patterns: Mapping[str, tuple[AnyRule, int]]
) -> tuple[str, str]:
    import hashlib  # noqa: PLC0415
    import json  # noqa: PLC0415

    from tollgate.pack.cache import cache_dir  # noqa: PLC0415
    from tollgate.pack.load import write_semgrep_config  # noqa: PLC0415

    wanted = {rule_id: index for rule_id, (_, index) in patterns.items()}
    key = hashlib.sha256()
    for index in sorted(set(wanted.values())):
        config = layers[index].pack.semgrep_config
        key.update(f"{config}\0{os.stat(config).st_mtime_ns}\0".encode())
    key.update("\0".join(sorted(f"{i}={n}" for i, n in wanted.items())).encode())
    base = cache_dir() / "packs" / f"merged-{key.hexdigest()[:24]}"
    path, unconditional = Path(f"{base}.semgrep.json"), Path(f"{base}.unconditional.json")
    if path.exists():
        return str(path), str(unconditional) if unconditional.exists() else str(path)
    raw: list[dict[str, Any]] = []
    for index in sorted(set(wanted.values())):
        document = json.loads(Path(layers[index].pack.semgrep_config).read_text("utf-8"))
        raw.extend(r for r in document["rules"] if wanted.get(r.get("id")) == index)
    plain = [r for r in raw if not r.get("metadata", {}).get("prefilter")]
    written = str(write_semgrep_config(raw, path))
    if len(plain) == len(raw):
        return written, written
    return written, str(write_semgrep_config(plain, unconditional)) if plain else ""
