"""The actions ecosystem: `uses:`, containers, services and `run:` scripts of GitHub workflows and
action metadata. The parser is tested directly for the syntax cases; real repositories for what a
commit is responsible for, the strict profile, policies and malformed files."""

from __future__ import annotations

import pytest

from tests.conftest import Repo
from tests.conftest import pins_scan as scan
from tollgate.checks.pins.ecosystems import actions
from tollgate.checks.pins.model import Files, Ref
from tollgate.pack.model import PinSettings

SHA = "b4ffde65f46336ab88eb53be808477a3936bae0b"
DIGEST = "sha256:" + "0f1e2d3c4b5a6978" * 4
WORKFLOW = ".github/workflows/ci.yml"


def analyse(text: str, path: str = WORKFLOW) -> list[Ref]:
    analysis = actions.analyse(Files(path, text, {}), PinSettings())
    assert analysis.notes == []
    return analysis.refs


def found(text: str, path: str = WORKFLOW) -> list[tuple[str, int, int]]:
    return [(r.rule.removeprefix("pins.actions."), r.line, r.column) for r in analyse(text, path)]


def steps(*lines: str) -> str:
    body = "".join(f"      {line}\n" for line in lines)
    return f"on: push\njobs:\n  test:\n    runs-on: ubuntu-latest\n    steps:\n{body}"


# ---- which files ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("path", "judged"),
    [
        (".github/workflows/ci.yml", True),
        (".github/workflows/release.yaml", True),
        (".github/workflows/docs/readme.md", False),
        (".github/workflows/nested/ci.yml", False),  # GitHub runs only the top level
        ("sub/.github/workflows/ci.yml", False),
        (".github/dependabot.yml", False),
        ("action.yml", True),
        ("tools/setup/action.yaml", True),
        ("tools/setup/my-action.yml", False),
    ],
)
def test_manifests(path: str, judged: bool) -> None:
    assert actions.manifests(path) == ((path,) if judged else ())
    assert actions.context(path) == ()


# ---- uses: -----------------------------------------------------------------------------------


def test_a_tag_floats_and_its_commit_pin_does_not() -> None:
    text = steps("- uses: actions/checkout@v4.1.1", f"- uses: actions/checkout@{SHA} # v4.1.1")
    [ref] = analyse(text)
    assert (ref.rule, ref.line, ref.column) == ("pins.actions.unpinned-uses", 6, 15)
    assert ref.name == "actions/checkout"
    assert ref.text == "uses: actions/checkout@v4.1.1"
    assert "`@v4.1.1` is a tag" in ref.detail
    assert "the commit the tag points to: `actions/checkout@<full sha> # v4.1.1`" in ref.fix
    assert (
        "git ls-remote https://github.com/actions/checkout refs/tags/v4.1.1 "
        "'refs/tags/v4.1.1^{}'" in ref.fix
    )


@pytest.mark.parametrize(
    ("uses", "kind"),
    [
        ("actions/checkout@v4", "unpinned-uses"),
        ("actions/checkout@4.1.1", "unpinned-uses"),
        ("actions/checkout@v4.1.1-beta.1", "unpinned-uses"),
        ("actions/checkout@refs/tags/v4", "unpinned-uses"),
        ("actions/checkout@main", "branch-uses"),
        ("actions/checkout@master", "branch-uses"),
        ("actions/checkout@releases/v1", "branch-uses"),
        ("actions/checkout@refs/heads/v4", "branch-uses"),
        ("actions/checkout@b4ffde6", "unpinned-uses"),  # abbreviated SHA
        ("actions/checkout", "unpinned-uses"),  # no ref at all
        (f"actions/checkout@{SHA}", None),
        (f"actions/checkout@{SHA.upper()}", None),
        ("./.github/actions/setup", None),
        ("./", None),
    ],
)
def test_uses_refs(uses: str, kind: str | None) -> None:
    assert found(steps(f"- uses: {uses}")) == ([(kind, 6, 15)] if kind else [])


def test_an_abbreviated_sha_says_so() -> None:
    [ref] = analyse(steps("- uses: actions/checkout@b4ffde65f"))
    assert "`@b4ffde65f` is an abbreviated SHA" in ref.detail
    assert "write the full SHA" in ref.fix


def test_a_branch_says_so() -> None:
    [ref] = analyse(steps("- uses: example-org/deploy@main"))
    assert ref.detail == "`@main` is a branch: every push to it changes the code this workflow runs"
    assert "git ls-remote --tags https://github.com/example-org/deploy" in ref.fix


def test_an_action_in_a_subdirectory_is_named_with_its_path() -> None:
    [ref] = analyse(steps("- uses: example-org/actions/upload@v1"))
    assert ref.name == "example-org/actions/upload"
    assert "https://github.com/example-org/actions refs/tags/v1" in ref.fix


def test_reusable_workflows() -> None:
    text = (
        "on: push\njobs:\n"
        "  remote:\n    uses: example-org/wf/.github/workflows/build.yml@v2\n"
        f"  pinned:\n    uses: example-org/wf/.github/workflows/build.yml@{SHA}\n"
        "  local:\n    uses: ./.github/workflows/build.yml\n"
    )
    [ref] = analyse(text)
    assert (ref.rule, ref.line, ref.column) == ("pins.actions.unpinned-uses", 4, 11)
    assert ref.name == "example-org/wf/.github/workflows/build.yml"


def test_quoted_flow_and_commented_uses() -> None:
    text = steps(
        '- uses: "actions/checkout@v4"',
        "- {name: x, uses: 'actions/cache@main'}",
        "# - uses: actions/setup-go@v5",
        "- name: actions/setup-node@v4",
        f"  uses: actions/setup-node@{SHA}",
    )
    assert found(text) == [("unpinned-uses", 6, 15), ("branch-uses", 7, 25)]
    assert analyse(text)[0].text == 'uses: "actions/checkout@v4"'


def test_an_expression_in_uses_is_not_judged() -> None:
    assert found(steps("- uses: ${{ inputs.action }}")) == []


# ---- images ------------------------------------------------------------------------------------


def test_docker_uses() -> None:
    text = steps(
        "- uses: docker://alpine:3.19",
        "- uses: docker://alpine",
        f"- uses: docker://alpine:3.19@{DIGEST}",
        "- uses: docker://ghcr.io/example-org/tool:latest",
    )
    refs = analyse(text)
    assert [(r.rule, r.line, r.name) for r in refs] == [
        ("pins.actions.image-no-digest", 6, "alpine"),
        ("pins.actions.image-floating", 7, "alpine"),
        ("pins.actions.image-floating", 9, "ghcr.io/example-org/tool"),
    ]
    assert "docker buildx imagetools inspect alpine:3.19" in refs[0].fix


def test_job_containers_and_services() -> None:
    text = (
        "on: push\njobs:\n"
        "  a:\n    runs-on: ubuntu-latest\n    container: node:20\n"
        "  b:\n    runs-on: ubuntu-latest\n    container:\n      image: node\n"
        "    services:\n      db:\n        image: postgres:16\n"
        f"      cache:\n        image: redis:7@{DIGEST}\n"
        "      other:\n        image: ${{ matrix.image }}\n"
        "  c:\n    runs-on: ubuntu-latest\n    container: ${{ inputs.image }}\n"
    )
    assert found(text) == [
        ("image-no-digest", 5, 16),
        ("image-floating", 9, 14),
        ("image-no-digest", 12, 16),
    ]


def test_action_metadata() -> None:
    docker = "name: a\nruns:\n  using: docker\n  image: docker://debian:bookworm-slim\n"
    assert found(docker, "action.yml") == [("image-no-digest", 4, 10)]
    built = "name: a\nruns:\n  using: docker\n  image: Dockerfile\n"
    assert found(built, "action.yml") == []
    composite = (
        "name: a\nruns:\n  using: composite\n  steps:\n"
        "    - uses: actions/cache@v4\n"
        f"    - uses: actions/setup-python@{SHA}\n"
    )
    assert found(composite, "action.yaml") == [("unpinned-uses", 5, 13)]
    node = "name: a\nruns:\n  using: node20\n  main: dist/index.js\n"
    assert found(node, "action.yml") == []


# ---- run: ---------------------------------------------------------------------------------


CURL = "curl -fsSL https://get.example.com/install.sh | sh"


def shell(text: str, path: str = WORKFLOW) -> list[tuple[int, int]]:
    refs = analyse(text, path)
    assert all(r.rule.startswith("pins.shell.") for r in refs), refs
    return [(r.line, r.column) for r in refs]


def test_run_block_scalars_map_to_their_file_lines() -> None:
    text = steps("- run: |", "    echo start", "", f"      {CURL}", "  shell: bash")
    assert shell(text) == [(9, 13)]


def test_run_plain_and_quoted_scalars() -> None:
    assert shell(steps(f"- run: {CURL}")) == [(6, 14)]
    assert shell(steps(f'- run: "{CURL}"')) == [(6, 15)]
    assert shell(steps(f'- run: echo "{CURL}"')) == []


def test_run_in_a_composite_action() -> None:
    text = (
        "name: setup\nruns:\n  using: composite\n  steps:\n"
        "    - run: |\n        set -eu\n"
        f"        {CURL}\n      shell: bash\n"
    )
    assert shell(text, "tools/setup/action.yml") == [(7, 9)]


# ---- YAML features and broken files ------------------------------------------------------------


def test_an_anchored_step_reused_by_alias_is_reported_once_at_its_anchor() -> None:
    text = (
        "on: push\njobs:\n"
        "  a:\n    runs-on: ubuntu-latest\n    steps:\n"
        "      - &checkout\n        uses: actions/checkout@v4\n"
        "  b:\n    runs-on: ubuntu-latest\n    steps:\n      - *checkout\n"
    )
    assert found(text) == [("unpinned-uses", 7, 15)]


def test_an_anchored_uses_value() -> None:
    text = (
        "on: push\njobs:\n"
        "  a:\n    runs-on: ubuntu-latest\n    steps:\n"
        "      - uses: &co actions/checkout@main\n"
        "      - uses: *co\n"
    )
    assert found(text) == [("branch-uses", 6, 19)]


def test_several_documents_and_odd_shapes_do_not_crash() -> None:
    text = (
        "jobs: [1, 2]\n---\njobs:\n  a: just a string\n  b:\n    steps: nope\n"
        "  c:\n    steps:\n      - plain item\n      - uses: actions/checkout@v4\n"
        "---\n- a list\n---\nruns: docker\n"
    )
    assert found(text) == [("unpinned-uses", 10, 15)]


def test_malformed_yaml_is_a_note_with_its_line() -> None:
    text = "on: push\njobs:\n  a:\n    steps:\n      - uses: actions/checkout@v4\n     bad: [\n"
    analysis = actions.analyse(Files(WORKFLOW, text, {}), PinSettings())
    assert analysis.refs == []
    [note] = analysis.notes
    assert (note.path, note.line) == (WORKFLOW, 6)
    assert note.message.startswith("invalid YAML: ")


@pytest.mark.parametrize(
    ("ref", "kind"),
    [
        (SHA, "commit"),
        ("a" * 64, "commit"),  # a SHA-256 repository
        ("b4ffde6", "short-sha"),
        ("20240101", "tag"),
        ("v1", "tag"),
        ("1.2.3", "tag"),
        ("v2.0.0-rc.1", "tag"),
        ("refs/tags/stable", "tag"),
        ("main", "branch"),
        ("HEAD", "branch"),
        ("feature/x", "branch"),
        ("refs/heads/v1", "branch"),
    ],
)
def test_ref_kind(ref: str, kind: str) -> None:
    assert actions.ref_kind(ref) == kind


# ---- end to end: what a commit is responsible for --------------------------------------------


BEFORE = f"""\
on: push
jobs:
  test:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - uses: actions/setup-python@v5
      - uses: actions/cache@{SHA} # v4.0.2
"""


def test_a_new_workflow_reports_each_floating_line(repo: Repo) -> None:
    repo.stage(WORKFLOW, BEFORE + "      - uses: example-org/deploy@main\n")
    code, rows, _ = scan(repo)
    assert code == 1
    assert rows == [
        (WORKFLOW, 6, "pins.actions.unpinned-uses", "medium"),
        (WORKFLOW, 7, "pins.actions.unpinned-uses", "medium"),
        (WORKFLOW, 9, "pins.actions.branch-uses", "high"),
    ]


def test_only_the_uses_line_a_commit_changes_is_reported(repo: Repo) -> None:
    repo.stage(WORKFLOW, BEFORE)
    repo.commit()
    repo.stage(WORKFLOW, BEFORE.replace("setup-python@v5", "setup-python@v5.1.0"))
    code, rows, _ = scan(repo)
    assert (code, rows) == (1, [(WORKFLOW, 7, "pins.actions.unpinned-uses", "medium")])
    # Pinning a line is a change that reports nothing, though the file still floats elsewhere.
    repo.stage(WORKFLOW, BEFORE.replace("setup-python@v5", f"setup-python@{SHA}"))
    assert scan(repo)[:2] == (0, [])


def test_a_composite_action_with_a_run_script(repo: Repo) -> None:
    repo.stage(
        "tools/setup/action.yml",
        "name: setup\nruns:\n  using: composite\n  steps:\n"
        "    - uses: actions/setup-node@v4\n"
        f"    - run: |\n        npm --version\n        {CURL}\n      shell: bash\n",
    )
    code, rows, _ = scan(repo)
    assert code == 1
    assert [(p, line, rule.split(".")[1]) for p, line, rule, _ in rows] == [
        ("tools/setup/action.yml", 5, "actions"),
        ("tools/setup/action.yml", 8, "shell"),
    ]


def test_the_strict_profile_asks_for_image_digests(repo: Repo) -> None:
    text = f"on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    container: node:20@{DIGEST}\n"
    text += "    services:\n      db:\n        image: postgres:16\n"
    repo.stage(WORKFLOW, text)
    assert scan(repo)[:2] == (0, [])
    repo.write(".tollgate.toml", '[pins]\nprofile = "strict"\n')
    assert scan(repo)[:2] == (1, [(WORKFLOW, 8, "pins.actions.image-no-digest", "medium")])


def test_an_organisation_allows_its_own_actions(repo: Repo) -> None:
    repo.stage(WORKFLOW, steps("- uses: my-org/build@v3", "- uses: other-org/build@v3"))
    repo.write(".tollgate.toml", '[pins]\nallow = ["my-org/*"]\n')
    assert scan(repo)[:2] == (1, [(WORKFLOW, 7, "pins.actions.unpinned-uses", "medium")])


def test_a_malformed_workflow_is_a_warning(repo: Repo) -> None:
    repo.stage(WORKFLOW, "on: push\njobs:\n  a:\n    steps: [\n")
    code, rows, err = scan(repo)
    assert (code, rows) == (0, [])
    [warning] = [line for line in err.splitlines() if "warning" in line]
    assert warning.startswith(f"tollgate: warning: {WORKFLOW}:4: invalid YAML: ")


def test_a_workflow_outside_github_workflows_is_not_read(repo: Repo) -> None:
    repo.stage("docs/example.yml", steps("- uses: actions/checkout@main"))
    assert scan(repo)[:2] == (0, [])
