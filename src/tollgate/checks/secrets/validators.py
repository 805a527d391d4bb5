"""Offline validators: structure and checksums that real credentials have and look-alikes lack.

No validator ever touches the network.
"""

from __future__ import annotations

import base64
import binascii
import json
import zlib
from collections.abc import Callable

_BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"


def base62(number: int, width: int) -> str:
    digits = ""
    while number:
        number, rem = divmod(number, 62)
        digits = _BASE62[rem] + digits
    return digits.rjust(width, "0")


def crc32_base62(body: str) -> str:
    """The 6-character checksum GitHub and npm append to their tokens (CRC32, base62)."""
    return base62(zlib.crc32(body.encode("ascii", "replace")), 6)


def _prefixed_checksum(secret: str) -> bool:
    # <prefix>_<30 random><6 checksum>, as GitHub documents for ghp_/gho_/ghu_/ghs_/ghr_ and npm_.
    _, sep, rest = secret.rpartition("_")
    if not sep or len(rest) != 36:
        return False
    return crc32_base62(rest[:30]) == rest[30:]


def _b64url_json(segment: str) -> object:
    padded = segment + "=" * (-len(segment) % 4)
    return json.loads(base64.urlsafe_b64decode(padded))


def jwt(secret: str) -> bool:
    parts = secret.split(".")
    if len(parts) != 3 or not all(parts[:2]):
        return False
    try:
        header = _b64url_json(parts[0])
        _b64url_json(parts[1])
    except (ValueError, binascii.Error, UnicodeDecodeError):
        return False
    return isinstance(header, dict) and "alg" in header


def pem(secret: str) -> bool:
    """The body of a PEM block is base64 of a plausible key (literal or `\\n`-escaped newlines)."""
    lines = secret.replace("\\n", "\n").replace("\\r", "").splitlines()
    body = "".join(
        line.strip().strip("\"',")
        for line in lines
        if line.strip()
        and "-----" not in line
        and ":" not in line
        # PGP armour ends with a CRC24 line such as `=njUN`.
        and not (line.strip().startswith("=") and len(line.strip()) <= 6)
    )
    try:
        raw = base64.b64decode(body, validate=True)
    except (binascii.Error, ValueError):
        return False
    return len(raw) >= 32


def base64_json_key(secret: str) -> bool:
    try:
        data = json.loads(base64.b64decode(secret + "=" * (-len(secret) % 4)))
    except (ValueError, binascii.Error, UnicodeDecodeError):
        return False
    return isinstance(data, dict) and "private_key" in data


VALIDATORS: dict[str, Callable[[str], bool]] = {
    "github-checksum": _prefixed_checksum,
    "npm-checksum": _prefixed_checksum,
    "jwt": jwt,
    "pem": pem,
    "base64-json-key": base64_json_key,
}
