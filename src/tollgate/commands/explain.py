"""`tollgate explain RULE`: a rule's documentation, from the same data SARIF help uses."""

from __future__ import annotations

import argparse
import difflib

from tollgate.errors import TollgateError
from tollgate.pack.load import builtin_pack_dir, load_pack
from tollgate.pack.model import AnyRule, PatternRule, PinRule


def add(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("explain", help="show a rule's documentation")
    p.add_argument("rule", help="rule id, e.g. secrets.github-pat-classic")
    p.add_argument("--pack", help="pack directory (default: the built-in pack)")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from pathlib import Path  # noqa: PLC0415

    pack = load_pack(Path(args.pack) if args.pack else builtin_pack_dir())
    rule = pack.rule(args.rule)
    if rule is None:
        ids = pack.rule_ids()
        guess = difflib.get_close_matches(args.rule, ids, n=3)
        hint = f"; did you mean {', '.join(guess)}?" if guess else ""
        raise TollgateError(f"no rule {args.rule!r} in pack {pack.name}{hint}")
    print(render(rule))
    return 0


def render(rule: AnyRule) -> str:
    lines = [
        f"{rule.id}: {rule.title}",
        f"  severity: {rule.severity.label}   confidence: {rule.confidence.label}",
        f"  defined in: {rule.source}",
    ]
    if isinstance(rule, PatternRule):
        lines.append(f"  category: {rule.category}   {rule.cwe}")
        lines.append(f"  languages: {', '.join(rule.languages)}")
    if isinstance(rule, PinRule):
        profiles = "default and strict" if rule.profile == "default" else "strict only"
        lines.append(f"  profile: {profiles}")
        if rule.allow:
            lines.append(f"  never flagged: {', '.join(rule.allow)}")
    if rule.description:
        lines += ["", rule.description]
    if rule.fix:
        lines += ["", f"How to fix: {rule.fix}"]
    lines += [
        "",
        f"Suppress one line: add `{_marker(rule)}` in a comment on it.",
        "Accept existing findings: `tollgate baseline update`.",
    ]
    if rule.references:
        lines += ["", "References:", *(f"  - {ref}" for ref in rule.references)]
    return "\n".join(lines)


def _marker(rule: AnyRule) -> str:
    if isinstance(rule, (PatternRule, PinRule)):
        return f"tollgate: ignore[{rule.id}] <reason>"
    return f"tollgate: allow[{rule.id}]"
