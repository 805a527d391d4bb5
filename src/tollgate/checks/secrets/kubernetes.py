"""Kubernetes Secret manifests: every `data` value (base64-decoded) and `stringData` value.

A committed Secret with real values is a leak whatever the values look like. The decoded value is
also offered to the pack's other rules, so a base64-wrapped AWS key is reported as an AWS key.
"""

from __future__ import annotations

import base64
import binascii
import re
from collections.abc import Callable, Iterator
from typing import Any, NamedTuple

from tollgate.checks.secrets.falsepositives import false_positive_reason
from tollgate.checks.secrets.hit import Hit
from tollgate.pack.model import SecretRule

_MANIFEST_SUFFIXES = (".yaml", ".yml", ".json")
# `kind: Secret`, `kind: "Secret"`, `"kind":"Secret"`: cheap enough to run before parsing YAML.
_SECRET_KIND = re.compile(r"""["']?kind["']?\s*:\s*["']?Secret\b""")


class SecretValue(NamedTuple):
    key: str
    value: str  # decoded
    start: int  # offsets of the value as written in the file
    end: int


def kubernetes_hits(
    text: str,
    lower: str,
    rule: SecretRule,
    inner: Callable[[str], list[Hit]],
    path: str,
) -> tuple[list[Hit], list[tuple[int, int]]]:
    """Hits in Secret manifests, and the spans of every value looked at (reported or not).

    `inner` runs the pack's provider rules over a decoded value. The spans let the engine keep
    the generic detector off values this detector has already judged (a base64 placeholder).
    """
    hits: list[Hit] = []
    spans: list[tuple[int, int]] = []
    if not path.lower().endswith(_MANIFEST_SUFFIXES) or not _SECRET_KIND.search(text):
        return hits, spans
    for item in _secret_values(text):
        spans.append((item.start, item.end))
        if len(item.value) < 4 or false_positive_reason(item.value):
            continue
        found = inner(f"{item.key}: {item.value}")
        chosen = found[0].rule if found else rule
        hits.append(Hit(chosen, item.value, item.start, item.end))
    return hits, spans


def _secret_values(text: str) -> Iterator[SecretValue]:
    import yaml  # noqa: PLC0415 - only for files that mention a Secret

    try:
        documents = list(yaml.compose_all(text, Loader=yaml.SafeLoader))
    except yaml.YAMLError:
        return  # a template (Helm) or broken YAML: the regex rules still see the text
    for doc in documents:
        if not isinstance(doc, yaml.MappingNode):
            continue
        fields = {_scalar(k): v for k, v in doc.value}
        if _scalar(fields.get("kind")) != "Secret":
            continue
        for section, encoded in (("data", True), ("stringData", False)):
            node = fields.get(section)
            if not isinstance(node, yaml.MappingNode):
                continue
            for key_node, value_node in node.value:
                if not isinstance(value_node, yaml.ScalarNode) or not value_node.value:
                    continue
                value = _decode(value_node.value) if encoded else value_node.value
                if value is None:
                    continue
                start, end = _value_span(text, value_node)
                yield SecretValue(_scalar(key_node), value, start, end)


def _scalar(node: Any) -> str:
    import yaml  # noqa: PLC0415

    return str(node.value) if isinstance(node, yaml.ScalarNode) else ""


def _decode(value: str) -> str | None:
    try:
        raw = base64.b64decode("".join(value.split()), validate=True)
    except (binascii.Error, ValueError):
        return None
    decoded = raw.decode("utf-8", "replace").strip()
    return decoded or None


def _value_span(text: str, node: Any) -> tuple[int, int]:
    start, end = node.start_mark.index, node.end_mark.index
    if text[start : start + 1] in "\"'" and end - start >= 2:
        return start + 1, end - 1
    return start, end
