"""node-semver's range grammar, enough to tell whether a locked version satisfies a declared range.

Follows https://github.com/npm/node-semver#ranges: `||` alternatives, hyphen ranges, `^`, `~`,
comparators and x-ranges, with prereleases only matched by a comparator on the same version.
A range this module cannot read is reported as None, never as a mismatch.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import NamedTuple

_FULL = re.compile(r"v?(\d+)\.(\d+)\.(\d+)(?:-([0-9A-Za-z.-]+))?(?:\+[0-9A-Za-z.-]+)?")
_PARTIAL = re.compile(
    r"v?(\d+|[xX*])(?:\.(\d+|[xX*])(?:\.(\d+|[xX*])(?:-([0-9A-Za-z.-]+))?(?:\+[0-9A-Za-z.-]+)?)?)?"
)
_OPERATOR = re.compile(r"(<=|>=|<|>|=|~>|~|\^)?(.*)")
_SPACED_OPERATOR = re.compile(r"(<=|>=|<|>|=|~>|~|\^)\s+")
_HYPHEN = re.compile(r"(\S+)\s+-\s+(\S+)")

Pre = tuple[tuple[int, int, str], ...]


class Version(NamedTuple):
    major: int
    minor: int
    patch: int
    pre: Pre = ()

    def key(self) -> tuple[int, int, int, int, Pre]:
        # A prerelease sorts before its release: 1.0.0-rc.1 < 1.0.0.
        return (self.major, self.minor, self.patch, 0 if self.pre else 1, self.pre)


Comparator = tuple[str, Version]
# `<2.0.0-0` excludes every 2.0.0 prerelease too: node-semver writes its upper bounds this way.
_FLOOR: Pre = ((0, 0, ""),)


def parse_version(text: str) -> Version | None:
    m = _FULL.fullmatch(text.strip().lstrip("="))
    if m is None:
        return None
    return Version(int(m[1]), int(m[2]), int(m[3]), _pre(m[4]))


@lru_cache(maxsize=4096)  # a monorepo's manifests repeat the same few ranges
def parse_range(text: str) -> tuple[tuple[Comparator, ...], ...] | None:
    """The range's alternatives, each comparators that must all hold; None if invalid."""
    alternatives = []
    for part in text.strip().split("||"):
        comparators = _set(_SPACED_OPERATOR.sub(r"\1", part.strip()))
        if comparators is None:
            return None
        alternatives.append(tuple(comparators))
    return tuple(alternatives)


def satisfies(version: str, range_text: str) -> bool | None:
    """Does `version` satisfy `range_text`? None when either cannot be read."""
    parsed = parse_version(version)
    alternatives = parse_range(range_text)
    if parsed is None or alternatives is None:
        return None
    return any(_test(parsed, comparators) for comparators in alternatives)


def _test(version: Version, comparators: tuple[Comparator, ...]) -> bool:
    key = version.key()
    for op, bound in comparators:
        other = bound.key()
        if not (
            (op == "<" and key < other)
            or (op == "<=" and key <= other)
            or (op == ">" and key > other)
            or (op == ">=" and key >= other)
            or (op == "=" and key == other)
        ):
            return False
    if not version.pre:
        return True
    # A prerelease only satisfies a range that names a prerelease of the same version.
    same = version[:3]
    return any(bound.pre and bound[:3] == same for _, bound in comparators)


def _set(text: str) -> list[Comparator] | None:
    if not text:
        return []
    hyphen = _HYPHEN.fullmatch(text)
    if hyphen is not None:
        return _hyphen(hyphen[1], hyphen[2])
    result: list[Comparator] = []
    for word in text.split():
        comparators = _comparator(word)
        if comparators is None:
            return None
        result.extend(comparators)
    return result


def _hyphen(low: str, high: str) -> list[Comparator] | None:
    first, last = _partial(low), _partial(high)
    if first is None or last is None:
        return None
    result: list[Comparator] = []
    if first[0] is not None:
        result.append((">=", Version(first[0], first[1] or 0, first[2] or 0, first[3])))
    major, minor, patch, pre = last
    if major is None:
        pass
    elif minor is None:
        result.append(("<", Version(major + 1, 0, 0, _FLOOR)))
    elif patch is None:
        result.append(("<", Version(major, minor + 1, 0, _FLOOR)))
    else:
        result.append(("<=", Version(major, minor, patch, pre)))
    return result


def _comparator(word: str) -> list[Comparator] | None:
    m = _OPERATOR.fullmatch(word)
    parsed = _partial(m[2]) if m is not None else None
    if m is None or parsed is None:
        return None
    op = m[1] or "="
    major, minor, patch, pre = parsed
    if major is None:
        return [("<", Version(0, 0, 0, _FLOOR))] if op in ("<", ">") else []
    if op in ("^", "~", "~>", "="):
        if minor is None:
            return _between(Version(major, 0, 0), Version(major + 1, 0, 0, _FLOOR))
        if patch is None:
            top = major + 1 if op == "^" and major else major
            low = Version(major, minor, 0)
            return _between(low, Version(top, 0 if top != major else minor + 1, 0, _FLOOR))
        exact = Version(major, minor, patch, pre)
        if op == "=":
            return [("=", exact)]
        if op == "^" and major:
            return _between(exact, Version(major + 1, 0, 0, _FLOOR))
        if op == "^" and not minor:
            return _between(exact, Version(0, 0, patch + 1, _FLOOR))
        return _between(exact, Version(major, minor + 1, 0, _FLOOR))
    if minor is None:
        low, high = Version(major, 0, 0), Version(major + 1, 0, 0)
    elif patch is None:
        low, high = Version(major, minor, 0), Version(major, minor + 1, 0)
    else:
        return [(op, Version(major, minor, patch, pre))]
    # A partial version in a comparison: `>1.2` means `>=1.3.0`, `<=1` means `<2.0.0-0`.
    if op == ">=":
        return [(">=", low)]
    if op == ">":
        return [(">=", high)]
    if op == "<":
        return [("<", low._replace(pre=_FLOOR))]
    return [("<", high._replace(pre=_FLOOR))]


def _between(low: Version, high: Version) -> list[Comparator]:
    return [(">=", low), ("<", high)]


def _partial(text: str) -> tuple[int | None, int | None, int | None, Pre] | None:
    m = _PARTIAL.fullmatch(text.lstrip("="))
    if m is None:
        return None
    parts: list[int | None] = []
    for group in (m[1], m[2], m[3]):
        if group is None or group in "xX*" or (parts and parts[-1] is None):
            parts.append(None)
        else:
            parts.append(int(group))
    return parts[0], parts[1], parts[2], _pre(m[4])


def _pre(text: str | None) -> Pre:
    if not text:
        return ()
    return tuple((0, int(p), "") if p.isdigit() else (1, 0, p) for p in text.split("."))
