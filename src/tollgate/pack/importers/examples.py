"""Examples for imported secret rules: synthesised from the regex, proven with tollgate's engine.

An example is kept only when the rule reports it with exactly the synthesised secret, and its
negative (the same line with the secret cut short or replaced by a run of one character) only
when no rule reports anything in it: the checks `tollgate pack test` makes.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import NamedTuple

from tollgate.changes import Change
from tollgate.checks.secrets import change_findings
from tollgate.checks.secrets.compiled import CompiledRule
from tollgate.checks.secrets.engine import SecretEngine
from tollgate.findings import fingerprint
from tollgate.pack.importers.re2syntax import SynthesisError
from tollgate.pack.importers.synth import POLICIES, Instance, synthesize
from tollgate.pack.model import Example, SecretRule

ATTEMPTS = 6  # seeds per policy
_PATHS = ("example", "config/settings.env", "src/app.py", "deploy/values.yaml")


class Case(NamedTuple):
    example: Example
    negative: Example


class Proof(NamedTuple):
    cases: tuple[Case, ...]
    reason: str = ""  # why there are none


def prove(rule: SecretRule, wanted: int = 3) -> Proof:
    """Up to `wanted` example/negative pairs the rule, alone, gets right."""
    path = next((p for p in _PATHS if not CompiledRule(rule).path_allowed(p)), None)
    if path is None:
        return Proof((), "its allowlist paths exclude every example path")
    instances: list[Instance] = []
    reason = "no synthesised line was reported with the expected secret"
    for policy in POLICIES:
        for attempt in range(ATTEMPTS):
            seed = f"{rule.id}:{policy}:{attempt}"
            try:
                instance = synthesize(
                    rule.regex,
                    rule.secret_group,
                    rule.keywords,
                    seed=seed,
                    policy=policy,
                    explore=attempt > 0,
                )
            except SynthesisError as exc:
                reason = str(exc)
                continue
            if instance not in instances and "\n" not in instance.secret:
                instances.append(instance)
    # Lines that carry a keyword by themselves read better than ones given a keyword comment.
    instances.sort(key=lambda i: not _has_keyword(rule, i.text))
    engine = SecretEngine([rule])
    cases: list[Case] = []
    for instance in instances:
        case = _case(engine, rule, instance, path)
        if case is not None and case not in cases:
            cases.append(case)
            if len(cases) >= wanted:
                break
    return Proof(tuple(cases), "" if cases else reason)


def settle(
    pack: Sequence[SecretRule], proofs: dict[str, Proof]
) -> tuple[list[SecretRule], list[str]]:
    """Give each new rule the first of its cases that holds against the whole pack.

    `pack` is every secret rule of the pack in load order (so overlaps resolve as in the pack
    test); `proofs` holds the new rules' candidates. Returns the new rules with their examples,
    and the ids of those that have none that hold.
    """
    engine = SecretEngine(pack)
    settled: list[SecretRule] = []
    needs: list[str] = []
    for rule in pack:
        proof = proofs.get(rule.id)
        if proof is None:
            continue
        chosen = next((c for c in proof.cases if _holds(engine, rule, c)), None)
        if chosen is None:
            needs.append(rule.id)
            chosen = proof.cases[0] if proof.cases else None
        if chosen is None:
            settled.append(rule)
        else:
            settled.append(rule._replace(examples=(chosen.example,), negatives=(chosen.negative,)))
    return settled, needs


def _holds(engine: SecretEngine, rule: SecretRule, case: Case) -> bool:
    example, negative = case
    return _reports(engine, rule, example.text, example.secret, example.path) and not (
        _found(engine, negative.text, negative.path)
    )


def _case(engine: SecretEngine, rule: SecretRule, instance: Instance, path: str) -> Case | None:
    secret = instance.secret
    for before, after in _contexts(rule, instance):
        text = before + instance.text + after
        if not _reports(engine, rule, text, secret, path):
            continue
        start, end = len(before) + instance.start, len(before) + instance.end
        for replacement, why in (
            (secret[: max(1, len(secret) // 2)], "the secret cut to half its length"),
            (secret[-1] * len(secret), "the secret replaced by a run of one character"),
        ):
            negative = text[:start] + replacement + text[end:]
            if not _found(engine, negative, path):
                return Case(Example(text, secret, path=path), Example(negative, why=why, path=path))
    return None


def _contexts(rule: SecretRule, instance: Instance) -> list[tuple[str, str]]:
    """Lines to put the match in: `KEY_NAME = "<match>"` and plainer forms, keyword included."""
    name = _key_name(rule, instance.text)
    forms = [(f'{name} = "', '"'), ("", ""), (f"{name}=", "")]
    if any(c in instance.text[: instance.start] for c in "=:>"):
        forms.insert(0, ("", ""))  # the regex spells its own assignment
    result: list[tuple[str, str]] = []
    for before, after in forms:
        variants = [(before, after)]
        if not _has_keyword(rule, before + instance.text + after):
            keyword = rule.keywords[0]
            variants = [(before, f"{after}  # {keyword}"), (f"# {keyword}\n{before}", after)]
        result.extend(v for v in variants if v not in result)
    return result


def _key_name(rule: SecretRule, text: str) -> str:
    if not _has_keyword(rule, text):
        for keyword in rule.keywords:
            ident = re.sub(r"[^0-9A-Za-z]+", "_", keyword).strip("_").upper()
            if ident and keyword in f"{ident}_KEY".lower():
                return f"{ident}_KEY"
    name = rule.id.removeprefix("secrets.")
    return re.sub(r"[^0-9A-Za-z]+", "_", name).strip("_").upper() or "SECRET"


def _has_keyword(rule: SecretRule, text: str) -> bool:
    lower = text.lower()
    return not rule.keywords or any(k in lower for k in rule.keywords)


def _reports(engine: SecretEngine, rule: SecretRule, text: str, secret: str, path: str) -> bool:
    wanted = fingerprint(rule.id, secret)
    return any(
        f.rule == rule.id and f.fingerprint == wanted
        for f in change_findings(Change(path, "A", text, None), engine)
    )


def _found(engine: SecretEngine, text: str, path: str) -> bool:
    return bool(change_findings(Change(path, "A", text, None), engine))
