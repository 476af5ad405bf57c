"""Time the Essaim build against a plain mkdocs-material build, size by size.

    python benchmarks/run.py --sizes 100 1000 10000 [--repeat 1] [--skip-edit]

Corpora are generated under benchmarks/work/<N>/ (or reused when made from the same real
content, generator and seed). Results: a Markdown table printed and written to
benchmarks/RESULTS.md, raw numbers in benchmarks/work/results.json. See README.md.
"""

from __future__ import annotations

import argparse
import shlex
import sys
import time
from pathlib import Path
from typing import Any

from essaim_bench.configs import ESSAIM_CONFIG, PLAIN_CONFIG, PLAIN_SEARCH_CONFIG
from essaim_bench.edit import run_edit
from essaim_bench.generate import ensure
from essaim_bench.machine import describe
from essaim_bench.measure import run_build
from essaim_bench.report import render, scaling, summarize
from essaim_bench.results import WORK, write_json, write_markdown

EDIT_SIZE = 1_000


def _log(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def _corpus(n: int, seed: int) -> tuple[Path, dict[str, Any], bool]:
    out = WORK / str(n)
    started = time.perf_counter()
    manifest, reused = ensure(n, out, seed)
    how = "reused" if reused else f"generated in {time.perf_counter() - started:.1f} s"
    _log(f"corpus of {n} fiches {how}: {out}")
    return out, manifest, reused


def _size(n: int, args: argparse.Namespace) -> dict[str, Any]:
    corpus, manifest, reused = _corpus(n, args.seed)
    configs = {"essaim": ESSAIM_CONFIG, "plain": PLAIN_CONFIG, "plain-search": PLAIN_SEARCH_CONFIG}
    runs: dict[str, list[dict[str, Any]]] = {kind: [] for kind in configs}
    for repeat in range(args.repeat):
        # Each build goes first in turn, so that none always gets the warmer caches.
        kinds = list(configs)
        order = kinds[repeat % len(kinds) :] + kinds[: repeat % len(kinds)]
        for kind in order:
            result = run_build(kind, corpus / configs[kind], corpus / f"site-{kind}", args.timeout)
            status = "" if result.returncode == 0 else f" FAILED ({result.returncode})"
            _log(
                f"{n} fiches, {kind}: {result.seconds:.2f} s, {result.peak_kib // 1024} MiB, "
                f"{result.site.pages} pages{status}"
            )
            if result.returncode != 0:
                _log(result.errors)
            runs[kind].append(result.as_dict())
    size = {"corpus": manifest, "reused": reused, **{k: {"runs": v} for k, v in runs.items()}}
    size["summary"] = summarize(size)
    return size


def _edit(args: argparse.Namespace) -> dict[str, Any]:
    corpus, manifest, _ = _corpus(EDIT_SIZE, args.seed)
    # The first fiche at the top of the fiches folder: the same one on every run.
    fiche = sorted((corpus / "docs" / "fiches").glob("*.md"))[0]
    _log(f"edit benchmark: mkdocs serve, then editing {fiche.name}")
    result = run_edit(corpus, fiche, manifest["fiches"], args.timeout, WORK / "edit-serve.log")
    _log(
        f"edit: rebuild {result.rebuild_s} s, fiches re-read {result.fiches_read}, {result.status}"
    )
    return result.as_dict()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 1000], metavar="N")
    parser.add_argument("--repeat", type=int, default=1, help="builds per size (median shown)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--skip-edit", action="store_true", help="no `mkdocs serve` edit test")
    parser.add_argument(
        "--timeout", type=float, default=7200, help="seconds allowed per build (default 7200)"
    )
    args = parser.parse_args(argv)
    if min(args.sizes) < 1 or args.repeat < 1:
        parser.error("sizes and --repeat must be at least 1")
    command = "python benchmarks/run.py " + shlex.join(sys.argv[1:] if argv is None else argv)
    results: dict[str, Any] = {
        "machine": describe(),
        "seed": args.seed,
        "repeat": args.repeat,
        "sizes": {},
    }
    for n in sorted(set(args.sizes)):
        results["sizes"][str(n)] = _size(n, args)
    summaries = {int(n): s["summary"] for n, s in results["sizes"].items()}
    results["scaling"] = scaling(summaries)
    results["edit"] = None if args.skip_edit else _edit(args)
    section = render(results, command)
    write_json(results)
    path = write_markdown(section)
    print(section)
    _log(f"written: {path} and {WORK / 'results.json'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
