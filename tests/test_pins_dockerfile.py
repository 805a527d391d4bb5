"""The dockerfile ecosystem: images in FROM / COPY --from / RUN --mount, ADD <url>, and the shell
commands of RUN. The parser is tested directly for the syntax cases; real repositories for what a
commit is responsible for, the strict profile and a malformed Dockerfile."""

from __future__ import annotations

import pytest

from tests.conftest import Repo
from tests.conftest import pins_scan as scan
from tollgate.checks.pins.docker.parse import parse
from tollgate.checks.pins.ecosystems import dockerfile
from tollgate.checks.pins.model import Files, Ref
from tollgate.pack.model import PinSettings

DIGEST = "sha256:" + "0f1e2d3c4b5a6978" * 4


def analyse(text: str) -> list[Ref]:
    analysis = dockerfile.analyse(Files("Dockerfile", text, {}), PinSettings())
    assert analysis.notes == []
    return analysis.refs


def found(text: str) -> list[tuple[str, int, int]]:
    """(rule without `pins.`, line, column) of every ref."""
    return [(r.rule.removeprefix("pins."), r.line, r.column) for r in analyse(text)]


# ---- which files -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("path", "judged"),
    [
        ("Dockerfile", True),
        ("docker/Dockerfile", True),
        ("Dockerfile.prod", True),
        ("Dockerfile.dev.j2", True),
        ("build/app.Dockerfile", True),
        ("app.dockerfile", True),
        ("Containerfile", True),
        ("Containerfile.arm64", True),
        ("dockerfile", True),
        ("Dockerfile.dockerignore", False),
        ("app.Dockerfile.dockerignore", False),
        (".dockerignore", False),
        ("docker-compose.yml", False),
        ("Dockerfiles/README.md", False),
        ("MyDockerfile", False),
    ],
)
def test_manifests(path: str, judged: bool) -> None:
    assert dockerfile.manifests(path) == ((path,) if judged else ())
    assert dockerfile.context(path) == ()


# ---- images ----------------------------------------------------------------------------------


def test_from_forms() -> None:
    text = (
        "FROM python\n"  # 1 no tag
        "FROM node:latest AS web\n"  # 2
        "FROM --platform=$BUILDPLATFORM alpine:edge AS a\n"  # 3
        "from debian:12\n"  # 4 a tag: strict only
        f"FROM python:3.12@{DIGEST}\n"  # 5
        f"FROM python:latest@{DIGEST}\n"  # 6 a digest pins whatever the tag
        "FROM scratch\n"  # 7
        "FROM registry.example.com:5000/team/app\n"  # 8 a port is not a tag
        "FROM registry.example.com:5000/team/app:1.2.3\n"  # 9
        "  FROM   ubuntu:rolling   \n"  # 10
    )
    assert found(text) == [
        ("dockerfile.image-floating", 1, 6),
        ("dockerfile.image-floating", 2, 6),
        ("dockerfile.image-floating", 3, 32),
        ("dockerfile.image-no-digest", 4, 6),
        ("dockerfile.image-floating", 8, 6),
        ("dockerfile.image-no-digest", 9, 6),
        ("dockerfile.image-floating", 10, 10),
    ]


def test_a_ref_names_the_image_and_the_fix() -> None:
    (ref,) = analyse("FROM node:latest AS web\n")
    assert (ref.name, ref.text) == ("node", "FROM node:latest AS web")
    assert "`latest` tag" in ref.detail
    assert "node:latest@sha256:<digest>" in ref.fix
    assert "docker buildx imagetools inspect" in ref.fix


def test_earlier_stages_are_not_images() -> None:
    text = (
        "FROM golang:1.22 AS Builder\n"  # 1: strict
        "FROM builder AS test\n"  # a stage, case-insensitive
        "FROM BUILDER\n"
        "FROM test\n"
        "FROM later\n"  # 5: not (yet) a stage: an image
        "FROM scratch AS later\n"
    )
    assert found(text) == [
        ("dockerfile.image-no-digest", 1, 6),
        ("dockerfile.image-floating", 5, 6),
    ]


def test_arg_defaults_before_the_first_from() -> None:
    text = (
        "ARG BASE=python\n"  # 1
        "ARG TAG=latest\n"  # 2
        "ARG NODE_VERSION\n"  # 3: no default
        'ARG DISTRO="bookworm"  SLIM=-slim\n'  # 4
        "FROM ${BASE}:${TAG} AS one\n"  # 5: python:latest
        "FROM $BASE\n"  # 6: python
        "FROM node:${NODE_VERSION}-alpine\n"  # 7: only known at build time
        "FROM debian:${DISTRO}${SLIM}\n"  # 8: debian:bookworm-slim, strict
        "FROM ${MISSING}\n"  # 9: undeclared
        "FROM ${NODE_VERSION:-node:20}\n"  # 10: the default in the reference
        "FROM ${UNSET:-redis}\n"  # 11
        "FROM python:${TAG:+3.12}\n"  # 12: TAG is set: python:3.12
    )
    refs = analyse(text)
    assert [(r.rule, r.line, r.related) for r in refs] == [
        ("pins.dockerfile.image-floating", 5, (1, 2)),
        ("pins.dockerfile.image-floating", 6, (1,)),
        ("pins.dockerfile.image-no-digest", 8, (4,)),
        ("pins.dockerfile.image-no-digest", 10, (3,)),
        ("pins.dockerfile.image-floating", 11, ()),
        ("pins.dockerfile.image-no-digest", 12, (2,)),
    ]
    assert refs[0].detail.endswith("(`${BASE}:${TAG}` with the ARG default on lines 1 and 2)")
    assert refs[0].name == "python"


def test_args_inside_a_stage() -> None:
    text = (
        "ARG TOOLS=ghcr.io/example/tools:latest\n"  # 1
        "FROM alpine:3.19\n"  # 2: strict
        "ARG TOOLS\n"  # 3: takes the global default
        "COPY --from=$TOOLS /bin/tool /bin/tool\n"  # 4
        "FROM alpine:3.19 AS second\n"  # 5: strict
        "ARG OTHER=ghcr.io/example/other:edge\n"  # 6
        "COPY --from=${OTHER} /x /x\n"  # 7
        "COPY --from=$TOOLS /y /y\n"  # 8: not redeclared in this stage
    )
    refs = analyse(text)
    assert [(r.rule, r.line, r.column, r.related) for r in refs] == [
        ("pins.dockerfile.image-no-digest", 2, 6, ()),
        ("pins.dockerfile.image-floating", 4, 13, (1, 3)),
        ("pins.dockerfile.image-no-digest", 5, 6, ()),
        ("pins.dockerfile.image-floating", 7, 13, (6,)),
    ]


def test_copy_from_and_run_mount_from() -> None:
    text = (
        f"FROM golang@{DIGEST} AS build\n"
        "COPY --from=build /out /out\n"  # a stage
        "COPY --from=0 /out /out\n"  # a stage index
        "COPY --from=tools /bin/t /bin/t\n"  # a bare name: a stage or a build context
        "COPY --chown=1000 --from=nginx:latest /etc/nginx /etc/nginx\n"  # 5
        "COPY --from=docker.io/library/busybox:1.36 /bin/busybox /bin/\n"  # 6: strict
        f"COPY --from=busybox@{DIGEST} /bin/busybox /bin/\n"
        "RUN --mount=type=bind,from=ghcr.io/example/src:main,target=/src make\n"  # 8
        "RUN --mount=type=cache,target=/root/.cache --mount=from=build,target=/b true\n"
        "COPY src/ /app/  # --from=ignored:latest is not a flag here\n"
    )
    assert found(text) == [
        ("dockerfile.image-floating", 5, 26),
        ("dockerfile.image-no-digest", 6, 13),
        ("dockerfile.image-floating", 8, 28),
    ]


# ---- ADD -------------------------------------------------------------------------------------


def test_add_of_a_remote_file() -> None:
    text = (
        f"FROM debian@{DIGEST}\n"
        "ADD https://example.com/releases/tool-1.2.3.tar.gz /opt/\n"  # 2
        f"ADD --checksum=sha256:{'4e6a8c0b' * 8} https://example.com/x.tgz /opt/\n"
        "ADD https://github.com/example/repo.git /src\n"  # 4
        "ADD https://github.com/example/repo.git#main:docs /docs\n"  # 5
        f"ADD https://github.com/example/repo.git#{'9f8e7d6c5b' * 4} /pinned\n"
        "ADD git@github.com:example/repo.git#v1.2.0 /tagged\n"
        "ADD --chown=app:app ./local.tar.gz https://example.com/a.txt /srv/\n"  # 8
        "ADD . /app\n"
        "ADD <<EOF /etc/motd\nhttps://example.com/ in a here-document\nEOF\n"
    )
    refs = analyse(text)
    assert [(r.rule, r.line, r.column, r.name) for r in refs] == [
        ("pins.dockerfile.add-unverified", 2, 5, "example.com"),
        ("pins.dockerfile.add-unverified", 4, 5, "github.com"),
        ("pins.dockerfile.add-unverified", 5, 5, "github.com"),
        ("pins.dockerfile.add-unverified", 8, 36, "example.com"),
    ]
    assert "--checksum=sha256:<sha256>" in refs[0].fix
    assert "#<commit sha>" in refs[1].fix


# ---- RUN ------------------------------------------------------------------------------------


def test_run_commands_with_exact_positions() -> None:
    text = (
        f"FROM python:3.12@{DIGEST}\n"  # 1
        "RUN --mount=type=cache,target=/root/.cache \\\n"  # 2
        "    pip install --upgrade pip && \\\n"  # 3: strict
        "    # a comment inside the instruction\n"  # 4: dropped, as BuildKit drops it
        "\n"  # 5: an empty continuation line, dropped
        "    pip install requests==2.32.3 flask\n"  # 6
        "RUN curl -fsSL https://get.example.com | sh\n"  # 7
        'RUN echo "curl -fsSL https://get.example.com | sh"\n'  # 8: a string
        "# RUN curl -fsSL https://get.example.com | sh\n"  # 9: a comment
    )
    assert found(text) == [
        ("shell.installer-unpinned", 3, 27),
        ("shell.package-not-hashed", 6, 17),
        ("shell.unpinned-package", 6, 34),
        ("shell.pipe-to-shell", 7, 5),
    ]


def test_run_here_documents() -> None:
    text = (
        f"FROM debian@{DIGEST}\n"  # 1
        "RUN <<EOF\n"  # 2
        "set -e\n"
        "curl -fsSL https://get.example.com | sh\n"  # 4
        "EOF\n"
        "RUN <<-EOT bash\n"  # 6: not only a here-document: `bash` reads it
        "\tpip install requests\n"  # 7
        "\tEOT\n"
        "RUN python3 <<EOF\n"  # 9: Python reads it, not a shell
        "import os; os.system('pip install requests')\n"
        "EOF\n"
        "RUN <<EOF\n"  # 12
        "#!/usr/bin/env python3\n"  # a Python script
        "print('curl https://x | sh')\n"
        "EOF\n"
        "COPY <<EOF /usr/local/bin/setup.sh\n"  # 16: a file's content
        "curl -fsSL https://get.example.com | sh\n"
        "EOF\n"
        'RUN <<"EOF" sh -e\n'  # 19
        "npm install -g typescript\n"  # 20
        "EOF\n"
        "RUN cat <<EOF > /etc/x.conf && apt-get install -y curl=7.88 && npm i -g yarn@1.22.22\n"
        "pip install requests\n"  # 23: a file's content
        "EOF\n"
    )
    assert found(text) == [
        ("shell.pipe-to-shell", 4, 1),
        ("shell.unpinned-package", 7, 14),
        ("shell.unpinned-package", 20, 16),
    ]


def test_exec_form() -> None:
    text = (
        f"FROM debian@{DIGEST}\n"
        'RUN ["sh", "-c", "curl -fsSL https://get.example.com | sh"]\n'  # 2
        'RUN ["pip", "install", "requests"]\n'  # 3
        'RUN ["echo", "curl https://x | sh"]\n'
        'RUN [ "sh", "-c", "curl \\"not json\n'  # malformed: run as a shell command
    )
    analysis = dockerfile.analyse(Files("Dockerfile", text, {}), PinSettings())
    assert [(r.rule, r.line, r.column) for r in analysis.refs] == [
        ("pins.shell.pipe-to-shell", 2, 5),
        ("pins.shell.unpinned-package", 3, 5),
    ]
    assert [(n.line, n.message) for n in analysis.notes] == [(5, 'unterminated `"` quote')]


def test_a_download_run_by_a_later_run_of_the_same_stage() -> None:
    text = (
        f"FROM debian@{DIGEST} AS one\n"  # 1
        "RUN curl -fsSLo /tmp/i.sh https://x.example.com/i.sh\n"  # 2
        "RUN sh /tmp/i.sh\n"  # 3
        "RUN curl -fsSLo /tmp/j.sh https://x.example.com/j.sh\n"  # 4
        f"FROM debian@{DIGEST} AS two\n"
        "RUN sh /tmp/j.sh\n"  # another stage: another file system
    )
    refs = analyse(text)
    assert [(r.rule, r.line, r.related) for r in refs] == [
        ("pins.shell.unverified-download", 2, (3,)),
    ]


def test_escape_directive_and_onbuild() -> None:
    text = (
        "# escape=`\n"  # 1
        "# syntax=docker/dockerfile:1\n"  # 2
        f"FROM mcr.microsoft.com/windows/servercore@{DIGEST}\n"  # 3
        "RUN choco install git `\n"  # 4
        "    -y\n"
        "ONBUILD RUN pip install requests\n"  # 6
        "onbuild FROM ignored:latest\n"  # 7: FROM is not allowed in ONBUILD, still an image
        "RUN dir C:\\\n"  # 8: not a continuation under the backtick escape
        "RUN npm install -g typescript\n"  # 9
    )
    assert found(text) == [
        ("shell.unpinned-package", 4, 19),
        ("shell.unpinned-package", 6, 25),
        ("dockerfile.image-floating", 7, 14),
        ("shell.unpinned-package", 9, 20),
    ]


def test_parser_directives_only_at_the_top() -> None:
    parsed = parse("FROM a\n# escape=`\nRUN b `\nRUN c\n")
    assert [(i.keyword, i.line, len(i.pieces)) for i in parsed.instructions] == [
        ("FROM", 1, 1),
        ("RUN", 3, 1),
        ("RUN", 4, 1),
    ]


def test_parser_pieces_and_positions() -> None:
    text = "RUN a \\\n  # comment\n\n    b \\\n  c\nCOPY <<A <<-B /x\nbody a\nA\n\tbody b\n\tB\n"
    run, copy = parse(text).instructions
    assert [(p.line, p.column, p.text) for p in run.pieces] == [
        (1, 5, "a \\"),
        (4, 1, "    b \\"),
        (5, 1, "  c"),
    ]
    logical = run.logical()
    assert logical.text == "a     b   c"
    assert logical.position(logical.text.index("b")) == (4, 5)
    assert [(h.delimiter, h.strip, [p.line for p in h.body], h.end and h.end.line)
            for h in copy.heredocs] == [("A", False, [7], 8), ("B", True, [9], 10)]  # fmt: skip


def test_shell_kinds_are_not_reported_twice() -> None:
    """A floating image is not also reported as a tag without a digest."""
    assert found("FROM node:latest\n") == [("dockerfile.image-floating", 1, 6)]


# ---- malformed -------------------------------------------------------------------------------


def test_malformed_input_is_a_note_never_an_exception() -> None:
    text = "FROM\nRUN <<EOF\ncurl https://x | sh\n"
    analysis = dockerfile.analyse(Files("Dockerfile", text, {}), PinSettings())
    assert [(n.line, n.message) for n in analysis.notes] == [
        (2, "here-document `EOF` is never closed"),
        (1, "FROM names no image"),
    ]
    junk = ["\x00\x01binary", "RUN \\", "FROM ${", "ARG =x\nFROM $", "ADD", "COPY --from="]
    junk += ['RUN ["unclosed', "RUN --mount=from\n", "\\\n\\\n", "# escape=x\nFROM a"]
    for text in junk:
        dockerfile.analyse(Files("Dockerfile", text, {}), PinSettings())


# ---- end to end ----------------------------------------------------------------------------------


DOCKERFILE = (
    "ARG TAG=3.12-slim\n"  # 1
    "FROM python:${TAG} AS build\n"  # 2: a tag: strict only
    "FROM node\n"  # 3: floats
    "RUN curl -fsSL https://get.example.com | sh\n"  # 4
    'RUN echo "curl -fsSL https://get.example.com | sh"\n'  # 5
    "ADD https://example.com/tool.tgz /opt/\n"  # 6
)


def test_staged_dockerfile(repo: Repo) -> None:
    repo.stage("Dockerfile", DOCKERFILE)
    code, found, _ = scan(repo)
    assert code == 1
    assert found == [
        ("Dockerfile", 3, "pins.dockerfile.image-floating", "medium"),
        ("Dockerfile", 4, "pins.shell.pipe-to-shell", "high"),
        ("Dockerfile", 6, "pins.dockerfile.add-unverified", "medium"),
    ]


def test_an_unchanged_floating_from_is_not_reported(repo: Repo) -> None:
    repo.stage("Dockerfile", DOCKERFILE)
    repo.commit()
    repo.stage("Dockerfile", DOCKERFILE + "RUN pip install requests\nRUN pip install -r req.txt\n")
    assert scan(repo)[:2] == (1, [("Dockerfile", 7, "pins.shell.unpinned-package", "medium")])
    repo.stage("Dockerfile", DOCKERFILE.replace("AS build", "AS builder"))
    assert scan(repo)[:2] == (0, [])


def test_changing_only_an_arg_default_reports_the_from(repo: Repo) -> None:
    repo.stage("docker/app.Dockerfile", DOCKERFILE)
    repo.commit()
    repo.stage("docker/app.Dockerfile", DOCKERFILE.replace("TAG=3.12-slim", "TAG=latest"))
    assert scan(repo)[:2] == (
        1, [("docker/app.Dockerfile", 2, "pins.dockerfile.image-floating", "medium")])  # fmt: skip


def test_a_package_added_to_a_continued_run(repo: Repo) -> None:
    before = (f"FROM debian@{DIGEST}\nRUN apt-get update \\\n && pip install \\\n"
              "      requests \\\n      flask==3.0.3\n")  # fmt: skip
    repo.stage("Dockerfile", before)
    repo.commit()
    repo.stage("Dockerfile", before.replace("flask==3.0.3", "flask==3.0.3 \\\n      django"))
    assert scan(repo)[1] == [("Dockerfile", 6, "pins.shell.unpinned-package", "medium")]


def test_strict_profile(repo: Repo) -> None:
    repo.write(".tollgate.toml", '[pins]\nprofile = "strict"\n')
    repo.stage("Containerfile", DOCKERFILE + "RUN apt-get install -y curl\n")
    _, found, _ = scan(repo)
    assert found == [
        ("Containerfile", 2, "pins.dockerfile.image-no-digest", "medium"),
        ("Containerfile", 3, "pins.dockerfile.image-floating", "medium"),
        ("Containerfile", 4, "pins.shell.pipe-to-shell", "high"),
        ("Containerfile", 6, "pins.dockerfile.add-unverified", "medium"),
        ("Containerfile", 7, "pins.shell.os-package-unpinned", "low"),
    ]


def test_inline_suppression(repo: Repo) -> None:
    repo.stage("Dockerfile", "# tollgate: ignore[pins.dockerfile.image-floating] local dev image\n"
               "FROM node\n")  # fmt: skip
    assert scan(repo)[:2] == (0, [])


def test_malformed_dockerfile_warns_and_passes(repo: Repo) -> None:
    repo.stage("Dockerfile", f"FROM debian@{DIGEST}\nRUN <<EOF\npip install requests\n")
    code, found, err = scan(repo)
    assert (code, found) == (0, [])
    assert err.strip() == "tollgate: warning: Dockerfile:2: here-document `EOF` is never closed"
