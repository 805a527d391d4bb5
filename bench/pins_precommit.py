"""The pins bench's .pre-commit-config.yaml, and a round of hook changes to it."""

from __future__ import annotations

from pins_refs import hexdigest, sub_once

PRE_COMMIT = """\
repos:
  - repo: https://github.com/pre-commit/pre-commit-hooks
    rev: v5.0.0
    hooks:
      - id: trailing-whitespace
      - id: end-of-file-fixer
      - id: check-yaml
      - id: check-added-large-files
  - repo: https://github.com/astral-sh/ruff-pre-commit
    rev: v0.7.2
    hooks:
      - id: ruff
        args: [--fix]
      - id: ruff-format
  - repo: https://github.com/pre-commit/mirrors-mypy
    rev: v1.13.0
    hooks:
      - id: mypy
        additional_dependencies: [pydantic==2.9.2, types-requests==2.32.0.20241016]
  - repo: local
    hooks:
      - id: migrations
        name: alembic migrations are linear
        entry: python -m app.checks.migrations
        language: system
        pass_filenames: false
"""
_PRE_COMMIT_ADDED = """\
  - repo: https://github.com/codespell-project/codespell
    rev: v2.3.0
    hooks:
      - id: codespell
        additional_dependencies: [tomli]
  - repo: https://github.com/acme-corp/pre-commit-hooks
    rev: main
    hooks:
      - id: check-migrations-linear
"""


def change_pre_commit(text: str) -> str:
    """ruff bumped (a tag), mypy frozen to a commit, codespell added (a tag) and the team's own
    hooks (a branch)."""
    text = sub_once(text, r"rev: v0\.7\.2", "rev: v0.7.3")
    mypy = hexdigest("pre-commit/mirrors-mypy@v1.13.0", "sha1")
    text = sub_once(text, r"rev: v1\.13\.0", f"rev: {mypy}  # frozen: v1.13.0")
    return sub_once(text, r"  - repo: local\n", _PRE_COMMIT_ADDED + "  - repo: local\n")
