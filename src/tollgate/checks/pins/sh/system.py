"""Distribution package managers (apt, apk, dnf/yum, zypper) and Chocolatey.

A distribution package without a version installs whatever the mirror holds that day. Pinning
every one is noisy and breaks when the mirror drops the old version (hadolint's DL3008/DL3018),
so these are strict-profile findings; Chocolatey pins like a language package manager.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from tollgate.checks.pins.sh.args import DOTTED, OS_PACKAGE, UNPINNED, Install, is_variable, scan
from tollgate.checks.pins.sh.parse import Word

_APT_VALUED = frozenset({"-o", "--option", "-c", "--config-file", "-t", "--target-release",
                         "--default-release"})  # fmt: skip
_APK_VALUED = frozenset({"-X", "--repository", "-t", "--virtual", "-p", "--root", "--arch",
                         "--keys-dir", "--repositories-file", "--cache-dir",
                         "--cache-max-age"})  # fmt: skip
_RPM_VALUED = frozenset({"-x", "--exclude", "--releasever", "--installroot", "-c", "--config",
                         "--repo", "--repoid", "--enablerepo", "--disablerepo", "--setopt", "-d",
                         "--debuglevel", "-e", "--errorlevel", "--forcearch", "-R", "--root",
                         "-D", "--reposd-dir", "-C", "--cache-dir", "--from"})  # fmt: skip
_CHOCO_VALUED = frozenset({"--version", "-version", "-s", "--source", "--params",
                           "--package-parameters", "--ia", "--install-arguments", "--timeout",
                           "--execution-timeout", "--cache-location", "-u", "--user", "-p",
                           "--password", "--checksum", "--checksum64"})  # fmt: skip
# rpm's `name-version[-release]`: a dash, then a version starting with a digit, at the very end.
_RPM_VERSIONED = r"-\d[\w.+~^]*(?:-\d[\w.+~^]*)?$"
_LOCAL = (".deb", ".rpm", ".apk", ".nupkg", ".config")


def apt(words: Sequence[Word]) -> list[Install]:
    args = scan(words[1:], _APT_VALUED)
    if not args.operands or args.operands[0].text != "install":
        return []
    found: list[Install] = []
    for word in args.operands[1:]:
        text = word.text
        if _skip(text) or text.endswith("-") or "=" in text:  # `pkg-` removes; `pkg=1.2` pins
            continue
        name, _, release = text.partition("/")
        why = f"`{text}` follows the `{release}` release" if release else f"`{text}` has no version"
        found.append(
            _os(
                word,
                name.split(":")[0],
                why,
                f"`apt-get install {name}=<version>` (`apt-cache madison {name}` lists them)",
            )
        )
    return found


def apk(words: Sequence[Word]) -> list[Install]:
    args = scan(words[1:], _APK_VALUED)
    if not args.operands or args.operands[0].text != "add":
        return []
    found: list[Install] = []
    for word in args.operands[1:]:
        text = word.text
        name = re.split(r"[=<>~@]", text, maxsplit=1)[0]
        if _skip(text) or re.match(r"^[^=<>~]+=[^=<>~]", text):
            continue
        why = f"`{text}` has no exact version" if name != text else f"`{text}` has no version"
        found.append(
            _os(word, name, why, f"`apk add {name}=<version>` (`apk policy {name}` lists them)")
        )
    return found


def rpm(words: Sequence[Word]) -> list[Install]:
    """dnf, yum, microdnf, tdnf and zypper: `name-version` or `name=version` pins."""
    args = scan(words[1:], _RPM_VALUED)
    if not args.operands or args.operands[0].text not in ("install", "in"):
        return []
    tool = words[0].text.rsplit("/", 1)[-1]
    found: list[Install] = []
    for word in args.operands[1:]:
        text = word.text
        if _skip(text) or text.startswith("@") or re.search(_RPM_VERSIONED, text):
            continue
        if re.search(r"=[^<>=]", text) and not re.search(r"[<>]", text):
            continue
        name = re.split(r"[=<>]", text, maxsplit=1)[0]
        found.append(
            _os(word, name, f"`{text}` has no version", f"`{tool} install {name}-<version>`")
        )
    return found


def choco(words: Sequence[Word]) -> list[Install]:
    args = scan(words[1:], _CHOCO_VALUED, clusters=False)
    ops = args.operands
    if words[0].text.lower().startswith("cinst"):
        packages = ops
    elif ops and ops[0].text.lower() == "install":
        packages = ops[1:]
    else:
        return []
    version = args.value("--version", "-version")
    if version and re.match(DOTTED, version):
        return []
    found: list[Install] = []
    for word in packages:
        if _skip(word.text):
            continue
        found.append(
            Install(
                UNPINNED,
                word,
                word.text,
                f"`{word.text}` has no version: Chocolatey installs the newest package",
                f"pin it: `choco install {word.text} --version <x.y.z>`",
            )
        )
    return found


def _skip(text: str) -> bool:
    """A local file, a path or a variable: nothing a mirror decides."""
    return (
        not text
        or is_variable(text)
        or text.startswith((".", "/", "~"))
        or "://" in text
        or "*" in text
        or text.lower().endswith(_LOCAL)
    )


def _os(word: Word, name: str, why: str, fix: str) -> Install:
    return Install(
        OS_PACKAGE,
        word,
        name,
        f"{why}: it installs whatever the mirror holds today",
        f"pin it: {fix}",
    )
