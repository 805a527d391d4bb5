"""`tollgate scan`: the hook's main job."""

from __future__ import annotations

import argparse
import os
import sys
import time
from collections.abc import Mapping
from pathlib import Path

from tollgate.changes import ChangeSet
from tollgate.checks import CHECKS
from tollgate.context import load_context
from tollgate.errors import TollgateError
from tollgate.gitcmd import Git, find_root
from tollgate.pack.model import Pack
from tollgate.plainfiles import plain_files
from tollgate.policy import select_changes
from tollgate.report import FORMATS
from tollgate.result import ScanResult
from tollgate.scan_tree import scan_tree
from tollgate.severity import Severity
from tollgate.staged import all_files, commit_range, staged


def add(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "scan", help="scan the staged change (default), files, a range or plain paths"
    )
    p.add_argument("files", nargs="*", help="limit to these files (pre-commit passes them)")
    mode = p.add_mutually_exclusive_group()
    mode.add_argument("--all-files", action="store_true", help="every tracked file, every line")
    mode.add_argument("--no-git", action="store_true", help="scan plain files and directories")
    p.add_argument("--from-ref", help="scan the commits after this ref (CI, pre-push)")
    p.add_argument("--to-ref", help="... up to this ref (default HEAD)")
    add_common(p)
    p.add_argument(
        "--checks",
        help=f"comma-separated checks to run (default from config; known: {', '.join(CHECKS)})",
    )
    p.add_argument("--format", choices=sorted(FORMATS), default="text")
    p.add_argument("--output", "-o", help="write the report to this file instead of stdout")
    p.add_argument("--fail-on", help="block at this severity or above (overrides config)")
    p.add_argument("--baseline", help="baseline file (default from config)")
    p.add_argument("--no-baseline", action="store_true", help="ignore the baseline")
    p.set_defaults(func=run)


def add_common(p: argparse.ArgumentParser) -> None:
    p.add_argument("--pack", help="use this rule pack directory instead of the configured packs")
    p.add_argument(
        "--allow-unlocked",
        action="store_true",
        help="use remote packs missing from tollgate.lock (fetching them) instead of failing",
    )


def run(args: argparse.Namespace, environ: Mapping[str, str] = os.environ) -> int:
    started = time.perf_counter()
    cwd = Path.cwd()
    if args.to_ref and not args.from_ref:
        raise TollgateError("--to-ref needs --from-ref")
    if args.from_ref and (args.all_files or args.no_git):
        other = "--all-files" if args.all_files else "--no-git"
        raise TollgateError(f"--from-ref scans a commit range; it cannot be combined with {other}")
    if args.no_git:
        root = cwd
        if not args.files:
            raise TollgateError("--no-git needs at least one PATH to scan")
    else:
        root = find_root(cwd, environ)
    ctx = load_context(root, args.pack, environ, args.allow_unlocked)
    config = ctx.config
    if args.fail_on:
        config = config._replace(fail_on=Severity.parse(args.fail_on, "--fail-on"))
    changes, mode = _changes(args, root, cwd, config.max_file_size, environ)
    changes = select_changes(changes, config)
    baseline: frozenset[str] = frozenset()
    baseline_path = root / (args.baseline or config.baseline)
    if not args.no_baseline and (args.baseline or baseline_path.exists()):
        from tollgate.baseline import fingerprints  # noqa: PLC0415 - json only when there is one

        baseline = fingerprints(baseline_path)
    checked = scan_tree(
        ctx,
        config,
        changes,
        baseline,
        _checks(args.checks),
        nested=not args.no_git,
        pack_dir=args.pack,
        allow_unlocked=args.allow_unlocked,
        fail_on=config.fail_on if args.fail_on else None,
        environ=environ,
    )
    for skip in changes.skipped:
        print(f"tollgate: warning: {_one_line(skip.path)}: skipped, {skip.reason}", file=sys.stderr)
    for warning in checked.warnings:
        print(f"tollgate: warning: {_one_line(warning)}", file=sys.stderr)
    elapsed = time.perf_counter() - started
    result = ScanResult(
        tuple(checked.findings),
        changes.skipped,
        len(changes.changes),
        elapsed,
        mode,
        checked.warnings,
    )
    _emit(result, args, ctx.pack, environ)
    return 1 if result.blocking else 0


def _one_line(path: str) -> str:
    # A file name may hold a newline or a terminal escape; a warning stays one line either way.
    return "".join(c if c.isprintable() else repr(c)[1:-1] for c in path)


def _checks(option: str | None) -> list[str] | None:
    if not option:
        return None
    names = [name.strip() for name in option.split(",") if name.strip()]
    for name in names:
        if name not in CHECKS:
            raise TollgateError(f"--checks: unknown check {name!r}; known: {', '.join(CHECKS)}")
    return names


def _changes(
    args: argparse.Namespace, root: Path, cwd: Path, max_bytes: int, environ: Mapping[str, str]
) -> tuple[ChangeSet, str]:
    if args.no_git:
        return plain_files(args.files, cwd, max_bytes), "no-git"
    git = Git(root, environ)
    paths = [_repo_path(f, root, cwd) for f in args.files] if args.files else None
    from_ref, to_ref = args.from_ref, args.to_ref
    if not from_ref and not args.all_files:
        # pre-commit's pre-push stage (and `pre-commit run --from-ref`) passes the range this way.
        from_ref = environ.get("PRE_COMMIT_FROM_REF") or environ.get("PRE_COMMIT_SOURCE")
        to_ref = environ.get("PRE_COMMIT_TO_REF") or environ.get("PRE_COMMIT_ORIGIN")
        from_ref = from_ref if to_ref else None
    if from_ref:
        changes = commit_range(git, from_ref, to_ref or "HEAD", max_bytes)
        if paths is not None:
            changes = ChangeSet(
                tuple(c for c in changes.changes if _named(c.path, paths)),
                tuple(s for s in changes.skipped if _named(s.path, paths)),
                changes.snapshot,
                tuple(t for t in changes.touched if _named(t[1], paths)),
            )
        return changes, "range"
    if args.all_files:
        return all_files(git, paths, max_bytes), "all-files"
    return staged(git, paths, max_bytes), "staged"


def _named(path: str, names: list[str]) -> bool:
    # What a literal git pathspec would pick: the file itself, or anything under a directory.
    return any(n in (".", path) or path.startswith(f"{n}/") for n in names)


def _repo_path(name: str, root: Path, cwd: Path) -> str:
    absolute = Path(os.path.normpath(cwd / name))
    try:
        return absolute.relative_to(root).as_posix()
    except ValueError:
        resolved = absolute.resolve()
        try:
            return resolved.relative_to(root.resolve()).as_posix()
        except ValueError:
            raise TollgateError(f"{name}: outside the repository at {root}") from None


def _emit(
    result: ScanResult, args: argparse.Namespace, pack: Pack, environ: Mapping[str, str]
) -> None:
    renderer = FORMATS[args.format]
    if args.output:
        Path(args.output).write_text(renderer.render(result, pack, environ, False) + "\n", "utf-8")
        if args.format != "text":
            print(FORMATS["text"].render(result, pack, environ, sys.stdout.isatty()))
        return
    print(renderer.render(result, pack, environ, sys.stdout.isatty()))
