"""Edit → preview: how long an edited fiche takes to show in ``essaim serve`` (issue 16).

    python benchmarks/preview.py [--fiches 1000] [--edits 3] [--seed 1] [--mkdocs]

Generates (or reuses) the corpus of benchmarks/work/<N>/, starts ``essaim serve`` on it
(``mkdocs serve`` too with ``--mkdocs``), waits for the site, then for each edit appends
a new sentence to one fiche and polls the served page over HTTP (every 10 ms) until it
shows the sentence: the time from the write to that answer. Then one fiche changes theme,
timed until the new theme's page lists it. Prints JSON and writes a section of
RESULTS.md between its markers. A benchmark, not a test: the figures depend on the load.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import signal
import socket
import statistics
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).parent))

from essaim_bench.configs import ESSAIM_CONFIG
from essaim_bench.generate import ensure
from essaim_bench.machine import describe
from essaim_bench.results import WORK, replace_section

UPDATE = re.compile(r"reconstruite\(s\) en ([\d.]+) s \(processeur : ([\d.]+) s\)")


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _shows(url: str, text: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=30) as answer:
            return text in answer.read().decode("utf-8")
    except OSError:
        return False


def _wait(url: str, text: str, timeout: float) -> float:
    start = time.perf_counter()
    while time.perf_counter() - start < timeout:
        if _shows(url, text):
            return time.perf_counter() - start
        time.sleep(0.01)
    raise TimeoutError(f"{url}: « {text} » never shown")


def _page_url(base: str, docs: Path, fiche: Path) -> str:
    return base + fiche.relative_to(docs).with_suffix("").as_posix() + "/"


def measure(engine: str, corpus: Path, edits: int, timeout: float) -> dict[str, Any]:
    docs = corpus / "docs"
    fiches = sorted((docs / "fiches").glob("*.md"))
    fiche, other = fiches[0], fiches[1]
    originals = {path: path.read_bytes() for path in (fiche, other)}
    port = _free_port()
    if engine == "essaim serve":
        command = [sys.executable, "-m", "essaim.cli", "serve"]
    else:
        command = [sys.executable, "-m", "mkdocs", "serve"]
    command += ["-f", str(corpus / ESSAIM_CONFIG), "-a", f"127.0.0.1:{port}"]
    environment = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    log_path = WORK / f"preview-{engine.split()[0]}.log"
    log = log_path.open("w", encoding="utf-8")
    server = subprocess.Popen(command, cwd=corpus, stdout=log, stderr=log, env=environment)
    base = f"http://127.0.0.1:{port}/"
    result: dict[str, Any] = {"engine": engine, "fiche": fiche.relative_to(docs).as_posix()}
    try:
        started = time.perf_counter()
        _wait(_page_url(base, docs, fiche), "<title>", timeout)
        result["first_build_s"] = round(time.perf_counter() - started, 2)
        time.sleep(1.0)
        times = []
        for number in range(edits):
            sentence = f"Phrase du banc d'essai numéro {number} ({time.time_ns()})."
            before = time.perf_counter()
            with fiche.open("a", encoding="utf-8") as out:
                out.write(f"\n{sentence}\n")
            _wait(_page_url(base, docs, fiche), sentence, timeout)
            times.append(time.perf_counter() - before)
            time.sleep(1.0)
        result["edit_s"] = [round(t, 3) for t in times]
        result["edit_median_s"] = round(statistics.median(times), 3)
        text = other.read_text(encoding="utf-8")
        themes = next(line for line in text.splitlines() if line.startswith("themes:"))
        other.write_text(text.replace(themes, "themes: [Numérique]"), encoding="utf-8")
        # The theme page links to the fiche (its title is HTML-escaped there).
        link = "fiches/" + other.relative_to(docs / "fiches").with_suffix("").as_posix() + "/"
        result["theme_change_s"] = round(_wait(base + "themes/numerique/", link, timeout), 3)
    except TimeoutError as error:
        result["status"] = str(error)
    finally:
        server.terminate()
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
        log.close()
        for path, data in originals.items():
            path.write_bytes(data)
    # The server's own account of each update: wall and processor time (essaim serve).
    logged = UPDATE.findall(log_path.read_text(encoding="utf-8", errors="replace"))
    result["server_update_s"] = [float(wall) for wall, _ in logged]
    result["server_update_cpu_s"] = [float(cpu) for _, cpu in logged]
    return result


def _markdown(results: list[dict[str, Any]], fiches: int, machine: str) -> str:
    lines = [
        f"## Edit → preview at {fiches:,} fiches (issue 16)",
        "",
        f"Command: `python benchmarks/preview.py --fiches {fiches}`. {machine}",
        "Time from the write of one fiche to the served page (HTTP) showing the new sentence;",
        "then one fiche's themes changed, until the new theme's page lists it.",
        "",
        "| preview | fiches | first build (s) | edit → page (s), each | median (target < 1 s) "
        "| theme change → theme page (s) | server's updates: processor time (s) |",
        "| --- | ---: | ---: | --- | ---: | ---: | --- |",
    ]
    for r in results:
        each = ", ".join(f"{t:.2f}" for t in r.get("edit_s", []))
        median = r.get("edit_median_s")
        mark = "" if median is None else (" ✓" if median < 1 else " ✗")
        lines.append(
            f"| `{r['engine']}` | {fiches} | {r.get('first_build_s', '—')} | {each or '—'} "
            f"| {median if median is not None else '—'}{mark} | {r.get('theme_change_s', '—')} "
            f"| {', '.join(f'{t:.2f}' for t in r.get('server_update_cpu_s', [])) or '—'} |"
        )
    return "\n".join(lines) + "\n"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--fiches", type=int, default=1000)
    parser.add_argument("--edits", type=int, default=3)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--timeout", type=float, default=300)
    parser.add_argument("--mkdocs", action="store_true", help="also time « mkdocs serve »")
    args = parser.parse_args()
    # Stopped from outside (timeout): still stop the server and give the fiches back.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(1))
    corpus = WORK / str(args.fiches)
    ensure(args.fiches, corpus, args.seed)
    engines = ["essaim serve"] + (["mkdocs serve"] if args.mkdocs else [])
    results = [measure(engine, corpus, args.edits, args.timeout) for engine in engines]
    print(json.dumps(results, indent=1, ensure_ascii=False))
    machine = describe()
    where = (
        f"{machine['date']}; {machine['nproc']} CPUs, {machine['cpu']}, shared with other "
        f"sessions; load average {machine['load_average']}; essaim at commit {machine['commit']}."
    )
    replace_section(f"preview-{args.fiches}", _markdown(results, args.fiches, where))
    return 0


if __name__ == "__main__":
    sys.exit(main())
