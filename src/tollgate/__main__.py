from __future__ import annotations

import os
import sys

# `python -m tollgate` puts the working directory first on sys.path: in a repository with a file
# named like a standard module (a staged `copy.py`), that file would shadow it. Drop it.
if sys.path and sys.path[0] in ("", os.getcwd()):
    del sys.path[0]

from tollgate.cli import run

run()
