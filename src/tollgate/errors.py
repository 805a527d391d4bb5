"""The one user-facing error type: the CLI turns it into one line on stderr and exit 2."""

from __future__ import annotations


class TollgateError(Exception):
    """An expected failure (bad config, bad pack, bad usage) with a message that says what to do."""
