"""The pattern half of `tollgate pack test`: every test file against every pattern rule.

Annotations follow semgrep's convention: `ruleid: <id>` in a comment marks a line that must be
reported by that rule (the next line when the comment stands alone, else its own line), `ok: <id>`
one that must not; `todoruleid:` and `todook:` mark known gaps. Any finding of any rule on a line
not annotated `ruleid:` for it fails, so one rule's over-reach shows up on another's tests.
"""

from __future__ import annotations

import re
import shutil
import tempfile
from collections.abc import Iterable
from pathlib import Path
from typing import NamedTuple

from tollgate.checks.patterns.semgrep import run_semgrep
from tollgate.pack.model import Pack

_ANNOTATION = re.compile(
    r"(?:#|//|/\*|<!--|--|;)\s*(?P<kind>todoruleid|todook|ruleid|ok)\s*:\s*(?P<ids>[\w.\-]+(?:\s*,\s*[\w.\-]+)*)"
)
_COMMENT_ONLY = re.compile(r"^\s*(?:#|//|/\*|<!--|--|;)")

Key = tuple[str, int, str]  # test file, line, rule id


class Annotations(NamedTuple):
    expected: set[Key]
    tolerated: set[Key]
    ok: set[Key]


class PatternOutcome(NamedTuple):
    cases: int
    failures: tuple[str, ...]


def test_patterns(pack: Pack, only: frozenset[str] | None = None) -> PatternOutcome:
    failures: list[str] = []
    own = [rule for rule in pack.patterns if only is None or rule.id in only]
    files = sorted({test for rule in own for test in rule.tests})
    for rule in own:
        if not rule.tests:
            failures.append(f"{rule.source}: {rule.id}: has no test file beside it")
    if not files:
        return PatternOutcome(0, tuple(failures))
    notes = _annotations(files, pack.root)
    reported = _reported(pack, files)
    for rule in own:
        expected = {k for k in notes.expected if k[2] == rule.id}
        if rule.tests and not expected:
            failures.append(f"{rule.source}: {rule.id}: its tests mark no `ruleid:` line")
        if rule.tests and not any(k[2] == rule.id for k in notes.ok):
            failures.append(f"{rule.source}: {rule.id}: its tests mark no `ok:` line")
    for file, line, rule_id in sorted(notes.expected - reported):
        failures.append(f"{file}:{line}: expected {rule_id}, not reported")
    for file, line, rule_id in sorted(reported - notes.expected - notes.tolerated):
        failures.append(f"{file}:{line}: {rule_id} reported on a line not marked `ruleid:` for it")
    cases = len(notes.expected) + len(notes.ok)
    return PatternOutcome(cases, tuple(failures))


def _annotations(files: Iterable[str], root: Path) -> Annotations:
    notes = Annotations(set(), set(), set())
    for file in files:
        label = _label(file, root)
        lines = Path(file).read_text("utf-8", "replace").splitlines()
        for number, text in enumerate(lines, start=1):
            for match in _ANNOTATION.finditer(text):
                target = number + 1 if _COMMENT_ONLY.match(text) else number
                for rule_id in (i.strip() for i in match.group("ids").split(",")):
                    key = (label, target, rule_id)
                    kind = match.group("kind")
                    if kind == "ruleid":
                        notes.expected.add(key)
                    elif kind == "ok":
                        notes.ok.add(key)
                    else:
                        notes.tolerated.add(key)
    return notes


def _reported(pack: Pack, files: list[str]) -> set[Key]:
    """Run semgrep once over copies of the test files (so no ignore file can hide one)."""
    with tempfile.TemporaryDirectory(prefix="tollgate-pack-test-") as tmp:
        names: dict[str, str] = {}
        for index, file in enumerate(files):
            name = f"{index}/{Path(file).name}"
            (Path(tmp) / str(index)).mkdir()
            shutil.copyfile(file, Path(tmp) / name)
            names[name] = _label(file, pack.root)
        report = run_semgrep(pack.semgrep_config, sorted(names), Path(tmp), timeout=600)
    ids = {rule.id for rule in pack.patterns}
    reported: set[Key] = set()
    for result in report.get("results", []):
        check_id = str(result.get("check_id"))
        rule_id = next((i for i in ids if check_id == i or check_id.endswith("." + i)), check_id)
        reported.add((names[str(result["path"])], int(result["start"]["line"]), rule_id))
    return reported


def _label(file: str, root: Path) -> str:
    try:
        return Path(file).relative_to(root.parent).as_posix()
    except ValueError:
        return file
