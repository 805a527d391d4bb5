"""Where a script's characters are in the file it was read from."""

from __future__ import annotations

import bisect
from collections.abc import Sequence


class Source:
    """A text and where its offsets are in the file; `fixed` maps every offset to one place (a
    string re-read without its quotes, whose offsets no longer match the file's)."""

    def __init__(
        self,
        text: str,
        lines: Sequence[int],
        columns: Sequence[int],
        fixed: tuple[int, int] | None = None,
    ) -> None:
        self.text = text
        self.lines = lines
        self.columns = columns
        self.fixed = fixed
        starts = [0]
        at = text.find("\n")
        while at != -1:
            starts.append(at + 1)
            at = text.find("\n", at + 1)
        self.starts = starts
        self._segments: dict[tuple[int, int], str] = {}

    def position(self, offset: int) -> tuple[int, int]:
        if self.fixed is not None:
            return self.fixed
        index = bisect.bisect_right(self.starts, offset) - 1
        if not self.lines:
            return (1, 1)
        if index >= len(self.lines):
            return (self.lines[-1], self.columns[-1] if self.columns else 1)
        column = self.columns[index] if index < len(self.columns) else 1
        return (self.lines[index], column + offset - self.starts[index])

    def lines_of(self, start: int, end: int) -> set[int]:
        first, last = self.position(start), self.position(max(start, end - 1))
        return set(range(first[0], last[0] + 1))

    def segment(self, start: int, end: int) -> str:
        """The text from `start` to `end` on one line: one command's many packages share it."""
        key = (start, end)
        if key not in self._segments:
            self._segments[key] = " ".join(self.text[start:end].replace("\\\n", " ").split())
        return self._segments[key]
