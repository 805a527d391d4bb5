"""Reading and judging a go.mod: see ecosystems/gomod.py for what floats and why."""

from __future__ import annotations

import posixpath
import re
from typing import NamedTuple

from tollgate.checks.pins.model import Analysis, Files, Note, Ref

# go.mod's lexical elements: `//` comments, interpreted and raw strings, `(` `)`, identifiers.
_TOKEN = re.compile(
    r'(?P<comment>//.*)|(?P<str>"(?:[^"\\]|\\.)*(?P<closed>")?)|(?P<raw>`[^`]*(?P<rclosed>`)?)'
    r"|(?P<punct>[()])"
    r"|(?P<ident>(?:[^\s()\"`/]|/(?!/))+)"
)
_ESCAPE = re.compile(r"\\(.)")
# A canonical version: `v` + semver 2.0.0 without build metadata, except `+incompatible`.
_NUM = r"(?:0|[1-9][0-9]*)"
_PRE_ID = r"(?:0|[1-9][0-9]*|[0-9]*[A-Za-z-][0-9A-Za-z-]*)"
_CANONICAL = re.compile(
    rf"v{_NUM}\.{_NUM}\.{_NUM}(?:-{_PRE_ID}(?:\.{_PRE_ID})*)?(?:\+incompatible)?"
)


class _Token(NamedTuple):
    value: str  # unquoted
    column: int
    quoted: bool


class _Spec(NamedTuple):
    line: int
    text: str  # the line as written, without its comment
    args: list[_Token]


def judge(files: Files, sum_text: str | None) -> Analysis:
    """Every floating declaration of the go.mod in `files`, judged with its go.sum's text."""
    notes: list[Note] = []
    specs = _specs(files, notes)
    replaces = _replaces(files.path, specs.get("replace", []), notes)
    excluded = {
        (s.args[0].value, s.args[1].value) for s in specs.get("exclude", []) if len(s.args) == 2
    }
    refs: list[Ref] = []
    for replace in replaces.values():
        if replace.ref is not None:
            refs.append(replace.ref)
    sums = _sums(sum_text) if sum_text is not None else frozenset()
    for spec in specs.get("require", []):
        if len(spec.args) != 2:
            notes.append(Note(files.path, spec.line, "require needs a module path and a version"))
            continue
        path, version = spec.args
        if not _CANONICAL.fullmatch(version.value):
            fix = f"run `go get {path.value}@{version.value}` and commit the version it writes"
            refs.append(_non_canonical(spec, path.value, version, fix))
        elif (path.value, version.value) not in excluded:
            ref = _sum_ref(
                spec,
                path.value,
                version.value,
                replaces=replaces,
                sums=sums,
                no_sum_file=sum_text is None,
            )
            if ref is not None:
                refs.append(ref)
    refs.sort(key=lambda r: (r.line, r.column))
    return Analysis(refs, notes)


def _specs(files: Files, notes: list[Note]) -> dict[str, list[_Spec]]:
    """Each directive's argument lines, by verb, with `verb ( ... )` blocks factored out."""
    found: dict[str, list[_Spec]] = {}
    block: tuple[str, int] | None = None
    for number, raw in enumerate(files.text.split("\n"), 1):
        tokens, code, problem = _tokens(raw)
        if problem:
            notes.append(Note(files.path, number, problem))
            continue
        if not tokens:
            continue
        if block is not None:
            if tokens[0].value == ")" and not tokens[0].quoted:
                block = None
                continue
            verb, args = block[0], tokens
        else:
            verb, args = tokens[0].value, tokens[1:]
            if len(args) == 1 and args[0].value == "(" and not args[0].quoted:
                block = (verb, number)
                continue
        found.setdefault(verb, []).append(_Spec(number, code.strip(), args))
    if block is not None:
        notes.append(Note(files.path, block[1], f"the `{block[0]} (` block is never closed"))
    return found


def _tokens(line: str) -> tuple[list[_Token], str, str]:
    """The tokens of one line, the line without its comment, and a problem if it has one."""
    tokens: list[_Token] = []
    for match in _TOKEN.finditer(line):
        kind, value = match.lastgroup, match.group()
        if kind == "comment":
            return tokens, line[: match.start()], ""
        if kind in ("str", "raw"):
            if match.group("closed" if kind == "str" else "rclosed") is None:
                return [], line, "unterminated string"
            value = _ESCAPE.sub(r"\1", value[1:-1]) if kind == "str" else value[1:-1]
        tokens.append(_Token(value, match.start() + 1, kind in ("str", "raw")))
    return tokens, line, ""


class _Replace(NamedTuple):
    new_path: str
    new_version: str  # "" for a directory
    ref: Ref | None


def _replaces(
    manifest: str, specs: list[_Spec], notes: list[Note]
) -> dict[tuple[str, str], _Replace]:
    """Replacements by (old path, old version or "" for every version)."""
    found: dict[tuple[str, str], _Replace] = {}
    for spec in specs:
        arrow = next((i for i, t in enumerate(spec.args) if t.value == "=>" and not t.quoted), -1)
        old, new = spec.args[:arrow], spec.args[arrow + 1 :]
        if arrow < 0 or len(old) not in (1, 2) or len(new) not in (1, 2):
            notes.append(
                Note(manifest, spec.line, "replace needs `module [version] => replacement`")
            )
            continue
        target = new[0]
        directory = _is_directory(target.value)
        if directory and len(new) == 2:
            notes.append(Note(manifest, spec.line, "a replacement directory cannot have a version"))
            continue
        if not directory and len(new) == 1:
            # The go command rejects this file ("replacement module without version must be
            # directory path"): it builds nothing, so it floats nothing; say so.
            notes.append(
                Note(manifest, spec.line, f"replacement module {target.value} needs a version")
            )
            continue
        ref = None
        if directory and _outside(manifest, target.value):
            ref = Ref(
                rule="pins.gomod.replace-outside-repo",
                line=spec.line,
                column=target.column,
                text=spec.text,
                name=old[0].value,
                detail=f"`{target.value}` is a directory outside this repository",
                fix="replace it with a module version (`=> example.com/fork v1.2.3`) or move "
                "the module into this repository",
            )
        elif not directory and not _CANONICAL.fullmatch(new[1].value):
            ref = _non_canonical(
                spec,
                old[0].value,
                new[1],
                f"run `go list -m {target.value}@{new[1].value}` and write the version it prints",
            )
        old_version = old[1].value if len(old) == 2 else ""
        found[(old[0].value, old_version)] = _Replace(
            target.value, "" if directory else new[1].value, ref
        )
    return found


def _is_directory(path: str) -> bool:
    """modfile.IsDirectoryPath: both Unix and Windows syntaxes, since go.mod files move."""
    return path.startswith(("./", "../", "/", ".\\", "..\\", "\\")) or (
        len(path) >= 2 and path[0].isascii() and path[0].isalpha() and path[1] == ":"
    )


def _outside(manifest: str, target: str) -> bool:
    """Does a replacement directory lie outside the repository holding the manifest?"""
    target = target.replace("\\", "/")
    if target.startswith("/") or (len(target) >= 2 and target[1] == ":"):
        return True  # an absolute path: a directory on one machine
    joined = posixpath.normpath(posixpath.join(posixpath.dirname(manifest), target))
    return joined == ".." or joined.startswith("../")


def _non_canonical(spec: _Spec, path: str, version: _Token, fix: str) -> Ref:
    return Ref(
        rule="pins.gomod.non-canonical-version",
        line=spec.line,
        column=version.column,
        text=spec.text,
        name=path,
        detail=f"`{version.value}` is not a version but a query the go command resolves "
        "when it next updates go.mod",
        fix=fix,
    )


def _sum_ref(
    spec: _Spec,
    path: str,
    version: str,
    *,
    replaces: dict[tuple[str, str], _Replace],
    sums: frozenset[str],
    no_sum_file: bool,
) -> Ref | None:
    replace = replaces.get((path, version)) or replaces.get((path, ""))
    checked_path, checked_version = path, version
    if replace is not None:
        if not replace.new_version:
            return None  # a directory: nothing is downloaded, nothing is checksummed
        if replace.ref is not None:
            return None  # the replacement is reported already
        checked_path, checked_version = replace.new_path, replace.new_version
    key = f"{checked_path}\0{checked_version}"
    if key in sums or f"{key}/go.mod" in sums:
        return None
    what = f"{checked_path} {checked_version}"
    return Ref(
        rule="pins.gomod.missing-from-sum",
        line=spec.line,
        column=spec.args[0].column,
        text=spec.text,
        name=path,
        detail=f"there is no go.sum beside go.mod to hold the checksum of {what}"
        if no_sum_file
        else f"go.sum has no checksum for {what}",
        fix="run `go mod tidy` and commit go.sum with go.mod",
        lock=True,
    )


def _sums(text: str) -> frozenset[str]:
    """The tokens of go.sum, each `module version` pair joined into one by a NUL character
    (`module<NUL>v1.2.3`, `module<NUL>v1.2.3/go.mod`), and the hashes, never looked up.

    Every go.sum version starts with `v` and no module path holds a space, so one replace and
    one split, both in C, read a 20 MB go.sum in about 150 ms where a loop over its lines
    takes three times that.
    """
    return frozenset(text.replace(" v", "\0v").split())
