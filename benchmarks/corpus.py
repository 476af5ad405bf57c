"""Generate a synthetic but realistic corpus of N fiches for the build benchmark.

    python benchmarks/corpus.py N OUT_DIR [--seed 1]

Writes OUT_DIR/docs/ (fiches, the real vocabulary, home and about pages) and two configs,
OUT_DIR/mkdocs-essaim.yml and OUT_DIR/mkdocs-plain.yml. See benchmarks/README.md.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from essaim_bench.generate import generate


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("n", type=int, help="number of fiches")
    parser.add_argument("out_dir", type=Path, help="where docs/ and the configs are written")
    parser.add_argument("--seed", type=int, default=1, help="same seed, same corpus (default 1)")
    args = parser.parse_args(argv)
    if args.n < 1:
        parser.error("N must be at least 1")
    args.out_dir.mkdir(parents=True, exist_ok=True)
    manifest = generate(args.n, args.out_dir, args.seed)
    json.dump(manifest, sys.stdout, indent=1, ensure_ascii=False)
    print()
    return 0


if __name__ == "__main__":
    sys.exit(main())
