"""npm projects for the pins bench: package.json and the package-lock.json v3 npm would write."""

from __future__ import annotations

import base64
import collections
import dataclasses
import hashlib
import json
import random
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field

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
NPM_PROD = {
    "react": "18.3.1", "react-dom": "18.3.1", "express": "4.21.1", "zod": "3.22.4",
    "lodash": "4.17.21", "axios": "1.7.2", "dayjs": "1.11.13", "uuid": "10.0.0", "pino": "9.3.2",
    "fastify": "5.1.0", "date-fns": "4.1.0", "graphql": "16.9.0", "ioredis": "5.4.1",
    "pg": "8.13.1", "commander": "12.1.0", "chalk": "5.3.0", "@tanstack/react-query": "5.59.20",
    "ws": "8.18.0", "yaml": "2.6.0", "clsx": "2.1.1",
}  # fmt: skip
NPM_DEV = {
    "typescript": "5.5.4", "vitest": "2.0.5", "eslint": "9.14.0", "prettier": "3.3.3",
    "@types/node": "22.9.0", "@types/react": "18.3.12", "tsup": "8.3.5", "vite": "5.4.10",
}  # fmt: skip
NPM_BUMPS = {
    "zod": "3.23.8", "axios": "1.7.7", "pino": "9.5.0", "typescript": "5.6.3", "vitest": "2.1.4",
}  # fmt: skip
NPM_ADDED = ("@opentelemetry/api", "1.9.0")


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
