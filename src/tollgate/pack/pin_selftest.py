"""`tollgate pack test` for pin rules: every example and negative against the whole pin policy.

An example passes when its rule reports exactly the lines it lists and no other rule reports
anything; a negative passes when no pin rule reports anything. Each runs under its own profile
(by default the rule's), with every line of every file counted as new.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import NamedTuple

from tollgate.changes import Change, ChangeSet
from tollgate.findings import Finding
from tollgate.pack.model import Pack, PinExample, PinRule, PinSettings


class PinOutcome(NamedTuple):
    cases: int
    failures: tuple[str, ...]


class _Files:
    """A snapshot holding only an example's other files."""

    def __init__(self, files: tuple[tuple[str, str], ...]) -> None:
        self.files = dict(files)

    def read(
        self, wanted: Iterable[tuple[str, str]], limit: int
    ) -> dict[tuple[str, str], str | int | None]:
        return {(commit, path): self.files.get(path) for commit, path in wanted}


def test_pins(pack: Pack, only: frozenset[str] | None = None) -> PinOutcome:
    failures: list[str] = []
    cases = 0
    for rule in pack.pins:
        if only is not None and rule.id not in only:
            continue
        where = f"{rule.source}: {rule.id}"
        if not rule.examples:
            failures.append(f"{where}: has no examples that must be reported")
        if not rule.negatives:
            failures.append(f"{where}: has no negatives that must not be reported")
        for i, example in enumerate(rule.examples):
            cases += 1
            found = run_example(pack, rule, example)
            own = sorted(f.line for f in found if f.rule == rule.id and f.path == example.path)
            others = sorted(f"{f.rule} at {f.path}:{f.line}" for f in found if f.rule != rule.id)
            if own != sorted(example.lines):
                failures.append(
                    f"{where}: examples[{i}] expected lines {sorted(example.lines)}, reported {own}"
                )
            if others:
                failures.append(f"{where}: examples[{i}] also reported {', '.join(others)}")
        for i, negative in enumerate(rule.negatives):
            cases += 1
            found = run_example(pack, rule, negative)
            if found:
                shown = ", ".join(sorted(f"{f.rule} at {f.path}:{f.line}" for f in found))
                failures.append(f"{where}: negatives[{i}] reported {shown}")
    return PinOutcome(cases, tuple(failures))


def run_example(pack: Pack, rule: PinRule, example: PinExample) -> list[Finding]:
    from tollgate.checks import pins  # noqa: PLC0415

    settings = PinSettings(
        profile=example.profile or rule.profile, project=example.project or "auto"
    )
    changes = ChangeSet((Change(example.path, "A", example.text, None),), (), _Files(example.files))
    return pins.run(changes, pack._replace(pin_settings=settings)).findings
