"""Does a Cargo version requirement allow a locked version? Cargo's rules for release versions.

https://doc.rust-lang.org/cargo/reference/specifying-dependencies.html#version-requirement-syntax
Anything outside them (a pre-release, a requirement this cannot read) counts as allowed: an
unsure answer must never call a lockfile out of sync.
"""

from __future__ import annotations

import re

_COMPARATOR = re.compile(
    r"\s*(?P<op>>=|<=|=|>|<|~|\^)?\s*(?P<major>\d+)"
    r"(?:\.(?P<minor>\d+|[*xX])(?:\.(?P<patch>\d+|[*xX]))?)?\s*"
)
_RELEASE = re.compile(r"(\d+)\.(\d+)\.(\d+)(?:\+.*)?")
_WILD = ("*", "x", "X")

Version = tuple[int, int, int]


def allows(requirement: str, version: str) -> bool:
    found = _RELEASE.fullmatch(version.strip())
    if found is None:
        return True
    have = (int(found[1]), int(found[2]), int(found[3]))
    for part in requirement.split(","):
        if part.strip() in _WILD:
            continue
        bounds = _bounds(part)
        if bounds is None:
            return True
        low, high = bounds
        if have < low or (high is not None and have >= high):
            return False
    return True


def _bounds(comparator: str) -> tuple[Version, Version | None] | None:
    """[low, high) of one comparator; None when it is not one this reads."""
    found = _COMPARATOR.fullmatch(comparator)
    if found is None:
        return None
    major = int(found["major"])
    minor = None if found["minor"] in (None, *_WILD) else int(found["minor"])
    patch = None if minor is None or found["patch"] in (None, *_WILD) else int(found["patch"])
    op = found["op"] or ("=" if found["minor"] in _WILD or found["patch"] in _WILD else "^")
    low = (major, minor or 0, patch or 0)
    if op == "=":
        return low, _next(major, minor, patch)
    if op == ">":
        return _next(major, minor, patch), None
    if op == ">=":
        return low, None
    if op == "<":
        return (0, 0, 0), low
    if op == "<=":
        return (0, 0, 0), _next(major, minor, patch)
    if op == "~":
        return low, (major + 1, 0, 0) if minor is None else (major, minor + 1, 0)
    # Caret: the left-most non-zero part of what is written may not change.
    if major > 0 or minor is None:
        return low, (major + 1, 0, 0)
    if minor > 0 or patch is None:
        return low, (0, minor + 1, 0)
    return low, (0, 0, patch + 1)


def _next(major: int, minor: int | None, patch: int | None) -> Version:
    """The first version past everything `major[.minor[.patch]]` names."""
    if minor is None:
        return (major + 1, 0, 0)
    if patch is None:
        return (major, minor + 1, 0)
    return (major, minor, patch + 1)
