"""Masking: a full secret never reaches the terminal, a log, a cache or a baseline."""

from __future__ import annotations

_MAX_EXCERPT = 160


def mask(secret: str) -> str:
    """Keep enough of the start to recognise the token kind, hide the rest (and its length)."""
    keep = min(4, len(secret) // 4)
    return secret[:keep] + "*" * 8


def masked_line(line: str, start: int, end: int) -> str:
    """`line` with columns [start, end) masked, trimmed around them to a readable width."""
    start, end = max(0, start), min(len(line), end)
    shown = line[:start] + mask(line[start:end]) + line[end:] if end > start else line
    shown = shown.rstrip("\r\n")
    if len(shown) <= _MAX_EXCERPT:
        return shown.strip()
    left = max(0, start - 40)
    return ("…" if left else "") + shown[left : left + _MAX_EXCERPT].strip() + "…"
