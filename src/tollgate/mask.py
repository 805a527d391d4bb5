"""Masking: a full secret never reaches the terminal, a log, a cache or a baseline."""

from __future__ import annotations

from collections.abc import Iterable

_MAX_EXCERPT = 160


def mask(secret: str) -> str:
    """Keep enough of the start to recognise the token kind, hide the rest (and its length)."""
    keep = min(4, len(secret) // 4)
    return secret[:keep] + "*" * 8


def masked_line(line: str, start: int, end: int, secrets: Iterable[str] = ()) -> str:
    """`line` with columns [start, end) masked, trimmed around them to a readable width.

    Every occurrence of `secrets` in the line is masked too: the same token repeated in a comment,
    or a second token on the line, would otherwise be printed whole in this finding's excerpt.
    """
    start, end = max(0, start), min(len(line), end)
    spans = [(start, end)] if end > start else []
    for secret in secrets:
        at = line.find(secret) if secret else -1
        while at != -1:
            spans.append((at, at + len(secret)))
            at = line.find(secret, at + len(secret))
    shown, anchor = _masked_spans(line, spans, start)
    shown = shown.rstrip("\r\n")
    if len(shown) <= _MAX_EXCERPT:
        return shown.strip()
    left = max(0, anchor - 40)
    return ("…" if left else "") + shown[left : left + _MAX_EXCERPT].strip() + "…"


def _masked_spans(line: str, spans: list[tuple[int, int]], start: int) -> tuple[str, int]:
    """The line with each (merged) span masked, and where column `start` ended up in it."""
    parts: list[str] = []
    anchor = start
    done = 0
    for first, last in _merged(spans):
        parts.append(line[done:first])
        if first <= start < last:
            anchor = sum(map(len, parts))
        elif last <= start:
            anchor -= (last - first) - len(mask(line[first:last]))
        parts.append(mask(line[first:last]))
        done = last
    parts.append(line[done:])
    return "".join(parts), anchor


def _merged(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    merged: list[tuple[int, int]] = []
    for first, last in sorted(spans):
        if merged and first <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], last))
        else:
            merged.append((first, last))
    return merged
