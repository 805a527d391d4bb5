"""What the installer modules share: the Install verdict, option scanning, version shapes."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from typing import NamedTuple

from tollgate.checks.pins.sh.parse import Word

# Exact versions as each ecosystem writes them (anything else, a range, a tag, a prefix, floats),
# as pattern strings: `re` compiles one when an installer first needs it.
SEMVER = r"^[v=]?\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?(?:\+[0-9A-Za-z.-]+)?$"
GO_VERSION = r"^v\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?(?:\+[0-9A-Za-z.-]+)?$"
COMMIT = r"^[0-9a-f]{7,40}$"
DOTTED = r"^=?\s*\d+(?:\.[0-9A-Za-z]+)*(?:-[0-9A-Za-z.]+)?$"

# The rule kinds an install can be reported under (pins.shell.<kind>).
UNPINNED = "unpinned-package"  # a language package with no exact version
RUN = "unpinned-run"  # npx/bunx: may resolve a local install, so strict only
OS_PACKAGE = "os-package-unpinned"  # apt/apk/dnf: distro mirrors move (strict)
LOCKFILE = "lockfile-not-enforced"  # `npm install` where `npm ci` would hold the lockfile (strict)
HASHES = "package-not-hashed"  # pinned, but nothing checks the file's hash (strict)
INSTALLER = "installer-unpinned"  # pip/npm upgrading themselves (strict)


class Install(NamedTuple):
    kind: str
    word: Word  # where it is declared: the package operand, or the command word
    name: str
    detail: str
    fix: str


class Opt(NamedTuple):
    name: str
    value: str | None
    word: Word  # the word that carries the value (the option's own word when attached)


class Args(NamedTuple):
    opts: list[Opt]
    operands: list[Word]

    def has(self, *names: str) -> bool:
        return any(o.name in names for o in self.opts)

    def value(self, *names: str) -> str | None:
        found = [o.value for o in self.opts if o.name in names]
        return found[-1] if found else None

    def values(self, *names: str) -> list[Opt]:
        return [o for o in self.opts if o.name in names and o.value is not None]


def scan(
    words: Sequence[Word],
    valued: Collection[str],
    clusters: bool = True,
    stop: bool = False,
) -> Args:
    """Split arguments into options and operands.

    `valued` options take the next word when not written `--opt=value`; `clusters`: `-qO-` is
    `-q -O -` (getopt tools); `stop`: the first operand ends the options (`npx pkg --flag`,
    `go run pkg args`), the rest are operands.
    """
    opts: list[Opt] = []
    operands: list[Word] = []
    i, rest = 0, False
    while i < len(words):
        word = words[i]
        text = word.text
        i += 1
        if rest or not text.startswith("-") or text == "-":
            operands.append(word)
            rest = rest or stop
            continue
        if text == "--":
            rest = True
            continue
        if text.startswith("--") or not clusters or len(text) == 2:
            name, eq, value = text.partition("=")
            if eq:
                opts.append(Opt(name, value, word))
            elif name in valued and i < len(words):
                opts.append(Opt(name, words[i].text, words[i]))
                i += 1
            else:
                opts.append(Opt(name, None, word))
            continue
        for k in range(1, len(text)):
            name = "-" + text[k]
            if name in valued:
                value = text[k + 1 :]
                carrier = word
                if not value and i < len(words):
                    value, carrier = words[i].text, words[i]
                    i += 1
                opts.append(Opt(name, value, carrier))
                break
            opts.append(Opt(name, None, word))
    return Args(opts, operands)


def basename(path: str) -> str:
    return path.rstrip("/").rsplit("/", 1)[-1].rsplit("\\", 1)[-1]


def is_variable(text: str) -> bool:
    return "$" in text or "{{" in text or "%" in text
