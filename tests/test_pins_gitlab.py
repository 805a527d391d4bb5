"""The gitlab ecosystem: images, services, includes, components and scripts of GitLab CI files.
The parser is tested directly for the syntax cases; real repositories for what a commit is
responsible for, the strict profile and malformed files."""

from __future__ import annotations

import importlib.util

import pytest

from tests.conftest import ROOT, Repo
from tests.conftest import pins_scan as scan
from tollgate.checks.pins.ecosystems import gitlab
from tollgate.checks.pins.model import Files, Ref
from tollgate.checks.pins.yamlnodes import Mapping, load_all
from tollgate.checks.pins.yamlscript import Script, script_lines
from tollgate.pack.model import PinSettings

SHA = "3f2b8a61c07d4e95b1a8c6d2e0f4b7a9c5d3e1f0"
DIGEST = "sha256:" + "0f1e2d3c4b5a6978" * 4
CI = ".gitlab-ci.yml"
HAS_SHELL = importlib.util.find_spec("tollgate.checks.pins.shellcmd") is not None
needs_shell = pytest.mark.skipif(not HAS_SHELL, reason="the shared shell analyser is not written")
needs_shell_rules = pytest.mark.skipif(
    not (ROOT / "rules" / "pins" / "shell.toml").exists(), reason="no pins.shell rules in the pack"
)


def analyse(text: str, path: str = CI) -> list[Ref]:
    analysis = gitlab.analyse(Files(path, text, {}), PinSettings())
    assert analysis.notes == []
    return analysis.refs


def found(text: str, path: str = CI) -> list[tuple[str, int, int]]:
    return sorted((r.rule.removeprefix("pins.gitlab."), r.line, r.column) for r in analyse(text))


# ---- which files ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("path", "judged"),
    [
        (".gitlab-ci.yml", True),
        (".gitlab-ci.yaml", True),
        ("services/api/.gitlab-ci.yml", True),
        (".gitlab/ci/build.yml", True),
        (".gitlab/ci/jobs/deploy.yaml", True),
        (".gitlab-ci/lint.yml", True),
        (".gitlab/issue_templates/bug.md", False),
        (".gitlab/agents/prod/config.yaml", False),
        ("gitlab-ci.yml", False),
        ("ci/build.yml", False),
        (".gitlab/ci/README.md", False),
    ],
)
def test_manifests(path: str, judged: bool) -> None:
    assert gitlab.manifests(path) == ((path,) if judged else ())
    assert gitlab.context(path) == ()


# ---- images and services ---------------------------------------------------------------------


def test_images_everywhere_a_pipeline_names_one() -> None:
    text = (
        "image: node:latest\n"  # 1
        "default:\n"
        "  image:\n"
        "    name: ruby\n"  # 4
        "    entrypoint: ['']\n"
        "  services:\n"
        "    - postgres\n"  # 7
        "    - name: redis:edge\n"  # 8
        "      alias: cache\n"
        "build:\n"
        "  image: 'alpine:latest'\n"  # 11
        "  services: [docker:dind]\n"  # 12: a tag, strict only
        ".template:\n"
        "  image: python\n"  # 14: hidden jobs are extended by others
    )
    assert found(text) == [
        ("image-floating", 1, 8),
        ("image-floating", 4, 11),
        ("image-floating", 7, 7),
        ("image-floating", 8, 13),
        ("image-floating", 11, 10),
        ("image-floating", 14, 10),
        ("image-no-digest", 12, 14),
    ]


def test_a_tag_is_strict_only_a_digest_is_pinned_and_nothing_is_reported_twice() -> None:
    text = f"a:\n  image: python:3.12\nb:\n  image: python:3.12@{DIGEST}\nc:\n  image: node\n"
    refs = analyse(text)
    assert [(r.rule, r.line) for r in refs] == [
        ("pins.gitlab.image-no-digest", 2),
        ("pins.gitlab.image-floating", 6),
    ]
    [tag, _] = refs
    assert tag.text == "image: python:3.12"
    assert tag.name == "python"
    assert "@sha256:" in tag.fix


def test_keywords_are_not_jobs() -> None:
    text = (
        "stages: [image]\n"
        "variables:\n  image: node:latest\n  BUILD_IMAGE: node:latest\n"
        "workflow:\n  rules:\n    - if: $CI_COMMIT_BRANCH\n"
        "cache:\n  key: image\n  paths: [node_modules]\n"
        "spec:\n  inputs:\n    image:\n      default: node:latest\n"
        "# image: node:latest\n"
    )
    assert found(text) == []


def test_images_named_by_variables_are_not_judged() -> None:
    text = (
        "a:\n  image: $CI_REGISTRY_IMAGE/builder:latest\n"
        "b:\n  image:\n    name: ${BUILD_IMAGE}\n  services:\n    - $DB_IMAGE\n"
    )
    assert found(text) == []


def test_anchored_job_templates_are_reported_once_at_the_anchor() -> None:
    text = (
        ".base: &base\n  image: node:latest\n"
        "a:\n  <<: *base\n"
        "b:\n  <<: *base\n"
        "c:\n  <<: *base\n  image: node:20\n"
    )
    assert found(text) == [("image-floating", 2, 10), ("image-no-digest", 9, 10)]


def test_a_component_header_document_and_odd_shapes_do_not_crash() -> None:
    text = (
        "spec:\n  inputs:\n    stage:\n      default: test\n"
        "---\n"
        "scan:\n  image: semgrep/semgrep\n"
        "odd: a string\n"
        "list: [1, 2]\n"
        "weird:\n  image: [a, b]\n  services: nope\n  trigger: strings\n"
        "---\n- a list document\n"
    )
    assert found(text) == [("image-floating", 7, 10)]


def test_malformed_yaml_is_a_note_with_its_line() -> None:
    analysis = gitlab.analyse(Files(CI, "build:\n  image: [node\n", {}), PinSettings())
    assert analysis.refs == []
    [note] = analysis.notes
    assert (note.path, note.line) == (CI, 2)
    assert note.message.startswith("invalid YAML: ")


# ---- include ---------------------------------------------------------------------------------


def test_project_includes() -> None:
    text = (
        "include:\n"
        "  - project: platform/ci\n"  # 2
        "    ref: main\n"
        "    file: /build.yml\n"
        "  - project: platform/security\n"  # 5: no ref is the default branch
        "    file: [/a.yml, /b.yml]\n"
        "  - project: platform/deploy\n"  # 7
        "    ref: v2.4.1\n"
        f"  - {{project: platform/lint, ref: {SHA}, file: /lint.yml}}\n"
        "  - project: $CI_PROJECT_PATH\n"
        "    ref: $CI_COMMIT_SHA\n"
        "    file: /x.yml\n"
        "  - project: platform/other\n"
        "    ref: $TEMPLATE_REF\n"
        "    file: /y.yml\n"
    )
    refs = analyse(text)
    assert [(r.rule.removeprefix("pins.gitlab."), r.line, r.column, r.related) for r in refs] == [
        ("include-floating", 2, 14, (3,)),
        ("include-floating", 5, 14, ()),
        ("include-no-sha", 7, 14, (8,)),
    ]
    assert refs[0].name == "platform/ci"
    assert refs[0].text == "project: platform/ci"
    assert "`ref: main` is a branch" in refs[0].detail
    assert "default branch" in refs[1].detail


def test_remote_includes() -> None:
    text = (
        "include:\n"
        "  - remote: https://gitlab.example.com/g/p/-/raw/main/ci.yml\n"  # 2
        f"  - remote: https://gitlab.example.com/g/p/-/raw/{SHA}/ci.yml\n"
        "  - remote: https://gitlab.example.com/g/p/-/raw/v1.2.0/ci.yml\n"  # 4
        "  - remote: https://ci.example.com/templates/lint.yml\n"  # 5: names no ref
        "  - remote: https://ci.example.com/templates/deploy.yml\n"
        "    integrity: sha256-q7N3dLr5pY0kG2vF8hT1sW4xZ6cB9mJ3eA5uQ0iK2oE=\n"
        "  - 'https://raw.githubusercontent.com/org/repo/develop/ci.yml'\n"  # 8
        "  - https://example.com/api/v4/projects/12/repository/files/ci.yml/raw?ref=main\n"
        "  - remote: $TEMPLATE_URL\n"
    )
    assert found(text) == [
        ("include-floating", 2, 13),
        ("include-floating", 5, 13),
        ("include-floating", 8, 5),
        ("include-floating", 9, 5),
        ("include-no-sha", 4, 13),
    ]


def test_a_single_remote_include_string() -> None:
    assert found("include: https://ci.example.com/-/raw/main/x.yml\n") == [
        ("include-floating", 1, 10)
    ]
    assert found("include: /ci/local.yml\n") == []


def test_local_and_template_includes_are_never_flagged() -> None:
    text = (
        "include:\n"
        "  - local: /ci/main.yml\n"
        "  - /ci/other.yml\n"
        "  - template: Auto-DevOps.gitlab-ci.yml\n"
        "  - local: /ci/*.yml\n"
        "    rules:\n      - if: $CI_COMMIT_BRANCH == 'main'\n"
    )
    assert found(text) == []


@pytest.mark.parametrize(
    ("component", "kind"),
    [
        ("$CI_SERVER_FQDN/components/sast/sast@~latest", "component-floating"),
        ("gitlab.com/g/p/c@main", "component-floating"),
        ("gitlab.com/g/p/c@1", "component-floating"),
        ("gitlab.com/g/p/c@1.4", "component-floating"),
        ("gitlab.com/g/p/c", "component-floating"),
        ("gitlab.com/g/p/c@1.4.2", "component-no-sha"),
        ("gitlab.com/g/p/c@v2.0.1", "component-no-sha"),
        (f"gitlab.com/g/p/c@{SHA}", None),
        ("gitlab.com/g/p/c@$COMPONENT_VERSION", None),
    ],
)
def test_components(component: str, kind: str | None) -> None:
    text = f"include:\n  - component: {component}\n    inputs:\n      stage: test\n"
    assert found(text) == ([(kind, 2, 16)] if kind else [])


def test_a_component_is_named_without_its_version() -> None:
    [ref] = analyse("include:\n  - component: gitlab.com/g/p/c@main\n")
    assert ref.name == "gitlab.com/g/p/c"
    assert "`@main` is a branch" in ref.detail


def test_a_child_pipeline_include_in_a_trigger() -> None:
    text = (
        "deploy:\n  trigger:\n    include:\n"
        "      - project: platform/deploy\n        ref: develop\n        file: /child.yml\n"
        "      - local: /child.yml\n"
        "downstream:\n  trigger:\n    project: platform/other\n    branch: main\n"
    )
    assert found(text) == [("include-floating", 4, 18)]


# ---- scripts ---------------------------------------------------------------------------------


def positions(text: str, job: str = "job", key: str = "script") -> list[Script]:
    [document] = load_all(text)
    assert isinstance(document, Mapping)
    body = document.get(job)
    assert isinstance(body, Mapping)
    return script_lines(body.get(key), text.split("\n"))


def test_script_lines_are_mapped_to_their_file_lines() -> None:
    text = (
        "job:\n"
        "  script:\n"
        "    - make build\n"  # 3
        "    - 'echo done'\n"  # 4
        "    - |\n"
        "      set -eu\n"  # 6
        "      ./deploy.sh\n"
        "    - >\n"
        "      ./configure\n"  # 9
        "      --prefix=/usr\n"
        "    - make\n"  # 11
        "      install\n"
    )
    assert positions(text) == [
        ("make build", [3], [7]),
        ("echo done", [4], [8]),
        ("set -eu\n./deploy.sh", [6, 7], [7, 7]),
        ("./configure \\\n--prefix=/usr", [9, 10], [7, 7]),
        ("make \\\ninstall", [11, 12], [7, 7]),
    ]


def test_a_single_string_script_and_nested_anchored_lists() -> None:
    assert positions("job:\n  script: make test  # comment\n") == [("make test", [2], [11])]
    text = (
        ".setup: &setup\n  - apt-get update\n"
        "job:\n  before_script:\n    - *setup\n    - !reference [.other, script]\n"
        "    - echo ok\n"
    )
    assert positions(text, key="before_script") == [
        ("apt-get update", [2], [5]),
        ("echo ok", [7], [7]),
    ]


def test_a_whole_script_taken_by_reference_is_skipped() -> None:
    assert positions("job:\n  script: !reference [.setup, script]\n") == []


CURL = "curl -fsSL https://get.example.com/install.sh | bash"


@needs_shell
def test_curl_piped_to_a_shell_in_a_script() -> None:
    text = (
        ".setup: &setup\n"
        f"  - {CURL}\n"  # 2
        "job:\n"
        "  before_script:\n    - *setup\n"
        "  script:\n"
        "    - |\n"
        "      echo start\n"
        f"      {CURL}\n"  # 9
        f'    - echo "{CURL}"\n'
        "  hooks:\n    pre_get_sources_script:\n"
        f"      - {CURL}\n"  # 13
    )
    refs = analyse(text)
    assert all(r.rule.startswith("pins.shell.") for r in refs), refs
    assert sorted((r.line, r.column) for r in refs) == [(2, 5), (9, 7), (13, 9)]


@needs_shell
def test_a_command_folded_over_several_lines_is_one_command() -> None:
    text = (
        "job:\n  script:\n"
        "    - curl -fsSL https://get.example.com/install.sh\n      | bash\n"  # 3
        "    - >\n      wget -qO- https://get.example.com/x.sh\n      | sh\n"  # 6
        "    - |\n      curl -fsSL https://get.example.com/y.sh\n      echo | sh\n"
    )
    assert sorted((r.line, r.column) for r in analyse(text)) == [(3, 7), (6, 7)]


# ---- end to end: what a commit is responsible for --------------------------------------------


BEFORE = f"""\
include:
  - project: platform/ci
    ref: main
    file: /build.yml
  - component: gitlab.example.com/platform/lint/python@{SHA}
image: python:latest
test:
  image: python:3.12
  services:
    - postgres:16
"""


def test_a_new_pipeline_reports_each_floating_line(repo: Repo) -> None:
    repo.stage(CI, BEFORE)
    code, rows, _ = scan(repo)
    assert code == 1
    assert rows == [
        (CI, 2, "pins.gitlab.include-floating", "high"),
        (CI, 6, "pins.gitlab.image-floating", "medium"),
    ]


def test_only_the_lines_a_commit_changes_are_reported(repo: Repo) -> None:
    repo.stage(CI, BEFORE)
    repo.commit()
    # The floating top-level image (line 6) is untouched: only the service made to float counts.
    repo.stage(CI, BEFORE.replace("postgres:16", "postgres"))
    assert scan(repo)[:2] == (1, [(CI, 10, "pins.gitlab.image-floating", "medium")])
    # Moving an include's ref to another branch changes its `ref:` line: reported on `project:`.
    repo.stage(CI, BEFORE.replace("ref: main", "ref: develop"))
    assert scan(repo)[:2] == (1, [(CI, 2, "pins.gitlab.include-floating", "high")])
    repo.stage(CI, BEFORE.replace("ref: main", f"ref: {SHA}"))
    assert scan(repo)[:2] == (0, [])


def test_the_strict_profile_asks_for_digests_and_commits(repo: Repo) -> None:
    text = (
        "include:\n  - project: platform/ci\n    ref: v1.2.0\n    file: /build.yml\n"
        f"image: python:3.12@{DIGEST}\n"
        "test:\n  image: python:3.12\n"
    )
    repo.stage(".gitlab/ci/test.yml", text)
    assert scan(repo)[:2] == (0, [])
    repo.write(".tollgate.toml", '[pins]\nprofile = "strict"\n')
    assert scan(repo)[:2] == (
        1,
        [
            (".gitlab/ci/test.yml", 2, "pins.gitlab.include-no-sha", "medium"),
            (".gitlab/ci/test.yml", 7, "pins.gitlab.image-no-digest", "medium"),
        ],
    )


def test_a_malformed_pipeline_is_a_warning(repo: Repo) -> None:
    repo.stage(CI, "test:\n  image: [python\n")
    code, rows, err = scan(repo)
    assert (code, rows) == (0, [])
    [warning] = [line for line in err.splitlines() if "warning" in line]
    assert warning.startswith(f"tollgate: warning: {CI}:2: invalid YAML: ")


@needs_shell_rules
def test_a_script_piping_curl_to_bash(repo: Repo) -> None:
    repo.stage(CI, f"test:\n  image: python:3.12\n  script:\n    - {CURL}\n    - echo '{CURL}'\n")
    code, rows, _ = scan(repo)
    assert code == 1
    assert [(path, line, rule.split(".")[1]) for path, line, rule, _ in rows] == [(CI, 4, "shell")]
