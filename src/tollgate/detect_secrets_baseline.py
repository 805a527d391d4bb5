"""Import a detect-secrets baseline: its entries hold SHA-1 hashes, never secrets, so each listed
file is scanned again and our findings whose secret hashes to a listed hash are accepted."""

from __future__ import annotations

from pathlib import Path

from tollgate.checks.secrets.engine import SecretEngine
from tollgate.errors import TollgateError
from tollgate.findings import fingerprint
from tollgate.pack.model import Pack
from tollgate.textio import decode


def import_baseline(source: Path, root: Path, pack: Pack) -> dict[str, dict[str, str]]:
    from detect_secrets.core.potential_secret import PotentialSecret  # noqa: PLC0415

    hashes = _hashes_by_file(source)
    engine = SecretEngine(pack.secrets)
    entries: dict[str, dict[str, str]] = {}
    for filename, wanted in sorted(hashes.items()):
        try:
            text = decode((root / filename).read_bytes())
        except OSError:
            continue  # the file is gone: nothing left to accept
        if text is None:
            continue
        for hit in engine.hits(text, filename):
            # detect-secrets hashes the value as written; ours may be decoded (a Kubernetes
            # Secret's base64 data), so the text at the hit is compared as well.
            hashed = {
                PotentialSecret.hash_secret(s) for s in (hit.secret, text[hit.start : hit.end])
            }
            if hashed & wanted:
                entry = {"rule": hit.rule.id, "path": filename}
                entries[fingerprint(hit.rule.id, hit.secret)] = entry
    return entries


def _hashes_by_file(source: Path) -> dict[str, set[str]]:
    import json  # noqa: PLC0415

    try:
        data = json.loads(source.read_text("utf-8"))
    except (OSError, ValueError) as exc:
        raise TollgateError(f"{source}: not a readable detect-secrets baseline: {exc}") from None
    results = data.get("results") if isinstance(data, dict) else None
    if not isinstance(results, dict):
        raise TollgateError(f'{source}: not a detect-secrets baseline (no "results" object)')
    hashes: dict[str, set[str]] = {}
    for filename, items in results.items():
        for item in items if isinstance(items, list) else []:
            if isinstance(item, dict) and isinstance(item.get("hashed_secret"), str):
                hashes.setdefault(str(filename), set()).add(item["hashed_secret"])
    return hashes
