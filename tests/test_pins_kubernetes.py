"""The kubernetes ecosystem: container images of Kubernetes objects, and the images, remote
resources and Helm charts of kustomizations. The parser is tested directly for the syntax cases;
real repositories for what a commit is responsible for, the strict profile and malformed files."""

from __future__ import annotations

import pytest

from tests.conftest import Repo
from tests.conftest import pins_scan as scan
from tollgate.checks.pins.ecosystems import kubernetes
from tollgate.checks.pins.model import Analysis, Files, Ref
from tollgate.pack.model import PinSettings

SHA = "3f2b8a61c07d4e95b1a8c6d2e0f4b7a9c5d3e1f0"
DIGEST = "sha256:" + "0f1e2d3c4b5a6978" * 4
MANIFEST = "deploy/app.yaml"
KUSTOMIZATION = "overlays/prod/kustomization.yaml"


def run(text: str, path: str = MANIFEST) -> Analysis:
    return kubernetes.analyse(Files(path, text, {}), PinSettings())


def analyse(text: str, path: str = MANIFEST) -> list[Ref]:
    analysis = run(text, path)
    assert analysis.notes == []
    return analysis.refs


def found(text: str, path: str = MANIFEST) -> list[tuple[str, int, int]]:
    return sorted(
        (r.rule.removeprefix("pins.kubernetes."), r.line, r.column) for r in analyse(text, path)
    )


def pod(image: str, kind: str = "Pod") -> str:
    return (
        f"apiVersion: v1\nkind: {kind}\nspec:\n  containers:\n    - name: a\n      image: {image}\n"
    )


@pytest.mark.parametrize(
    ("path", "judged"),
    [
        ("deploy/app.yaml", True),
        ("app.yml", True),
        ("overlays/prod/kustomization.yaml", True),
        ("base/Kustomization", True),
        ("charts/web/templates/deployment.yaml", True),
        (".github/workflows/ci.yml", False),
        (".github/dependabot.yml", False),
        ("sub/.github/workflows/ci.yml", False),
        (".gitlab-ci.yml", False),
        (".gitlab/ci/build.yml", False),
        ("docker-compose.yml", False),
        ("compose.prod.yaml", False),
        (".pre-commit-config.yaml", False),
        ("pnpm-lock.yaml", False),
        ("action.yml", False),
        ("tools/setup/action.yaml", False),
        ("deploy/app.json", False),
        ("Dockerfile", False),
    ],
)
def test_manifests(path: str, judged: bool) -> None:
    assert kubernetes.manifests(path) == ((path,) if judged else ())
    assert kubernetes.context(path) == ()


# ---- images ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("image", "kind"),
    [
        ("nginx", "image-floating"),
        ("nginx:latest", "image-floating"),
        ('"ghcr.io/example/app:main"', "image-floating"),
        ("nginx:1.27.0", "image-no-digest"),
        ("registry.example.com:5000/team/app:2.1", "image-no-digest"),
        (f"nginx:1.27.0@{DIGEST}", None),
        ('"{{ .Values.image }}"', None),
        ("$(IMAGE)", None),
    ],
)
def test_pod_images(image: str, kind: str | None) -> None:
    assert found(pod(image)) == ([(kind, 6, 14)] if kind else [])


def test_every_container_list_of_a_workload() -> None:
    text = (
        "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n"
        "  annotations:\n    example.com/image: nginx:latest\n"
        "spec:\n  template:\n    spec:\n"
        "      initContainers:\n        - name: init\n          image: busybox\n"  # 12
        "      containers:\n        - name: web\n          image: nginx:1.27\n"  # 15
        "      ephemeralContainers:\n        - name: debug\n          image: alpine:edge\n"  # 18
    )
    assert found(text) == [
        ("image-floating", 12, 18),
        ("image-floating", 18, 18),
        ("image-no-digest", 15, 18),
    ]


def test_a_cronjob_pod_template_is_nested_two_levels_down() -> None:
    text = (
        "apiVersion: batch/v1\nkind: CronJob\nmetadata:\n  name: report\n"
        "spec:\n  schedule: '0 3 * * *'\n  jobTemplate:\n    spec:\n      template:\n"
        "        spec:\n          containers:\n          - name: report\n"
        "            image: example/report:latest\n"  # 13
    )
    assert found(text) == [("image-floating", 13, 20)]


def test_custom_resources_and_workflow_templates() -> None:
    text = (
        "apiVersion: argoproj.io/v1alpha1\nkind: Rollout\nspec:\n  template:\n    spec:\n"
        "      containers:\n      - name: api\n        image: example/api\n"  # 8
        "---\n"
        "apiVersion: argoproj.io/v1alpha1\nkind: Workflow\nspec:\n  templates:\n"
        "  - name: a\n    container:\n      image: python:latest\n"  # 16
        "  - name: b\n    script:\n      image: python\n      source: print(1)\n"  # 19
        "---\n"
        "apiVersion: tekton.dev/v1\nkind: Task\nspec:\n  steps:\n"
        "    - name: build\n      image: golang\n"  # 27
        "  sidecars:\n    - name: docker\n      image: docker:dind\n"  # 30
    )
    assert found(text) == [
        ("image-floating", 8, 16),
        ("image-floating", 16, 14),
        ("image-floating", 19, 14),
        ("image-floating", 27, 14),
        ("image-no-digest", 30, 14),
    ]


def test_a_multi_document_file_reports_exactly_the_bad_line() -> None:
    good = pod(f"nginx:1.27@{DIGEST}")
    text = f"{good}---\n{pod('nginx:1.27.0')}---\n{good}---\n{pod('redis')}"
    assert found(text) == [("image-floating", 27, 14), ("image-no-digest", 13, 14)]


def test_documents_that_are_not_kubernetes_objects_are_ignored_silently() -> None:
    text = (
        "# values\nimage:\n  repository: nginx\n  tag: latest\n"
        "containers:\n  - image: nginx\n"
        "---\napiVersion: v1\nmetadata: {}\ncontainers:\n  - image: nginx\n"  # no kind
        "---\nkind: Pod\nspec:\n  containers:\n    - image: nginx\n"  # no apiVersion
        "---\n- a list\n---\nplain\n"
    )
    assert found(text) == []
    assert found(pod("nginx"), "values.yaml") == [("image-floating", 6, 14)]


def test_a_configmap_holding_manifest_text_is_not_a_pod() -> None:
    text = (
        "apiVersion: v1\nkind: ConfigMap\ndata:\n  pod.yaml: |\n"
        "    containers:\n      - image: nginx:latest\n"
    )
    assert found(text) == []


def test_an_anchored_container_is_reported_once() -> None:
    text = (
        "apiVersion: v1\nkind: Pod\nspec:\n  containers:\n"
        "    - &c\n      name: a\n      image: nginx\n"
        "  initContainers:\n    - *c\n"
    )
    assert found(text) == [("image-floating", 7, 14)]


# ---- malformed files -------------------------------------------------------------------------


def test_malformed_yaml_that_looks_like_a_manifest_is_a_note() -> None:
    analysis = run("apiVersion: v1\nkind: Pod\nspec:\n  containers: [\n")
    assert analysis.refs == []
    [note] = analysis.notes
    assert (note.path, note.line) == (MANIFEST, 4)
    assert note.message.startswith("invalid YAML: ")
    assert len(run("resources: [\n", KUSTOMIZATION).notes) == 1


@pytest.mark.parametrize(
    "text",
    [
        "settings: [\n",  # some other YAML
        "apiVersion: v1\nkind: Pod\n{{- if .Values.enabled }}\nspec: [\n",  # a Helm template
        "description: the apiVersion: field\nlist: [\n",  # apiVersion only in the text
    ],
)
def test_malformed_yaml_in_any_other_file_is_silent(text: str) -> None:
    assert run(text) == Analysis([], [])


# ---- kustomize -------------------------------------------------------------------------------


def test_kustomize_image_overrides() -> None:
    text = (
        "images:\n"
        "  - name: postgres\n    newName: registry.example.com/postgres\n    newTag: latest\n"  # 2
        "  - name: nginx\n    newTag: 1.27.0\n"  # 5
        "  - name: example/app\n    newName: registry.example.com/app\n"  # renamed only
        f"  - name: alpine\n    digest: {DIGEST}\n"
        f"  - name: redis\n    newTag: '7.2'\n    digest: {DIGEST}\n"
        "  - name: example/api\n    newTag: $(API_TAG)\n"
    )
    refs = analyse(text, KUSTOMIZATION)
    assert [(r.rule.removeprefix("pins.kubernetes."), r.line, r.related) for r in refs] == [
        ("image-floating", 2, (3, 4)),
        ("image-no-digest", 5, (6,)),
    ]
    assert refs[0].name == "registry.example.com/postgres"
    assert refs[0].text == "name: postgres"


def test_kustomize_remote_resources() -> None:
    text = (
        "apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\n"
        "resources:\n"
        "  - ../../base\n"
        "  - deployment.yaml\n"
        "  - github.com/example/monitoring/manifests\n"  # 6: no ref
        "  - https://github.com/example/platform//ingress?ref=main\n"  # 7
        f"  - https://github.com/example/platform//ingress?ref={SHA}\n"
        "  - github.com/example/platform//ingress?timeout=90&ref=v1.2.3\n"  # 9
        "  - git@github.com:example/platform.git//rbac?ref=develop\n"  # 10
        "  - https://raw.githubusercontent.com/example/op/master/crds.yaml\n"  # 11
        "  - https://github.com/example/op/releases/download/v0.9.1/install.yaml\n"  # 12
        "  - ssh://git@gitlab.example.com/team/infra.git//base\n"  # 13
        "components:\n  - https://github.com/example/components//logging?ref=main\n"  # 15
        "bases:\n  - github.com/example/legacy?ref=stable\n"  # 17
    )
    assert found(text, "cluster/kustomization.yml") == [
        ("remote-floating", 6, 5),
        ("remote-floating", 7, 5),
        ("remote-floating", 10, 5),
        ("remote-floating", 11, 5),
        ("remote-floating", 13, 5),
        ("remote-floating", 15, 5),
        ("remote-floating", 17, 5),
        ("remote-no-sha", 9, 5),
        ("remote-no-sha", 12, 5),
    ]


def test_a_remote_resource_ref_says_what_it_is() -> None:
    [branch, missing] = analyse(
        "resources:\n  - github.com/o/r//x?ref=main\n  - github.com/o/r//y\n", KUSTOMIZATION
    )
    assert branch.name == "github.com/o/r//x"
    assert "`main` is a branch" in branch.detail
    assert "no `?ref=`" in missing.detail


def test_kustomize_helm_charts() -> None:
    text = (
        "helmCharts:\n"
        "  - name: ingress-nginx\n    repo: https://kubernetes.github.io/ingress-nginx\n"  # 2
        "  - name: cert-manager\n    repo: https://charts.jetstack.io\n    version: ~1.14.0\n"
        "  - name: redis\n    repo: oci://registry.example.com/charts\n    version: 18.1.0\n"
        "  - name: local\n    version: 1.0.0\n"
        "  - name: local-unversioned\n"
        "  - name: metrics\n    repo: https://charts.example.com\n    version: 2.x\n"  # 13
    )
    refs = analyse(text, KUSTOMIZATION)
    assert [(r.rule.removeprefix("pins.kubernetes."), r.line, r.related) for r in refs] == [
        ("chart-floating", 2, ()),
        ("chart-floating", 4, (6,)),
        ("chart-floating", 13, (15,)),
    ]


def test_a_flux_kustomization_is_not_a_kustomize_file() -> None:
    text = (
        "apiVersion: kustomize.toolkit.fluxcd.io/v1\nkind: Kustomization\n"
        "spec:\n  path: ./deploy\n  images:\n    - name: nginx\n      newTag: latest\n"
        "resources:\n  - github.com/o/r//x?ref=main\n"
    )
    assert found(text, "clusters/prod/app.yaml") == []


def test_kustomize_fields_in_an_ordinary_manifest_are_ignored() -> None:
    text = "apiVersion: v1\nkind: ConfigMap\nresources:\n  - github.com/o/r//x?ref=main\n"
    assert found(text) == []


# ---- end to end ------------------------------------------------------------------------------


DEPLOYMENT = """\
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  template:
    spec:
      containers:
        - name: web
          image: nginx:latest
        - name: exporter
          image: example/exporter:1.2.0
"""


def test_a_new_manifest_reports_each_floating_image(repo: Repo) -> None:
    repo.stage(MANIFEST, DEPLOYMENT + "---\n" + pod("redis"))
    assert scan(repo)[:2] == (
        1,
        [
            (MANIFEST, 10, "pins.kubernetes.image-floating", "medium"),
            (MANIFEST, 19, "pins.kubernetes.image-floating", "medium"),
        ],
    )


def test_an_unchanged_floating_image_in_a_modified_manifest_is_not_reported(repo: Repo) -> None:
    repo.stage(MANIFEST, DEPLOYMENT)
    repo.commit()
    repo.stage(MANIFEST, DEPLOYMENT.replace("name: web\n", "name: web-v2\n", 1))
    assert scan(repo)[:2] == (0, [])
    repo.stage(MANIFEST, DEPLOYMENT.replace("exporter:1.2.0", "exporter"))
    assert scan(repo)[:2] == (1, [(MANIFEST, 12, "pins.kubernetes.image-floating", "medium")])


def test_a_kustomization_change_to_a_new_tag_is_reported_on_its_entry(repo: Repo) -> None:
    text = "resources:\n  - ../../base\nimages:\n  - name: example/api\n    newTag: 1.4.0\n"
    repo.stage(KUSTOMIZATION, text)
    repo.commit()
    repo.stage(KUSTOMIZATION, text.replace("1.4.0", "latest"))
    assert scan(repo)[:2] == (1, [(KUSTOMIZATION, 4, "pins.kubernetes.image-floating", "medium")])


def test_the_strict_profile_asks_for_digests_and_commits(repo: Repo) -> None:
    text = (
        "resources:\n  - github.com/example/platform//ingress?ref=v1.2.3\n"
        f"images:\n  - name: example/api\n    newTag: 1.4.0\n    digest: {DIGEST}\n"
    )
    repo.stage(KUSTOMIZATION, text)
    repo.stage(MANIFEST, pod("nginx:1.27.0"))
    assert scan(repo)[:2] == (0, [])
    repo.write(".tollgate.toml", '[pins]\nprofile = "strict"\n')
    assert scan(repo)[:2] == (
        1,
        [
            (MANIFEST, 6, "pins.kubernetes.image-no-digest", "medium"),
            (KUSTOMIZATION, 2, "pins.kubernetes.remote-no-sha", "medium"),
        ],
    )


def test_malformed_manifests_warn_and_other_yaml_is_silent(repo: Repo) -> None:
    repo.stage(MANIFEST, "apiVersion: v1\nkind: Pod\nspec:\n  containers: [\n")
    repo.stage("docs/mkdocs.yml", "nav: [\n")
    code, rows, err = scan(repo)
    assert (code, rows) == (0, [])
    warnings = [line for line in err.splitlines() if "warning" in line]
    assert len(warnings) == 1
    assert warnings[0].startswith(f"tollgate: warning: {MANIFEST}:4: invalid YAML: ")
