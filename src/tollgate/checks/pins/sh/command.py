"""The program a simple command runs, and how an interpreter is told where its code comes from."""

from __future__ import annotations

import re
from collections.abc import Sequence

from tollgate.checks.pins.sh.args import basename
from tollgate.checks.pins.sh.parse import Command, Word

# Words that open or close a compound command: the program is the word after them.
_RESERVED = frozenset({"if", "then", "else", "elif", "fi", "do", "done", "while", "until", "!",
                       "{", "}", "time", "esac"})  # fmt: skip
_ASSIGNMENT = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*(?:\[[^\]]*\])?\+?=")
# Commands that run the rest of their arguments as a command: their options taking a value, and
# how many operands they take before the command (`timeout 30 cmd`).
_SUDO = frozenset(
    {"-u", "--user", "-g", "--group", "-h", "--host", "-p", "--prompt", "-C", "--close-from",
     "-D", "--chdir", "-r", "--role", "-t", "--type", "-U", "--other-user", "-T",
     "--command-timeout"}
)  # fmt: skip
_XARGS = frozenset(
    {"-n", "-I", "-L", "-P", "-d", "-E", "-s", "-a", "--max-args", "--replace", "--max-lines",
     "--max-procs", "--delimiter", "--arg-file"}
)  # fmt: skip
_WRAPPERS: dict[str, tuple[frozenset[str], int]] = {
    "sudo": (_SUDO, 0),
    "doas": (frozenset({"-u", "-C"}), 0),
    "env": (frozenset({"-u", "--unset", "-C", "--chdir"}), 0),
    "command": (frozenset(), 0),
    "exec": (frozenset({"-a"}), 0),
    "nohup": (frozenset(), 0),
    "time": (frozenset({"-f", "--format", "-o", "--output"}), 0),
    "nice": (frozenset({"-n", "--adjustment"}), 0),
    "ionice": (frozenset({"-c", "-n", "-p", "--class", "--classdata"}), 0),
    "timeout": (frozenset({"-s", "--signal", "-k", "--kill-after"}), 1),
    "stdbuf": (frozenset({"-i", "-o", "-e"}), 0),
    "busybox": (frozenset(), 0),
    "xargs": (_XARGS, 0),
}
# Interpreters by name, with any version suffix (`python3.12`, `perl5.36`) and `.exe` removed.
_LANGUAGES = {
    **dict.fromkeys(("sh", "bash", "zsh", "dash", "ksh", "ash", "mksh", "fish"), "sh"),
    **dict.fromkeys(("python", "pypy"), "python"),
    "perl": "perl", "ruby": "ruby", "node": "node", "nodejs": "node", "php": "php",
    "pwsh": "pwsh", "powershell": "pwsh",
}  # fmt: skip
# Options after which the code is an argument, not standard input or a file.
_CODE = {
    "sh": ("-c",),
    "python": ("-c", "-m"),
    "perl": ("-e", "-E"),
    "ruby": ("-e",),
    "node": ("-e", "-p", "--eval", "--print"),
    "php": ("-r",),
    "pwsh": ("-c", "-command", "-encodedcommand", "-ec", "-e", "-file", "-f"),
}
_VALUED = {
    "sh": ("-o", "+o"),
    "python": ("-W", "-X"),
    "ruby": ("-I", "-r"),
    "node": ("-r", "--require", "--import", "--loader"),
    "php": ("-d", "-c"),
}
_STDIN = ("-", "/dev/stdin")


def body(command: Command) -> list[Word]:
    """The command's words without the reserved words, function header or `case` pattern that
    open it: the simple command as written, from its first assignment or wrapper."""
    words = list(command.words)
    while words:
        first = words[0]
        text = first.text
        if not first.quoted and text in _RESERVED:
            words = words[1:]
        elif text == "function":
            words = words[2:]
        elif text.endswith("()") or (len(words) > 1 and words[1].text == "()"):
            words = words[1:] if text.endswith("()") else words[2:]
        elif text == "case":
            at = next((i for i, w in enumerate(words) if w.text == "in"), len(words))
            words = words[at + 1 :]
        elif text.endswith(")") and not first.quoted and not first.subs:
            words = words[1:]  # a `case` pattern: `pattern)`
        else:
            break
    return words


def argv(words: list[Word]) -> list[Word]:
    """The program and its arguments: `body` without assignments and wrappers (`sudo`, `env`)."""
    while words:
        text = words[0].text
        if _ASSIGNMENT.match(text):
            words = words[1:]
        elif basename(text) in _WRAPPERS:
            if basename(text) == "command" and any(w.text in ("-v", "-V") for w in words[1:2]):
                return []  # `command -v curl` asks where curl is
            words = _unwrap(words)
        elif not words[0].quoted and text in _RESERVED:
            words = words[1:]  # `sudo time cmd`, `! cmd`
        else:
            break
    return words


def _unwrap(words: list[Word]) -> list[Word]:
    valued, operands = _WRAPPERS[basename(words[0].text)]
    i = 1
    while i < len(words):
        text = words[i].text
        if text == "--":
            return words[i + 1 :]
        if text.startswith("-") and len(text) > 1:
            i += 2 if text in valued else 1
        elif _ASSIGNMENT.match(text):
            i += 1  # `env X=1 cmd`
        elif operands:
            operands -= 1
            i += 1
        else:
            break
    return words[i:]


def language(name: str) -> str | None:
    name = basename(name).lower().removesuffix(".exe")
    return _LANGUAGES.get(name) or _LANGUAGES.get(name.rstrip("0123456789."))


def runs_stdin(words: Sequence[Word]) -> bool:
    """Does this command execute what it reads on standard input (`bash`, `python3 -`, `iex`)?"""
    name = basename(words[0].text).lower()
    if name in ("iex", "invoke-expression"):
        return True
    if name in ("source", "."):
        return len(words) > 1 and words[1].text in _STDIN
    lang = language(name)
    if lang is None:
        return False
    i = 1
    while i < len(words):
        text = words[i].text
        if text in _STDIN:
            return True
        if text == "--":
            return i + 1 >= len(words) or words[i + 1].text in _STDIN
        if not (text.startswith("-") or (lang == "sh" and text.startswith("+"))):
            return False  # a script file
        if _is_code(lang, text):
            return False
        if lang == "sh" and not text.startswith("--") and "s" in text[1:]:
            return True  # `sh -s -- args`: the script is standard input
        skip = text in _VALUED.get(lang, ()) or (lang == "sh" and text[1:].endswith("o"))
        i += 2 if skip else 1
    return True


def code(words: Sequence[Word]) -> tuple[Word, str] | None:
    """The string an interpreter runs as code (`bash -c '...'`, `pwsh -Command ...`)."""
    lang = language(words[0].text)
    if lang is None:
        return None
    for i, word in enumerate(words[1:-1], start=1):
        if _is_code(lang, word.text) and word.text.lower() not in ("-m", "-file", "-f"):
            rest = words[i + 1 :]
            if lang == "sh":  # `bash -c -x 'cmd'` is rare; the string is the next operand
                rest = [w for w in rest if not w.text.startswith("-")] or rest
            return rest[0], lang
    return None


def operands(words: Sequence[Word]) -> list[Word]:
    return [w for w in words[1:] if not w.text.startswith("-")]


def _is_code(lang: str, text: str) -> bool:
    if (text.lower() if lang == "pwsh" else text) in _CODE[lang]:
        return True
    if text.startswith("--") or not text.startswith("-"):
        return False
    letters = text[1:]
    if lang == "sh":
        return "c" in letters
    if lang == "perl":
        return "e" in letters or "E" in letters  # -ne, -lne, -pe
    if lang == "python":
        return "c" in letters or "m" in letters  # -uc, -Im
    if lang == "ruby":
        return "e" in letters  # -ne
    return False
