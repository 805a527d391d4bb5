"""What changed between two versions of a pack, rule by rule (`pack update`, `pack diff`)."""

from __future__ import annotations

from tollgate.pack.model import Pack


def rule_diff(old: Pack, new: Pack) -> list[str]:
    before = {rule.id: rule for rule in old.all_rules()}
    after = {rule.id: rule for rule in new.all_rules()}
    lines = [f"+ {i} ({after[i].severity.label})" for i in sorted(after.keys() - before.keys())]
    lines += [f"- {i} ({before[i].severity.label})" for i in sorted(before.keys() - after.keys())]
    for rule_id in sorted(before.keys() & after.keys()):
        was, now = before[rule_id].severity, after[rule_id].severity
        if was != now:
            lines.append(f"~ {rule_id}: severity {was.label} -> {now.label}")
        elif before[rule_id] != after[rule_id]:
            lines.append(f"~ {rule_id}: changed")
    return lines or ["(no rule added, removed or changed)"]
