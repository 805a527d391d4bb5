"""What a package.json dependency value asks for, classified the way npm-package-arg reads it.

https://docs.npmjs.com/cli/v10/configuring-npm/package-json#dependencies lists the forms: a
version or range, a dist-tag, a git URL or `user/repo` shorthand, a tarball URL, a local path,
an `npm:` alias; yarn and pnpm add `workspace:`, `portal:`, `patch:`, `catalog:` and others.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import NamedTuple

from tollgate.checks.pins.npmsemver import parse_range, parse_version

# Each names source in this repository (or a version chosen elsewhere, `catalog:`): nothing floats.
_LOCAL = ("file:", "link:", "workspace:", "portal:", "patch:", "exec:", "catalog:")
_GIT = ("git+", "git://", "github:", "gitlab:", "bitbucket:", "gist:")
_SCP = re.compile(r"[^@\s/:]+@[^:/\s]+\.[^:/\s]+:\S+")  # git@github.com:user/repo.git
_SHORTHAND = re.compile(r"[^@%/\s.\-][^:@%/\s]*/[^@\s/%#]+(?:#.*)?")  # user/repo#ref
_HOSTED = re.compile(
    r"https?://(?:www\.)?(?:github\.com|gitlab\.com|bitbucket\.org)/[^/#\s]+/[^/#\s]+/?(?:#.*)?",
    re.IGNORECASE,
)
_PATH = re.compile(r"(?:\.|~/|/|\\|[a-zA-Z]:)")
_TARBALL_FILE = re.compile(r".*\.(?:tgz|tar\.gz|tar)", re.IGNORECASE)
_TAG = re.compile(r"[A-Za-z0-9][A-Za-z0-9._~-]*")  # a dist-tag: URL-safe and not a range
_FULL_SHA = re.compile(r"[0-9a-f]{40}|[0-9a-f]{64}")
_SHORT_SHA = re.compile(r"[0-9a-f]{7,39}")
_TAG_LIKE = re.compile(r"v?\d+(?:\.\d+)*(?:[-+][0-9A-Za-z.+-]*)?")
_SELECTOR = re.compile(r"(semver|commit|tag|head|path|workspace)[:=](.*)")


class Spec(NamedTuple):
    kind: str  # exact | range | any | tag | git | tarball | local | unknown
    value: str  # the version part of a registry spec, the ref of a git spec, else the spec
    target: str = ""  # the package an alias (`npm:other@^1`) installs


class GitRef(NamedTuple):
    verdict: str  # pinned | tag (a tag or an abbreviated commit: strict) | floats
    why: str  # for the finding's detail; "" when pinned


@lru_cache(maxsize=4096)  # a monorepo's manifests repeat the same few specs
def classify(spec: str) -> Spec:
    spec = spec.strip()
    if spec.startswith(("npm:", "jsr:")):
        return _alias(spec[4:])
    if spec.startswith(_LOCAL) or _PATH.match(spec):
        return Spec("local", spec)
    if spec.startswith(_GIT) or _SCP.fullmatch(spec) or _HOSTED.fullmatch(spec):
        return Spec("git", spec.partition("#")[2])
    if spec.startswith(("http://", "https://")):
        return Spec("tarball", spec)
    if "://" in spec:
        return Spec("unknown", spec)
    if _SHORTHAND.fullmatch(spec):
        return Spec("git", spec.partition("#")[2])
    if _TARBALL_FILE.fullmatch(spec):
        return Spec("local", spec)
    return _registry(spec, "")


def git_ref(ref: str) -> GitRef:
    """npm writes `#<committish>` or `#semver:<range>`, yarn berry `#commit=`, `#tag=`, `#head=`;
    either may add `::path:` / `&workspace=` selectors, which say nothing about the version."""
    for item in re.split(r"::|&", ref):
        selector = _SELECTOR.fullmatch(item)
        key, value = (selector[1], selector[2]) if selector else ("", item)
        if key == "semver":
            return GitRef("floats", f"`#semver:{value}` resolves to the newest tag it matches")
        if key == "head":
            return GitRef("floats", f"it follows the branch `{value}`")
        if key == "tag":
            return GitRef("tag", f"`{value}` is a tag, which can be moved to another commit")
        if key in ("", "commit") and value:
            return _committish(value)
    return GitRef("floats", "it follows the repository's default branch")


def _committish(value: str) -> GitRef:
    if _FULL_SHA.fullmatch(value):
        return GitRef("pinned", "")
    if _SHORT_SHA.fullmatch(value):
        return GitRef("tag", f"`{value}` is an abbreviated commit id, not the full one")
    if _TAG_LIKE.fullmatch(value):
        return GitRef("tag", f"`{value}` is a tag, which can be moved to another commit")
    return GitRef("floats", f"it follows the branch `{value}`")


def _alias(rest: str) -> Spec:
    # `npm:lodash@^4`, `npm:@scope/pkg@1.2.3`; yarn berry and pnpm also write `npm:^4` (no name).
    if parse_range(rest) is not None:
        return _registry(rest, "")
    at = rest.find("@", 1)
    if at == -1:
        return Spec("tag", "latest", rest)
    inner = _registry(rest[at + 1 :], rest[:at])
    return inner._replace(target=rest[:at])


def _registry(spec: str, target: str) -> Spec:
    if spec in ("", "*", "x", "X"):
        return Spec("any", spec, target)
    if parse_version(spec) is not None:
        return Spec("exact", spec, target)
    if parse_range(spec) is not None:
        return Spec("range", spec, target)
    if _TAG.fullmatch(spec):
        return Spec("tag", spec, target)
    return Spec("unknown", spec, target)
