"""The 1-manifest scenarios' repository, a small service with every kind of manifest, and the
change each scenario stages."""

from __future__ import annotations

import json
import random
from collections.abc import Callable

from bench_patterns import ModuleGen, python_text
from bench_secrets import _VERBS, _WORDS
from pins_dockerfiles import change_dockerfile, dockerfile
from pins_gomod import GO_MAIN, change_go_mod, go_mod, go_sum
from pins_npm import NPM_BUMPS, NPM_DEV, NPM_PROD, NpmManifest, NpmTree, grow_lock
from pins_precommit import PRE_COMMIT, change_pre_commit
from pins_refs import Refs
from pins_requirements import DEV_REQUIREMENTS, PYPI_ADDED, change_requirements, requirements
from pins_workflows import change_workflow, workflow

WEB_LOCK_BYTES = 300_000  # a small web app's lockfile: ~600 packages


def web_app(rng: random.Random) -> tuple[NpmManifest, str]:
    tree = NpmTree(rng)
    prod = ("@tanstack/react-query", "axios", "clsx", "react", "react-dom")
    dev = ("@types/react", "eslint", "prettier", "typescript", "vite", "vitest")
    for name in (*prod, *dev):
        tree.package(name, {**NPM_PROD, **NPM_DEV}[name], "MIT")
    scripts = {"dev": "vite", "build": "tsc -b && vite build", "test": "vitest run",
               "lint": "eslint src"}  # fmt: skip
    manifest = NpmManifest(
        "app-web", "1.4.0", {"private": True, "type": "module", "scripts": scripts},
        {n: "^" + NPM_PROD[n] for n in prod}, {n: "^" + NPM_DEV[n] for n in dev},
    )  # fmt: skip
    return manifest, grow_lock(tree, manifest, {}, WEB_LOCK_BYTES)


def change_package_json(text: str) -> str:
    """A version bump, a script, a range bumped past the lockfile, a range and an exact version
    the lockfile does not have: what `npm install` would have fixed, had it been run."""
    data = json.loads(text)
    data["version"] = "1.5.0"
    data["scripts"]["typecheck"] = "tsc --noEmit"
    deps = data["dependencies"]
    deps.update(axios="^" + NPM_BUMPS["axios"], dayjs="^" + NPM_PROD["dayjs"], zod="3.23.8")
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
    files["requirements-dev.txt"] = DEV_REQUIREMENTS
    manifest, lock = web_app(rng)
    files["web/package.json"], files["web/package-lock.json"] = manifest.text(), lock
    files["web/src/main.ts"] = ts_module(rng)
    files["Dockerfile"] = dockerfile(refs, "python", "app", "python:3.12-slim-bookworm")
    files["docker-compose.yml"] = _COMPOSE
    files[".github/workflows/ci.yml"] = workflow(refs, "CI", "push-pr", ("test", "lint"), True)
    files[".github/workflows/release.yml"] = workflow(
        refs, "Release", "release", ("build", "publish"), False
    )
    files[".pre-commit-config.yaml"] = PRE_COMMIT
    files["tools/go.mod"], files["tools/go.sum"] = go_mod(), go_sum()
    files["tools/main.go"] = GO_MAIN
    return files


ONE_MANIFEST_CHANGES: dict[str, tuple[str, Callable[[str], str]]] = {
    "1-manifest-requirements": (
        "requirements.txt",
        lambda text: change_requirements(text, random.Random(1), PYPI_ADDED[:3]),
    ),
    "1-manifest-npm": ("web/package.json", change_package_json),
    "1-manifest-dockerfile": ("Dockerfile", change_dockerfile),
    "1-manifest-workflow": (".github/workflows/ci.yml", change_workflow),
    "1-manifest-precommit": (".pre-commit-config.yaml", change_pre_commit),
    "1-manifest-gomod": ("tools/go.mod", change_go_mod),
}
