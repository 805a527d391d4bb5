"""npm, npx, yarn, pnpm and bun: packages with no exact version, installs that skip the lockfile."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import NamedTuple

from tollgate.checks.pins.sh.args import (
    COMMIT,
    INSTALLER,
    LOCKFILE,
    RUN,
    SEMVER,
    UNPINNED,
    Args,
    Install,
    is_variable,
    scan,
)
from tollgate.checks.pins.sh.parse import Word

_VALUED = frozenset(
    {"--prefix", "--registry", "--cache", "--tag", "-w", "--workspace", "--omit", "--include",
     "--loglevel", "--userconfig", "--globalconfig", "--location", "--install-strategy",
     "--before", "--scope", "--otp", "-p", "--package", "-c", "--call", "--cwd",
     "--modules-folder", "--cache-folder", "--network-timeout", "--mutex", "--global-folder",
     "--link-folder", "--filter", "-F", "--dir", "-C", "--reporter", "--store-dir",
     "--virtual-store-dir", "--modules-dir", "--backend"}
)  # fmt: skip
_INSTALL = frozenset({"install", "i", "in", "ins", "inst", "insta", "instal", "isnt", "isnta",
                      "isntal", "isntall", "add"})  # fmt: skip
# The package managers themselves: their version changes how a lockfile is read, not what it
# installs; the strict profile asks for them to be pinned.
INSTALLERS = frozenset({"npm", "yarn", "pnpm", "corepack"})
_NAME = r"^(?:@[A-Za-z0-9._~-]+/)?[A-Za-z0-9._~-]+$"
_HOSTED = r"^(?:git\+|git:|github:|gitlab:|bitbucket:|gist:)|^[\w.-]+/[\w.-]+(?:#.*)?$"
_FROZEN = {
    "npm": ("use `npm ci`: it installs exactly package-lock.json and fails when it is out of sync"),
    "yarn": "use `yarn install --frozen-lockfile` (Yarn 1) or `yarn install --immutable` (Yarn 2+)",
    "pnpm": "use `pnpm install --frozen-lockfile`",
    "bun": "use `bun install --frozen-lockfile`",
}


class Spec(NamedTuple):
    name: str
    hosted: bool  # a git repository, pinned by `#<commit>`
    why: str


def spec(text: str) -> Spec | None:
    """A package spec as npm reads it; None for a local path, a tarball or a variable."""
    text = text.strip()
    if not text or is_variable(text) or text.startswith((".", "/", "~", "file:")):
        return None
    if "@npm:" in text:  # an alias: `name@npm:real@1.2.3`
        text = text.split("@npm:", 1)[1]
    if text.endswith((".tgz", ".tar.gz")):
        return None
    if re.match(_HOSTED, text) or "://" in text:
        source, _, ref = text.partition("#")
        if re.match(COMMIT, ref):
            return None
        shown = f"`#{ref}` is a branch or tag" if ref else f"`{text}` names no commit"
        return Spec(source, True, shown)
    at = text.rfind("@")
    name, version = (text[:at], text[at + 1 :]) if at > 0 else (text, "")
    if not re.match(_NAME, name):
        return None
    if not version:
        return Spec(name, False, f"`{name}` has no version")
    if re.match(SEMVER, version):
        return None
    return Spec(name, False, f"`{text}` is a range or a tag")


def npm(words: Sequence[Word]) -> list[Install]:
    args = scan(words[1:], _VALUED)
    if not args.operands:
        return []
    sub = args.operands[0].text
    if sub in ("exec", "x"):
        return runner(_from(words, args.operands[0]), "npm exec", RUN)
    if sub not in _INSTALL:
        return []
    is_global = args.has("-g", "--global") or args.value("--location") == "global"
    tool = "npm install -g" if is_global else "npm install"
    if len(args.operands) > 1:
        return _specs(args.operands[1:], tool)
    return [] if is_global else _unfrozen(words[0], "npm", "`npm install` rewrites the lockfile")


def yarn(words: Sequence[Word]) -> list[Install]:
    args = scan(words[1:], _VALUED)
    ops = [w.text for w in args.operands]
    if ops[:2] == ["global", "add"]:
        return _specs(args.operands[2:], "yarn global add")
    if ops[:1] == ["add"]:
        return _specs(args.operands[1:], "yarn add")
    if ops[:1] == ["dlx"]:
        return runner(_from(words, args.operands[0]), "yarn dlx", UNPINNED)
    if ops[:1] == ["install"] or (not ops and not args.has("-v", "--version", "-h", "--help")):
        if args.has("--frozen-lockfile", "--immutable"):
            return []
        return _unfrozen(words[0], "yarn", "`yarn install` updates yarn.lock to what resolves")
    return []


def pnpm(words: Sequence[Word]) -> list[Install]:
    return _pnpm_like(words, "pnpm")


def bun(words: Sequence[Word]) -> list[Install]:
    if len(words) > 1 and words[1].text == "x":
        return runner(words[1:], "bun x", RUN)
    return _pnpm_like(words, "bun")


def _pnpm_like(words: Sequence[Word], tool: str) -> list[Install]:
    args = scan(words[1:], _VALUED)
    ops = [w.text for w in args.operands]
    if ops[:1] == ["dlx"]:
        return runner(_from(words, args.operands[0]), f"{tool} dlx", UNPINNED)
    if ops[:1] == ["add"] or (ops[:1] in (["install"], ["i"]) and len(ops) > 1):
        is_global = args.has("-g", "--global")
        return _specs(args.operands[1:], f"{tool} add -g" if is_global else f"{tool} add")
    if ops[:1] in (["install"], ["i"]) and not _frozen(args):
        return _unfrozen(words[0], tool, f"`{tool} install` may update the lockfile")
    return []


def _from(words: Sequence[Word], word: Word) -> Sequence[Word]:
    return words[words.index(word) :]


def _frozen(args: Args) -> bool:
    return any(o.name == "--frozen-lockfile" and o.value != "false" for o in args.opts)


def runner(words: Sequence[Word], tool: str, kind: str) -> list[Install]:
    """npx, `npm exec`, bunx, `pnpm dlx`: `words` start at the runner's own word."""
    args = scan(words[1:], _VALUED, stop=True)
    if args.has("-c", "--call"):
        return []
    given = [(o.word, o.value or "") for o in args.values("-p", "--package")]
    found: list[Install] = []
    for word, text in given or [(w, w.text) for w in args.operands[:1]]:
        package = spec(text)
        if package is not None:
            found.append(
                Install(
                    kind,
                    word,
                    package.name,
                    f"{package.why}: `{tool}` fetches the newest release when it is not installed",
                    f"name a version: `{tool} {package.name}@<x.y.z>`",
                )
            )
    return found


def _specs(words: Sequence[Word], tool: str) -> list[Install]:
    found: list[Install] = []
    for word in words:
        package = spec(word.text)
        if package is None:
            continue
        kind = INSTALLER if package.name in INSTALLERS else UNPINNED
        fix = (
            f"pin a commit: `{tool} {package.name}#<commit sha>`"
            if package.hosted
            else f"pin an exact version: `{tool} {package.name}@<x.y.z>`"
        )
        found.append(
            Install(
                kind,
                word,
                package.name,
                f"{package.why}: `{tool}` installs what it resolves to at build time",
                fix,
            )
        )
    return found


def _unfrozen(word: Word, tool: str, why: str) -> list[Install]:
    return [
        Install(LOCKFILE, word, tool, f"{why} instead of installing what it pins", _FROZEN[tool])
    ]
