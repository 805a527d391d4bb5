"""The 100-manifest scenario's npm-workspaces monorepo, its ~5 MB lockfile, and a round of
dependency bumps across it."""

from __future__ import annotations

import random
from collections.abc import Mapping
from dataclasses import dataclass

from bench_patterns import ModuleGen, python_text
from pins_app import ts_module
from pins_dockerfiles import change_service_dockerfile, dockerfile
from pins_npm import (
    NPM_ADDED,
    NPM_BUMPS,
    NPM_DEV,
    NPM_PROD,
    NpmManifest,
    NpmTree,
    bump_spec,
    grow_lock,
    lock_text,
    mark_dev,
)
from pins_refs import Refs
from pins_requirements import PYPI_ADDED, change_requirements, requirements
from pins_workflows import workflow

# The monorepo's committed package-lock.json: ~5.1 MB (4.9 MiB), so the staged one (a little
# larger) stays under the secrets check's default max_file_size of 5 MiB and is scanned like any
# other file; the bench fails if it does not.
LOCK_BYTES = 5_050_000
WORKSPACES = 90
STAGED_WORKSPACES = 86
SERVICES = 7  # each with a requirements.txt and a Dockerfile: 86 + 2 x 7 = 100 staged manifests

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
        deps = {n: "^" + NPM_PROD[n] for n in rng.sample(sorted(NPM_PROD), rng.randint(2, 6))}
        deps.update((lib, "*") for lib in rng.sample(libs, min(len(libs), rng.randint(0, 2))))
        dev = {n: "^" + NPM_DEV[n] for n in rng.sample(sorted(NPM_DEV), rng.randint(2, 4))}
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
        for name, version in NPM_BUMPS.items():
            if name in deps:
                deps[name] = bump_spec(deps[name], version)
                bumped = True
    if not bumped:
        new.deps[NPM_ADDED[0]] = "^" + NPM_ADDED[1]
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
        {n: "^" + NPM_DEV[n] for n in ("eslint", "prettier", "typescript")},
        {"engines": {"node": ">=20"}},
    )  # fmt: skip
    tree = NpmTree(rng)
    used = {n for m in (root, *members.values()) for n in (*m.deps, *m.dev_deps)}
    for name, version in {**NPM_PROD, **NPM_DEV}.items():
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
    for name, version in NPM_BUMPS.items():
        pkg = tree.hoisted[name]
        pkg.version = version
        new = tree.new()  # the new release brings a dependency of its own
        pkg.deps[new.name] = tree.spec(new.version)
    if any(NPM_ADDED[0] in m.deps for m in members.values()):
        tree.package(*NPM_ADDED, "Apache-2.0")
    mark_dev(tree, root, members)
    staged["package-lock.json"] = lock_text(tree, root, members)
    for path, text in committed.items():
        if path.startswith("services/") and path.endswith("/requirements.txt"):
            staged[path] = change_requirements(text, rng, [rng.choice(PYPI_ADDED)])
        elif path.startswith("services/") and path.endswith("/Dockerfile"):
            staged[path] = change_service_dockerfile(text)
    return staged
