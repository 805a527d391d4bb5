"""PEP 508 requirement strings read with regexes: name, extras, specifiers, marker, URL.

`packaging` parses these too, but importing it costs more than a hook run may spend on pins; the
judgement only needs the name, whether the specifier is one exact version, and what a URL points
at (https://packaging.python.org/en/latest/specifications/dependency-specifiers/).
"""

from __future__ import annotations

import re
from typing import NamedTuple

_NAME = re.compile(r"\s*([A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?)\s*")
_EXTRAS = re.compile(r"\[([^\]]*)\]\s*")
_CLAUSE = re.compile(r"\s*(===|==|!=|<=|>=|~=|<|>)\s*([A-Za-z0-9_.*+!-]+)\s*")
_SEPARATORS = re.compile(r"[-_.]+")
# A full commit id: git's SHA-1 (and SHA-256 repositories), Mercurial's node id.
_COMMIT = re.compile(r"[0-9a-f]{40}|[0-9a-f]{64}")
_ABBREVIATED = re.compile(r"[0-9a-f]{7,39}")
# `1.2.3`, `v1.2.3`, `1.2.3rc1`, `v2.0.0-beta.1`: names a release, so most likely a tag. A
# maintenance branch (`1.2.x`, `release/1.2`) does not match.
_TAG = re.compile(r"v?\d+(?:\.\d+)+(?:[-.+]?[0-9A-Za-z]+)*", re.IGNORECASE)
_VCS_SCHEME = re.compile(r"(git|hg|svn|bzr)\+[a-z]+:|git://", re.IGNORECASE)
_HASH_FRAGMENT = re.compile(r"[#&](sha256|sha384|sha512)=[0-9a-fA-F]+")
_EGG = re.compile(r"[#&]egg=([A-Za-z0-9][A-Za-z0-9._-]*)")
_ARCHIVE = (".whl", ".tar.gz", ".zip", ".tar.bz2", ".tgz", ".tar.xz", ".tar")


class Requirement(NamedTuple):
    name: str  # as written
    extras: str
    specifier: str  # "" when there is none
    url: str  # the URL of `name @ url`, else ""
    marker: str

    def short(self) -> str:
        """`name` and specifier without blanks, to quote in a message."""
        return self.name + "".join(self.specifier.split())


class Source(NamedTuple):
    """Where a URL requirement comes from."""

    kind: str  # "vcs", "archive" (a download URL) or "local" (a path or file: URL)
    vcs: str  # git, hg, svn, bzr ("" unless kind is "vcs")
    ref: str  # the `@ref` of a VCS URL, "" when there is none
    hashed: bool  # an archive URL carrying a `#sha256=` (or stronger) fragment
    name: str  # the `#egg=` name, else the last path segment


def parse(text: str) -> Requirement | None:
    """The requirement, or None when `text` is not one."""
    found = _NAME.match(text)
    if found is None:
        return None
    name, at = found.group(1), found.end()
    extras = ""
    bracket = _EXTRAS.match(text, at)
    if bracket is not None:
        extras, at = bracket.group(1).strip(), bracket.end()
    rest = text[at:].strip()
    if rest.startswith("@"):
        # PEP 508 ends the URL at whitespace: `name @ url ; marker`.
        url, _, after = rest[1:].strip().partition(" ")
        after = after.strip()
        if not url or (after and not after.startswith(";")):
            return None
        return Requirement(name, extras, "", url, after[1:].strip())
    spec, _, marker = rest.partition(";")
    spec = spec.strip()
    if spec.startswith("(") and spec.endswith(")"):
        spec = spec[1:-1].strip()
    if spec and not valid_specifier(spec):
        return None
    return Requirement(name, extras, spec, "", marker.strip())


def canonical(name: str) -> str:
    """The PEP 503 normalised name: what indexes and lockfiles compare."""
    return _SEPARATORS.sub("-", name).lower()


def valid_specifier(spec: str) -> bool:
    return all(_CLAUSE.fullmatch(part) for part in spec.split(","))


def clauses(spec: str) -> list[tuple[str, str]]:
    found = (_CLAUSE.fullmatch(part) for part in spec.split(",") if part.strip())
    return [(m.group(1), m.group(2)) for m in found if m is not None]


def exact_version(spec: str) -> str | None:
    """The one version `spec` allows (`==1.2.3`, `===1.2.3`), None for a range or a wildcard."""
    for op, version in clauses(spec):
        if op == "===" or (op == "==" and not version.endswith("*")):
            return version
    return None


def is_vcs(url: str) -> bool:
    return _VCS_SCHEME.match(url) is not None


def source(url: str) -> Source:
    egg = _EGG.search(url)
    base = url.partition("#")[0]
    if url.lower().startswith("file:") or not ("://" in url or is_vcs(url)):
        return Source("local", "", "", False, egg.group(1) if egg else "")
    found = _VCS_SCHEME.match(url)
    if found is not None:
        vcs = found.group(1).lower() if found.group(1) else "git"
        repo, ref = split_ref(base)
        return Source("vcs", vcs, ref, False, egg.group(1) if egg else _last_segment(repo))
    name = egg.group(1) if egg else _last_segment(base)
    return Source("archive", "", "", _HASH_FRAGMENT.search(url) is not None, name)


def split_ref(url: str) -> tuple[str, str]:
    """`git+https://host/org/repo@v1` -> (`git+https://host/org/repo`, `v1`).

    The ref is after the last `@` of the path: an `@` in the host part is a user
    (`git+ssh://git@github.com/org/repo`), never a ref.
    """
    scheme, sep, rest = url.partition("://")
    if not sep:
        scheme, rest = "", url
    host, slash, path = rest.partition("/")
    if "@" not in path:
        return url, ""
    path, _, ref = path.rpartition("@")
    return f"{scheme}{sep}{host}{slash}{path}", ref


def ref_state(ref: str, vcs: str = "git") -> str:
    """ "pinned" (a full commit id), "tag" (looks like a release) or "floating"."""
    if _COMMIT.fullmatch(ref.lower()) or (vcs == "svn" and ref.isdigit()):
        return "pinned"
    if _TAG.fullmatch(ref) and not ref.lower().endswith((".x", "-x")):
        return "tag"
    return "floating"


def abbreviated(ref: str) -> bool:
    return _ABBREVIATED.fullmatch(ref.lower()) is not None


def looks_local(text: str) -> bool:
    """A requirements-file line naming a path (`.`, `./pkg`, `../x.whl`, `/opt/x`, `file:...`)."""
    lowered = text.lower()
    if lowered.startswith(("file:", ".", "/", "~", "\\")) or re.match(r"[a-z]:[\\/]", lowered):
        return True
    if "://" in text or is_vcs(text) or "@" in text:
        return False
    return "/" in text or lowered.endswith(_ARCHIVE)


def _last_segment(url: str) -> str:
    segment = url.rstrip("/").rpartition("/")[2].partition("?")[0]
    segment = segment.removesuffix(".git")
    for suffix in _ARCHIVE:
        if segment.lower().endswith(suffix):
            return segment[: -len(suffix)].partition("-")[0]
    return segment
