"""Resolve a config's `packs = [...]` (and each pack's `extends`) into layers, verified against
tollgate.lock, and merge them into the one Pack a scan runs.

Later layers sit over earlier ones: a rule id defined again replaces the earlier rule, and a
layer's `[rules."<id>"]` adjusts rules below it. A rule a pack enforces cannot be redefined,
disabled, lowered or limited to paths by any layer above it, the repository's config included.
"""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import NamedTuple

from tollgate.errors import TollgateError
from tollgate.pack.lockfile import Locked
from tollgate.pack.model import AnyRule, Pack
from tollgate.pack.overrides import Override
from tollgate.pack.source import Source, parse_source
from tollgate.severity import Severity


class Layer(NamedTuple):
    pack: Pack
    source: Source
    label: str  # "name version (source)", as errors and `pack info` name it


class Resolver:
    def __init__(
        self,
        lock: Mapping[str, Locked],
        environ: Mapping[str, str] = os.environ,
        allow_unlocked: bool = False,
        examples: bool = False,
    ) -> None:
        self.lock = lock
        self.environ = environ
        self.allow_unlocked = allow_unlocked
        # `pack test` needs the examples, which the per-user cache of parsed packs leaves out.
        self.examples = examples
        self.loaded: dict[Path, Pack] = {}  # two packs may extend the same base: load it once

    def layers(
        self, specs: Sequence[str], base: Path, where: str, chain: tuple[Path, ...] = ()
    ) -> list[Layer]:
        out: list[Layer] = []
        for spec in specs:
            source = parse_source(spec, base, where)
            if chain and source.kind == "dir":
                # Inside a pack, a directory it extends must be part of the pack itself.
                from tollgate.pack.digest import inside  # noqa: PLC0415

                inside(chain[-1], spec, where)
            root = self.root_of(source, where)
            if root in chain:
                trail = " -> ".join(str(p) for p in (*chain, root))
                raise TollgateError(f"{where}: packs extend each other in a cycle: {trail}")
            if root not in self.loaded:
                self.loaded[root] = _load(root, self.environ, self.examples)
            pack = self.loaded[root]
            if pack.extends:
                inner = f"{root / 'pack.toml'}: extends"
                out.extend(self.layers(pack.extends, root, inner, (*chain, root)))
            label = f"{pack.name} {pack.version} ({spec})"
            out.append(Layer(pack, source, label))
        return _unique(out)

    def root_of(self, source: Source, where: str) -> Path:
        if source.kind == "builtin":
            from tollgate.pack.load import builtin_pack_dir  # noqa: PLC0415

            return builtin_pack_dir()
        if source.kind == "dir":
            assert source.path is not None
            if not (source.path / "pack.toml").is_file():
                raise TollgateError(f"{where}: pack {source.spec!r}: no pack.toml in {source.path}")
            return source.path
        entry = self.lock.get(source.spec)
        if source.kind == "py":
            return self._installed(source, entry)
        if entry is not None:
            from tollgate.pack.store import stored  # noqa: PLC0415

            return stored(entry, self.environ)
        if not self.allow_unlocked:
            raise TollgateError(
                f"{where}: pack {source.spec} is not locked; run `tollgate pack lock` to pin it "
                "(or scan with --allow-unlocked)"
            )
        from tollgate.pack.gitfetch import fetch_commit, resolve  # noqa: PLC0415

        commit = resolve(source.url, source.ref, self.environ)
        return fetch_commit(source.url, commit, "", self.environ, source.subdirectory).path

    def _installed(self, source: Source, entry: Locked | None) -> Path:
        from tollgate.pack.digest import pack_digest  # noqa: PLC0415
        from tollgate.pack.pyentry import locate  # noqa: PLC0415

        found = locate(source.ref)
        if entry is None:
            if self.allow_unlocked:
                return found.path
            raise TollgateError(
                f"pack {source.spec} ({found.distribution}) is not locked; run "
                "`tollgate pack lock` to pin it (or scan with --allow-unlocked)"
            )
        digest = pack_digest(found.path)
        if digest != entry.digest:
            raise TollgateError(
                f"pack {source.spec}: the installed {found.distribution} at {found.path} does not "
                f"match tollgate.lock (locked: {entry.commit}); reinstall the locked version or "
                f"run `tollgate pack update {source.spec}`"
            )
        return found.path


def _load(root: Path, environ: Mapping[str, str], examples: bool) -> Pack:
    from tollgate.pack.load import load_pack, load_pack_for_scan  # noqa: PLC0415

    return load_pack(root, environ) if examples else load_pack_for_scan(root, environ)


def _unique(layers: list[Layer]) -> list[Layer]:
    """Each pack once, where it first appears (two packs may extend the same base)."""
    seen: set[Path] = set()
    out = []
    for layer in layers:
        if layer.pack.root.resolve() not in seen:
            seen.add(layer.pack.root.resolve())
            out.append(layer)
    return out


class _Rules:
    """The merged rules while layers are applied, with who enforces what."""

    def __init__(self) -> None:
        self.rules: dict[str, tuple[AnyRule, int]] = {}  # id -> (rule, index of its layer)
        self.enforced: dict[str, str] = {}  # id -> label of the pack enforcing it
        self.adjusted: dict[str, Override] = {}

    def define(self, rule: AnyRule, index: int, label: str) -> None:
        if rule.id in self.rules and rule.id in self.enforced:
            raise TollgateError(
                f"{label}: redefines rule {rule.id}, which {self.enforced[rule.id]} enforces"
            )
        self.rules[rule.id] = (rule, index)

    def adjust(self, rule_id: str, override: Override) -> None:
        if rule_id not in self.rules:
            import difflib  # noqa: PLC0415

            guess = difflib.get_close_matches(rule_id, list(self.rules), n=1)
            hint = f" (did you mean {guess[0]!r}?)" if guess else ""
            raise TollgateError(f'{override.source}: rules."{rule_id}": no such rule{hint}')
        rule = self.rules[rule_id][0]
        weakened = override.weakens(self.severity(rule_id, rule))
        if weakened and rule_id in self.enforced:
            raise TollgateError(
                f'{override.source}: rules."{rule_id}" {weakened} a rule that '
                f"{self.enforced[rule_id]} enforces"
            )
        self.adjusted[rule_id] = _combine(self.adjusted.get(rule_id), override)

    def severity(self, rule_id: str, rule: AnyRule) -> Severity:
        current = self.adjusted.get(rule_id)
        return current.severity if current and current.severity is not None else rule.severity

    def enforce(self, globs: Sequence[str], label: str) -> None:
        from fnmatch import fnmatchcase  # noqa: PLC0415

        for rule_id in self.rules:
            if rule_id not in self.enforced and any(fnmatchcase(rule_id, g) for g in globs):
                self.enforced[rule_id] = label


def _combine(old: Override | None, new: Override) -> Override:
    if old is None:
        return new
    return Override(
        source=new.source,
        severity=new.severity if new.severity is not None else old.severity,
        disable=new.disable or old.disable,
        paths=new.paths or old.paths,
        exclude_paths=old.exclude_paths + new.exclude_paths,
        allow_regexes=old.allow_regexes + new.allow_regexes,
        allow_stopwords=old.allow_stopwords + new.allow_stopwords,
        allow_paths=old.allow_paths + new.allow_paths,
        enforced=old.enforced or new.enforced,
    )


def merge(layers: Sequence[Layer], config: Sequence[tuple[str, Override]] = ()) -> Pack:
    """One pack from the layers, then the repository config's adjustments on top."""
    from tollgate.pack.merged import build  # noqa: PLC0415

    state = _Rules()
    for index, layer in enumerate(layers):
        pack = layer.pack
        for rule in pack.all_rules():
            state.define(rule, index, layer.label)
        for rule_id, override in pack.overrides:
            state.adjust(rule_id, override._replace(source=f"{layer.label}: pack.toml"))
        enforced = [*pack.enforced, *(rule for rule, o in pack.overrides if o.enforced)]
        if enforced:
            state.enforce(enforced, layer.label)
    for rule_id, override in config:
        state.adjust(rule_id, override)
    return build(layers, state.rules, state.adjusted)
