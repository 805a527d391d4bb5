"""The position-keeping YAML reader: same values as PyYAML on the block YAML manifests use, and
exact lines and columns for every scalar."""

from __future__ import annotations

from typing import Any

import pytest
import yaml

from tollgate.checks.pins.yamlnodes import (
    Mapping,
    Node,
    Scalar,
    Sequence,
    YamlError,
    load_all,
    scalars,
)


def plain(node: Node | None) -> Any:
    if node is None:
        return None
    if isinstance(node, Scalar):
        return node.value
    if isinstance(node, Sequence):
        return [plain(item) for item in node.items]
    return {key.value: plain(value) for key, value in node.items}


def as_strings(value: Any) -> Any:
    """PyYAML's typed values as the strings this reader keeps."""
    if isinstance(value, dict):
        return {as_strings(k): as_strings(v) for k, v in value.items()}
    if isinstance(value, list):
        return [as_strings(v) for v in value]
    if value is None:
        return None
    if isinstance(value, bool):
        return str(value).lower()
    return str(value).rstrip("\n")


WORKFLOW = """\
name: ci
on:
  push:
    branches: [main, "release/*"]
env: {A: "1", B: two}
jobs:
  test:
    runs-on: ubuntu-latest
    container:
      image: python:3.12
    steps:
      - uses: actions/checkout@v4  # a comment
      - name: "quoted: colon"
        run: |
          pip install -r requirements.txt
          pytest -q
      - run: echo 'it''s'
      -   uses: "actions/setup-python@v5"
          with:
            python-version: '3.12'
"""

SNIPPETS = [
    WORKFLOW,
    "a: 1\nb:\n- x\n- y\nc: [1, [2, 3], {d: e}]\n",
    "list:\n  - - a\n    - b\n  - c\n",
    "base: &base\n  image: redis\n  ports: [1]\nsvc:\n  <<: *base\n  ports: [2]\n",
    "---\nkind: A\n---\nkind: B\n...\n",
    "key: >\n  folded\n\n  text\nnext: plain\n  continued\n",
    "k: 'multi\n  line'\nj: \"esc\\taped\"\n",
    "- name: a\n  image: b\n- &c name: c\n",
    "empty:\nnull_value: ~\nurl: http://example.com:8080/x\n",
    "deep:\n  - a: 1\n    b:\n      - c\n",
    "flow: [\n  one,\n  two,\n]\n",
    # Quotes keep their white space; only the space around a line break folds.
    "hint: ' '\nask: \"Your answer: \"\nmulti: 'one  \n   two\n\n  three'\n",
    'fmt: "table(\\\n  name,\\\n  size)"\nflow: ["a \n  b", \' c \']\n',
    # Properties on a line of their own belong to the block node below them.
    "defaults:\n  &defaults\n  image: ruby:3.3\n  tags: [docker]\njob:\n  <<: *defaults\n",
    "--- !!map\nkind: Pod\n--- &doc\n- a\n",
]


@pytest.mark.parametrize("text", SNIPPETS)
def test_same_values_as_pyyaml(text: str) -> None:
    ours = [plain(doc) for doc in load_all(text)]
    theirs = [as_strings(doc) for doc in yaml.safe_load_all(text)]
    # Folded block scalars keep their line breaks here (scripts are read line by line).
    if "folded" in text:
        theirs[0]["key"] = theirs[0]["key"].replace("folded\ntext", "folded\n\ntext")
    # PyYAML types `~` as null; the reader keeps scalars as written.
    if "on:" in text:
        theirs[0] = {("on" if k == "true" else k): v for k, v in theirs[0].items()}
    if "null_value" in text:
        theirs[0]["null_value"] = "~"
        theirs[0]["empty"] = ""
    assert ours == theirs


def test_positions_of_scalars() -> None:
    [doc] = load_all(WORKFLOW)
    assert isinstance(doc, Mapping)
    steps = doc.get("jobs").get("test").get("steps")  # type: ignore[union-attr]
    assert isinstance(steps, Sequence)
    first, second, _third, fourth = steps.items
    assert isinstance(first, Mapping)
    assert first.get("uses") == Scalar("actions/checkout@v4", 12, 15)
    assert isinstance(second, Mapping)
    run = second.get("run")
    assert run == Scalar("pip install -r requirements.txt\npytest -q", 15, 11, "|")
    assert isinstance(fourth, Mapping)
    assert fourth.get("uses") == Scalar("actions/setup-python@v5", 18, 17, '"')
    image = doc.get("jobs").get("test").get("container").get("image")  # type: ignore[union-attr]
    assert image == Scalar("python:3.12", 10, 14)
    branches = doc.get("on").get("push").get("branches")  # type: ignore[union-attr]
    assert [(s.value, s.line, s.column) for s in scalars(branches)] == [
        ("main", 4, 16),
        ("release/*", 4, 22),
    ]


def test_tags_are_dropped() -> None:
    [doc] = load_all("key: !reference [.setup, script]\nother: !!str 3\n")
    assert plain(doc) == {"key": [".setup", "script"], "other": "3"}


def test_an_anchor_on_its_own_line_names_the_mapping_below_it() -> None:
    text = "base:\n  &base\n  image: redis:7\nsvc:\n  <<: *base\n"
    [doc] = load_all(text)
    assert doc.get("svc").get("image") == Scalar("redis:7", 3, 10)  # type: ignore[union-attr]


def test_quoted_values_keep_their_spaces() -> None:
    [doc] = load_all("a: ' '\nb: \" x \"\nc: [' y ']\n")
    assert plain(doc) == {"a": " ", "b": " x ", "c": [" y "]}


def test_aliases_resolve_to_the_anchor_position() -> None:
    text = "x: &img nginx:latest\nservices:\n  a:\n    image: *img\n"
    [doc] = load_all(text)
    image = doc.get("services").get("a").get("image")  # type: ignore[union-attr]
    assert image == Scalar("nginx:latest", 1, 9)


def test_merge_keys_lose_to_explicit_keys_in_any_order() -> None:
    text = "b: &b {image: one, x: 1}\nc:\n  image: two\n  <<: *b\n"
    [doc] = load_all(text)
    assert plain(doc)["c"] == {"image": "two", "x": "1"}


def test_multi_flow_positions() -> None:
    [doc] = load_all("images: [\n  a:1,\n  'b:2' ]\n")
    assert [(s.value, s.line, s.column) for s in scalars(doc)] == [("a:1", 2, 3), ("b:2", 3, 3)]


def test_empty_stream_and_comments_only() -> None:
    assert load_all("") == []
    assert load_all("# nothing\n\n") == []


@pytest.mark.parametrize(
    ("text", "line"),
    [
        ("a: 1\n\tb: 2\n", 2),
        ("a: 'open\nb: 2\n", 1),
        ("a: b: c\n", 1),
        ("a:\n  b: 1\n c: 2\n", 3),
        ("a: [1, 2\n", 1),
        ("a: *missing\n", 1),
    ],
)
def test_malformed_yaml_names_the_line(text: str, line: int) -> None:
    with pytest.raises(YamlError) as caught:
        load_all(text)
    assert caught.value.line == line
