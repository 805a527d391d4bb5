"""What every repository-aware command needs: root, config and pack, loaded once."""

from __future__ import annotations

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


def load_context(root: Path, pack_dir: str | None) -> Context:
    config = load_config(root, frozenset(CHECKS))
    pack = load_pack_for_scan(Path(pack_dir) if pack_dir else builtin_pack_dir())
    # The repository's [pins] choices are the last layer over the pack's pin policy.
    return Context(root, config, pack._replace(pin_settings=config.pins))
