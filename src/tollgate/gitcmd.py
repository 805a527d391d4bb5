"""Running git plumbing: one place that knows how to call git and turn its failures into errors.

The hook path talks to git's plumbing directly instead of through gitpython: importing gitpython
costs ~65 ms, as much as the whole 1-file budget (see README, Performance), while the plumbing
calls below are what gitpython itself would spawn.
"""

from __future__ import annotations

import contextlib
import os
import subprocess
import threading
import weakref
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path

from tollgate.errors import TollgateError

# git writes an all-zero object id for "no object" (a new branch in pre-push, a deleted file).
_ZERO = frozenset("0")


def _git_env(environ: Mapping[str, str]) -> dict[str, str]:
    env = dict(environ)
    # Never take the index lock or refresh stat info behind the user's back.
    env["GIT_OPTIONAL_LOCKS"] = "0"
    # Pathspecs are file names, never patterns: a file called `*.py` or `:x` is just a name.
    env["GIT_LITERAL_PATHSPECS"] = "1"
    env.pop("GIT_EXTERNAL_DIFF", None)
    # It overrides -U0 with its own context size.
    env.pop("GIT_DIFF_OPTS", None)
    return env


class Git:
    """git in one working directory, with an environment that cannot change the repository."""

    def __init__(self, cwd: Path, environ: Mapping[str, str] = os.environ) -> None:
        self.cwd = cwd
        self.env = _git_env(environ)
        self._batch: subprocess.Popen[bytes] | None = None

    def run(self, *args: str, stdin: bytes | None = None, check: bool = True) -> bytes:
        try:
            proc = subprocess.run(
                ["git", "-c", "core.quotePath=false", *args],
                cwd=self.cwd,
                env=self.env,
                input=stdin,
                capture_output=True,
                check=False,
            )
        except FileNotFoundError:
            raise TollgateError("git is not installed or not on PATH") from None
        if check and proc.returncode != 0:
            message = proc.stderr.decode("utf-8", "replace").strip().splitlines()
            detail = message[0] if message else f"exit status {proc.returncode}"
            raise TollgateError(f"git {args[0]} failed: {detail}")
        return proc.stdout

    def read_blobs(
        self, oids: Iterable[str], limit: int, missing_ok: bool = False
    ) -> Iterator[tuple[str, bytes | int | None]]:
        """Yield (oid, content) for each blob, or (oid, size) for one larger than `limit` bytes.

        An object name may be any `git cat-file` accepts (`:path` for the index, `rev:path`); with
        `missing_ok`, one that does not exist yields (name, None) instead of raising. One
        `git cat-file --batch` process serves every call on this Git (the change set's blobs,
        then the context files a check asks for: a second process would cost ~5 ms); its stdin
        is fed from a thread so a large request can never deadlock against a full stdout pipe.
        """
        wanted = list(dict.fromkeys(oids))
        if not wanted:
            return
        proc = self._batch_process()
        assert proc.stdin is not None and proc.stdout is not None
        feed = "".join(f"{oid}\n" for oid in wanted).encode()
        stdin = proc.stdin

        def write() -> None:
            # A broken pipe means the reader stopped git early (see below); nothing left to feed.
            with contextlib.suppress(BrokenPipeError, ValueError):
                stdin.write(feed)
                stdin.flush()

        writer = threading.Thread(target=write, daemon=True)
        writer.start()
        out = proc.stdout
        done = False
        try:
            for oid in wanted:
                header = out.readline().split()
                if missing_ok and header[-1:] in ([b"missing"], [b"ambiguous"]):
                    yield oid, None
                    continue
                if len(header) < 3:
                    raise TollgateError(f"git cat-file could not read object {oid}")
                size = int(header[2])
                if size > limit:
                    _discard(out, size + 1)
                    yield oid, size
                else:
                    data = out.read(size)
                    out.read(1)
                    yield oid, data
            done = True
        finally:
            if not done:
                # After an early exit (a missing object, an abandoned generator) git can be
                # blocked on a full stdout pipe and the writer on a full stdin pipe behind it,
                # and the stream is out of step: stop this git; the next call starts another.
                self.close()
            writer.join()

    def _batch_process(self) -> subprocess.Popen[bytes]:
        if self._batch is None or self._batch.poll() is not None:
            self._batch = subprocess.Popen(
                ["git", "cat-file", "--batch"],
                cwd=self.cwd,
                env=self.env,
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=subprocess.DEVNULL,
            )
            weakref.finalize(self, _stop, self._batch)
        return self._batch

    def close(self) -> None:
        if self._batch is not None:
            _stop(self._batch)
            self._batch = None


def _stop(proc: subprocess.Popen[bytes]) -> None:
    if proc.poll() is None:
        proc.kill()
    for stream in (proc.stdin, proc.stdout):
        if stream is not None:
            with contextlib.suppress(OSError):
                stream.close()
    proc.wait()


def _discard(stream: object, count: int) -> None:
    read = getattr(stream, "read")  # noqa: B009 - any binary stream
    while count > 0:
        chunk = read(min(count, 1 << 20))
        if not chunk:
            return
        count -= len(chunk)


def is_null_oid(oid: str) -> bool:
    return set(oid) <= _ZERO


def find_root(cwd: Path, environ: Mapping[str, str] = os.environ) -> Path:
    """The top of the working tree that contains `cwd` (a linked worktree's own top)."""
    out = Git(cwd, environ).run("rev-parse", "--show-toplevel", check=False)
    top = out.decode("utf-8", "surrogateescape").strip()
    if not top:
        raise TollgateError(
            f"{cwd}: not inside a git working tree"
            " (use `tollgate scan --no-git PATH` for plain files)"
        )
    return Path(top)
