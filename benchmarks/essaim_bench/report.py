"""Ratios, the issue's targets, and the Markdown tables of one run."""

from __future__ import annotations

import itertools
from typing import Any

from .targets import check_targets

KIB_PER_MIB = 1024
# The builds of one size: Essaim, the site without it (the target's baseline), and that
# site with Material's search (results written before it was measured have none).
KINDS = ("essaim", "plain", "plain-search")


def _n(value: float, digits: int = 0) -> str:
    return f"{value:,.{digits}f}"


def summarize(size: dict[str, Any]) -> dict[str, Any]:
    """Per-size figures from the median run of each build."""
    out: dict[str, Any] = {}
    for kind in (k for k in KINDS if k in size):
        runs = sorted(size[kind]["runs"], key=lambda r: r["seconds"])
        median = runs[len(runs) // 2]
        pages = median["site"]["pages"]
        out[kind] = {
            "seconds": median["seconds"],
            "peak_kib": median["peak_kib"],
            # Results written before the child's peak was measured have none.
            "child_peak_kib": median.get("child_peak_kib", 0),
            "pages": pages,
            "ms_per_page": 1000 * median["seconds"] / max(1, pages),
            "site": median["site"],
            "failed": [r["errors"] for r in runs if r["returncode"] != 0],
        }
    essaim, plain = out["essaim"], out["plain"]
    out["time_ratio"] = essaim["seconds"] / plain["seconds"]
    out["page_cost_ratio"] = essaim["ms_per_page"] / plain["ms_per_page"]
    out["memory_ratio"] = essaim["peak_kib"] / max(1, plain["peak_kib"])
    # As /usr/bin/time sees a build: its own peak or its largest child's, whichever is higher.
    out["tree_memory_ratio"] = max(essaim["peak_kib"], essaim["child_peak_kib"]) / max(
        1, plain["peak_kib"], plain["child_peak_kib"]
    )
    if "plain-search" in out:  # like for like: a search in both sites
        out["page_cost_ratio_search"] = essaim["ms_per_page"] / out["plain-search"]["ms_per_page"]
    return out


def scaling(summaries: dict[int, dict[str, Any]]) -> list[dict[str, Any]]:
    """time(larger) / time(smaller) for each pair of consecutive sizes."""
    sizes = sorted(summaries)
    return [
        {
            "from": small,
            "to": large,
            "fiches_ratio": large / small,
            "essaim": summaries[large]["essaim"]["seconds"] / summaries[small]["essaim"]["seconds"],
            "plain": summaries[large]["plain"]["seconds"] / summaries[small]["plain"]["seconds"],
        }
        for small, large in itertools.pairwise(sizes)
    ]


def _builds_table(summaries: dict[int, dict[str, Any]]) -> list[str]:
    lines = [
        "| Fiches | Build | Time (s) | Peak memory (MiB) | Pagefind's peak (MiB) | HTML pages "
        "| ms / page "
        "| Output (MB) | Search index (MB) | Largest HTML page |",
        "| ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |",
    ]
    for n, s in sorted(summaries.items()):
        for kind in (k for k in KINDS if k in s):
            b = s[kind]
            site = b["site"]
            lines.append(
                f"| {_n(n)} | {kind}{' (failed)' if b['failed'] else ''} | {b['seconds']:.2f} "
                f"| {_n(b['peak_kib'] / KIB_PER_MIB)} | {_n(b['child_peak_kib'] / KIB_PER_MIB)} "
                f"| {_n(b['pages'])} "
                f"| {b['ms_per_page']:.1f} | {site['total_bytes'] / 1e6:.1f} "
                f"| {site['search_index_bytes'] / 1e6:.1f} "
                f"| `{site['largest_page']}` ({_n(site['largest_bytes'] / 1e3)} KB) |"
            )
    return lines


def _ratios_table(summaries: dict[int, dict[str, Any]]) -> list[str]:
    lines = [
        "| Fiches | Time ratio | Cost-per-page ratio | Peak memory ratio | With Pagefind's "
        "| Cost per page ÷ plain-search |",
        "| ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for n, s in sorted(summaries.items()):
        lines.append(
            f"| {_n(n)} | {s['time_ratio']:.2f} | {s['page_cost_ratio']:.2f} "
            f"| {s['memory_ratio']:.2f} | {s['tree_memory_ratio']:.2f} "
            f"| {s.get('page_cost_ratio_search', float('nan')):.2f} |"
        )
    return lines


def _scaling_lines(steps: list[dict[str, Any]]) -> list[str]:
    return [
        f"- time({_n(s['to'])}) / time({_n(s['from'])}), {s['fiches_ratio']:.0f}× the fiches: "
        f"essaim {s['essaim']:.2f}, plain {s['plain']:.2f}"
        for s in steps
    ] or ["- one size only: no scaling ratio"]


def _edit_lines(edit: dict[str, Any] | None) -> list[str]:
    if edit is None:
        return ["Not run (`--skip-edit`)."]

    def show(value: Any, unit: str = "") -> str:
        return "n/a" if value is None else f"{value}{unit}"

    return [
        "| Fiches | Edited fiche | First build | Rebuild after the edit | Edit → rebuilt (wall) "
        "| Fiches re-read | From cache | Status |",
        "| ---: | --- | ---: | ---: | ---: | ---: | ---: | --- |",
        f"| {_n(edit['fiches'])} | `{edit['edited']}` | {show(edit['first_build_s'], ' s')} "
        f"| {show(edit['rebuild_s'], ' s')} | {show(edit['wall_s'], ' s')} "
        f"| {show(edit['fiches_read'])} | {show(edit['from_cache'])} | {edit['status']} |",
    ]


def _corpus_lines(results: dict[str, Any]) -> list[str]:
    lines = []
    for n, size in sorted(results["sizes"].items(), key=lambda kv: int(kv[0])):
        c = size["corpus"]
        flaws = {k: len(v) for k, v in c["flaws"].items()}
        lines.append(
            f"- {_n(int(n))} fiches ({'reused' if size['reused'] else 'generated'}, seed "
            f"{c['seed']}): {_n(c['structures'])} structures ({c['fiches_per_structure']} fiches "
            f"each on average, at most {c['max_fiches_per_structure']}), fiche files "
            f"{_n(c['fiche_bytes']['min'])}–{_n(c['fiche_bytes']['max'])} bytes (median "
            f"{_n(c['fiche_bytes']['median'])}), docs {c['docs_bytes'] / 1e6:.1f} MB, "
            f"sub-folders {c['folders']}, deliberate errors {flaws}"
        )
    return lines


def _machine_lines(machine: dict[str, Any]) -> list[str]:
    m = machine
    changes = m["plugin_changes"]
    return [
        f"- {m['date']}; {m['nproc']} CPUs (`nproc`), {m['cpu']}, {m['memory_gib']} GiB; "
        f"load average at start {m['load_average']}",
        f"- Python {m['python']}, mkdocs {m['mkdocs']}, mkdocs-material {m['mkdocs_material']}, "
        f"essaim {m['essaim']} at commit {m['commit']}"
        + (f" with {changes} uncommitted file(s) under plugins/" if changes else ""),
    ]


def render(results: dict[str, Any], command: str) -> str:
    summaries = {int(n): s["summary"] for n, s in results["sizes"].items()}
    lines = [
        "## Results",
        "",
        f"Command: `{command}` (each build run {results['repeat']} time(s); the median is shown).",
        "",
        "### Machine",
        "",
        *_machine_lines(results["machine"]),
        "",
        "### Corpora",
        "",
        *_corpus_lines(results),
        "",
        "### Builds",
        "",
        *_builds_table(summaries),
        "",
        "### Essaim ÷ plain",
        "",
        *_ratios_table(summaries),
        "",
        "### Scaling",
        "",
        *_scaling_lines(results["scaling"]),
        "",
        "### Editing one fiche under `mkdocs serve`",
        "",
        *_edit_lines(results.get("edit")),
        "",
        "### Targets of the issue",
        "",
        "| Target | Measured | |",
        "| --- | --- | :---: |",
        *(f"| {t} | {m} | {mark} |" for t, m, mark in check_targets(summaries, results)),
        "",
    ]
    return "\n".join(lines)
