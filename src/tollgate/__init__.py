"""tollgate: fast Git pre-commit security hooks driven by shared rule packs."""

from __future__ import annotations

__version__ = "0.1.0"
