"""The dependency declarations of a package.json, each with the offsets it is written at.

`json` gives no positions, so the file is validated with `json.loads` and then walked member by
member with the C scanner `json` itself uses: offsets stay exact in pretty-printed and minified
files alike, and a name declared in two sections is found in each.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from json.scanner import make_scanner
from typing import NamedTuple

DEPENDENCIES = ("dependencies", "devDependencies", "optionalDependencies", "peerDependencies")
_WHITESPACE = re.compile(r"[ \t\n\r]*")
_scan = make_scanner(json.JSONDecoder())  # type: ignore[arg-type]  # typeshed: wrong context type


class Decl(NamedTuple):
    section: str  # a DEPENDENCIES section, or "overrides", "resolutions", "pnpm.overrides"
    name: str  # the package (for an override, the package its selector ends with)
    spec: str
    start: int  # offset of the key's opening quote
    value: int  # offset of the value's opening quote
    end: int  # offset just after the value's closing quote


class PackageJson(NamedTuple):
    decls: list[Decl]
    package_manager: str  # corepack's `packageManager` ("pnpm@9.1.0"), "" if absent
    # A package published for others to install (not `private`, with an entry point or files to
    # publish): its ranges say what it works with, and the consumer's lockfile picks versions.
    library: bool = False


# Fields only a package meant to be installed by others needs (https://docs.npmjs.com/cli/v10/
# configuring-npm/package-json): an application has none of them, or says `"private": true`.
_PUBLISHED = ("main", "exports", "module", "types", "typings", "bin", "files")


class Invalid(NamedTuple):
    line: int
    message: str


def read(text: str) -> PackageJson | Invalid:
    start = 1 if text.startswith("\ufeff") else 0  # npm strips a BOM before parsing
    try:
        data = json.loads(text[start:] if start else text)
    except json.JSONDecodeError as exc:
        return Invalid(exc.lineno, f"invalid JSON: {exc.msg}")
    except RecursionError:
        return Invalid(0, "invalid JSON: nested too deeply")
    if not isinstance(data, dict):
        return PackageJson([], "")
    at = _skip(text, start)
    found: dict[tuple[str, ...], Decl] = {}  # a duplicate key: the last one counts, as in json
    for key, _, value_at, _ in _members(text, at):
        if text[value_at] != "{":
            continue
        if key in DEPENDENCIES or key == "resolutions":
            for name, decl in _flat(text, value_at, key):
                found[(key, name)] = decl
        elif key == "overrides":
            for path, decl in _overrides(text, value_at, ("overrides",), ""):
                found[path] = decl
        elif key == "pnpm":
            for inner, _, inner_at, _ in _members(text, value_at):
                if inner == "overrides" and text[inner_at] == "{":
                    for name, decl in _flat(text, inner_at, "pnpm.overrides"):
                        found[("pnpm.overrides", name)] = decl
    manager = data.get("packageManager")
    library = data.get("private") is not True and any(key in data for key in _PUBLISHED)
    return PackageJson(list(found.values()), manager if isinstance(manager, str) else "", library)


def replaced(text: str, decl: Decl, spec: str) -> tuple[str, str]:
    """The declaration as written and the same with `spec` as its value: an edit that cannot
    land on another declaration's text, even in a minified file."""
    return text[decl.start : decl.end], text[decl.start : decl.value] + json.dumps(spec)


def selector_name(selector: str) -> str:
    """The package an override selector ends with: `a>b@1` (pnpm), `**/a/b` (yarn), `b@^1`."""
    last = selector.rpartition(">")[2].strip()
    parts = last.split("/")
    name = parts[-1]
    if len(parts) > 1 and parts[-2].startswith("@"):
        name = f"{parts[-2]}/{name}"
    at = name.find("@", 1)
    return name[:at] if at > 0 else name


def _flat(text: str, at: int, section: str) -> Iterator[tuple[str, Decl]]:
    for key, key_at, value_at, end in _members(text, at):
        if text[value_at] == '"':
            name = key if section in DEPENDENCIES else selector_name(key)
            spec = _scan(text, value_at)[0]
            yield key, Decl(section, name, spec, key_at, value_at, end)


def _overrides(
    text: str, at: int, path: tuple[str, ...], parent: str
) -> Iterator[tuple[tuple[str, ...], Decl]]:
    # npm overrides nest: `{"a": {".": "1.0.0", "b": "2.0.0"}}` sets a itself and b under a.
    for key, key_at, value_at, end in _members(text, at):
        name = parent if key == "." else selector_name(key)
        if text[value_at] == '"':
            spec = _scan(text, value_at)[0]
            yield (*path, key), Decl("overrides", name, spec, key_at, value_at, end)
        elif text[value_at] == "{":
            yield from _overrides(text, value_at, (*path, key), name)


def _members(text: str, at: int) -> Iterator[tuple[str, int, int, int]]:
    """(key, key offset, value offset, value end) of the object at `at`, which must be valid."""
    i = _skip(text, at + 1)
    if text[i] == "}":
        return
    while True:
        key_at = i
        key, i = _scan(text, i)
        value_at = _skip(text, _skip(text, i) + 1)  # past the ':'
        _, end = _scan(text, value_at)
        yield key, key_at, value_at, end
        i = _skip(text, end)
        if text[i] == "}":
            return
        i = _skip(text, i + 1)  # past the ','


def _skip(text: str, at: int) -> int:
    match = _WHITESPACE.match(text, at)
    return match.end() if match else at
