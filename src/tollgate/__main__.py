from __future__ import annotations

from tollgate.cli import main

raise SystemExit(main())
