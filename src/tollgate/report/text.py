"""The terminal report: one block per finding, path:line:column first, then a summary line."""

from __future__ import annotations

from collections.abc import Mapping

from tollgate.findings import Finding
from tollgate.pack.model import Pack
from tollgate.result import ScanResult

_COLOURS = {"critical": "1;31", "high": "31", "medium": "33", "low": "36", "info": "2"}


def render(result: ScanResult, pack: Pack, environ: Mapping[str, str], tty: bool) -> str:
    # no-color.org: NO_COLOR disables colour when set to any non-empty value.
    colour = tty and not environ.get("NO_COLOR") and environ.get("TERM") != "dumb"
    blocks = [_block(f, colour) for f in result.findings]
    return "\n".join([*blocks, _summary(result, colour)])


def _paint(text: str, code: str, colour: bool) -> str:
    return f"\x1b[{code}m{text}\x1b[0m" if colour else text


def _visible(text: str) -> str:
    """Control characters from a committed file shown escaped: an escape sequence next to a
    secret must not be able to erase or hide the finding on the developer's terminal."""
    if text.isprintable():
        return text
    return "".join(c if c.isprintable() or c == "\t" else repr(c)[1:-1] for c in text)


def _block(f: Finding, colour: bool) -> str:
    verdict = "BLOCK" if f.blocking else "warn"
    severity = _paint(f.severity.label, _COLOURS[f.severity.label], colour)
    where = f"{_visible(f.path)}:{f.line}:{f.column}"
    if f.commit:
        where += f" (commit {f.commit[:12]})"
    lines = [
        f"{_paint(where, '1', colour)}: {verdict} {severity} {f.rule}",
        f"    {f.message}",
        f"    > {_visible(f.excerpt)}",
    ]
    if f.fix:
        lines.append(f"    fix: {f.fix}")
    marker = _SUPPRESS.get(f.check, "tollgate: allow[{rule}]").format(rule=f.rule)
    if f.check == "pins" and f.path.endswith(".json"):
        # JSON has no comments: a pin is exempted by name in the config instead.
        lines.append(
            '    suppress: JSON has no comments: add the name to `[pins] allow = ["..."]`, or '
            "accept it with `tollgate baseline update`"
        )
    else:
        lines.append(
            f"    suppress: add `{marker}` in a comment on the line, or accept it with "
            "`tollgate baseline update`"
        )
    return "\n".join(lines) + "\n"


# How each check's findings are suppressed inline (see inline.py and ignore.py).
_SUPPRESS = {
    "secrets": "tollgate: allow[{rule}]",
    "patterns": "tollgate: ignore[{rule}] <reason>",
    "pins": "tollgate: ignore[{rule}] <reason>",
}


def _summary(result: ScanResult, colour: bool) -> str:
    blocking = len(result.blocking)
    warnings = len(result.findings) - blocking
    timing = f"{result.files} file(s) scanned in {result.seconds * 1000:.0f} ms"
    if blocking:
        head = _paint(f"tollgate: {blocking} blocking finding(s)", "1;31", colour)
        tail = "; the commit is blocked" if result.mode == "staged" else ""
        return f"{head}, {warnings} warning(s); {timing}{tail}"
    if warnings:
        return f"tollgate: no blocking findings, {warnings} warning(s); {timing}"
    return f"tollgate: no findings; {timing}"
