"""`tollgate pack import gitleaks`: a gitleaks config's rules and allowlists as secret rules.

Format: gitleaks' README, "Configuration". What tollgate cannot express is reported, rule by rule:
commit allowlists, path-only and path-limited rules, composite rules, allowlist regexes tested
against the match or the line. Dropping an allowlist entry makes a rule report more, never less.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import Any

from tollgate.errors import TollgateError
from tollgate.pack.importers import Entry, Imported
from tollgate.pack.importers.examples import Proof, prove, settle
from tollgate.pack.importers.pathglob import path_globs
from tollgate.pack.importers.tomlwrite import render
from tollgate.pack.model import Allowlist, SecretRule
from tollgate.regex import compile_re2
from tollgate.severity import Confidence, Severity
from tollgate.tomlfile import get_number, get_str, get_str_list, get_table

FIX = (
    "Revoke or rotate the credential with its issuer, remove it from the change, and load it at "
    "run time from the environment or a secret manager."
)
_RULE_KEYS = frozenset(
    {
        "id", "description", "regex", "secretGroup", "entropy", "keywords", "path", "tags",
        "allowlist", "allowlists", "required", "skipReport",
    }
)  # fmt: skip
_ALLOW_KEYS = frozenset(
    {"description", "condition", "commits", "paths", "regexTarget", "regexes", "stopwords"}
)
_TOLLGATE_NAME = re.compile(r"[A-Za-z0-9]+(?:-[A-Za-z0-9]+)*")


def import_gitleaks(
    config: Mapping[str, Any], source: str, target: str, pack: Sequence[SecretRule] = ()
) -> Imported:
    """The rules of a parsed gitleaks config, as the rule file `target` of a pack.

    `pack`: the pack's other secret rules, in load order; the new rules' examples are proven
    against them too, and their ids are not reused.
    """
    notes = _extend_notes(config, source)
    shared, shared_notes = _global_allowlists(config, source)
    notes += shared_notes
    rules_table = config.get("rules", [])
    if not isinstance(rules_table, list):
        raise TollgateError(f"{source}: 'rules' must be an array of tables ([[rules]])")
    disabled = set(get_str_list(get_table(config, "extend", source), "disabledRules", source))
    taken = {rule.id: rule.source for rule in pack}
    entries: list[Entry] = []
    rules: list[SecretRule] = []
    for index, table in enumerate(rules_table):
        if not isinstance(table, dict):
            raise TollgateError(f"{source}: rules[{index}] must be a table")
        converted = _rule(
            table,
            f"{source}: rules[{index}]",
            source,
            target=target,
            shared=shared,
            disabled=disabled,
        )
        if isinstance(converted, Entry):
            entries.append(converted)
            continue
        rule, rule_notes = converted
        if rule.id in taken:
            where = "this config" if taken[rule.id] == target else taken[rule.id]
            reason = f"id {rule.id} is already defined in {where}"
            entries.append(Entry(False, table["id"], reason))
            continue
        taken[rule.id] = target
        rules.append(rule)
        entries.append(Entry(True, rule.id, target, tuple(rule_notes)))
    proofs: dict[str, Proof] = {rule.id: prove(rule) for rule in rules}
    before = [r for r in pack if r.source < target]
    after = [r for r in pack if r.source >= target]
    settled, needs = settle([*before, *rules, *after], proofs)
    for i, entry in enumerate(entries):
        if entry.rule in needs:
            reason = proofs[entry.rule].reason or "its examples clash with another rule of the pack"
            entries[i] = entry._replace(notes=(*entry.notes, f"needs examples: {reason}"))
    header = (
        f"Secret rules imported from the gitleaks config {source} by `tollgate pack import`.",
        "Format: docs/rule-format.md (version 1). The examples were synthesised from each regex",
        "and proven with tollgate's engine: replace them with realistic ones as you review.",
    )
    files = ((target, render(settled, header)),) if settled else ()
    return Imported(tuple(entries), files, tuple(notes), tuple(needs))


def _rule(
    table: dict[str, Any],
    where: str,
    source: str,
    *,
    target: str,
    shared: Sequence[tuple[frozenset[str] | None, Allowlist]],
    disabled: set[str],
) -> Entry | tuple[SecretRule, list[str]]:
    gid = get_str(table, "id", where)
    where = f"{source}: {gid}"
    regex = get_str(table, "regex", where, "")
    path = get_str(table, "path", where, "")
    if gid in disabled:
        return Entry(False, gid, "disabled by [extend] disabledRules")
    if not regex:
        reason = "no regex" if not path else "a path-only rule (no regex)"
        return Entry(False, gid, f"{reason}: tollgate secret rules match file content")
    if path:
        return Entry(
            False, gid, f"limited to paths matching {path!r}: tollgate cannot limit a secret rule"
        )
    if table.get("required"):
        return Entry(False, gid, "a composite rule ('required'): tollgate has no composite rules")
    if table.get("skipReport") is True:
        return Entry(False, gid, "skipReport = true: it never reports by itself")
    error = _re2_error(regex)
    if error:
        return Entry(False, gid, f"regex is not valid Go/RE2 syntax: {error}")
    groups = int(compile_re2(regex, where).groups)
    group = table.get("secretGroup")
    notes = [f"key {k!r} is not in gitleaks' format: ignored" for k in table if k not in _RULE_KEYS]
    if group is None:
        group = 1 if groups else 0
        if groups > 1:
            notes.append("no secretGroup: group 1 (gitleaks takes the first non-empty group)")
    elif not isinstance(group, int) or isinstance(group, bool) or group < 0:
        raise TollgateError(f"{where}: 'secretGroup' must be a group number")
    elif group > groups:
        return Entry(False, gid, f"secretGroup {group}, but the regex has {groups} group(s)")
    rule_id = _tollgate_id(gid)
    if not rule_id:
        return Entry(False, gid, "no letter or digit in the id to name a tollgate rule after")
    if rule_id != f"secrets.{gid}":
        notes.append(f"id {gid!r} became {rule_id}")
    allowlists: list[Allowlist] = [a for names, a in shared if names is None or gid in names]
    for label, allow_table in _rule_allowlists(table, where):
        allowlist, allow_notes = convert_allowlist(allow_table, label, f"{where}: {label}")
        allowlists.append(allowlist)
        notes += allow_notes
    description = " ".join(get_str(table, "description", where, "").split())
    origin = f"imported from gitleaks rule {gid!r} in {source}"
    keywords = get_str_list(table, "keywords", where)
    rule = SecretRule(
        id=rule_id,
        title=_title(description, gid),
        description=f"{description} ({origin})" if description else origin.capitalize() + ".",
        regex=regex,
        secret_group=group,
        keywords=tuple(dict.fromkeys(k.lower() for k in keywords if k)),
        severity=Severity.HIGH,  # gitleaks has no severities
        confidence=Confidence.MEDIUM,
        source=target,
        entropy=get_number(table, "entropy", where, 0.0),
        fix=FIX,
        allowlist=_merge(allowlists),
    )
    return rule, notes


def _rule_allowlists(table: Mapping[str, Any], where: str) -> list[tuple[str, dict[str, Any]]]:
    """`[rules.allowlist]` (gitleaks before 8.21) and `[[rules.allowlists]]`."""
    found = [("allowlist", get_table(table, "allowlist", where))] if "allowlist" in table else []
    many = table.get("allowlists", [])
    if not isinstance(many, list) or not all(isinstance(a, dict) for a in many):
        raise TollgateError(f"{where}: 'allowlists' must be an array of tables")
    return found + [(f"allowlists[{i}]", a) for i, a in enumerate(many)]


def _global_allowlists(
    config: Mapping[str, Any], source: str
) -> tuple[list[tuple[frozenset[str] | None, Allowlist]], list[str]]:
    """`[allowlist]` and `[[allowlists]]` (optional targetRules), each for the rules it covers."""
    tables = _rule_allowlists(config, source)
    shared: list[tuple[frozenset[str] | None, Allowlist]] = []
    notes: list[str] = []
    for label, table in tables:
        where = f"{source}: {label}"
        targets = get_str_list(table, "targetRules", where) if "targetRules" in table else None
        body = {k: v for k, v in table.items() if k != "targetRules"}
        allowlist, found = convert_allowlist(body, f"global {label}", where)
        shared.append((frozenset(targets) if targets is not None else None, allowlist))
        notes += found
    return shared, notes


def convert_allowlist(
    table: Mapping[str, Any], label: str, where: str
) -> tuple[Allowlist, list[str]]:
    """One gitleaks allowlist as tollgate's, and a note for each part that cannot be expressed."""
    notes = [
        f"{label}: key {key!r} is not in gitleaks' format: ignored"
        for key in table
        if key not in _ALLOW_KEYS
    ]
    condition = get_str(table, "condition", where, "OR").upper()
    commits = get_str_list(table, "commits", where)
    paths = get_str_list(table, "paths", where)
    regexes = get_str_list(table, "regexes", where)
    stopwords = get_str_list(table, "stopwords", where)
    target = get_str(table, "regexTarget", where, "") or "secret"
    kinds = [
        name
        for name, values in (
            ("commits", commits),
            ("paths", paths),
            ("regexes", regexes),
            ("stopwords", stopwords),
        )
        if values
    ]
    if condition == "AND" and len(kinds) > 1:
        notes.append(
            f"{label}: condition AND over {', '.join(kinds)} cannot be expressed (a tollgate "
            "allowlist drops a finding when any one entry matches): skipped"
        )
        return Allowlist(), notes
    if commits:
        notes.append(
            f"{label}: commits ({len(commits)}) cannot be expressed (tollgate judges what is "
            "committed, not history): skipped"
        )
    kept: list[str] = []
    if regexes and target != "secret":
        notes.append(
            f"{label}: {len(regexes)} regex(es) with regexTarget {target!r} cannot be expressed "
            "(tollgate allowlist regexes test the secret only): skipped"
        )
    else:
        for regex in regexes:
            error = _re2_error(regex)
            if error:
                notes.append(f"{label}: regex {regex!r} is not valid RE2 syntax ({error}): skipped")
            else:
                kept.append(regex)
    globs: list[str] = []
    for path in paths:
        found = path_globs(path) if not _re2_error(path) else None
        if found is None:
            notes.append(f"{label}: path regex {path!r} has no glob form: skipped")
            continue
        globs.extend(found.globs)
        if not found.exact:
            notes.append(f"{label}: path regex {path!r} approximated as {', '.join(found.globs)}")
    return Allowlist(tuple(kept), tuple(s.lower() for s in stopwords if s), tuple(globs)), notes


def _merge(allowlists: Sequence[Allowlist]) -> Allowlist:
    def union(values: Sequence[tuple[str, ...]]) -> tuple[str, ...]:
        return tuple(dict.fromkeys(v for group in values for v in group))

    return Allowlist(
        regexes=union([a.regexes for a in allowlists]),
        stopwords=union([a.stopwords for a in allowlists]),
        paths=union([a.paths for a in allowlists]),
    )


def _extend_notes(config: Mapping[str, Any], source: str) -> list[str]:
    extend = get_table(config, "extend", source)
    notes = []
    if extend.get("useDefault"):
        notes.append(
            "[extend] useDefault: gitleaks' own default rules are not imported (tollgate's "
            "built-in pack covers the common providers)"
        )
    if extend.get("path"):
        notes.append(f"[extend] path = {extend['path']!r}: not followed; import that file too")
    return notes


def _re2_error(pattern: str) -> str:
    try:
        compile_re2(pattern, "")
    except TollgateError as exc:
        return str(exc).split("syntax: ", 1)[-1]
    return ""


def _tollgate_id(gid: str) -> str:
    name = gid if _TOLLGATE_NAME.fullmatch(gid) else re.sub(r"[^0-9a-z]+", "-", gid.lower())
    name = name.strip("-")
    return f"secrets.{name}" if name else ""


def _title(description: str, gid: str) -> str:
    """The description's first sentence, cut at a word when long; the id when there is none."""
    if not description:
        return gid
    first = description.split(". ", maxsplit=1)[0].rstrip(".")
    if len(first) <= 100:
        return first
    cut = first.rfind(" ", 0, 100)
    return first[: cut if cut > 0 else 100].rstrip(",;:") + "…"
