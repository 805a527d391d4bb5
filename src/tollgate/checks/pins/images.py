"""Container image references: what floats, what is only mutable, what is pinned.

A reference is `[registry/]path[:tag][@digest]` (the distribution reference grammar). Judged:
- pinned: a `@sha256:` digest (whatever the tag), `scratch`;
- floating: no tag (pulls `:latest`) or a tag that names a moving channel (`latest`, `edge`...);
- mutable: any other tag (`python:3.12`): a registry can re-point it, so only the strict
  profile (OpenSSF Scorecard's bar) asks for a digest.
"""

from __future__ import annotations

import re
from typing import NamedTuple

# Tags whose whole purpose is to move: a new push re-points them.
FLOATING_TAGS = frozenset(
    {"latest", "stable", "edge", "nightly", "main", "master", "develop", "dev", "canary",
     "rolling", "head", "current", "unstable", "testing", "next", "beta", "alpha", "snapshot"}
)  # fmt: skip
_DIGEST = re.compile(r"@(?P<algo>sha256|sha512):(?P<hex>[0-9a-fA-F]{32,128})$")


class Image(NamedTuple):
    name: str  # registry/path, no tag or digest
    tag: str
    digest: str


class Verdict(NamedTuple):
    state: str  # "pinned", "floating" or "mutable"
    detail: str
    fix: str


def parse_image(reference: str) -> Image:
    ref = reference.strip()
    digest = ""
    match = _DIGEST.search(ref)
    if match:
        digest = match.group(0)[1:]
        ref = ref[: match.start()]
    name, tag = ref, ""
    slash = ref.rfind("/")
    colon = ref.rfind(":")
    if colon > slash:  # a colon before the last slash is a registry port
        name, tag = ref[:colon], ref[colon + 1 :]
    return Image(name, tag, digest)


def judge_image(reference: str) -> Verdict:
    image = parse_image(reference)
    if image.digest or image.name == "scratch":
        return Verdict("pinned", "", "")
    fix = digest_fix(image)
    if not image.tag:
        return Verdict("floating", f"`{reference}` has no tag: it pulls whatever `latest` is", fix)
    if image.tag.lower() in FLOATING_TAGS:
        return Verdict(
            "floating", f"`{reference}`: the `{image.tag}` tag moves with each push", fix
        )
    return Verdict(
        "mutable", f"`{reference}` is a tag, not a digest: the registry can re-point it", fix
    )


def digest_fix(image: Image) -> str:
    shown = f"{image.name}:{image.tag}" if image.tag else f"{image.name}:<version>"
    return (
        f"pin the digest: `{shown}@sha256:<digest>` (find it with "
        f"`docker buildx imagetools inspect {shown}`); Dependabot and Renovate keep it current"
    )


def is_variable(reference: str) -> bool:
    """A reference still holding `$VAR` / `${VAR}` cannot be judged from the text."""
    return "$" in reference or "{{" in reference
