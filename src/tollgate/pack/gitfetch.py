"""Fetching pack repositories with gitpython: into a bare mirror, then one commit's files into
the content-addressed store. Only `tollgate pack lock|update|fetch` (and `--allow-unlocked`)
come here; a scan with a locked, cached pack never does.
"""

from __future__ import annotations

import os
import shutil
import tarfile
import tempfile
from collections.abc import Mapping
from io import BytesIO
from pathlib import Path
from typing import NamedTuple

from tollgate.errors import TollgateError
from tollgate.pack.digest import pack_digest
from tollgate.pack.store import mirror_dir, store_dir


class Fetched(NamedTuple):
    commit: str
    digest: str
    path: Path


def resolve(url: str, ref: str, environ: Mapping[str, str] = os.environ) -> str:
    """The commit `ref` names in the repository now (fetching it first)."""
    repo = _mirror(url, environ)
    _fetch(repo, url)
    commit = _rev_parse(repo, ref)
    if commit is None:
        raise TollgateError(f"git+{url}: no tag, branch or commit {ref!r} in that repository")
    return commit


def fetch_commit(
    url: str,
    commit: str,
    expected_digest: str = "",
    environ: Mapping[str, str] = os.environ,
    subdirectory: str = "",
) -> Fetched:
    """`commit`'s files (or those of one folder of it) in the store, fetched only if the mirror
    does not have the commit yet."""
    repo = _mirror(url, environ)
    if _rev_parse(repo, commit) is None:
        _fetch(repo, url)
        if _rev_parse(repo, commit) is None:
            _fetch(repo, url, commit)
    if _rev_parse(repo, commit) is None:
        raise TollgateError(f"git+{url}: commit {commit} is not in that repository any more")
    return _export(repo, url, commit, expected_digest, environ, subdirectory=subdirectory)


def _mirror(url: str, environ: Mapping[str, str]) -> object:
    import git  # noqa: PLC0415 - gitpython costs ~65 ms to import: only when fetching

    path = mirror_dir(url, environ)
    if (path / "HEAD").is_file():
        return git.Repo(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    repo = git.Repo.init(path, bare=True)
    repo.create_remote("origin", url)
    return repo


def _fetch(repo: object, url: str, *refspecs: str) -> None:
    import git  # noqa: PLC0415

    assert isinstance(repo, git.Repo)
    specs = refspecs or ("+refs/heads/*:refs/heads/*", "+refs/tags/*:refs/tags/*")
    try:
        repo.git.fetch("--quiet", "origin", *specs, env={"GIT_TERMINAL_PROMPT": "0"})
    except git.GitCommandError as exc:
        detail = [line.strip(" '") for line in str(exc.stderr or "").splitlines() if line.strip()]
        fatal = [line for line in detail if "fatal:" in line]
        reason = (fatal or detail or [f"exit status {exc.status}"])[0]
        reason = reason.split("fatal:", 1)[-1].removeprefix("stderr:").strip(" '")
        raise TollgateError(f"cannot fetch pack repository {url}: {reason}") from None


def _rev_parse(repo: object, ref: str) -> str | None:
    import git  # noqa: PLC0415

    assert isinstance(repo, git.Repo)
    try:
        out: str = repo.git.rev_parse("--verify", "--quiet", f"{ref}^{{commit}}")
    except git.GitCommandError:
        return None
    return out.strip() or None


def _export(
    repo: object,
    url: str,
    commit: str,
    expected: str,
    environ: Mapping[str, str],
    *,
    subdirectory: str,
) -> Fetched:
    import git  # noqa: PLC0415

    assert isinstance(repo, git.Repo)
    data = BytesIO()
    repo.archive(data, commit, format="tar")
    data.seek(0)
    store = store_dir(environ)
    store.mkdir(parents=True, exist_ok=True)
    temporary = Path(tempfile.mkdtemp(prefix=".fetch-", dir=store))
    try:
        with tarfile.open(fileobj=data) as archive:
            # The "data" filter refuses absolute names, `..` and links leading outside.
            try:
                archive.extractall(temporary, filter="data")
            except tarfile.FilterError as exc:
                raise TollgateError(f"git+{url}@{commit[:12]}: {exc}") from None
        root = temporary / subdirectory if subdirectory else temporary
        if not (root / "pack.toml").is_file():
            where = f"in {subdirectory}/" if subdirectory else "at the repository's top"
            raise TollgateError(f"git+{url}@{commit[:12]}: no pack.toml {where}")
        digest = pack_digest(root)
        if expected and digest != expected:
            raise TollgateError(
                f"git+{url}@{commit[:12]}: its content does not match the digest in "
                f"tollgate.lock ({digest[:19]}... instead of {expected[:19]}...)"
            )
        final = store / digest.removeprefix("sha256:")
        if not final.exists():
            root.replace(final)
        shutil.rmtree(temporary, ignore_errors=True)
        return Fetched(commit, digest, final)
    except BaseException:
        shutil.rmtree(temporary, ignore_errors=True)
        raise
