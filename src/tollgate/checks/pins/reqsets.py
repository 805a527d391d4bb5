"""The other files a requirements file is judged with: the constraints files it includes, the
file pip-compile compiled from it, and the exact versions any of them pins."""

from __future__ import annotations

import posixpath
from collections.abc import Iterable

from tollgate.checks.pins import pyreq
from tollgate.checks.pins.model import Files
from tollgate.checks.pins.reqfile import Entry, entries


def pinned_versions(text: str) -> dict[str, str]:
    """Canonical name -> the exact version a requirements or constraints text pins."""
    found: dict[str, str] = {}
    for entry in entries(text):
        requirement = pyreq.parse(entry.value) if entry.kind == "requirement" else None
        if requirement is not None and not requirement.url:
            version = pyreq.exact_version(requirement.specifier)
            if version is not None:
                found.setdefault(pyreq.canonical(requirement.name), version)
    return found


def locked_version(name: str, files: Files) -> tuple[str, str] | None:
    """(version, the file that pins it) for a package, from the files read with a manifest."""
    wanted = pyreq.canonical(name)
    for path, text in sorted(files.others.items()):
        if text is not None and path != files.path:
            version = pinned_versions(text).get(wanted)
            if version is not None:
                return version, path
    return None


def compiled(files: Files) -> tuple[str, set[str]] | None:
    """(path, names) of the `.txt` pip-compile wrote from this `.in`, when it exists."""
    path = files.path[: -len(".in")] + ".txt"
    text = files.get(path)
    if text is None:
        return None
    names: set[str] = set()
    for entry in entries(text):
        if entry.kind in ("requirement", "editable"):
            requirement = pyreq.parse(entry.value)
            if requirement is not None and not pyreq.looks_local(entry.value):
                names.add(pyreq.canonical(requirement.name))
            elif pyreq.is_vcs(entry.value) or "://" in entry.value:
                names.add(url_name(entry.value.split()[0]))
    return path, names


def constraints(
    files: Files, listed: Iterable[Entry]
) -> tuple[dict[str, tuple[str, str]], list[str]]:
    """Canonical name -> (exact version or "", constraints file) for every package a `-c` file
    read names; and the `-c` files that could not be read."""
    found: dict[str, tuple[str, str]] = {}
    unread: list[str] = []
    folder = posixpath.dirname(files.path)
    for entry in listed:
        if entry.kind != "constraint":
            continue
        path = posixpath.normpath(posixpath.join(folder, entry.value))
        text = None if "://" in entry.value or path.startswith("../") else files.get(path)
        if text is None:
            if path not in files.others:
                unread.append(entry.value)
            continue
        pins = pinned_versions(text)
        for other in entries(text):
            requirement = pyreq.parse(other.value) if other.kind == "requirement" else None
            if requirement is not None:
                name = pyreq.canonical(requirement.name)
                found.setdefault(name, (pins.get(name, ""), path))
    return found, unread


def url_name(url: str) -> str:
    return pyreq.canonical(pyreq.source(url).name)
