"""Time a booklet of N fiches against WeasyPrint alone on the very same HTML.

    python benchmarks/booklet.py [--fiches 100] [--repeat 3] [--seed 1]

The corpus is the build benchmark's (benchmarks/work/<N>/, generated or reused). The site
is built in this process with one booklet of every fiche; Essaim's booklet step (HTML from
the templates, portable fiche bodies, the fenced url_fetcher, writing the PDF) is timed,
and its HTML is kept. Then WeasyPrint renders that HTML on its own, with its default
fetcher and the same base URL: ``HTML(string=..., base_url=...).write_pdf(...)``. The issue's
target: the booklet takes less than twice WeasyPrint's own time. The table is written
between the booklet markers of benchmarks/RESULTS.md.
"""

from __future__ import annotations

import argparse
import logging
import statistics
import sys
import time
from pathlib import Path
from typing import Any

import yaml
from essaim_bench.configs import ESSAIM_CONFIG
from essaim_bench.generate import ensure
from essaim_bench.machine import describe
from essaim_bench.results import WORK

RESULTS = Path(__file__).parent / "RESULTS.md"
START, END = "<!-- booklet:start -->", "<!-- booklet:end -->"
TARGET = 2.0


def _config(corpus: Path) -> Path:
    config = yaml.safe_load((corpus / ESSAIM_CONFIG).read_text(encoding="utf-8"))
    for entry in config["plugins"]:
        if isinstance(entry, dict) and "essaim" in entry:
            options = entry["essaim"] or {}
            options["booklets"] = [{"titre": "Banc d'essai", "slug": "banc-d-essai"}]
            entry["essaim"] = options
    path = corpus / "mkdocs-booklet.yml"
    path.write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), "utf-8")
    return path


def _essaim_run(config_file: Path, site_dir: Path) -> tuple[tuple[float, float], str, int]:
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    import essaim.publications.pdf as pdf
    from essaim.publications.publisher import Publisher

    seen: dict[str, Any] = {"times": []}
    real_write, real_pdf = Publisher.write, pdf.write_pdf

    def timed_write(self: Publisher, *args: Any, **kwargs: Any) -> list[Path]:
        start, cpu = time.perf_counter(), time.process_time()
        written = real_write(self, *args, **kwargs)
        seen["times"].append((time.perf_counter() - start, time.process_time() - cpu))
        return written

    def keep_html(html: str, *args: Any) -> int:
        seen["html"] = html
        seen["pages"] = real_pdf(html, *args)
        return int(seen["pages"])

    Publisher.write = timed_write  # type: ignore[method-assign]
    pdf.write_pdf = keep_html
    try:
        build(load_config(str(config_file), site_dir=str(site_dir)))
    finally:
        Publisher.write, pdf.write_pdf = real_write, real_pdf  # type: ignore[method-assign]
    return seen["times"][0], seen["html"], seen["pages"]


def _weasyprint_run(html: str, site_dir: Path) -> tuple[float, float]:
    from weasyprint import HTML

    start, cpu = time.perf_counter(), time.process_time()
    HTML(string=html, base_url=site_dir.resolve().as_uri() + "/").write_pdf(
        site_dir / "weasyprint-seul.pdf"
    )
    return time.perf_counter() - start, time.process_time() - cpu


def _report(
    n: int,
    repeat: int,
    essaim: list[tuple[float, float]],
    alone: list[tuple[float, float]],
    pages: int,
) -> str:
    machine = describe()
    rows = []
    for label, index in (("wall", 0), ("CPU", 1)):
        mine = statistics.median(t[index] for t in essaim)
        theirs = statistics.median(t[index] for t in alone)
        ratio = mine / theirs
        mark = "✓" if ratio < TARGET else "✗"
        rows.append(f"| {n} | {pages} | {label} | {mine:.1f} | {theirs:.1f} | {ratio:.2f} {mark} |")
    runs = "; ".join(
        f"run {i + 1}: Essaim {e[0]:.1f} s wall / {e[1]:.1f} s CPU, WeasyPrint alone "
        f"{a[0]:.1f} s / {a[1]:.1f} s"
        for i, (e, a) in enumerate(zip(essaim, alone, strict=True))
    )
    return "\n".join(
        [
            START,
            "## Booklets (issue 6)",
            "",
            f"Command: `python benchmarks/booklet.py --fiches {n} --repeat {repeat}`. "
            f"{machine['date']}; {machine['nproc']} CPUs, {machine['cpu']}; load average "
            f"at the end {machine['load_average']}; essaim at commit {machine['commit']}.",
            "",
            "| fiches | PDF pages | time | Essaim booklet step (s) | WeasyPrint alone, "
            f"same HTML (s) | ratio (target < {TARGET:g}) |",
            "| ---: | ---: | --- | ---: | ---: | ---: |",
            *rows,
            "",
            f"Medians of {repeat} run(s), each Essaim run followed by a WeasyPrint run. {runs}. "
            "The Essaim step is `on_post_build`'s booklet work (HTML from templates, portable "
            "bodies, the fenced url_fetcher, the PDF written); the rest of the site build is "
            "not counted. CPU time (`time.process_time()`) is the fairer figure on a machine "
            "shared with other work: wall time also counts waiting for a core.",
            END,
        ]
    )


def _write(section: str) -> None:
    text = RESULTS.read_text(encoding="utf-8") if RESULTS.exists() else ""
    if START in text and END in text:
        text = text[: text.index(START)] + section + text[text.index(END) + len(END) :]
    else:
        marker = "<!-- Everything below is written by benchmarks/run.py"
        at = text.index(marker) if marker in text else len(text)
        text = text[:at] + section + "\n\n" + text[at:]
    RESULTS.write_text(text, encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--fiches", type=int, default=100)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    logging.getLogger("mkdocs").setLevel(logging.ERROR)  # the corpus's deliberate flaws
    corpus = WORK / str(args.fiches)
    ensure(args.fiches, corpus, args.seed)
    site_dir = corpus / "site-booklet"
    config_file = _config(corpus)
    from weasyprint import HTML

    HTML(string="<p>Échauffement</p>").write_pdf()  # one-time set-up is nobody's cost
    essaim: list[tuple[float, float]] = []
    alone: list[tuple[float, float]] = []
    pages = 0
    for _ in range(args.repeat):  # one after the other, so that both see the same load
        seconds, html, pages = _essaim_run(config_file, site_dir)
        essaim.append(seconds)
        alone.append(_weasyprint_run(html, site_dir))
    section = _report(args.fiches, args.repeat, essaim, alone, pages)
    print(section)
    _write(section)
    return 0


if __name__ == "__main__":
    sys.exit(main())
