"""`tollgate pack import semgrep`: semgrep rules and their annotated test files as pattern rules.

semgrep's convention: a rule file `name.yaml` has its test file beside it, `name.<ext>` (YAML
targets: `name.test.yaml`), annotated `# ruleid: <id>` / `# ok: <id>`. Each rule becomes
`patterns.<language>.<name>` under patterns/<language>/, its test files renamed and re-annotated
to match, and the metadata tollgate requires filled from what the rule carries.
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from tollgate.checks.patterns.languages import ALIASES, SUFFIXES, supported
from tollgate.errors import TollgateError
from tollgate.pack.importers import Entry, Imported
from tollgate.pack.importers.semgrep_meta import SEMGREP_SEVERITY, fill

_ANNOTATION = re.compile(
    r"(?P<lead>(?:#|//|/\*|<!--|--|;)\s*)"
    r"(?P<kind>deepruleid|deepok|todoruleid|todook|ruleid|ok)\s*:\s*"
    r"(?P<ids>[\w.\-]+(?:\s*,\s*[\w.\-]+)*)"
)
# Pro-engine annotations: the open-source engine may or may not agree, so either is tolerated.
_KINDS = {"deepruleid": "todoruleid", "deepok": "todook"}
_LOOKS_LIKE_RULES = re.compile(r"^rules\s*:", re.MULTILINE)
_DIRECTORY = {"hcl": "terraform", "sh": "bash"}


def import_semgrep(source: Path, taken: Mapping[str, str] | None = None) -> Imported:
    """Every rule under `source` (a directory, or one rule file) that has a test file.

    `taken`: pattern rule ids the pack already holds, and the file (inside the pack) of each; a
    rule may replace one only by being written to the same file.
    """
    owners = dict(taken or {})
    rule_files = _rule_files(source)
    entries: list[Entry] = []
    files: dict[str, str] = {}
    for path in rule_files:
        label = str(path)
        text = _read(path, label)
        if not _LOOKS_LIKE_RULES.search(text):
            continue  # another YAML file (a workflow, a test target), not a rule file
        data = _yaml(text, label)
        items = data.get("rules") if isinstance(data, dict) else None
        if not isinstance(items, list):
            continue
        tests = _tests_beside(path, set(rule_files))
        written, file_entries = _convert_file(path, label, items, tests, owners)
        entries.extend(file_entries)
        clash = next((name for name in written if name in files), None)
        if clash:
            entries[-len(file_entries) :] = [
                Entry(False, e.rule, f"its file {clash} is already written for another rule")
                if e.imported
                else e
                for e in file_entries
            ]
            continue
        files.update(written)
    return Imported(tuple(entries), tuple(files.items()))


def _convert_file(
    path: Path,
    label: str,
    items: list[Any],
    tests: list[Path],
    owners: dict[str, str],
) -> tuple[dict[str, str], list[Entry]]:
    """The files one source rule file becomes, and an entry for each of its rules."""
    stem = path.name.rsplit(".", 1)[0]
    texts: dict[Path, str] = {}
    for test in tests:
        with contextlib.suppress(OSError, UnicodeDecodeError):  # as if absent: reported below
            texts[test] = test.read_text("utf-8")
    converted: list[tuple[str, dict[str, Any], list[str]]] = []
    entries: list[Entry | None] = []
    for index, item in enumerate(items):
        result = _convert(item, f"rules[{index}]", stem, list(texts.values()))
        if isinstance(result, Entry):
            entries.append(result)
            continue
        converted.append((str(item["id"]), *result))
        entries.append(None)
    if not converted:
        return {}, [e for e in entries if e is not None]
    directory = str(converted[0][1]["id"]).split(".")[1]
    name = str(converted[0][1]["id"]).split(".")[2] if len(converted) == 1 else _name(stem)
    target = f"patterns/{directory}/{name}.yaml"
    kept: list[tuple[str, dict[str, Any], list[str]]] = []
    done = iter(converted)
    for i, entry in enumerate(entries):
        if entry is not None:
            continue
        original, rule, notes = next(done)
        owner = owners.get(rule["id"])
        if owner is not None and owner != target:
            entries[i] = Entry(False, original, f"id {rule['id']} is already defined in {owner}")
            continue
        owners[rule["id"]] = target
        kept.append((original, rule, notes))
        entries[i] = Entry(True, rule["id"], target, tuple(notes))
    final = [e for e in entries if e is not None]
    if not kept:
        return {}, final
    mapping = {original: rule["id"] for original, rule, _ in kept}
    written = {target: dump({"rules": [rule for _, rule, _ in kept]})}
    for test, text in texts.items():
        suffix = test.name[len(stem) :]
        if suffix.endswith(".yaml") and not suffix.endswith(".test.yaml"):
            suffix = suffix[: -len(".yaml")] + ".test.yaml"  # else it would load as a rule file
        written[f"patterns/{directory}/{name}{suffix}"] = rewrite_annotations(text, mapping)
    return written, final


def _convert(
    item: Any, where: str, stem: str, tests: list[str]
) -> Entry | tuple[dict[str, Any], list[str]]:
    if not isinstance(item, dict) or not isinstance(item.get("id"), str):
        return Entry(False, where, "not a rule with an id")
    original = item["id"]
    message = item.get("message")
    if not isinstance(message, str) or not message.strip():
        return Entry(False, original, "no message (tollgate shows it as the finding's text)")
    languages = item.get("languages")
    if not isinstance(languages, list) or not languages:
        return Entry(False, original, "no languages")
    unknown = [str(x) for x in languages if not isinstance(x, str) or not supported(x)]
    if unknown:
        return Entry(False, original, f"language {unknown[0]!r} is not supported by tollgate")
    if not any(_covers(x) for x in languages):
        names = ", ".join(languages)
        return Entry(False, original, f"{names}: names no file type tollgate hands to semgrep")
    if item.get("mode") == "join":
        return Entry(False, original, "join mode spans files; tollgate runs one change at a time")
    prefilter = (item.get("metadata") or {}).get("prefilter", [])
    if not isinstance(prefilter, list) or not all(isinstance(p, str) and p for p in prefilter):
        return Entry(False, original, "metadata prefilter is not a list of non-empty strings")
    if not tests:
        return Entry(False, original, f"no test file beside it (semgrep's {stem}.<ext>)")
    marks = [m for text in tests for m in _ANNOTATION.finditer(text)]
    kinds = {m.group("kind") for m in marks if _refers(m.group("ids"), original)}
    if "ruleid" not in kinds:
        return Entry(False, original, "its test files mark no `ruleid:` line for it")
    notes = [] if "ok" in kinds else ["its test files mark no `ok:` line: pack test wants one"]
    directory = _directory(languages[0])
    name = _name(original)
    if not name:
        return Entry(False, original, "no letter or digit in the id to name a tollgate rule after")
    meta = fill(item)
    metadata = dict(item.get("metadata") or {})
    metadata.update(
        severity=meta.severity.label,
        confidence=meta.confidence.label,
        category=meta.category,
        cwe=meta.cwe,
        references=list(meta.references),
    )
    metadata["imported-from"] = f"semgrep rule {original}"
    rule: dict[str, Any] = {"id": f"patterns.{directory}.{name}"}
    rule.update((k, v) for k, v in item.items() if k != "id")
    rule["severity"] = SEMGREP_SEVERITY[meta.severity]
    rule["metadata"] = metadata
    return rule, [*notes, *meta.notes]


def rewrite_annotations(text: str, mapping: Mapping[str, str]) -> str:
    """Point every test annotation at the new ids; annotations of rules not imported are voided."""

    def replace(match: re.Match[str]) -> str:
        ids = [i.strip() for i in match.group("ids").split(",")]
        new = [n for n in (_lookup(i, mapping) for i in ids) if n]
        lead, kind = match.group("lead"), match.group("kind")
        if not new:
            return f"{lead}(not imported: {', '.join(ids)})"
        return f"{lead}{_KINDS.get(kind, kind)}: {', '.join(dict.fromkeys(new))}"

    return _ANNOTATION.sub(replace, text)


def _lookup(annotated: str, mapping: Mapping[str, str]) -> str | None:
    """An id as annotated: the rule's own, or the registry's dotted form ending in it."""
    if annotated in mapping:
        return mapping[annotated]
    return next((new for old, new in mapping.items() if annotated.endswith("." + old)), None)


def _refers(ids: str, original: str) -> bool:
    return any(i.strip() == original or i.strip().endswith("." + original) for i in ids.split(","))


def _covers(language: str) -> bool:
    name = ALIASES.get(language, language)
    return name == "dockerfile" or bool(SUFFIXES.get(name))


def _directory(language: str) -> str:
    name = ALIASES.get(language, language)
    return _DIRECTORY.get(name, name)


def _name(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def _rule_files(source: Path) -> list[Path]:
    if source.is_file():
        return [source]
    if not source.is_dir():
        raise TollgateError(f"{source}: no such directory of semgrep rules")
    found = []
    for path in sorted(source.rglob("*")):
        parts = path.relative_to(source).parts
        if any(part.startswith(".") for part in parts) or path.suffix not in (".yaml", ".yml"):
            continue
        if ".test." in path.name or ".fixed." in path.name or not path.is_file():
            continue
        found.append(path)
    return found


def _tests_beside(path: Path, rule_files: set[Path]) -> list[Path]:
    stem = path.name.rsplit(".", 1)[0]
    return sorted(
        p
        for p in path.parent.iterdir()
        if p.is_file()
        and p.name.startswith(f"{stem}.")
        and p not in rule_files
        and ".fixed." not in p.name
    )


def _read(path: Path, label: str) -> str:
    try:
        return path.read_text("utf-8")
    except UnicodeDecodeError:
        raise TollgateError(f"{label}: not valid UTF-8") from None
    except OSError as exc:
        raise TollgateError(f"{label}: cannot read: {exc.strerror}") from None


def _yaml(text: str, label: str) -> Any:
    import yaml  # noqa: PLC0415 - only the import command reads semgrep's YAML this way

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    try:
        return yaml.load(text, Loader=loader)
    except yaml.MarkedYAMLError as exc:
        line = exc.problem_mark.line + 1 if exc.problem_mark else 0
        raise TollgateError(f"{label}:{line}: invalid YAML: {exc.problem}") from None
    except yaml.YAMLError as exc:
        raise TollgateError(f"{label}: invalid YAML: {exc}") from None


def dump(data: Any) -> str:
    """YAML as people write rules: keys in their order, multi-line strings as `|` blocks."""
    import yaml  # noqa: PLC0415

    class Dumper(yaml.SafeDumper):
        pass

    def text(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
        style = "|" if "\n" in value else None
        return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)

    Dumper.add_representer(str, text)
    return yaml.dump(data, Dumper=Dumper, sort_keys=False, allow_unicode=True, width=100)
