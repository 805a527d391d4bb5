"""Run the pack's regex rules over a text, with the keyword prefilter in front."""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from tollgate.checks.secrets.compiled import CompiledRule
from tollgate.checks.secrets.hit import Hit


def regex_hits(
    text: str, lower: str, rules: Sequence[CompiledRule], path: str, present: frozenset[str]
) -> Iterator[Hit]:
    """`present`: the keywords that occur in the text (see prefilter.KeywordIndex)."""
    for compiled in rules:
        rule = compiled.rule
        if rule.keywords and present.isdisjoint(rule.keywords):
            continue
        if rule.allowlist.paths and compiled.path_allowed(path):
            continue
        group = compiled.group
        for match in compiled.pattern.finditer(text):
            secret = match.group(group)
            if not secret:
                continue
            if compiled.rejects(secret):
                continue
            start, end = match.span(group)
            begin = match.start()
            at = begin if "\n" in text[begin:start] else None  # a block spanning lines
            yield Hit(rule, secret, start, end, at)
