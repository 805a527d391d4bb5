"""pip, `uv pip`, `uv tool`/uvx and pipx: what a Python install command leaves floating."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import NamedTuple

from tollgate.checks.pins.sh.args import (
    COMMIT,
    HASHES,
    INSTALLER,
    UNPINNED,
    Install,
    is_variable,
    scan,
)
from tollgate.checks.pins.sh.parse import Word

# pip's and uv's options that take a value as the next word.
_VALUED = frozenset(
    {"-r", "--requirement", "-c", "--constraint", "-e", "--editable", "-t", "--target",
     "--platform", "--python-version", "--implementation", "--abi", "--root", "--prefix", "--src",
     "--upgrade-strategy", "-C", "--config-settings", "--global-option", "--install-option",
     "--no-binary", "--only-binary", "--progress-bar", "-i", "--index-url", "--extra-index-url",
     "-f", "--find-links", "--report", "--root-user-action", "--python", "--log", "--proxy",
     "--retries", "--timeout", "--exists-action", "--trusted-host", "--cert", "--client-cert",
     "--cache-dir", "--use-feature", "--use-deprecated", "--keyring-provider", "-p", "--override",
     "--index-strategy", "--resolution", "--prerelease", "--exclude-newer", "--python-platform",
     "--config-file", "--directory", "--project", "--color", "--index", "--default-index",
     "--from", "--with", "--with-requirements", "--suffix", "--pip-args", "--spec", "--preinstall"}
)  # fmt: skip
# Upgrading the installer itself is in nearly every Python Dockerfile and changes how packages
# are resolved, not what gets installed: the strict profile asks for it to be pinned.
INSTALLERS = frozenset({"pip", "setuptools", "wheel"})
_REQ = r"(?s)^([A-Za-z0-9][A-Za-z0-9._-]*)\s*(\[[^\]]*\])?\s*(.*)$"
_ARCHIVE = (".whl", ".tar.gz", ".zip", ".tgz", ".tar.bz2", ".tar.xz")
_HASH_FRAGMENT = r"#.*\b(?:sha256|sha384|sha512)=[0-9a-fA-F]+"
_HASH_FIX = (
    "install from a hash-locked requirements file: `pip install --require-hashes -r "
    "requirements.txt` (written by `pip-compile --generate-hashes` or `uv pip compile "
    "--generate-hashes`)"
)


class Spec(NamedTuple):
    name: str
    state: str  # "floating", "exact" (a version, not hash-checked), "pinned" (a commit, a hash)
    why: str


def spec(text: str) -> Spec | None:
    """A requirement as pip reads it; None for a local path or a value only known at run time."""
    text = text.strip()
    if not text or is_variable(text):
        return None
    if " @ " in text:  # PEP 508 direct reference: `name @ url`
        name, _, url = text.partition(" @ ")
        found = spec(url.strip())
        return found._replace(name=name.strip()) if found else None
    if re.match(r"^(?:git|hg|svn|bzr)\+", text):
        return _vcs(text)
    if "://" in text:
        name = text.split("#")[0].rstrip("/").rsplit("/", 1)[-1]
        if re.search(_HASH_FRAGMENT, text):
            return Spec(name, "pinned", "")
        return Spec(name, "exact", f"`{text}` is a download URL nothing hash-checks")
    if text.startswith((".", "/", "~")) or "/" in text or "\\" in text or text.endswith(_ARCHIVE):
        return None
    match = re.match(_REQ, text)
    if not match:
        return None
    name, rest = match.group(1), match.group(3).split(";")[0].strip()
    if not rest:
        return Spec(name, "floating", f"`{name}` has no version")
    if rest.startswith("===") or (rest.startswith("==") and not any(c in rest for c in "*,")):
        return Spec(name, "exact", f"`{text}` is pinned but not hash-checked")
    return Spec(name, "floating", f"`{text}` is a range")


def _vcs(text: str) -> Spec:
    url, _, fragment = text.partition("#")
    egg = re.search(r"(?:^|&)egg=([A-Za-z0-9._-]+)", fragment)
    path = url.split("://", 1)[-1]
    path = path.split("/", 1)[1] if "/" in path else ""
    repo, at, ref = path.rpartition("@") if "@" in path else (path, "", "")
    name = egg.group(1) if egg else repo.rstrip("/").rsplit("/", 1)[-1].removesuffix(".git")
    if at and re.match(COMMIT, ref):
        return Spec(name, "pinned", "")
    if at and re.match(r"^v?\d", ref):
        return Spec(name, "exact", f"`{text}` names a tag, which can be moved")
    if at:
        return Spec(name, "floating", f"`@{ref}` is a branch: it installs the branch's head")
    return Spec(
        name, "floating", f"`{text}` names no commit: it installs the default branch's head"
    )


def pip(words: Sequence[Word], tool: str) -> list[Install]:
    """`words` start at the `pip` word (`pip3`, `python -m pip`, `uv pip`: the caller says)."""
    args = scan(words[1:], _VALUED)
    # In hash-checking mode pip refuses anything not pinned with a hash: nothing floats.
    if not args.operands or args.operands[0].text != "install" or args.has("--require-hashes"):
        return []
    constrained = args.has("-c", "--constraint")
    found: list[Install] = []
    for word in args.operands[1:]:
        req = spec(word.text)
        if req is None or req.state == "pinned":
            continue
        name = req.name
        if req.state == "floating" and not constrained:
            if name.lower().replace("_", "-") in INSTALLERS:
                why = f"{req.why}: each {name} release changes how the build resolves packages"
                fix = f"pin it (`{tool} install --upgrade {name}==<version>`) or keep the version "
                found.append(Install(INSTALLER, word, name, why, fix + "the base image ships"))
            else:
                why = f"{req.why}: {tool} installs whatever release the index serves at build time"
                fix = f"pin it: `{tool} install {name}==<version>`"
                found.append(Install(UNPINNED, word, name, why, fix))
        else:
            why = f"{req.why}: a replaced or re-uploaded file would still install"
            found.append(Install(HASHES, word, name, why, _HASH_FIX))
    return found


def uv(words: Sequence[Word]) -> list[Install]:
    """`uv pip install`, `uv tool install`, `uv tool run`; `words` start at `uv`."""
    args = scan(words[1:], _VALUED)
    sub = [w.text for w in args.operands[:2]]
    if sub == ["pip", "install"]:
        at = next(i for i, w in enumerate(words) if w.text == "pip")
        return pip(words[at:], "uv pip")
    if sub == ["tool", "install"]:
        return _tools(args.operands[2:], args.value("--from"), "uv tool install")
    if sub == ["tool", "run"]:
        at = next(i for i, w in enumerate(words) if w.text == "run")
        return uvx(words[at:], "uv tool run")
    return []


def uvx(words: Sequence[Word], tool: str = "uvx") -> list[Install]:
    args = scan(words[1:], _VALUED, stop=True)
    return _tools(args.operands[:1], args.value("--from"), tool)


def pipx(words: Sequence[Word]) -> list[Install]:
    args = scan(words[1:], _VALUED, stop=len(words) > 1 and words[1].text == "run")
    if not args.operands:
        return []
    sub, rest = args.operands[0].text, args.operands[1:]
    if sub == "install":
        return _tools(rest, args.value("--spec"), "pipx install")
    if sub == "inject":
        return _tools(rest[1:], None, "pipx inject")
    if sub == "run":
        return _tools(rest[:1], args.value("--spec"), "pipx run")
    return []


def _tools(operands: Sequence[Word], source: str | None, tool: str) -> list[Install]:
    """Applications installed or run in their own environment: pinned by `==` or `@version`."""
    found: list[Install] = []
    for word in operands if source is None else operands[:1]:
        text = source if source is not None else word.text
        name, at, version = text.partition("@")
        if at and "://" not in text:
            if re.match(r"^v?\d+(?:\.\d+)*\S*$", version):
                continue
            req: Spec | None = Spec(name, "floating", f"`@{version}` moves with each release")
        else:
            req = spec(text)
        if req is None or req.state != "floating":
            continue
        found.append(
            Install(
                UNPINNED,
                word,
                req.name,
                f"{req.why}: `{tool}` takes the newest release each time it runs",
                f"pin it: `{tool} {req.name}{'@' if tool.startswith('uv') else '=='}<version>`",
            )
        )
    return found
