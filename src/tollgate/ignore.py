"""Inline suppressions for pattern findings, on the finding's line or the line before.

`tollgate: ignore[rule-id or category, ...] reason` is the native form: it must name what it
suppresses and say why, or it is refused (the finding stays, with a note saying so). For teams
migrating, `nosemgrep` (optionally `nosemgrep: rule-id`) and a bare bandit `nosec` are honoured.
Every marker must stand in a comment and as a whole word, so no prose or identifier that merely
contains one suppresses anything by accident.
"""

from __future__ import annotations

import re
from typing import NamedTuple

_COMMENT = r"(?:#|//|/\*|<!--|--|;|\*)"
_TOLLGATE = re.compile(
    rf"{_COMMENT}.*?\btollgate:\s*ignore\b(?:\[(?P<ids>[^\]]*)\])?(?P<reason>.*)"
)
_NOSEMGREP = re.compile(
    rf"{_COMMENT}.*?\bno\s?semgrep\b(?:\s*:\s*(?P<ids>[\w.\-]+(?:\s*,\s*[\w.\-]+)*))?"
)
_NOSEC = re.compile(rf"{_COMMENT}.*?\bnosec\b(?P<rest>[^\n]*)")
_CLOSERS = re.compile(r"(\*/|-->|\s)+$")
_COMMENT_ONLY = re.compile(rf"^\s*{_COMMENT}")


class Verdict(NamedTuple):
    suppressed: bool
    refusal: str = ""  # why a suppression that is there does not count


def pattern_suppression(line: str, before: str, rule_id: str, category: str) -> Verdict:
    """A marker on the finding's line, or on a comment-only line just before it.

    A trailing comment on the previous line of code belongs to that line, not to this one.
    """
    candidates = [line]
    if _COMMENT_ONLY.match(before):
        candidates.append(before)
    refusal = ""
    for text in candidates:
        if "ignore" in text:
            verdict = _tollgate(text, rule_id, category)
            if verdict.suppressed:
                return verdict
            refusal = refusal or verdict.refusal
        if "semgrep" in text and _nosemgrep(text, rule_id):
            return Verdict(True)
        if "nosec" in text and _nosec(text):
            return Verdict(True)
    return Verdict(False, refusal)


def native_suppression(line: str, before: str, rule_id: str, group: str) -> Verdict:
    """Only tollgate's own marker (pins: other tools' markers never meant a dependency)."""
    candidates = [line, before] if _COMMENT_ONLY.match(before) else [line]
    refusal = ""
    for text in candidates:
        if "ignore" in text:
            verdict = _tollgate(text, rule_id, group)
            if verdict.suppressed:
                return verdict
            refusal = refusal or verdict.refusal
    return Verdict(False, refusal)


def _tollgate(line: str, rule_id: str, category: str) -> Verdict:
    match = _TOLLGATE.search(line)
    if match is None:
        return Verdict(False)
    ids = match.group("ids")
    if ids is None or not ids.strip():
        return Verdict(
            False, "`tollgate: ignore` must name the rule: tollgate: ignore[rule-id] reason"
        )
    names = {part.strip() for part in ids.split(",")}
    if rule_id not in names and category not in names:
        return Verdict(False)
    if not _CLOSERS.sub("", match.group("reason")).strip():
        return Verdict(False, "`tollgate: ignore[...]` must give a reason after the brackets")
    return Verdict(True)


def _nosemgrep(line: str, rule_id: str) -> bool:
    match = _NOSEMGREP.search(line)
    if match is None:
        return False
    ids = match.group("ids")
    if not ids:
        return True
    return any(
        rule_id == i or rule_id.endswith("." + i) for i in (p.strip() for p in ids.split(","))
    )


def _nosec(line: str) -> bool:
    match = _NOSEC.search(line)
    # `nosec B602`: bandit's own test ids, which name none of our rules; only a bare nosec counts.
    return match is not None and not re.match(r"\s*:?\s*B\d{3}", match.group("rest"))
