"""One module per CLI command; each exposes `add(subparsers)` and a `run(...) -> int`."""
