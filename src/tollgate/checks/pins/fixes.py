"""Offline fixes for pin findings: what the repository's own files (or local caches) can settle.

A fix is an Edit on one line of one file. A finding no offline source can settle gets the reason
and what it would take instead, so `tollgate fix pins` always says something about each finding.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Mapping
from typing import NamedTuple

from tollgate.checks.pins.model import Ref

_NPM_INSTALL = re.compile(r"\bnpm\s+(?:install|i)\b(?!\s+[^-\s&|;])")
_FROZEN = re.compile(r"\b(?:pnpm|bun)\s+(?:install|i)\b(?!\s+[^-\s&|;])")


class Edit(NamedTuple):
    path: str
    line: int
    column: int
    old: str
    new: str
    rule: str


class Unfixable(NamedTuple):
    path: str
    line: int
    rule: str
    needs: str


def offline_fix(
    path: str, ref: Ref, line_text: str, environ: Mapping[str, str] = os.environ
) -> Edit | Unfixable:
    if ref.edit:
        return Edit(path, ref.line, ref.column, ref.edit[0], ref.edit[1], ref.rule)
    special = _SPECIAL.get(ref.rule)
    found = special(ref, line_text, environ) if special else None
    if found is not None:
        return Edit(path, ref.line, ref.column, found[0], found[1], ref.rule)
    return Unfixable(path, ref.line, ref.rule, _needs(ref))


def _frozen_install(ref: Ref, line_text: str, environ: Mapping[str, str]) -> tuple[str, str] | None:
    """`npm install` with no package becomes `npm ci`; `pnpm`/`bun install` get
    `--frozen-lockfile`. Yarn is left alone: its flag depends on its major version."""
    at = max(ref.column - 1, 0)
    match = _NPM_INSTALL.search(line_text, at)
    if match:
        return match.group(0), "npm ci"
    match = _FROZEN.search(line_text, at)
    return (match.group(0), f"{match.group(0)} --frozen-lockfile") if match else None


def _precommit_rev(ref: Ref, line_text: str, environ: Mapping[str, str]) -> tuple[str, str] | None:
    from tollgate.checks.pins.precommit_cache import cached_commit  # noqa: PLC0415

    match = re.search(r"\brev:\s*(['\"]?)([^\s'\"#]+)\1", line_text)
    if match is None:
        return None
    rev = match.group(2)
    commit = cached_commit(ref.name, rev, environ)
    if commit is None:
        return None
    # pre-commit's own frozen form (`pre-commit autoupdate --freeze`) keeps the tag readable.
    comment = "" if "#" in line_text[match.end() :] else f"  # frozen: {rev}"
    return match.group(0), f"rev: {commit}{comment}"


_SPECIAL: dict[str, Callable[[Ref, str, Mapping[str, str]], tuple[str, str] | None]] = {
    "pins.shell.lockfile-not-enforced": _frozen_install,
    "pins.precommit.mutable-rev": _precommit_rev,
    "pins.precommit.floating-rev": _precommit_rev,
}


def _needs(ref: Ref) -> str:
    hint = ref.fix or ref.detail
    if "image" in ref.rule:
        return f"needs the registry to read the digest: {hint}"
    if ref.rule.startswith("pins.precommit."):
        return "needs pre-commit's clone of the repository (`pre-commit autoupdate --freeze`)"
    return f"needs the network: {hint}"


def apply(text: str, edits: list[Edit]) -> tuple[str, list[Edit]]:
    """`text` with the edits made (bottom-up, so earlier positions stay valid); those applied."""
    lines = text.splitlines(keepends=True)
    done: list[Edit] = []
    for edit in sorted(edits, key=lambda e: (e.line, e.column), reverse=True):
        if not 0 < edit.line <= len(lines):
            continue
        current = lines[edit.line - 1]
        at = current.find(edit.old, max(edit.column - 1, 0))
        if at < 0:
            at = current.find(edit.old)
        if at < 0:
            continue
        lines[edit.line - 1] = current[:at] + edit.new + current[at + len(edit.old) :]
        done.append(edit)
    return "".join(lines), done[::-1]
