"""The judgement of a setup.cfg: `[options]` requirement keys and `[options.extras_require]`.

A setup.cfg describes a package to build: its version ranges say what it supports, so they are
never flagged. A VCS dependency on a branch floats for everyone who installs it; `setup_requires`
is fetched at build time, so the strict profile wants it pinned like build requirements.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import NamedTuple

from tollgate.checks.pins import pyreq
from tollgate.checks.pins.ecosystems.setupcfg import NAME
from tollgate.checks.pins.model import Analysis, Files, Note, Ref
from tollgate.checks.pins.pyjudge import floating_detail, spec_state, vcs_verdict

RULE = f"pins.{NAME}."

_SECTION = re.compile(r"\[([^\]]+)\]\s*(?:[#;].*)?")
_KEY = re.compile(r"([^=:\s][^=:]*?)\s*[=:]\s*(.*)")
_REQUIREMENT_KEYS = frozenset({"install_requires", "setup_requires", "tests_require"})


class _Item(NamedTuple):
    key: str
    value: str
    line: int
    column: int


def judge(files: Files) -> Analysis:
    refs: list[Ref] = []
    try:
        items = list(_requirements(files.text))
    except ValueError as exc:
        return Analysis([], [Note(files.path, exc.args[1], f"invalid setup.cfg: {exc.args[0]}")])
    notes: list[Note] = []
    for item in items:
        requirement = pyreq.parse(item.value)
        if requirement is None:
            notes.append(Note(files.path, item.line, f"not a requirement: {item.value[:80]!r}"))
            continue
        ref = _judge(item, requirement)
        if ref is not None:
            refs.append(ref)
    return Analysis(refs, notes)


def _judge(item: _Item, requirement: pyreq.Requirement) -> Ref | None:
    name = pyreq.canonical(requirement.name)
    if requirement.url:
        source = pyreq.source(requirement.url)
        if source.kind != "vcs":
            return None
        repo, ref = pyreq.split_ref(requirement.url.partition("#")[0])
        verdict = vcs_verdict(repo, ref, "", "`@<40-hex commit SHA>` after the URL", source.vcs)
        if verdict is None:
            return None
        return Ref(f"{RULE}{verdict.kind}", item.line, item.column, item.value, name,
                   verdict.detail, verdict.fix)  # fmt: skip
    state = spec_state(requirement.specifier)
    if item.key != "setup_requires" or state == "exact":
        return None
    return Ref(
        f"{RULE}build-unpinned", item.line, item.column, item.value, name,
        floating_detail(requirement.short(), state, "each build"),
        f"pin it (`{name}==X.Y.Z`), or better, move build requirements to pyproject.toml's "
        "`[build-system] requires` and pin them there",
    )  # fmt: skip


def _requirements(text: str) -> Iterator[_Item]:
    """Every requirement of the judged keys, with its position.

    configparser has no positions; this reads its syntax: `[section]`, `key = value` or
    `key: value` at the start of a line, indented continuation lines, `#` and `;` comment lines.
    setuptools splits a one-line value at `;` and a multi-line one at line ends.
    Raises ValueError(message, line) where configparser would fail.
    """
    section, key, parts = "", "", []
    for number, raw in enumerate(text.split("\n"), 1):
        line = raw.rstrip("\r")
        stripped = line.strip()
        if not stripped or stripped[0] in "#;":
            continue
        if line[0] in " \t" and key:
            parts.append((number, line))
            continue
        yield from _split(section, key, parts)
        key, parts = "", []
        if line[0] in " \t":
            continue  # a continuation of a key not judged
        found = _SECTION.fullmatch(stripped)
        if found is not None:
            section = found.group(1).strip()
            continue
        found = _KEY.fullmatch(line)
        if found is None:
            raise ValueError("a line that is neither `[section]` nor `key = value`", number)
        key = found.group(1).strip()
        parts = [(number, line[: found.start(2)] + found.group(2))]
        if not _judged(section, key):
            key, parts = "", []
    yield from _split(section, key, parts)


def _judged(section: str, key: str) -> bool:
    return section == "options.extras_require" or (
        section == "options" and key in _REQUIREMENT_KEYS
    )


def _split(section: str, key: str, parts: list[tuple[int, str]]) -> Iterator[_Item]:
    if not key:
        return
    first_number, first = parts[0]
    start = _KEY.fullmatch(first)
    offset = start.start(2) if start is not None else 0
    lines = [(first_number, first, offset)] + [(n, raw, 0) for n, raw in parts[1:]]
    multi = sum(1 for _, raw, at in lines if raw[at:].strip()) > 1 or len(lines) > 1
    for number, raw, at in lines:
        value = raw[at:]
        if value.strip().startswith("file:"):
            return  # read from another file: judged there if it is a requirements file
        pieces = [(at, value)] if multi else _semicolons(at, value)
        for piece_at, piece in pieces:
            cleaned = re.sub(r"\s+#.*$", "", piece).strip()
            if cleaned and not cleaned.startswith("#"):
                column = piece_at + len(piece) - len(piece.lstrip()) + 1
                yield _Item(key, cleaned, number, column)


def _semicolons(at: int, value: str) -> list[tuple[int, str]]:
    pieces = []
    for piece in value.split(";"):
        pieces.append((at, piece))
        at += len(piece) + 1
    return pieces
