"""What the gitlab, compose and kubernetes ecosystems share: image refs, git refs, URLs.

A git ref is judged from its spelling, the only thing a scanner sees: a full commit SHA is pinned,
a version-shaped name is a tag (only mutable: the strict profile asks for the SHA), anything else
is taken for a branch, which floats. A URL is judged by the ref it names.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from tollgate.checks.pins.model import Ref

if TYPE_CHECKING:
    from tollgate.checks.pins.yamlnodes import Scalar

_SHA = re.compile(r"[0-9a-fA-F]{40}(?:[0-9a-fA-F]{24})?")  # SHA-1, or SHA-256 repositories
# A release: `v4`, `1.2.3-rc1`, or a dotted version behind a name (`pylint-2.6.0`, `mypy/v1.8.0`,
# the tags monorepos and pre-commit mirrors use).
_VERSION = re.compile(
    r"(?:[A-Za-z][\w.]*[-_/@])?v?\d+(?:\.\d+)+(?:[-+][0-9A-Za-z.+-]+)?"
    r"|v?\d+(?:\.\d+)*(?:[-+][0-9A-Za-z.+-]+)?"
)
# URL path segments followed by the ref a file is served at: GitLab `/-/raw/<ref>/`, GitHub
# `/raw/<ref>/`, `/blob/<ref>/`, release assets `/releases/download/<tag>/`.
_REF_BEFORE = frozenset({"raw", "blob", "download"})


def ref_state(ref: str) -> str:
    """The state of a git ref: pinned (a full commit SHA), mutable (a tag) or floating."""
    if _SHA.fullmatch(ref):
        return "pinned"
    return "mutable" if _VERSION.fullmatch(ref) else "floating"


def url_state(url: str) -> tuple[str, str]:
    """The state of what a URL serves, and the ref that decided it ("" when it names none)."""
    base, _, query = url.partition("?")
    for param in query.split("&"):
        key, _, value = param.partition("=")
        if key in ("ref", "version", "sha") and value:  # kustomize `?ref=`, GitLab API `?ref=`
            return ref_state(value), value
    segments = base.split("/")
    sha = next((s for s in segments if _SHA.fullmatch(s)), "")
    if sha:
        return "pinned", sha
    ref = _path_ref(segments)
    if ref:
        return ref_state(ref), ref
    # An unknown layout: a dotted version in the path (`/v1.2.3/`) is a release, anything else
    # (`/api/v4/...`) names no ref and serves whatever is current.
    version = next((s for s in segments if "." in s and _VERSION.fullmatch(s)), "")
    return ("mutable", version) if version else ("floating", "")


def _path_ref(segments: list[str]) -> str:
    for i, segment in enumerate(segments[:-1]):
        if segment == "raw.githubusercontent.com":
            return _qualified(segments, i + 3)
        if segment in _REF_BEFORE:
            return _qualified(segments, i + 1)
    return ""


def _qualified(segments: list[str], at: int) -> str:
    ref = segments[at] if at < len(segments) else ""
    # `refs/heads/main`, `refs/tags/v1.2`: the kind is spelled out.
    if ref == "refs" and at + 2 < len(segments):
        return segments[at + 2] if segments[at + 1] == "tags" else "refs/heads"
    return ref


def image_ref(
    scalar: Scalar, lines: list[str], ecosystem: str, reference: str | None = None, how: str = ""
) -> Ref | None:
    """The `pins.<ecosystem>.image-floating` (or, for a tag without a digest, `image-no-digest`)
    ref of an image scalar; None when it is pinned or depends on a variable. `reference` replaces
    the scalar's value when the image is computed (a compose default, a kustomize override)."""
    from tollgate.checks.pins.images import is_variable, judge_image, parse_image  # noqa: PLC0415

    reference = scalar.value.strip() if reference is None else reference
    if not reference or is_variable(reference):
        return None
    verdict = judge_image(reference)
    if verdict.state == "pinned":
        return None
    kind = "image-floating" if verdict.state == "floating" else "image-no-digest"
    return Ref(
        rule=f"pins.{ecosystem}.{kind}",
        line=scalar.line,
        column=scalar.column,
        text=declaration(lines, scalar.line),
        name=parse_image(reference).name,
        detail=verdict.detail + how,
        fix=verdict.fix,
    )


def declaration(lines: list[str], line: int) -> str:
    """A YAML line as written, without its trailing comment or list-item dash: the finding's
    identity must survive an ignore comment added to the line, or the key moving onto or off
    the `- ` line."""
    text = without_comment(lines[line - 1] if 0 < line <= len(lines) else "").strip()
    return text.removeprefix("- ").lstrip() if text.startswith("- ") else text


def without_comment(text: str) -> str:
    at = text.find(" #")
    while at >= 0:
        before = text[:at]
        if before.count('"') % 2 == 0 and before.count("'") % 2 == 0:
            return before
        at = text.find(" #", at + 1)
    return text


def unique(refs: list[Ref]) -> list[Ref]:
    """One ref per rule and position: an anchored node merged into several places is one
    declaration."""
    return list({(r.rule, r.line, r.column): r for r in refs}.values())
