"""What a git ref pins: a full commit hash, or a name the remote can point elsewhere."""

from __future__ import annotations

import re

FULL_COMMIT = re.compile(r"[0-9a-fA-F]{40}(?:[0-9a-fA-F]{24})?")  # SHA-1, or SHA-256
_SHORT_COMMIT = re.compile(r"[0-9a-fA-F]{4,39}")
# Refs that move with every push: a branch head, a pull or merge request head.
_MOVING = re.compile(r"refs/(?:heads|pull|merge-requests)/")


def kind(ref: str) -> str:
    """`commit` (immutable), `moving` (a branch or review head: floats), `short` (an abbreviated
    hash) or `named` (a tag, or any name the remote resolves): the last two are only movable."""
    if FULL_COMMIT.fullmatch(ref):
        return "commit"
    if _MOVING.match(ref):
        return "moving"
    return "short" if _SHORT_COMMIT.fullmatch(ref) else "named"
