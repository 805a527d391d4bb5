"""Python lockfiles, read only as far as the judgement needs: which packages they pin, at what.

uv.lock and poetry.lock are TOML that can reach tens of megabytes; a TOML parser in Python takes
seconds on those. Both tools write each package as a `[[package]]` table starting with
`name = "..."` then `version = "..."` (uv leaves the version out for a dynamic one), so one regex
over the text finds them all. Pipfile.lock is JSON: the C `json` module reads it.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from tollgate.checks.pins.pyreq import canonical

_PACKAGE = re.compile(
    r'\[\[package\]\][ \t]*\r?\nname = "([^"\n]*)"(?:\r?\nversion = "([^"\n]*)")?'
)
# The same, tolerating other keys and blank lines before name and version (a hand-edited lock).
_HEADER = re.compile(r"^\[\[package\]\][ \t]*$", re.MULTILINE)
_KEY = re.compile(r'^(name|version) = "([^"\n]*)"', re.MULTILINE)
_TABLE = re.compile(r"^\[", re.MULTILINE)


def toml_lock(text: str) -> dict[str, str]:
    """Canonical name -> version ("" when the lock records none) of every package."""
    found: dict[str, str] = {}
    matched = 0
    for m in _PACKAGE.finditer(text):
        found[canonical(m.group(1))] = m.group(2) or ""
        matched += 1
    if matched < text.count("[[package]]"):
        found.update(_slow_toml_lock(text))
    return found


def _slow_toml_lock(text: str) -> dict[str, str]:
    found: dict[str, str] = {}
    for header in _HEADER.finditer(text):
        after = _TABLE.search(text, header.end())
        block = text[header.end() : after.start() if after else len(text)]
        keys = {m.group(1): m.group(2) for m in _KEY.finditer(block)}
        if "name" in keys:
            found[canonical(keys["name"])] = keys.get("version", "")
    return found


def pipfile_lock(text: str) -> dict[str, dict[str, str]]:
    """Section (`default`, `develop`, a custom category) -> canonical name -> version.

    Raises ValueError for a file that is not a Pipfile.lock.
    """
    import json  # noqa: PLC0415 - only when a Pipfile is judged

    data = json.loads(text)
    if not isinstance(data, dict):
        raise ValueError("not a JSON object")
    sections: dict[str, dict[str, str]] = {}
    for section, packages in data.items():
        if section.startswith("_") or not isinstance(packages, Mapping):
            continue
        sections[section] = {
            canonical(name): _pipfile_version(entry) for name, entry in packages.items()
        }
    return sections


def _pipfile_version(entry: object) -> str:
    if isinstance(entry, Mapping):
        version = entry.get("version")
        if isinstance(version, str):
            return version.removeprefix("==")
    return ""


def json_error_line(error: ValueError) -> int:
    return getattr(error, "lineno", 0)
