"""GitHub workflows for the pins bench, built from jobs and steps, and a developer's edit to one."""

from __future__ import annotations

import textwrap
from collections.abc import Sequence

from pins_refs import Refs, pinned_action, sub_once

_TRIGGERS = {
    "push-pr": "on:\n  push:\n    branches: [main]\n  pull_request:\n    branches: [main]",
    "web": 'on:\n  push:\n    branches: [main]\n    paths: ["web/**"]\n  pull_request:\n'
    '    paths: ["web/**"]',
    "tags": 'on:\n  push:\n    branches: [main]\n    tags: ["v*"]\n  pull_request:',
    "release": "on:\n  release:\n    types: [published]",
    "codeql": "on:\n  push:\n    branches: [main]\n  pull_request:\n    branches: [main]\n"
    '  schedule:\n    - cron: "23 4 * * 1"',
    "main": "on:\n  push:\n    branches: [main]\n  workflow_dispatch:",
    "nightly": 'on:\n  schedule:\n    - cron: "17 3 * * *"\n  workflow_dispatch:',
    "stale": 'on:\n  schedule:\n    - cron: "30 1 * * *"',
}
_STEPS = {
    "checkout": "- uses: <<actions/checkout>>\n  with:\n    persist-credentials: false",
    "checkout-full": "- uses: <<actions/checkout>>\n  with:\n    fetch-depth: 0\n"
    "    persist-credentials: false",
    "setup-python-matrix": "- uses: <<actions/setup-python>>\n  with:\n"
    "    python-version: ${{ matrix.python-version }}\n    cache: pip",
    "setup-python": '- uses: <<actions/setup-python>>\n  with:\n    python-version: "3.12"\n'
    "    cache: pip",
    "pip-install": "- name: Install dependencies\n  run: |\n"
    "    python -m pip install --upgrade pip\n"
    "    python -m pip install -r requirements.txt -r requirements-dev.txt",
    "pytest": "- name: Run tests\n  run: python -m pytest -q --cov=src --cov-report=xml",
    "codecov": "- uses: <<codecov/codecov-action>>\n  with:\n    files: coverage.xml\n"
    "    fail_ci_if_error: false",
    "setup-node": "- uses: <<actions/setup-node>>\n  with:\n    node-version: 20\n    cache: npm",
    "npm-ci": "- run: npm ci",
    "npm-build": "- run: npm run build --if-present",
    "npm-test": "- run: npm test",
    "pre-commit": "- name: Run pre-commit\n  run: |\n    python -m pip install pre-commit\n"
    "    pre-commit run --all-files --show-diff-on-failure",
    "buildx": "- uses: <<docker/setup-buildx-action>>",
    "docker-login": "- uses: <<docker/login-action>>\n  with:\n    registry: ghcr.io\n"
    "    username: ${{ github.actor }}\n    password: ${{ secrets.GITHUB_TOKEN }}",
    "docker-meta": "- id: meta\n  uses: <<docker/metadata-action>>\n  with:\n"
    "    images: ghcr.io/${{ github.repository }}\n    tags: |\n      type=ref,event=branch\n"
    "      type=semver,pattern={{version}}\n      type=sha",
    "docker-build": "- uses: <<docker/build-push-action>>\n  with:\n    context: .\n"
    "    push: ${{ github.event_name != 'pull_request' }}\n"
    "    tags: ${{ steps.meta.outputs.tags }}\n    labels: ${{ steps.meta.outputs.labels }}\n"
    "    cache-from: type=gha\n    cache-to: type=gha,mode=max",
    "build-dist": "- name: Build the sdist and wheel\n  run: |\n    python -m pip install build\n"
    "    python -m build",
    "upload-dist": "- uses: <<actions/upload-artifact>>\n  with:\n    name: dist\n    path: dist/\n"
    "    if-no-files-found: error",
    "download-dist": "- uses: <<actions/download-artifact>>\n  with:\n    name: dist\n"
    "    path: dist/",
    "pypi-publish": "- uses: <<pypa/gh-action-pypi-publish>>",
    "codeql-init": "- uses: <<github/codeql-action/init>>\n  with:\n"
    "    languages: ${{ matrix.language }}",
    "codeql-analyze": "- uses: <<github/codeql-action/analyze>>\n  with:\n"
    '    category: "/language:${{ matrix.language }}"',
    "setup-go": "- uses: <<actions/setup-go>>\n  with:\n    go-version-file: tools/go.mod",
    "go-test": "- run: go test -race ./...",
    "golangci": "- uses: <<golangci/golangci-lint-action>>\n  with:\n    version: v1.61\n"
    "    working-directory: tools",
    "docs-build": "- name: Build the docs\n  run: |\n"
    "    python -m pip install -r docs/requirements.txt\n    mkdocs build --strict",
    "pages-upload": "- uses: <<actions/upload-pages-artifact>>\n  with:\n    path: site/",
    "pages-deploy": "- id: deployment\n  uses: <<actions/deploy-pages>>",
    "integration-tests": "- name: Run the integration tests\n  env:\n"
    "    DATABASE_URL: postgresql://app@localhost:5432/app_test\n"
    "    REDIS_URL: redis://localhost:6379/0\n  run: python -m pytest -q tests/integration",
    "install-script": "- name: Install the release tool\n"
    "  run: curl -fsSL https://get.example.dev/install.sh | sh",
    "nightly-report": "- run: python -m app.reports --since 24h --format markdown",
    "stale": "- uses: <<actions/stale>>\n  with:\n    days-before-stale: 60\n"
    "    days-before-close: 14\n    stale-issue-label: stale\n    exempt-issue-labels: pinned",
}
_JOBS: dict[str, tuple[str, tuple[str, ...]]] = {  # job header, steps
    "test": (
        "test:\n  name: Python ${{ matrix.python-version }} on ${{ matrix.os }}\n"
        "  runs-on: ${{ matrix.os }}\n  timeout-minutes: 20\n  strategy:\n    fail-fast: false\n"
        "    matrix:\n      os: [ubuntu-latest, macos-latest]\n"
        '      python-version: ["3.10", "3.11", "3.12", "3.13"]',
        ("checkout", "setup-python-matrix", "pip-install", "pytest", "codecov"),
    ),
    "lint": (
        "lint:\n  runs-on: ubuntu-latest\n  timeout-minutes: 10",
        ("checkout", "setup-python", "pre-commit"),
    ),
    "web": (
        "web:\n  runs-on: ubuntu-latest\n  timeout-minutes: 15\n  defaults:\n    run:\n"
        "      working-directory: web",
        ("checkout", "setup-node", "npm-ci", "npm-build", "npm-test"),
    ),
    "docker": (
        "docker:\n  runs-on: ubuntu-latest\n  permissions:\n    contents: read\n"
        "    packages: write",
        ("checkout", "buildx", "docker-login", "docker-meta", "docker-build"),
    ),
    "build": (
        "build:\n  runs-on: ubuntu-latest",
        ("checkout-full", "setup-python", "build-dist", "upload-dist"),
    ),
    "publish": (
        "publish:\n  needs: [build]\n  runs-on: ubuntu-latest\n  environment: pypi\n"
        "  permissions:\n    id-token: write",
        ("download-dist", "pypi-publish"),
    ),
    "codeql": (
        "analyze:\n  runs-on: ubuntu-latest\n  permissions:\n    security-events: write\n"
        "  strategy:\n    fail-fast: false\n    matrix:\n"
        "      language: [python, javascript-typescript]",
        ("checkout", "codeql-init", "codeql-analyze"),
    ),
    "go": (
        "go:\n  runs-on: ubuntu-latest\n  defaults:\n    run:\n      working-directory: tools",
        ("checkout", "setup-go", "go-test", "golangci"),
    ),
    "docs": (
        "docs:\n  runs-on: ubuntu-latest",
        ("checkout", "setup-python", "docs-build", "pages-upload"),
    ),
    "pages": (
        "deploy:\n  needs: [docs]\n  runs-on: ubuntu-latest\n  permissions:\n    pages: write\n"
        "    id-token: write\n  environment:\n    name: github-pages\n"
        "    url: ${{ steps.deployment.outputs.page_url }}",
        ("pages-deploy",),
    ),
    "integration": (
        "integration:\n  runs-on: ubuntu-latest\n  services:\n    postgres:\n"
        "      image: <<postgres:16.4>>\n      env:\n        POSTGRES_DB: app_test\n"
        "        POSTGRES_USER: app\n        POSTGRES_HOST_AUTH_METHOD: trust\n"
        '      ports: ["5432:5432"]\n      options: >-\n        --health-cmd pg_isready\n'
        "        --health-interval 10s\n        --health-retries 5\n    redis:\n"
        '      image: <<redis:7.4-alpine>>\n      ports: ["6379:6379"]',
        ("checkout", "setup-python", "pip-install", "integration-tests"),
    ),
    "tools": (
        "nightly-tools:\n  runs-on: ubuntu-latest\n  timeout-minutes: 30",
        ("checkout", "install-script", "setup-python", "nightly-report"),
    ),
    "stale": (
        "stale:\n  runs-on: ubuntu-latest\n  permissions:\n    issues: write\n"
        "    pull-requests: write",
        ("stale",),
    ),
}
_CONCURRENCY = (
    "concurrency:\n  group: ${{ github.workflow }}-${{ github.ref }}\n  cancel-in-progress: true"
)


def _indent(text: str, spaces: int) -> str:
    return textwrap.indent(text, " " * spaces)


def workflow(refs: Refs, name: str, trigger: str, jobs: Sequence[str], concurrency: bool) -> str:
    parts = [f"name: {name}", _TRIGGERS[trigger], "permissions:\n  contents: read"]
    parts += [_CONCURRENCY] if concurrency else []
    body = []
    for job in jobs:
        head, steps = _JOBS[job]
        lines = [_indent(refs.fill(head), 2), "    steps:"]
        lines += [_indent(refs.fill(_STEPS[step]), 6) for step in steps]
        body.append("\n".join(lines))
    parts.append("jobs:\n" + "\n\n".join(body))
    return "\n\n".join(parts) + "\n"


# A job a developer adds to ci.yml: one action by tag, two by commit, an installer piped to sh.
_ADDED_JOB = f"""
  web:
    runs-on: ubuntu-latest
    defaults:
      run:
        working-directory: web
    steps:
      - uses: {pinned_action("actions/checkout")}
        with:
          persist-credentials: false
      - uses: actions/setup-node@v4
        with:
          node-version: 20
          cache: npm
          cache-dependency-path: web/package-lock.json
      - uses: {pinned_action("actions/cache")}
        with:
          path: ~/.cache/ms-playwright
          key: playwright-${{{{ runner.os }}}}-${{{{ hashFiles('web/package-lock.json') }}}}
      - run: npm ci
      - run: npm test
      - name: Install the release tool
        run: curl -fsSL https://get.example.dev/install.sh | sh
"""


def change_workflow(text: str) -> str:
    """The first checkout pinned to a commit, and a new job."""
    text = sub_once(
        text, r"uses: actions/checkout@[^\n]*", f"uses: {pinned_action('actions/checkout')}"
    )
    return text + _ADDED_JOB
