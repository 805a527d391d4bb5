"""The metadata tollgate requires of a pattern rule, filled from what a semgrep rule carries.

semgrep-rules' metadata: `category` (mostly "security"), `subcategory`, `vulnerability_class`,
`cwe` (a string or a list of "CWE-78: ..."), `confidence`, `references`, `source-rule-url`.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any, NamedTuple

from tollgate.pack.pattern_rules import CATEGORIES
from tollgate.severity import Confidence, Severity

SEMGREP_SEVERITY = {
    Severity.CRITICAL: "ERROR",
    Severity.HIGH: "ERROR",
    Severity.MEDIUM: "WARNING",
    Severity.LOW: "INFO",
    Severity.INFO: "INFO",
}
_FROM_SEMGREP = {
    "ERROR": Severity.HIGH,
    "WARNING": Severity.MEDIUM,
    "INFO": Severity.LOW,
    # semgrep's newer severity names
    "CRITICAL": Severity.CRITICAL,
    "HIGH": Severity.HIGH,
    "MEDIUM": Severity.MEDIUM,
    "LOW": Severity.LOW,
}
# CWE number -> category, for the weaknesses semgrep's rules are mostly about.
_BY_CWE = {
    77: "command-injection", 78: "command-injection", 88: "command-injection",
    94: "code-injection", 95: "code-injection", 96: "code-injection", 1336: "code-injection",
    89: "sql-injection", 564: "sql-injection", 943: "sql-injection",
    79: "xss", 80: "xss", 83: "xss",
    611: "xxe", 776: "xxe", 827: "xxe",
    502: "deserialization",
    22: "path-traversal", 23: "path-traversal", 73: "path-traversal", 59: "path-traversal",
    918: "ssrf",
    601: "open-redirect",
    326: "weak-crypto", 327: "weak-crypto", 328: "weak-crypto", 916: "weak-crypto",
    759: "weak-crypto", 760: "weak-crypto", 347: "weak-crypto",
    330: "insecure-randomness", 338: "insecure-randomness",
    295: "tls", 297: "tls", 757: "tls",
    287: "auth", 306: "auth", 521: "auth", 522: "auth", 613: "auth", 1390: "auth",
    614: "cookie", 1004: "cookie", 1275: "cookie", 352: "cookie",
    489: "debug-mode", 215: "debug-mode", 11: "debug-mode",
    200: "network-exposure", 1327: "network-exposure", 605: "network-exposure",
    250: "privilege", 269: "privilege", 276: "privilege",
    494: "supply-chain", 829: "supply-chain", 1357: "supply-chain", 1104: "supply-chain",
    798: "secrets-exposure", 312: "secrets-exposure", 532: "secrets-exposure",
    540: "secrets-exposure", 209: "secrets-exposure",
    311: "encryption", 319: "encryption", 523: "encryption",
    284: "access-control", 285: "access-control", 639: "access-control", 862: "access-control",
    863: "access-control", 732: "access-control", 942: "access-control", 915: "access-control",
    400: "resource-limits", 770: "resource-limits", 1333: "resource-limits",
    674: "resource-limits", 1088: "resource-limits",
    16: "insecure-configuration", 1188: "insecure-configuration",
}  # fmt: skip
# semgrep's vulnerability_class names (and common words of free-text categories) -> category.
_BY_WORDS = (
    ("command injection", "command-injection"),
    ("code injection", "code-injection"),
    ("template", "code-injection"),
    ("sql", "sql-injection"),
    ("cross-site-scripting", "xss"),
    ("xss", "xss"),
    ("xml", "xxe"),
    ("deserial", "deserialization"),
    ("path traversal", "path-traversal"),
    ("ssrf", "ssrf"),
    ("server-side request", "ssrf"),
    ("open redirect", "open-redirect"),
    ("crypto", "weak-crypto"),
    ("random", "insecure-randomness"),
    ("transport", "tls"),
    ("tls", "tls"),
    ("certificate", "tls"),
    ("authentication", "auth"),
    ("cookie", "cookie"),
    ("csrf", "cookie"),
    ("debug", "debug-mode"),
    ("secret", "secrets-exposure"),
    ("sensitive", "secrets-exposure"),
    ("authorization", "access-control"),
    ("denial", "resource-limits"),
    ("regex", "resource-limits"),
)
# When a rule names no CWE: the weakness its category stands for.
DEFAULT_CWE = {
    "command-injection": "CWE-78: Improper Neutralization of Special Elements used in an OS "
    "Command",
    "code-injection": "CWE-94: Improper Control of Generation of Code ('Code Injection')",
    "sql-injection": "CWE-89: Improper Neutralization of Special Elements used in an SQL Command",
    "xss": "CWE-79: Improper Neutralization of Input During Web Page Generation",
    "xxe": "CWE-611: Improper Restriction of XML External Entity Reference",
    "deserialization": "CWE-502: Deserialization of Untrusted Data",
    "path-traversal": "CWE-22: Improper Limitation of a Pathname to a Restricted Directory",
    "ssrf": "CWE-918: Server-Side Request Forgery (SSRF)",
    "open-redirect": "CWE-601: URL Redirection to Untrusted Site ('Open Redirect')",
    "weak-crypto": "CWE-327: Use of a Broken or Risky Cryptographic Algorithm",
    "insecure-randomness": "CWE-330: Use of Insufficiently Random Values",
    "tls": "CWE-295: Improper Certificate Validation",
    "auth": "CWE-287: Improper Authentication",
    "cookie": "CWE-614: Sensitive Cookie in HTTPS Session Without 'Secure' Attribute",
    "debug-mode": "CWE-489: Active Debug Code",
    "network-exposure": "CWE-1327: Binding to an Unrestricted IP Address",
    "privilege": "CWE-250: Execution with Unnecessary Privileges",
    "supply-chain": "CWE-829: Inclusion of Functionality from Untrusted Control Sphere",
    "secrets-exposure": "CWE-798: Use of Hard-coded Credentials",
    "encryption": "CWE-311: Missing Encryption of Sensitive Data",
    "access-control": "CWE-284: Improper Access Control",
    "resource-limits": "CWE-400: Uncontrolled Resource Consumption",
    "insecure-configuration": "CWE-16: Configuration",
}
FALLBACK_CATEGORY = "insecure-configuration"
_CWE = re.compile(r"CWE-(\d+)", re.IGNORECASE)


class Metadata(NamedTuple):
    severity: Severity
    confidence: Confidence
    category: str
    cwe: str
    references: tuple[str, ...]
    notes: tuple[str, ...]


def fill(rule: Mapping[str, Any]) -> Metadata:
    meta = rule.get("metadata")
    meta = meta if isinstance(meta, dict) else {}
    notes: list[str] = []
    severity = _severity(rule, meta, notes)
    value = meta.get("confidence")
    confidence = Confidence[str(value).upper()] if _member(Confidence, value) else Confidence.MEDIUM
    cwes = _strings(meta.get("cwe"))
    category = _category(meta, cwes)
    if category is None:
        category = FALLBACK_CATEGORY
        seen = ", ".join(
            f"{key} {value!r}"
            for key in ("category", "subcategory", "vulnerability_class", "cwe")
            if (value := meta.get(key))
        )
        notes.append(f"category: nothing maps ({seen or 'no metadata'}): {category}")
    cwe = next((c for c in cwes if c.upper().startswith("CWE-")), "")
    if not cwe:
        cwe = DEFAULT_CWE[category]
        notes.append(f"cwe: none given, {cwe.split(':')[0]} from its category {category}")
    references = tuple(
        dict.fromkeys(
            r
            for key in ("references", "source-rule-url", "source")
            for r in _strings(meta.get(key))
            if r.startswith(("http://", "https://"))
        )
    )
    if not references:
        number = _CWE.match(cwe)
        page = number.group(1) if number else "16"
        references = (f"https://cwe.mitre.org/data/definitions/{page}.html",)
        notes.append(f"references: none given, the CWE's page {references[0]}")
    return Metadata(severity, confidence, category, cwe, references, tuple(notes))


def _severity(rule: Mapping[str, Any], meta: Mapping[str, Any], notes: list[str]) -> Severity:
    semgrep = str(rule.get("severity", "")).upper()
    value = meta.get("severity")
    ours = Severity[str(value).upper()] if _member(Severity, value) else _FROM_SEMGREP.get(semgrep)
    if ours is None:
        notes.append(f"severity: semgrep severity {rule.get('severity')!r} has no match: medium")
        ours = Severity.MEDIUM
    if semgrep != SEMGREP_SEVERITY[ours]:
        notes.append(
            f"severity: semgrep's {semgrep or 'missing'} written as {SEMGREP_SEVERITY[ours]} "
            f"(tollgate's check wants it to agree with severity {ours.label})"
        )
    return ours


def _category(meta: Mapping[str, Any], cwes: list[str]) -> str | None:
    own = meta.get("category")
    if isinstance(own, str) and own.lower() in CATEGORIES:
        return own.lower()
    for cwe in cwes:
        number = _CWE.match(cwe.strip())
        if number and int(number.group(1)) in _BY_CWE:
            return _BY_CWE[int(number.group(1))]
    words = " ".join(
        s.lower()
        for key in ("vulnerability_class", "subcategory", "category")
        for s in _strings(meta.get(key))
    )
    return next((category for word, category in _BY_WORDS if word in words), None)


def _strings(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, list):
        return [str(v) for v in value if isinstance(v, (str, int, float))]
    return []


def _member(kind: type[Severity] | type[Confidence], value: Any) -> bool:
    return isinstance(value, str) and value.upper() in kind.__members__
