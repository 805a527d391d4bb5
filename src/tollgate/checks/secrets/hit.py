"""A candidate secret located in a text: what every detector produces."""

from __future__ import annotations

from typing import NamedTuple

from tollgate.pack.model import SecretRule


class Hit(NamedTuple):
    rule: SecretRule
    secret: str
    start: int  # character offsets of the secret in the file text
    end: int
    # Where the finding is reported, when not at the secret: a PEM block is reported on its
    # BEGIN line, where a reader looks for it and where a suppression comment can go.
    at: int | None = None
