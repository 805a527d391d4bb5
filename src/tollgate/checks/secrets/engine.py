"""The secrets detector: every rule kind over one text, overlaps resolved, most specific first."""

from __future__ import annotations

from collections.abc import Sequence

from tollgate.checks.secrets.compiled import CompiledRule
from tollgate.checks.secrets.generic import generic_hits
from tollgate.checks.secrets.hit import Hit
from tollgate.checks.secrets.kubernetes import kubernetes_hits
from tollgate.checks.secrets.prefilter import KeywordIndex
from tollgate.checks.secrets.regex_rules import regex_hits
from tollgate.pack.model import SecretRule

_PREFIX_ENDINGS = ("_", "-", ".", "$")


class SecretEngine:
    """Built once per run from the pack's secret rules; `hits` is called once per file."""

    def __init__(self, rules: Sequence[SecretRule]) -> None:
        specific = [r for r in rules if not r.detector]
        specific.sort(key=lambda r: (-r.confidence, -r.severity))
        self.regex_rules = [CompiledRule(r) for r in specific]
        self.kubernetes = [r for r in rules if r.detector == "kubernetes-secret"]
        self.generic = [r for r in rules if r.detector == "generic-assignment"]
        # Prefixes that belong to a provider's format: a value starting with one that its own
        # rule rejected (bad checksum, wrong length) is not handed to the generic detector.
        self.index = KeywordIndex(k for r in rules for k in r.keywords)
        self.claimed = tuple(sorted({k for r in specific for k in r.keywords if _is_prefix(k)}))

    def compile_all(self) -> None:
        for compiled in self.regex_rules:
            compiled.compile_all()

    def hits(self, text: str, path: str) -> list[Hit]:
        lower = text.lower()
        present = self.index.present(lower)
        found = list(regex_hits(text, lower, self.regex_rules, path, present))
        judged: list[Hit] = []
        for rule in self.kubernetes:
            if not present.intersection(rule.keywords):
                continue
            hits, spans = kubernetes_hits(text, lower, rule, self._inner, path)
            found.extend(hits)
            # Values a Secret manifest holds are judged by that detector alone.
            judged.extend(Hit(rule, "", start, end) for start, end in spans)
        generic = [
            hit
            for rule in self.generic
            if present.intersection(rule.keywords)
            for hit in generic_hits(text, lower, rule, path, self.claimed)
        ]
        kept = _without_overlaps([*found, *judged, *generic])
        return [h for h in kept if h.secret]

    def _inner(self, text: str) -> list[Hit]:
        lower = text.lower()
        return list(regex_hits(text, lower, self.regex_rules, "", self.index.present(lower)))


def _is_prefix(keyword: str) -> bool:
    """`ghp_`, `xoxb-`, `pypi-ageichlwas5vcmc`: literal starts of a token format."""
    if " " in keyword:
        return False
    return (len(keyword) >= 3 and keyword.endswith(_PREFIX_ENDINGS)) or len(keyword) >= 12


def _without_overlaps(hits: list[Hit]) -> list[Hit]:
    """Keep the first hit (most specific rule) for any span of text two rules both claim."""
    kept: list[Hit] = []
    for hit in hits:
        if all(hit.end <= k.start or hit.start >= k.end for k in kept):
            kept.append(hit)
    kept.sort(key=lambda h: h.start)
    return kept
