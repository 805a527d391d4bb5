"""Image and action references for the pins bench's files, pinned or floating, and edits to them."""

from __future__ import annotations

import hashlib
import random
import re
from collections.abc import Mapping

from common import BenchError

_SLOT = re.compile(r"<<([^<>]+)>>")
# Actions and the release each is pinned to. Commits and digests below are hashes of the
# reference itself: stable, made up, never fetched (nothing here touches the network).
_ACTIONS = {
    "actions/checkout": "v4.2.2",
    "actions/setup-python": "v5.3.0",
    "actions/setup-node": "v4.1.0",
    "actions/setup-go": "v5.1.0",
    "actions/cache": "v4.1.2",
    "actions/upload-artifact": "v4.4.3",
    "actions/download-artifact": "v4.1.8",
    "actions/upload-pages-artifact": "v3.0.1",
    "actions/deploy-pages": "v4.0.5",
    "actions/stale": "v9.0.0",
    "docker/setup-buildx-action": "v3.7.1",
    "docker/login-action": "v3.3.0",
    "docker/metadata-action": "v5.5.1",
    "docker/build-push-action": "v6.9.0",
    "github/codeql-action/init": "v3.27.0",
    "github/codeql-action/analyze": "v3.27.0",
    "codecov/codecov-action": "v4.6.0",
    "golangci/golangci-lint-action": "v6.1.1",
    "pypa/gh-action-pypi-publish": "v1.10.3",
}


def hexdigest(text: str, algorithm: str = "sha256") -> str:
    return hashlib.new(algorithm, text.encode()).hexdigest()


def pinned_action(name: str) -> str:
    tag = _ACTIONS[name]
    return f"{name}@{hexdigest(f'{name}@{tag}', 'sha1')} # {tag}"


def pinned_image(ref: str) -> str:
    return f"{ref}@sha256:{hexdigest(ref)}"


class Refs:
    """Image and action references, pinned (digest, commit) at a rate, floating otherwise."""

    def __init__(self, rng: random.Random, pinned: float) -> None:
        self.rng, self.pinned = rng, pinned

    def image(self, ref: str) -> str:
        return pinned_image(ref) if self.rng.random() < self.pinned else ref

    def action(self, name: str) -> str:
        if self.rng.random() < self.pinned:
            return pinned_action(name)
        if name == "pypa/gh-action-pypi-publish":
            return f"{name}@release/v1"  # the branch its own documentation names
        tag = _ACTIONS[name]
        return f"{name}@{tag}" if self.rng.random() < 0.25 else f"{name}@{tag.split('.')[0]}"

    def fill(self, template: str, fields: Mapping[str, str] | None = None) -> str:
        """`<<x>>` is fields[x], else the action x, else the image x, each pinned or not."""
        known = fields or {}

        def resolve(match: re.Match[str]) -> str:
            key = match.group(1)
            if key in known:
                return known[key]
            return self.action(key) if key in _ACTIONS else self.image(key)

        return _SLOT.sub(resolve, template)


def sub_once(text: str, pattern: str, new: str) -> str:
    """`text` with the first match of `pattern` replaced; a generator bug if there is none."""
    out, count = re.subn(pattern, lambda _: new, text, count=1)
    if not count:
        raise BenchError(f"generated file has no {pattern!r} to change")
    return out
