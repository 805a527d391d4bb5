"""`tollgate pack test`: every rule's examples against the whole pack.

An example passes when its own rule reports exactly the expected secret; a negative passes only
when no rule of the pack reports anything in it, so an over-broad rule fails on its neighbours'
negatives.
"""

from __future__ import annotations

from typing import NamedTuple

from tollgate.changes import Change
from tollgate.checks.secrets import change_findings
from tollgate.checks.secrets.engine import SecretEngine
from tollgate.findings import Finding, fingerprint
from tollgate.mask import mask
from tollgate.pack.model import Example, Pack


class Outcome(NamedTuple):
    examples: int
    failures: tuple[str, ...]


def test_pack(pack: Pack, only: frozenset[str] | None = None) -> Outcome:
    """Every rule's proof (or only those in `only`: a layer's own), each against all of `pack`."""
    engine = SecretEngine(pack.secrets)
    engine.compile_all()
    failures: list[str] = []
    count = 0
    for rule in pack.secrets:
        if only is not None and rule.id not in only:
            continue
        where = f"{rule.source}: {rule.id}"
        if not rule.examples:
            failures.append(f"{where}: has no examples that must match")
        if not rule.negatives:
            failures.append(f"{where}: has no negatives that must not match")
        for i, example in enumerate(rule.examples):
            count += 1
            found = _findings(engine, example)
            own = [f for f in found if f.rule == rule.id]
            if not own:
                others = ", ".join(sorted({f.rule for f in found})) or "nothing"
                failures.append(f"{where}: examples[{i}] not found (reported: {others})")
            elif example.secret and fingerprint(rule.id, example.secret) not in {
                f.fingerprint for f in own
            }:
                failures.append(
                    f"{where}: examples[{i}] found, but not the expected secret "
                    f"{mask(example.secret)}"
                )
        for i, negative in enumerate(rule.negatives):
            count += 1
            found = _findings(engine, negative)
            if found:
                ids = ", ".join(sorted({f.rule for f in found}))
                failures.append(f"{where}: negatives[{i}] reported by {ids}")
    if pack.patterns:
        from tollgate.pack.pattern_selftest import test_patterns  # noqa: PLC0415

        patterns = test_patterns(pack, only)
        count += patterns.cases
        failures.extend(patterns.failures)
    if pack.pins:
        from tollgate.pack.pin_selftest import test_pins  # noqa: PLC0415

        pins = test_pins(pack, only)
        count += pins.cases
        failures.extend(pins.failures)
    return Outcome(count, tuple(failures))


def _findings(engine: SecretEngine, example: Example) -> list[Finding]:
    return change_findings(Change(example.path, "A", example.text, None), engine)
