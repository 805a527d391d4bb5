"""`tollgate install` / `tollgate uninstall`: native git hooks for repos without pre-commit."""

from __future__ import annotations

import argparse
import os
import shlex
import shutil
import stat
import sys
from collections.abc import Mapping
from pathlib import Path

from tollgate.errors import TollgateError
from tollgate.gitcmd import Git, find_root

MARKER = "tollgate-hook"
HOOKS = ("pre-commit", "pre-push")


def add(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    for name, helptext in (
        ("install", "install tollgate's native git hooks in this repository"),
        ("uninstall", "remove tollgate's hooks (restoring any hook they replaced)"),
    ):
        p = sub.add_parser(name, help=helptext)
        p.add_argument(
            "--hook",
            choices=(*HOOKS, "all"),
            default="pre-commit",
            help="which hook (default pre-commit)",
        )
        if name == "install":
            p.add_argument(
                "--force", action="store_true", help="replace a hook tollgate did not write"
            )
        p.set_defaults(func=run, verb=name)


def hooks_source() -> Path:
    here = Path(__file__).resolve().parent.parent
    shipped = here / "_hooks"
    return shipped if shipped.is_dir() else here.parent.parent / "hooks"


def hooks_dir(root: Path, environ: Mapping[str, str]) -> Path:
    # --git-path honours core.hooksPath and linked worktrees' shared hooks directory.
    out = Git(root, environ).run("rev-parse", "--git-path", "hooks")
    path = Path(out.decode("utf-8", "surrogateescape").strip())
    return path if path.is_absolute() else root / path


def run(args: argparse.Namespace, environ: Mapping[str, str] = os.environ) -> int:
    root = find_root(Path.cwd(), environ)
    target_dir = hooks_dir(root, environ)
    names = HOOKS if args.hook == "all" else (args.hook,)
    for name in names:
        target = target_dir / name
        if args.verb == "install":
            _install(name, target, args.force)
        else:
            _uninstall(target)
    return 0


def _ours(path: Path) -> bool:
    try:
        return MARKER in path.read_text("utf-8", "replace")
    except OSError:
        return False


def _install(name: str, target: Path, force: bool) -> None:
    backup = target.with_name(f"{name}.tollgate-backup")
    # lexists: a hook is often a symlink to a script in the repository, possibly a dangling one.
    if os.path.lexists(target) and not _ours(target):
        if not force:
            raise TollgateError(
                f"{target}: a {name} hook tollgate did not write is in place; "
                "rerun with --force to replace it (it is kept as a backup)"
            )
        if os.path.lexists(backup):
            raise TollgateError(
                f"{backup}: an earlier backup is in the way; move it away (or restore it) first"
            )
        # Move, never copy-and-overwrite: writing to a symlinked hook would rewrite the script
        # it points to, and the backup would no longer be the symlink uninstall should restore.
        os.replace(target, backup)
    elif target.is_symlink():
        target.unlink()  # our script behind a symlink: replace the link, not what it points to
    script = (hooks_source() / name).read_text("utf-8")
    binary = shutil.which("tollgate", path=str(Path(sys.executable).parent)) or ""
    script = script.replace('TOLLGATE_DEFAULT=""', f"TOLLGATE_DEFAULT={shlex.quote(binary)}", 1)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(script, "utf-8")
    target.chmod(target.stat().st_mode | stat.S_IXUSR | stat.S_IXGRP | stat.S_IXOTH)
    print(f"tollgate: installed {target}")


def _uninstall(target: Path) -> None:
    backup = target.with_name(f"{target.name}.tollgate-backup")
    if not target.exists():
        print(f"tollgate: no {target.name} hook installed")
        return
    if not _ours(target):
        raise TollgateError(f"{target}: not a tollgate hook; left in place")
    target.unlink()
    if os.path.lexists(backup):
        backup.rename(target)
        print(f"tollgate: removed {target}, restored the hook it replaced")
    else:
        print(f"tollgate: removed {target}")
