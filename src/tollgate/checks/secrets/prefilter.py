"""The keyword prefilter: one linear pass per file says which rules' keywords occur at all.

An RE2 set matches every keyword at once, instead of one substring search per keyword and file
(which dominated `--all-files` time with ~300 keywords).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any


class KeywordIndex:
    def __init__(self, keywords: Iterable[str]) -> None:
        self.keywords = tuple(sorted(set(keywords)))
        self._set: Any = None

    def _compiled(self) -> Any:
        if self._set is None:
            import re2  # noqa: PLC0415 - the C extension loads only when a file is scanned

            options = re2.Options()
            options.log_errors = False
            keyword_set = re2.Set.SearchSet(options)
            for keyword in self.keywords:
                keyword_set.Add(re2.escape(keyword))
            keyword_set.Compile()
            self._set = keyword_set
        return self._set

    def present(self, lower: str) -> frozenset[str]:
        """The keywords that occur in `lower` (text already lower-cased)."""
        if not self.keywords:
            return frozenset()
        matched = self._compiled().Match(lower) or ()  # None when nothing matches
        return frozenset(self.keywords[i] for i in matched)
