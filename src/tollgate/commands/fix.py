"""`tollgate fix pins [PATH...]`: pin what the repository's own files can pin, offline.

Only this explicit command edits files (never the hook), and only the work tree: what is staged
stays as it is, so the fix shows up in `git diff` for review before it is staged.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Mapping
from pathlib import Path

from tollgate.changes import Change, ChangeSet
from tollgate.errors import TollgateError
from tollgate.gitcmd import Git, find_root
from tollgate.snapshot import DiskSnapshot


def add(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("fix", help="apply offline fixes (`tollgate fix pins`)")
    p.add_argument("what", choices=["pins"], help="what to fix")
    p.add_argument("paths", nargs="*", help="manifests to fix (default: every tracked one)")
    p.add_argument("--dry-run", action="store_true", help="say what would change, change nothing")
    p.add_argument("--profile", choices=["default", "strict"], help="override the config's profile")
    p.add_argument("--pack", help="use this rule pack directory instead of the built-in one")
    p.set_defaults(func=run)


def run(args: argparse.Namespace, environ: Mapping[str, str] = os.environ) -> int:
    from tollgate.checks.pins.fixes import Edit, apply, offline_fix  # noqa: PLC0415
    from tollgate.checks.pins.runner import judge  # noqa: PLC0415
    from tollgate.context import load_context  # noqa: PLC0415

    cwd = Path.cwd()
    root = find_root(cwd, environ)
    ctx = load_context(root, args.pack, environ)
    pack = ctx.pack
    if args.profile:
        pack = pack._replace(pin_settings=pack.pin_settings._replace(profile=args.profile))
    from tollgate.policy import select_changes  # noqa: PLC0415

    changes = select_changes(_work_tree(root, cwd, args.paths, environ), ctx.config)
    judged, warnings = judge(changes, pack)
    for warning in warnings:
        print(f"tollgate: warning: {warning}", file=sys.stderr)
    edits: dict[str, list[Edit]] = {}
    texts: dict[str, str] = {}
    unfixable = 0
    for item in judged:
        path = item.target.manifest
        texts[path] = item.text
        lines = item.text.splitlines()
        line = lines[item.ref.line - 1] if item.ref.line <= len(lines) else ""
        fix = offline_fix(path, item.ref, line, environ)
        if isinstance(fix, Edit):
            edits.setdefault(path, []).append(fix)
        else:
            unfixable += 1
            print(f"{path}:{fix.line}: {fix.rule}: not fixed: {fix.needs}")
    verb = "would fix" if args.dry_run else "fixed"
    for path, wanted in sorted(edits.items()):
        text, done = apply(texts[path], wanted)
        unfixable += len(wanted) - len(done)
        for edit in done:
            print(f"{path}:{edit.line}: {edit.rule}: {verb}: `{edit.old}` -> `{edit.new}`")
        if done and not args.dry_run:
            _write(root / path, text)
    return 1 if unfixable else 0


def _work_tree(root: Path, cwd: Path, paths: list[str], environ: Mapping[str, str]) -> ChangeSet:
    from tollgate.textio import decode  # noqa: PLC0415

    if paths:
        names = []
        for name in paths:
            absolute = (cwd / name).resolve()
            try:
                names.append(absolute.relative_to(root.resolve()).as_posix())
            except ValueError:
                raise TollgateError(f"{name}: outside the repository at {root}") from None
    else:
        out = Git(root, environ).run("ls-files", "-z")
        names = [n for n in out.decode("utf-8", "surrogateescape").split("\0") if n]
    from tollgate.checks.pins.plan import plan  # noqa: PLC0415

    changes = []
    for name in names:
        probe = Change(name, "M", "", None)
        if not plan([probe]):
            continue
        try:
            text = decode((root / name).read_bytes())
        except OSError as exc:
            raise TollgateError(f"{name}: cannot read: {exc.strerror}") from None
        if text is not None:
            changes.append(Change(name, "M", text, None))
    return ChangeSet(tuple(changes), (), DiskSnapshot(root))


def _write(path: Path, text: str) -> None:
    import codecs  # noqa: PLC0415

    original = path.read_bytes()
    bom = codecs.BOM_UTF8 if original.startswith(codecs.BOM_UTF8) else b""
    try:
        original[len(bom) :].decode("utf-8")
    except UnicodeDecodeError:
        raise TollgateError(f"{path}: not UTF-8; fix it by hand") from None
    # Same bytes as before outside the edits: line endings are kept by the edit itself.
    temporary = path.with_name(f".{path.name}.tollgate-fix")
    temporary.write_bytes(bom + text.encode("utf-8"))
    os.chmod(temporary, path.stat().st_mode)
    temporary.replace(path)
