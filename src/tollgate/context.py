"""What every repository-aware command needs: root, config and pack, loaded once."""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path
from typing import NamedTuple

from tollgate.checks import CHECKS
from tollgate.config import Config, load_config
from tollgate.pack.load import builtin_pack_dir, load_pack_for_scan
from tollgate.pack.model import Pack


class Context(NamedTuple):
    root: Path
    config: Config
    pack: Pack


def load_context(
    root: Path,
    pack_dir: str | None,
    environ: Mapping[str, str] = os.environ,
    allow_unlocked: bool = False,
) -> Context:
    config = load_config(root, frozenset(CHECKS))
    pack = resolve_pack(root, config, pack_dir, environ, allow_unlocked)
    # The repository's [pins] choices are the last layer over the pack's pin policy.
    return Context(root, config, pack._replace(pin_settings=config.pins))


def resolve_pack(
    root: Path,
    config: Config,
    pack_dir: str | None,
    environ: Mapping[str, str] = os.environ,
    allow_unlocked: bool = False,
) -> Pack:
    """The layers the config names (or `--pack DIR`), merged, with the config's adjustments."""
    specs = (str(Path(pack_dir).resolve()),) if pack_dir else config.packs
    plain = not config.overrides and not config.disable
    if specs == ("builtin",) and plain:
        # The common case pays for nothing it does not use.
        pack = load_pack_for_scan(builtin_pack_dir(), environ)
        if not pack.extends:
            return pack
    from tollgate.pack.layers import Resolver, merge  # noqa: PLC0415
    from tollgate.pack.lockfile import LOCK_NAME, read_lock  # noqa: PLC0415
    from tollgate.pack.overrides import Override  # noqa: PLC0415

    lock = read_lock(root / LOCK_NAME)  # {} without one; remote packs a layer extends need it too
    where = config.source or str(root / ".tollgate.toml")
    layers = Resolver(lock, environ, allow_unlocked).layers(specs, root, f"{where}: packs")
    known = {rule_id for layer in layers for rule_id in layer.pack.rule_ids()}
    disabled = tuple(
        (rule_id, Override(source=f"{where}: disable", disable=True))
        for rule_id in config.disable
        if rule_id in known
    )
    adjustments = config.overrides + disabled
    if len(layers) == 1 and not layers[0].pack.overrides and not adjustments:
        return layers[0].pack._replace(layers=(layers[0].label,))
    return merge(layers, adjustments)
