"""What a Gemfile.lock holds: the gems its Gemfile declares, and the commit of each git gem."""

from __future__ import annotations

import re
from typing import NamedTuple

from tollgate.checks.pins.gitrefs import FULL_COMMIT

# Gemfile.lock: two-space DEPENDENCIES entries (`  rails (~> 7.1)`, `  mygem!`), four-space specs
# (`    rack (3.0.9)`), `  revision: <sha>` in a GIT source, sections ended by an unindented line.
_LOCK_NAME = re.compile(r"^  ([^\s!(]+)", re.MULTILINE)
_SPEC_NAME = re.compile(r"\n    ([^\s!(]+) \(")
_REVISION = re.compile(r"\n  revision: (\S+)")
_NEXT_HEADER = re.compile(r"\n(?=\S)")


class GemLock(NamedTuple):
    gems: frozenset[str]  # DEPENDENCIES (or, without that section, every spec), lower-cased
    revisions: dict[str, str]  # gem of a GIT source to the commit it is locked at


def read(text: str) -> GemLock:
    """A Gemfile.lock's DEPENDENCIES and the revision of each GIT source's gems. Only those
    sections are read line by line: the specs of a large lock are skipped at C speed."""
    body = _after_header(text, "DEPENDENCIES")
    dependencies = {n.lower() for n in _LOCK_NAME.findall(_section(text, body))} if body else set()
    revisions: dict[str, str] = {}
    body = _after_header(text, "GIT")
    while body:
        block = _section(text, body)
        revision = _REVISION.search("\n" + block)
        if revision is not None and FULL_COMMIT.fullmatch(revision[1]):
            for name in _SPEC_NAME.findall("\n" + block):
                revisions[name.lower()] = revision[1]
        body = _after_header(text, "GIT", body + len(block))
    if not dependencies:  # a lock without the section: fall back to everything it specifies
        dependencies = {name.lower() for name in _SPEC_NAME.findall(text)}
    return GemLock(frozenset(dependencies), revisions)


def _after_header(text: str, name: str, start: int = 0) -> int:
    """The offset just past the first `name` header line at or after `start`; 0 if none."""
    if start == 0 and text.startswith(f"{name}\n"):
        return len(name) + 1
    at = text.find(f"\n{name}\n", max(start - 1, 0))
    return 0 if at < 0 else at + len(name) + 2


def _section(text: str, body: int) -> str:
    """The lines from `body` up to the next unindented (header) line."""
    end = _NEXT_HEADER.search(text, body)
    return text[body : len(text) if end is None else end.start() + 1]
