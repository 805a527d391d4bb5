"""Synthesise a string a regex matches: the start of an example for a rule imported without any.

The generator walks the pattern's parse tree (see re2syntax) and picks, at every choice, what
makes a plausible token: high-entropy characters for classes, the rule's keywords where the
pattern allows them. What comes out is only a candidate; the caller proves it with tollgate's
real engine.
"""

from __future__ import annotations

import random
import string
from collections.abc import Sequence
from typing import Any, NamedTuple

from tollgate.pack.importers.re2syntax import MAXREPEAT, SynthesisError, parse_pattern

# How long to make repetitions: the first policy gives random classes their longest reasonable
# run (entropy thresholds pass), the others give the verifier different shapes to try.
POLICIES = ("long", "short", "mid")

_PRINTABLE = (*(chr(c) for c in range(0x20, 0x7F)), "\t", "\n")
_ALNUM = frozenset(string.ascii_letters + string.digits)
_VISIBLE = frozenset(chr(c) for c in range(0x21, 0x7F))
_WORD = frozenset(string.ascii_letters + string.digits + "_")
_REPEATS = ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT")
_QUIET = frozenset("'\"`\\")
_CATEGORIES = {
    "CATEGORY_DIGIT": frozenset(string.digits),
    "CATEGORY_WORD": frozenset(string.ascii_letters + string.digits + "_"),
    "CATEGORY_SPACE": frozenset(" \t\n\r\f\v"),
}


class Instance(NamedTuple):
    text: str
    start: int  # the span of the secret group in `text`
    end: int

    @property
    def secret(self) -> str:
        return self.text[self.start : self.end]


def synthesize(
    pattern: str,
    group: int | str = 0,
    keywords: Sequence[str] = (),
    *,
    seed: str = "",
    policy: str = "long",
    explore: bool = False,
) -> Instance:
    """A deterministic string `pattern` should match, with the span of `group` in it.

    Branches that hold the secret group or one of the `keywords` are preferred; `explore` picks
    among the remaining branches at random instead of taking the first.
    """
    tree = parse_pattern(pattern)
    if isinstance(group, str):
        try:
            number = int(tree.state.groupdict[group])
        except KeyError:
            raise SynthesisError(f"no group named {group!r}") from None
    else:
        number = group
    generator = _Generator(random.Random(seed), number, keywords, policy, explore)
    generator.emit(list(tree), inside=number == 0)
    text = "".join(generator.parts)
    if number == 0:
        return Instance(text, 0, len(text))
    if generator.span is None:
        raise SynthesisError(f"group {group} was not generated")
    return Instance(text, *generator.span)


class _Generator:
    def __init__(
        self,
        rng: random.Random,
        group: int,
        keywords: Sequence[str],
        policy: str,
        explore: bool,
    ) -> None:
        self.rng = rng
        self.group = group
        self.keywords = tuple(k.lower() for k in keywords if k)
        self.policy = policy
        self.explore = explore
        self.parts: list[str] = []
        self.size = 0
        self.span: tuple[int, int] | None = None

    def emit(self, items: list[Any], inside: bool) -> None:
        for index, (op, value) in enumerate(items):
            name = _name(op)
            if name in _REPEATS and _boundary_at(items, index + 1):
                self._repeat(*value, lazy=name == "MIN_REPEAT", inside=inside, boundary=True)
            else:
                self._one(name, value, inside)

    def _put(self, text: str) -> None:
        self.parts.append(text)
        self.size += len(text)

    def _one(self, name: str, value: Any, inside: bool) -> None:
        if name == "LITERAL":
            self._put(chr(value))
        elif name in ("NOT_LITERAL", "ANY", "IN"):
            members = _members(name, value)
            self._put(self._keyword_char(members) or self.rng.choice(_preferred(members)))
        elif name == "BRANCH":
            self.emit(self._branch(value[1]), inside)
        elif name == "SUBPATTERN":
            number, sub = value[0], value[-1]
            if number and number == self.group:
                start = self.size
                self.emit(list(sub), True)
                self.span = (start, self.size)
            else:
                self.emit(list(sub), inside)
        elif name in _REPEATS:
            self._repeat(*value, lazy=name == "MIN_REPEAT", inside=inside)
        elif name != "AT":  # anchors and \b emit nothing; the verifier judges the context
            raise SynthesisError(f"cannot generate text for {name.lower().replace('_', ' ')}")

    def _repeat(
        self, low: int, high: int, sub: Any, *, lazy: bool, inside: bool, boundary: bool = False
    ) -> None:
        """`boundary`: a `\\b` follows, so a filler class ends on a non-word character if it can."""
        sub = list(sub)
        if (self.group and self.group in _groups(sub)) or self._keyed(sub):
            low = max(low, 1)
        count = self._count(low, high, lazy, inside)
        single = len(sub) == 1 and _name(sub[0][0]) in ("NOT_LITERAL", "ANY", "IN")
        if not single:
            parts, size = len(self.parts), self.size
            for _ in range(count):
                self.emit(sub, inside)
            if boundary and low == 0 and self.size > size and self.parts[-1][-1:] in _WORD:
                del self.parts[parts:]  # optional, and it would leave no boundary: leave it out
                self.size = size
            return
        members = _members(_name(sub[0][0]), sub[0][1])
        pool = _preferred(members)
        ending = next(
            (sorted(t) for t in (members & {" "}, members & set("-=:./,"), members - _WORD) if t),
            [],
        )
        if boundary and not inside and ending and high >= 1 and "\n" not in ending:
            count = max(count, 1)
            self._put("".join(self._sample(pool, count - 1)) + self.rng.choice(ending))
        elif boundary and not inside and low == 0 and not ending:
            pass  # word characters only: none keeps a boundary possible
        elif count > 1:
            self._put("".join(self._sample(pool, count)))
        elif count:
            self._put(self._keyword_char(members) or self.rng.choice(pool))

    def _count(self, low: int, high: int, lazy: bool, inside: bool) -> int:
        cap = max(low, 32) if high >= MAXREPEAT else high
        if not inside or (lazy and self.policy == "long"):
            return min(low + 1, cap) if self.policy == "mid" else low
        if self.policy == "long":
            return cap if cap <= 64 else max(low, 40)
        if self.policy == "short":
            return max(low, min(cap, 20))
        return max(low, (low + min(cap, 64) + 1) // 2)

    def _keyword_char(self, members: frozenset[str]) -> str:
        """The next character of a keyword the text is spelling, when the class allows it."""
        tail = "".join(self.parts)[-32:].lower()
        for keyword in self.keywords:
            for done in range(min(len(keyword) - 1, len(tail)), 0, -1):
                if tail.endswith(keyword[:done]) and keyword[done] in members:
                    return keyword[done]
        return ""

    def _sample(self, pool: list[str], count: int) -> list[str]:
        """Distinct characters first, so the run's entropy is as high as its class allows."""
        chosen: list[str] = []
        while len(chosen) < count:
            chosen.extend(self.rng.sample(pool, min(len(pool), count - len(chosen))))
        return chosen

    def _branch(self, alternatives: list[Any]) -> list[Any]:
        choices = [list(a) for a in alternatives]
        if self.group and self.span is None:
            holding = [a for a in choices if self.group in _groups(a)]
            choices = holding or choices
        keyed = [a for a in choices if self._keyed(a)]
        choices = keyed or choices
        return self.rng.choice(choices) if self.explore else choices[0]

    def _keyed(self, items: list[Any]) -> bool:
        """Whether the items spell a keyword, or go on with one the text has begun."""
        lead = _lead(items)
        if lead:
            text = "".join(self.parts)[-32:].lower() + lead
            for keyword in self.keywords:
                if any(text.endswith(keyword[:j]) for j in range(len(lead), len(keyword) + 1)):
                    return True
        runs = _literal_runs(items)
        return any(
            keyword in run or (len(run) >= 3 and run in keyword)
            for run in runs
            for keyword in self.keywords
        )


def _boundary_at(items: list[Any], index: int) -> bool:
    if index >= len(items) or _name(items[index][0]) != "AT":
        return False
    return _name(items[index][1]) == "AT_BOUNDARY"


def _name(op: Any) -> str:
    return str(getattr(op, "name", op))


def _members(name: str, value: Any) -> frozenset[str]:
    if name == "ANY":
        return frozenset(_PRINTABLE) - {"\n"}
    if name == "NOT_LITERAL":
        return frozenset(_PRINTABLE) - {chr(value)}
    chars: set[str] = set()
    negate = False
    for op, item in value:
        kind = _name(op)
        if kind == "NEGATE":
            negate = True
        elif kind == "LITERAL":
            chars.add(chr(item))
        elif kind == "RANGE":
            chars.update(chr(c) for c in range(item[0], min(item[1], 0x7E) + 1))
        elif kind == "CATEGORY":
            category = _name(item)
            positive = category.replace("_NOT_", "_")
            members = _CATEGORIES.get(positive)
            if members is None:
                raise SynthesisError(f"cannot generate text for {category.lower()}")
            chars.update(frozenset(_PRINTABLE) - members if "_NOT_" in category else members)
        else:
            raise SynthesisError(f"cannot generate text for {kind.lower()} in a class")
    result = frozenset(_PRINTABLE) - chars if negate else frozenset(chars)
    if not result:
        raise SynthesisError("a character class with no printable member")
    return result


def _preferred(members: frozenset[str]) -> list[str]:
    """Letters and digits when the class has them (random tokens), else quiet punctuation."""
    for tier in (
        members & _ALNUM,
        members & _VISIBLE - _QUIET,
        members & {" "},
        members - {"\n"},
    ):
        if tier:
            return sorted(tier)
    return sorted(members)


def _groups(items: list[Any]) -> set[int]:
    found: set[int] = set()
    for op, value in items:
        name = _name(op)
        if name == "SUBPATTERN":
            if value[0]:
                found.add(value[0])
            found |= _groups(list(value[-1]))
        elif name == "BRANCH":
            for alternative in value[1]:
                found |= _groups(list(alternative))
        elif name in ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT"):
            found |= _groups(list(value[2]))
    return found


def _lead(items: list[Any]) -> str:
    """The literal text the items start with, lower-cased."""
    lead = ""
    for op, value in items:
        name = _name(op)
        if name == "LITERAL":
            lead += chr(value).lower()
        elif name == "SUBPATTERN":
            inner = list(value[-1])
            lead += _lead(inner)
            if any(_name(o) != "LITERAL" for o, _ in inner):
                return lead
        else:
            return lead
    return lead


def _literal_runs(items: list[Any]) -> list[str]:
    """The literal text the items spell, lower-cased, in runs split where a non-literal stands."""
    runs = [""]
    for op, value in items:
        name = _name(op)
        if name == "LITERAL":
            runs[-1] += chr(value).lower()
        elif name == "SUBPATTERN":
            inner = _literal_runs(list(value[-1]))
            runs[-1] += inner[0]
            runs.extend(inner[1:])
        else:
            if name == "BRANCH":
                for alternative in value[1]:
                    runs.extend(_literal_runs(list(alternative)))
            runs.append("")
    return [run for run in runs if run]
