"""Extraction speed as a script: the same as ``python -m timeline bench``.

    python benchmarks/extraction_speed.py [CORPUS] [--limit N] [--batch-size B] [--breakdown] [--profile N]
"""
from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from timeline.__main__ import main  # noqa: E402

if __name__ == "__main__":
    sys.exit(main(["bench", *sys.argv[1:]]))
