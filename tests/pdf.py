"""Reading booklet PDFs as a reader would: text per page (poppler's pdftotext)."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

_TOC_LINE = re.compile(r"^(.*?)\s*\.{4,}\s*(\d+)\s*$")


def plain(text: str) -> str:
    """Text as pdftotext gives it back: whitespace collapsed, apostrophes straight."""
    return " ".join(text.replace("’", "'").split())


def need_poppler() -> None:
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) is not installed")


def pages_text(pdf: Path) -> list[str]:
    """The text of each page, whitespace collapsed, typographic apostrophes made plain."""
    out = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True)
    return [" ".join(page.replace("’", "'").split()) for page in out.stdout.split("\f")[:-1]]


def page_text(pdf: Path, number: int) -> str:
    out = subprocess.run(
        ["pdftotext", "-f", str(number), "-l", str(number), str(pdf), "-"],
        capture_output=True,
        text=True,
        check=True,
    )
    return " ".join(out.stdout.replace("’", "'").split())


def contents(pdf: Path) -> list[tuple[str, int]]:
    """(end of the title, page number) for each line of the table of contents (page 2...)."""
    out = subprocess.run(
        ["pdftotext", "-f", "2", "-l", "3", str(pdf), "-"],
        capture_output=True,
        text=True,
        check=True,
    )
    entries = []
    for line in out.stdout.replace("’", "'").splitlines():
        match = _TOC_LINE.match(line.strip())
        if match:
            entries.append((" ".join(match.group(1).split()), int(match.group(2))))
    return entries


def check_contents(pdf: Path, titles: list[str]) -> None:
    """Every title is in the contents, whose page number is the page where the fiche starts."""
    entries = contents(pdf)
    assert len(entries) == len(titles), entries
    for title, (fragment, number) in zip(titles, entries, strict=True):
        wanted = plain(title)
        assert wanted.endswith(fragment), (title, fragment)
        text = page_text(pdf, number)
        assert wanted in text, (title, number, text[:200])
        assert wanted not in page_text(pdf, number - 1) or number - 1 <= 2, (title, number)


def pdf_objects(pdf: Path) -> bytes:
    """The file's bytes with its compressed streams inflated (the catalogue of a PDF 1.5+
    may sit in an object stream): enough to look for ``/Lang`` or ``/Outlines``."""
    import zlib

    raw = pdf.read_bytes()
    inflated = []
    for match in re.finditer(rb"stream\r?\n(.*?)\r?\nendstream", raw, re.DOTALL):
        try:
            inflated.append(zlib.decompress(match.group(1)))
        except zlib.error:
            continue
    return raw + b"".join(inflated)
