"""Downloads (curl, wget, PowerShell), the checks that verify a downloaded file, and its runs."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import NamedTuple

from tollgate.checks.pins.sh.args import basename, scan
from tollgate.checks.pins.sh.command import language, operands
from tollgate.checks.pins.sh.parse import Word

_CURL_VALUED = frozenset(
    {"-A", "-b", "-c", "-C", "-d", "-D", "-e", "-E", "-F", "-H", "-K", "-m", "-o", "-P", "-Q",
     "-r", "-t", "-T", "-u", "-U", "-w", "-x", "-X", "-y", "-Y", "-z", "--output", "--data",
     "--data-raw", "--data-binary", "--data-urlencode", "--header", "--user", "--request",
     "--user-agent", "--referer", "--cookie", "--cookie-jar", "--proxy", "--proxy-user",
     "--upload-file", "--form", "--max-time", "--connect-timeout", "--retry", "--retry-delay",
     "--retry-max-time", "--write-out", "--range", "--time-cond", "--config", "--cert", "--cacert",
     "--capath", "--key", "--output-dir", "--continue-at", "--limit-rate", "--resolve",
     "--interface", "--dns-servers", "--proto", "--proto-redir", "--url", "--dump-header",
     "--oauth2-bearer", "--max-filesize", "--netrc-file", "--pinnedpubkey", "--variable",
     "--expand-url"}
)  # fmt: skip
_WGET_VALUED = frozenset(
    {"-O", "-o", "-a", "-P", "-e", "-i", "-U", "-t", "-T", "-w", "-Q", "-l", "-A", "-R", "-D",
     "-I", "-X", "-B", "--output-document", "--output-file", "--append-output",
     "--directory-prefix", "--execute", "--input-file", "--user-agent", "--tries", "--timeout",
     "--wait", "--quota", "--level", "--accept", "--reject", "--domains", "--base", "--header",
     "--post-data", "--post-file", "--user", "--password", "--http-user", "--http-password",
     "--ca-certificate", "--certificate", "--private-key", "--progress"}
)  # fmt: skip
_PS_VALUED = frozenset({"-uri", "-outfile", "-method", "-headers", "-body", "-usebasicparsing"})
_PS_FETCH = frozenset({"iwr", "irm", "invoke-webrequest", "invoke-restmethod"})
PS_DOWNLOAD = (  # compiled on first use, by `re`: only PowerShell needs it
    r"\b(?:iwr|irm|invoke-webrequest|invoke-restmethod|downloadstring|downloaddata|"
    r"net\.webclient|curl|wget)\b"
)
URL = (  # compiled on first use, by `re`
    r"\b[A-Za-z][A-Za-z0-9+.-]*://(?:[^/\s@'\"]*@)?([^/\s'\"`?#:)]+)[^\s'\"`)]*"
)
_SUMS = frozenset({"sha1sum", "sha224sum", "sha256sum", "sha384sum", "sha512sum", "md5sum", "b2sum",
                   "shasum", "cksum"})  # fmt: skip
_SIGNATURE_TOOLS = frozenset({"gpgv", "gpgv2", "minisign", "signify", "cosign", "slsa-verifier",
                              "get-filehash", "certutil"})  # fmt: skip
_PACKAGE_FILES = (".deb", ".rpm", ".apk", ".msi", ".pkg")


class Fetch(NamedTuple):
    url: str  # as written; "" when the command has none we can read
    name: str  # the host, else the URL as written, else the tool
    output: str | None  # the file it writes; None: standard output


def fetch(words: Sequence[Word]) -> Fetch | None:
    """The download a command makes, if it is curl, wget or a PowerShell web request."""
    name = basename(words[0].text).lower().removesuffix(".exe")
    if name == "curl":
        return _curl(words)
    if name == "wget":
        return _wget(words)
    if name in _PS_FETCH:
        args = scan([_lower(w) for w in words[1:]], _PS_VALUED, clusters=False)
        url = args.value("-uri") or next((w.text for w in args.operands), "")
        return Fetch(url, host(url, name), args.value("-outfile"))
    return None


def _curl(words: Sequence[Word]) -> Fetch:
    args = scan(words[1:], _CURL_VALUED)
    urls = [o.value or "" for o in args.values("--url")] + [w.text for w in args.operands]
    url = next((u for u in urls if re.match(URL, u)), urls[0] if urls else "")
    output = args.value("-o", "--output")
    if output is None and args.has("-O", "--remote-name", "--remote-name-all"):
        output = _remote_name(url)
    if output in ("-", "/dev/stdout"):
        output = None
    directory = args.value("--output-dir")
    if output is not None and directory:
        output = f"{directory}/{output}"
    return Fetch(url, host(url, "curl"), output)


def _wget(words: Sequence[Word]) -> Fetch:
    args = scan(words[1:], _WGET_VALUED)
    url = next((w.text for w in args.operands if re.match(URL, w.text)), "")
    url = url or next((w.text for w in args.operands), "")
    output = args.value("-O", "--output-document")
    if output is None:
        directory = args.value("-P", "--directory-prefix")
        output = _remote_name(url)
        output = f"{directory}/{output}" if directory else output
    return Fetch(url, host(url, "wget"), None if output in ("-", "/dev/stdout") else output)


def _remote_name(url: str) -> str:
    return basename(url.split("?", maxsplit=1)[0].split("#", maxsplit=1)[0]) or "index.html"


def _lower(word: Word) -> Word:
    return word._replace(text=word.text.lower()) if word.text.startswith("-") else word


def host(url: str, fallback: str) -> str:
    match = re.search(URL, url)
    return match.group(1).lower() if match else (url or fallback)


def verification(words: Sequence[Word]) -> str | None:
    """ "check": a checksum or signature check (`sha256sum -c SUMS`, `gpg --verify`, `cosign
    verify-blob`), which may name no file it covers; "digest": a checksum computed to be
    compared (`[ "$(sha256sum f | cut -c1-64)" = "$SUM" ]`), which covers the files it names."""
    name = basename(words[0].text).lower()
    texts = {w.text for w in words[1:]}
    if name.removesuffix(".exe") in _SUMS:
        checks = "--check" in texts or any(re.match(r"^-[a-z]*c", t) for t in texts)
        return "check" if checks else "digest"
    if name in _SIGNATURE_TOOLS or (name in ("gpg", "gpg2") and "--verify" in texts):
        return "check"
    return "digest" if name == "openssl" and "dgst" in texts else None


def executed(words: Sequence[Word]) -> list[str]:
    """The files this command runs or installs: itself, a script an interpreter reads, a file
    `chmod +x` makes executable, a package file dpkg/rpm/apt installs."""
    name = basename(words[0].text)
    found = [words[0].text]
    rest = operands(words)
    if language(name) is not None or name in ("source", "."):
        found.extend(w.text for w in rest[:1])
    elif name == "chmod" and rest and re.search(r"x|[0-7]*[1357][0-7]{0,2}$", rest[0].text):
        found.extend(w.text for w in rest[1:])
    elif name in ("dpkg", "rpm") and any(
        re.match(r"^-\w*[iU]|^--(?:install|upgrade)", w.text) for w in words[1:]
    ):
        found.extend(w.text for w in rest)
    elif name in ("apt-get", "apt", "dnf", "yum", "zypper", "msiexec", "installer"):
        found.extend(w.text for w in words[1:] if w.text.lower().endswith(_PACKAGE_FILES))
    elif name == "install" and any(w.text in ("-m", "--mode") for w in words[1:]):
        found.extend(w.text for w in rest[1:-1])
    return found
