"""The targets of issues 7 (« Scale ») and 16 (« Engines »), each checked against a run:
✓, ✗, or — not measured.

These are benchmark figures, never test assertions: a timing depends on the machine.
"""

from __future__ import annotations

from typing import Any

PAGE_COST_RATIO = 1.15
SCALING_10K_1K = 11.0
MEMORY_RATIO = 1.3
FICHES_PER_STRUCTURE = (1.0, 1.5)  # the export's shape: one to three actions, most often one
MAX_PAGE_BYTES = 200_000  # 200 KB, in decimal kilobytes: the stricter reading
ONE_K, THREE_K, TEN_K = 1_000, 3_000, 10_000
NOT_MEASURED = "—"


def _mark(ok: bool) -> str:
    return "✓" if ok else "✗"


def _page_cost(summaries: dict[int, dict[str, Any]], n: int) -> tuple[str, str]:
    if n not in summaries:
        return f"not measured (no {n:,}-fiche run)", NOT_MEASURED
    if summaries[n]["essaim"]["failed"] or summaries[n]["plain"]["failed"]:
        return "a build failed: no comparison (see Builds)", _mark(False)
    ratio = summaries[n]["page_cost_ratio"]
    return f"{ratio:.2f} × (total time ratio {summaries[n]['time_ratio']:.2f} ×)", _mark(
        ratio <= PAGE_COST_RATIO
    )


def _largest(summaries: dict[int, dict[str, Any]]) -> tuple[str, str]:
    biggest = max(summaries)
    site = summaries[biggest]["essaim"]["site"]
    measured = f"`{site['largest_page']}`: {site['largest_bytes'] / 1e3:,.0f} KB"
    if TEN_K not in summaries:
        return f"not measured at 10,000 (at {biggest:,}: {measured})", NOT_MEASURED
    return measured, _mark(site["largest_bytes"] <= MAX_PAGE_BYTES)


def _listing(summaries: dict[int, dict[str, Any]]) -> str:
    biggest = max(summaries)
    return (
        f"not measured by this benchmark (open `fiches/` of the {biggest:,}-fiche site in "
        "Chromium; the page sizes are above)"
    )


def check_targets(
    summaries: dict[int, dict[str, Any]], results: dict[str, Any]
) -> list[tuple[str, str, str]]:
    rows: list[tuple[str, str, str]] = []
    for n in (ONE_K, THREE_K, TEN_K):
        measured, mark = _page_cost(summaries, n)
        rows.append((f"Cost per page ≤ {PAGE_COST_RATIO} × plain at {n:,} fiches", measured, mark))
    both = ONE_K in summaries and TEN_K in summaries
    scale = {
        kind: summaries[TEN_K][kind]["seconds"] / summaries[ONE_K][kind]["seconds"]
        for kind in ("essaim", "plain")
        if both
    }
    rows.append(
        (
            f"time(10k) / time(1k) ≤ {SCALING_10K_1K:g} (essaim)",
            f"{scale['essaim']:.2f} (plain {scale['plain']:.2f})"
            if scale
            else "not measured (needs 1,000 and 10,000 in one run)",
            _mark(scale["essaim"] <= SCALING_10K_1K) if scale else NOT_MEASURED,
        )
    )
    for n in sorted(summaries):
        ratio, tree = summaries[n]["memory_ratio"], summaries[n]["tree_memory_ratio"]
        rows.append(
            (
                f"Peak memory at {n:,} ≤ {MEMORY_RATIO} × plain (build, and with Pagefind's)",
                f"{ratio:.2f} ×, {tree:.2f} ×",
                _mark(max(ratio, tree) <= MEMORY_RATIO),
            )
        )
    per_structure = {
        int(n): s["corpus"]["fiches_per_structure"] for n, s in results["sizes"].items()
    }
    low, high = FICHES_PER_STRUCTURE
    rows.append(
        (
            "Realistic corpus: a structure carries 1 to 3 actions (as in the export)",
            ", ".join(f"{n:,}: {v} fiches per structure" for n, v in sorted(per_structure.items())),
            _mark(all(low <= v <= high for v in per_structure.values())),
        )
    )
    rows.append(("No HTML page of the 10k site over 200 KB", *_largest(summaries)))
    rows.append(("The all-fiches page interactive in Chromium", _listing(summaries), NOT_MEASURED))
    edit = results.get("edit")
    if edit is None:
        rows.append(("Edit at 1k re-reads only the edited fiche", "not run", NOT_MEASURED))
    elif edit["fiches_read"] is None:
        rows.append(
            (
                "Edit at 1k re-reads only the edited fiche",
                f"n/a: no « essaim: N fiches lues » line (rebuild {edit['rebuild_s']} s)",
                NOT_MEASURED,
            )
        )
    else:
        rows.append(
            (
                "Edit at 1k re-reads only the edited fiche",
                f"{edit['fiches_read']} re-read, {edit['from_cache']} from the cache, "
                f"rebuild {edit['rebuild_s']} s",
                _mark(edit["fiches_read"] <= 1),
            )
        )
    return rows
