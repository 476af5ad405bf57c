"""What changed in docs/ since the last look: by content hash, modification times only
saying where to look (a file saved unchanged is no change)."""

from __future__ import annotations

from pathlib import Path

from .shown import digest


class Sources:
    def __init__(self, docs: Path) -> None:
        self.docs = docs
        self.known: dict[str, tuple[int, int, str]] = {}  # src_uri → (mtime, size, hash)

    def record(self) -> None:
        self.known = {uri: self._stat_hash(uri) for uri in self._uris()}

    def changed(self) -> set[str]:
        """Files whose bytes changed, appeared or disappeared."""
        found = set()
        uris = self._uris()
        for uri in set(self.known) - set(uris):
            found.add(uri)
            del self.known[uri]
        for uri in uris:
            known = self.known.get(uri)
            stat = (self.docs / uri).stat()
            if known is not None and (stat.st_mtime_ns, stat.st_size) == known[:2]:
                continue
            current = self._stat_hash(uri)
            self.known[uri] = current
            if known is None or known[2] != current[2]:
                found.add(uri)
        return found

    def _uris(self) -> list[str]:
        docs = self.docs
        return sorted(p.relative_to(docs).as_posix() for p in docs.rglob("*") if p.is_file())

    def _stat_hash(self, uri: str) -> tuple[int, int, str]:
        path = self.docs / uri
        stat = path.stat()
        return stat.st_mtime_ns, stat.st_size, digest(path.read_bytes())
