"""The per-user store of fetched packs: content-addressed, verified on every run.

Layout under the cache directory (XDG_CACHE_HOME/tollgate, or TOLLGATE_CACHE_DIR):
    git/<key>.git        a bare mirror of each pack repository (fetching only)
    store/<sha256 hex>/  a pack's files, in a directory named after their digest
A run only reads `store/`: it never touches the network when the locked version is there.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Mapping
from pathlib import Path

from tollgate.errors import TollgateError
from tollgate.pack.cache import cache_dir
from tollgate.pack.digest import pack_digest
from tollgate.pack.lockfile import Locked


def store_dir(environ: Mapping[str, str] = os.environ) -> Path:
    return cache_dir(environ) / "store"


def mirror_dir(url: str, environ: Mapping[str, str] = os.environ) -> Path:
    key = hashlib.sha256(url.encode()).hexdigest()[:24]
    return cache_dir(environ) / "git" / f"{key}.git"


def stored(entry: Locked, environ: Mapping[str, str] = os.environ) -> Path:
    """The locked pack's directory in the store, verified against the lock (fail closed)."""
    path = store_dir(environ) / entry.digest.removeprefix("sha256:")
    if not (path / "pack.toml").is_file():
        raise TollgateError(
            f"pack {entry.source} (commit {entry.commit[:12]}) is not in the local cache "
            f"({path}); fetch it with `tollgate pack fetch`"
        )
    actual = pack_digest(path)
    if actual != entry.digest:
        raise TollgateError(
            f"pack {entry.source}: the cached copy at {path} does not match tollgate.lock "
            f"(digest {actual[:19]}... instead of {entry.digest[:19]}...); it was modified: "
            f"delete that directory and run `tollgate pack fetch`"
        )
    return path
