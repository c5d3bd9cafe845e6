"""Which files of a landing folder a source reads: one rule, shared by every source.

A file is read when its name (case-insensitive) ends in one of the source's formats,
optionally followed by a compression suffix (`.gz`, `.zst`), at any depth of sub-folder. For
web events a compressed file with no other known extension is JSON lines too: Segment's S3
destination writes `<source>/<date>/<timestamp>.<id>.gz`. Every other file (and any file or
folder whose name starts with a dot, e.g. a writer's temporary file) is not read and is
reported by the load, never skipped in silence.
"""

from dataclasses import dataclass
from pathlib import Path

COMPRESSIONS = (".gz", ".zst")
# A compressed file is counted at this many times its size where text size bounds memory or
# disk (load parts, read batches): JSON events gzip about 8-10 to 1.
COMPRESSED_RATIO = 10
LINES, ARRAY = "lines", "array"  # JSON lines (one record per line), a JSON array per file


@dataclass(frozen=True)
class LandingFile:
    path: Path  # as it landed
    format: str  # LINES or ARRAY
    compression: str | None  # ".gz", ".zst" or None
    readable: Path | None = None  # the text to read: `path`, or its decompressed copy

    def text_bytes(self, size: int | None = None) -> int:
        """About how many bytes of text the file holds (`size`: its size, if already known)."""
        size = self.path.stat().st_size if size is None else size
        return size * (COMPRESSED_RATIO if self.compression else 1)


@dataclass(frozen=True)
class LandingRule:
    formats: dict[str, str]  # extension (lower case, with the dot) -> LINES or ARRAY
    bare_compressed: str | None = None  # format of a compressed file with no known extension

    def describe(self) -> str:
        names = ", ".join(f"*{ext}" for ext in self.formats)
        return f"{names} (any case, optionally .gz or .zst, in any sub-folder)"


def _hidden(path: Path, folder: Path) -> bool:
    return any(part.startswith(".") for part in path.relative_to(folder).parts)


def classify(path: Path, rule: LandingRule) -> LandingFile | None:
    """The file's format under `rule`, or None when the source does not read it."""
    name = path.name.lower()
    compression = next((c for c in COMPRESSIONS if name.endswith(c)), None)
    inner = name[: -len(compression)] if compression else name
    for ext, fmt in rule.formats.items():
        if inner.endswith(ext):
            return LandingFile(path, fmt, compression)
    if compression and rule.bare_compressed and Path(inner).suffix not in (".csv", ".txt"):
        return LandingFile(path, rule.bare_compressed, compression)
    return None


def find_landing_files(folder: Path, rule: LandingRule) -> tuple[list[LandingFile], list[Path]]:
    """(files the source reads, files it does not read), both sorted by path."""
    read, unread = [], []
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        found = None if _hidden(path, folder) else classify(path, rule)
        if found:
            read.append(found)
        else:
            unread.append(path)
    return read, unread
