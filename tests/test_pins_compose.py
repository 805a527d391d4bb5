"""The compose ecosystem: the images of Docker Compose services. The parser is tested directly for
the syntax cases; real repositories for what a commit is responsible for, the strict profile and
malformed files."""

from __future__ import annotations

import pytest

from tests.conftest import Repo
from tests.conftest import pins_scan as scan
from tollgate.checks.pins.ecosystems import compose
from tollgate.checks.pins.model import Files, Ref
from tollgate.pack.model import PinSettings

DIGEST = "sha256:" + "0f1e2d3c4b5a6978" * 4
COMPOSE = "compose.yaml"


def analyse(text: str) -> list[Ref]:
    analysis = compose.analyse(Files(COMPOSE, text, {}), PinSettings())
    assert analysis.notes == []
    return analysis.refs


def found(text: str) -> list[tuple[str, int, int]]:
    return [(r.rule.removeprefix("pins.compose."), r.line, r.column) for r in analyse(text)]


def service(image: str) -> str:
    return f"services:\n  app:\n    image: {image}\n"


@pytest.mark.parametrize(
    ("path", "judged"),
    [
        ("compose.yaml", True),
        ("compose.yml", True),
        ("docker-compose.yml", True),
        ("docker-compose.yaml", True),
        ("deploy/docker-compose.prod.yml", True),
        ("compose.override.yaml", True),
        ("docker-compose.yml.j2", False),
        ("my-compose.yml", False),
        ("compose.json", False),
        ("kustomization.yaml", False),
    ],
)
def test_manifests(path: str, judged: bool) -> None:
    assert compose.manifests(path) == ((path,) if judged else ())
    assert compose.context(path) == ()


@pytest.mark.parametrize(
    ("image", "kind"),
    [
        ("redis", "image-floating"),
        ("nginx:latest", "image-floating"),
        ("ghcr.io/example/worker:edge", "image-floating"),
        ("postgres:16.3", "image-no-digest"),
        ("registry.example.com:5000/mirror/redis:7.2", "image-no-digest"),
        (f"postgres:16.3@{DIGEST}", None),
        (f"postgres@{DIGEST}", None),
        ("$APP_IMAGE", None),
        ("${APP_IMAGE}", None),
        ("example/app:${TAG:?set TAG}", None),
        ("example/app:${TAG:+other}", None),
        ("example/app:$$literal", None),
    ],
)
def test_service_images(image: str, kind: str | None) -> None:
    assert found(service(image)) == ([(kind, 3, 12)] if kind else [])


def test_a_variable_default_is_judged_and_the_detail_says_so() -> None:
    [ref] = analyse(service('"postgres:${PG_TAG:-latest}"'))
    assert (ref.rule, ref.line, ref.column) == ("pins.compose.image-floating", 3, 12)
    assert ref.name == "postgres"
    assert ref.detail.startswith("`postgres:latest`")
    assert "`postgres:${PG_TAG:-latest}` with its variables unset" in ref.detail
    assert found(service("postgres:${PG_TAG-16.3}")) == [("image-no-digest", 3, 12)]
    assert found(
        service("${REGISTRY:-docker.io}/library/${NAME:-redis}:${TAG:-${FALLBACK:-edge}}")
    ) == [("image-floating", 3, 12)]
    assert found(service(f"postgres:${{PG_TAG:-16.3@{DIGEST}}}")) == []


def test_a_service_that_builds_is_never_flagged() -> None:
    text = (
        "services:\n"
        "  web:\n    build: .\n    image: example/web:latest\n"
        "  api:\n    build:\n      context: ./api\n    image: example/api\n"
        "  db:\n    image: postgres\n"
    )
    assert found(text) == [("image-floating", 10, 12)]


def test_anchors_merges_and_extension_fields() -> None:
    text = (
        "x-worker: &worker\n  image: example/worker:edge\n  restart: always\n"  # 2
        "x-unused:\n  image: nginx:latest\n"
        "x-build: &build\n  build: .\n"
        "services:\n"
        "  a:\n    <<: *worker\n"
        "  b:\n    <<: *worker\n"
        "  c:\n    <<: *worker\n    image: example/worker:1.2\n"  # 15: the explicit key wins
        "  d:\n    <<: *build\n    image: example/local\n"
    )
    assert found(text) == [("image-floating", 2, 10), ("image-no-digest", 15, 12)]


def test_the_declaration_is_the_line_without_its_comment() -> None:
    [ref] = analyse("services:\n  app:\n    image: redis  # tollgate: ignore[x] reason\n")
    assert ref.text == "image: redis"


def test_odd_shapes_and_several_documents_do_not_crash() -> None:
    text = (
        "services: [a, b]\n---\nservices:\n  a: a string\n  b:\n    image: [x]\n"
        "  c:\n    image: redis\n---\n- a list\n---\nversion: '3'\n"
    )
    assert found(text) == [("image-floating", 8, 12)]


def test_malformed_yaml_is_a_note_with_its_line() -> None:
    analysis = compose.analyse(
        Files(COMPOSE, "services:\n  a:\n    image: [x\n", {}), PinSettings()
    )
    assert analysis.refs == []
    [note] = analysis.notes
    assert (note.path, note.line) == (COMPOSE, 3)
    assert note.message.startswith("invalid YAML: ")


# ---- end to end ------------------------------------------------------------------------------


BEFORE = """\
services:
  web:
    build: .
    image: example/web:latest
  cache:
    image: redis
  db:
    image: postgres:16.3
"""


def test_a_new_compose_file_reports_each_floating_image(repo: Repo) -> None:
    repo.stage("docker-compose.yml", BEFORE)
    code, rows, _ = scan(repo)
    assert (code, rows) == (1, [("docker-compose.yml", 6, "pins.compose.image-floating", "medium")])


def test_only_the_lines_a_commit_changes_are_reported(repo: Repo) -> None:
    repo.stage("docker-compose.yml", BEFORE)
    repo.commit()
    # `cache` floats and is untouched; the changed `db` line floats now.
    repo.stage("docker-compose.yml", BEFORE.replace("postgres:16.3", "postgres:latest"))
    assert scan(repo)[:2] == (
        1,
        [("docker-compose.yml", 8, "pins.compose.image-floating", "medium")],
    )
    repo.stage("docker-compose.yml", BEFORE.replace("build: .", "build: ./web"))
    assert scan(repo)[:2] == (0, [])


def test_the_strict_profile_asks_for_digests(repo: Repo) -> None:
    repo.stage(
        "compose.prod.yaml",
        f"services:\n  db:\n    image: postgres:16.3\n  c:\n    image: redis@{DIGEST}\n",
    )
    assert scan(repo)[:2] == (0, [])
    repo.write(".tollgate.toml", '[pins]\nprofile = "strict"\n')
    assert scan(repo)[:2] == (
        1,
        [("compose.prod.yaml", 3, "pins.compose.image-no-digest", "medium")],
    )


def test_a_malformed_compose_file_is_a_warning(repo: Repo) -> None:
    repo.stage("compose.yaml", "services:\n  db:\n    image: 'postgres\n")
    code, rows, err = scan(repo)
    assert (code, rows) == (0, [])
    [warning] = [line for line in err.splitlines() if "warning" in line]
    assert warning.startswith("tollgate: warning: compose.yaml:3: invalid YAML: ")
