"""Where a pack layer comes from: the built-in pack, a git repository, a directory, a package.

Written in a config's `packs = [...]` or a pack.toml's `extends = [...]`:
- `builtin`
- `git+<url>@<ref>` (ref: a tag, branch or commit; `git+file:///...` works offline), optionally
  `#subdirectory=<dir>` when the pack is a folder of the repository (pip's spelling)
- `py:<name>`: an installed distribution exposing a pack under the `tollgate.packs` entry point
- anything else: a directory, relative to the file that names it
"""

from __future__ import annotations

from pathlib import Path
from typing import NamedTuple

from tollgate.errors import TollgateError


class Source(NamedTuple):
    kind: str  # "builtin", "git", "py" or "dir"
    spec: str  # as written
    url: str = ""  # git: the repository URL
    ref: str = ""  # git: the tag, branch or commit asked for
    path: Path | None = None  # dir: the resolved directory
    subdirectory: str = ""  # git: the pack's folder inside the repository


def parse_source(spec: str, base: Path, where: str) -> Source:
    text = spec.strip()
    if text == "builtin":
        return Source("builtin", text)
    if text.startswith("git+"):
        location, _, fragment = text[4:].partition("#")
        subdirectory = _subdirectory(fragment, spec, where)
        url, sep, ref = location.rpartition("@")
        # `git+ssh://git@host/repo.git` without a ref: the only @ is the user's.
        if not sep or "/" in ref or not url or url.endswith(":"):
            raise TollgateError(
                f"{where}: pack {spec!r} needs a ref: git+<url>@<tag or commit> "
                "(a branch works too, but the lock pins the commit it resolves to)"
            )
        return Source("git", text, url=url, ref=ref, subdirectory=subdirectory)
    if text.startswith("py:"):
        name = text[3:]
        if not name or not name.replace("_", "").replace("-", "").replace(".", "").isalnum():
            raise TollgateError(f"{where}: pack {spec!r}: py: needs an entry point name")
        return Source("py", text, ref=name)
    if not text:
        raise TollgateError(f"{where}: an empty pack entry")
    return Source("dir", text, path=(base / text).resolve())


def _subdirectory(fragment: str, spec: str, where: str) -> str:
    if not fragment:
        return ""
    key, _, value = fragment.partition("=")
    parts = value.strip("/").split("/")
    if key != "subdirectory" or not value or value.startswith("/") or ".." in parts:
        raise TollgateError(
            f"{where}: pack {spec!r}: the only fragment is #subdirectory=<a folder inside the "
            "repository>"
        )
    return "/".join(p for p in parts if p not in ("", "."))
