"""The pins check's work: judge the manifests a change set touches, keep what it introduced.

Each ecosystem module parses its manifests and reports every declaration that floats, with its
exact line; this module decides what the change is responsible for (the lines it adds, or a
lockfile change that leaves a declaration out of sync) and applies the pack's policy (profile,
exceptions) to what is left.
"""

from __future__ import annotations

from typing import NamedTuple

from tollgate.changes import ChangeSet
from tollgate.checks.pins.ecosystems import ECOSYSTEMS
from tollgate.checks.pins.model import Files, Note, Ref
from tollgate.checks.pins.plan import Target, plan
from tollgate.checks.result import Checked
from tollgate.findings import Finding, fingerprint
from tollgate.pack.model import Pack, PinRule, PinSettings

NAME = "pins"
# Context files (lockfiles) are read up to this size; a larger one is named in a warning and the
# manifest is judged as if it had no lockfile.
CONTEXT_LIMIT = 64 * 1024 * 1024


class Judged(NamedTuple):
    target: Target
    ref: Ref
    rule: PinRule
    text: str  # the manifest's text
    # For a manifest judged only because its lockfile changed: the declaration did not float
    # with the lockfile as it was before the change.
    fresh: bool = True


def run(changes: ChangeSet, pack: Pack) -> Checked:
    if not pack.pins:
        return Checked([])
    judged, warnings = judge(changes, pack)
    findings: list[Finding] = []
    lines: dict[tuple[str, str], list[str]] = {}
    for item in judged:
        if not _introduced(item):
            continue
        key = (item.target.commit, item.target.manifest)
        if key not in lines:
            lines[key] = item.text.splitlines()
        finding = _suppressed(_finding(item.ref, item.rule, item.target), lines[key])
        if finding is not None:
            findings.append(finding)
    return Checked(findings, warnings)


def judge(changes: ChangeSet, pack: Pack) -> tuple[list[Judged], tuple[str, ...]]:
    """Every floating declaration of the manifests the change set touches, under the policy.

    All of each manifest, not only the changed lines: `run` keeps what the change introduced,
    `tollgate fix pins` fixes whatever it can.
    """
    targets = plan(changes.changes, changes.skipped, changes.touched)
    if not targets:
        return [], ()
    others, warnings = _context(targets, changes)
    members = _members(targets, changes, others)
    if members:
        more, also = _context(members, changes, others)
        others.update(more)
        warnings += also
        targets += members
    included = _included(targets, changes, others)
    rules = {rule.id: rule for rule in pack.pins}
    judged: list[Judged] = []
    for target in targets:
        text = target.manifest_text(others)
        if text is None:
            continue  # a lockfile without its manifest: nothing declares anything
        ecosystem = ECOSYSTEMS[target.ecosystem]
        context = _files_of(target, target.commit, others)
        context |= {p: others.get((target.commit, p)) for p in included.get(target, ())}
        files = Files(target.manifest, text, context)
        analysis = ecosystem.analyse(files, pack.pin_settings)
        warnings.extend(_note(n) for n in analysis.notes)
        before: set[tuple[str, int, str]] | None = None
        if target.change is None and target.lockfile_changed:
            old = Files(target.manifest, text, _files_of(target, _parent(target.commit), others))
            before = {
                (r.rule, r.line, r.text) for r in ecosystem.analyse(old, pack.pin_settings).refs
            }
        for ref in analysis.refs:
            rule = rules.get(ref.rule)
            if rule is not None and _applies(rule, ref, pack.pin_settings):
                fresh = before is None or (ref.rule, ref.line, ref.text) not in before
                judged.append(Judged(target, ref, rule, text, fresh))
    return judged, tuple(dict.fromkeys(warnings))


def _parent(commit: str) -> str:
    """Where the files were before the change: HEAD for the index, the parent for a commit."""
    return f"{commit}^" if commit else "HEAD"


def _note(note: Note) -> str:
    return (
        f"{note.path}:{note.line}: {note.message}" if note.line else f"{note.path}: {note.message}"
    )


def _members(
    targets: list[Target], changes: ChangeSet, others: dict[tuple[str, str], str | None]
) -> list[Target]:
    """Workspace members' manifests judged again because their root lockfile changed."""
    from tollgate.checks.pins.ecosystems import MEMBERS  # noqa: PLC0415

    known = {(t.ecosystem, t.manifest, t.commit) for t in targets}
    changed = {(c.commit, c.path): c for c in changes.changes}
    triggers = [*changed, *((s.commit, s.path) for s in changes.skipped), *changes.touched]
    found: list[Target] = []
    for commit, path in dict.fromkeys(triggers):
        for name, members in MEMBERS.items():
            if ECOSYSTEMS[name].manifests(path) in ((), (path,)):
                continue  # not one of this ecosystem's lockfiles
            text = others.get((commit, path))
            for manifest in members(path, text) if text else ():
                if (name, manifest, commit) not in known:
                    known.add((name, manifest, commit))
                    change = changed.get((commit, manifest))
                    found.append(Target(name, manifest, commit, change, True))
    return found


def _included(
    targets: list[Target], changes: ChangeSet, others: dict[tuple[str, str], str | None]
) -> dict[Target, tuple[str, ...]]:
    """The further files each manifest names (`-c` constraint files), read into `others`."""
    from tollgate.checks.pins.ecosystems import INCLUDES  # noqa: PLC0415

    found: dict[Target, tuple[str, ...]] = {}
    for target in targets:
        includes = INCLUDES.get(target.ecosystem)
        text = target.manifest_text(others) if includes else None
        if includes and text:
            found[target] = includes(target.manifest, text)
    wanted = {(t.commit, p) for t, paths in found.items() for p in paths} - others.keys()
    if wanted and changes.snapshot is not None:
        for key, value in changes.snapshot.read(sorted(wanted), CONTEXT_LIMIT).items():
            others[key] = value if isinstance(value, str) else None
    return found


def _context(
    targets: list[Target],
    changes: ChangeSet,
    known: dict[tuple[str, str], str | None] | None = None,
) -> tuple[dict[tuple[str, str], str | None], list[str]]:
    """Every file the targets need that the change set (or `known`) does not hold, in one batch."""
    held = {(c.commit, c.path): c.text for c in changes.changes} | (known or {})
    wanted = {
        (t.commit, path)
        for t in targets
        for path in (t.manifest, *ECOSYSTEMS[t.ecosystem].context(t.manifest))
        if (t.commit, path) not in held
    }
    # A manifest judged because its lockfile changed is also judged against the old lockfile.
    wanted |= {
        (_parent(t.commit), path)
        for t in targets
        if t.change is None and t.lockfile_changed
        for path in ECOSYSTEMS[t.ecosystem].context(t.manifest)
    }
    others: dict[tuple[str, str], str | None] = dict(held)
    warnings: list[str] = []
    if wanted and changes.snapshot is not None:
        for key, value in changes.snapshot.read(sorted(wanted), CONTEXT_LIMIT).items():
            if isinstance(value, int):
                warnings.append(
                    f"{key[1]}: not read for the pins check, larger than {CONTEXT_LIMIT} bytes "
                    f"({value} bytes); the manifests beside it are judged without it"
                )
            others[key] = None if isinstance(value, int) else value
    return others, warnings


def _files_of(
    target: Target, commit: str, others: dict[tuple[str, str], str | None]
) -> dict[str, str | None]:
    paths = ECOSYSTEMS[target.ecosystem].context(target.manifest)
    return {path: others.get((commit, path)) for path in paths}


def _applies(rule: PinRule, ref: Ref, settings: PinSettings) -> bool:
    if rule.profile == "strict" and settings.profile != "strict":
        return False
    from tollgate.policy import path_matches  # noqa: PLC0415

    return not any(path_matches(ref.name, glob) for glob in (*rule.allow, *settings.allow))


def _introduced(item: Judged) -> bool:
    """Is the change responsible for this declaration floating?"""
    change = item.target.change
    if change is None:
        return item.target.lockfile_changed and item.fresh
    if item.ref.lock and item.target.lockfile_changed:
        return True
    return any(change.touches(line, line) for line in (item.ref.line, *item.ref.related))


def _suppressed(finding: Finding, lines: list[str]) -> Finding | None:
    """`tollgate: ignore[pins.x.y] reason` on the line or a comment line before it."""
    at = finding.line - 1
    line = lines[at] if at < len(lines) else ""
    before = lines[at - 1] if 0 < at <= len(lines) else ""
    if "tollgate" not in line and "tollgate" not in before:  # the marker names us
        return finding
    from tollgate.ignore import native_suppression  # noqa: PLC0415

    verdict = native_suppression(line, before, finding.rule, NAME)
    if verdict.suppressed:
        return None
    if verdict.refusal:
        return finding._replace(
            message=f"{finding.message} (suppression refused: {verdict.refusal})"
        )
    return finding


def _finding(ref: Ref, rule: PinRule, target: Target) -> Finding:
    from tollgate.checks.pins.excerpt import excerpt  # noqa: PLC0415

    shown = excerpt(ref.text)
    return Finding(
        check=NAME,
        rule=rule.id,
        severity=rule.severity,
        path=target.manifest,
        line=ref.line,
        column=ref.column,
        end_line=ref.line,
        message=f"{rule.title}: {ref.detail}" if ref.detail else rule.title,
        excerpt=shown,
        fingerprint=fingerprint(rule.id, target.manifest, " ".join(shown.split())),
        fix=ref.fix or rule.fix,
        commit=target.commit,
    )
