"""The store of converted PDFs, as builds beside each other use it."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from pipeline.pack.cache import PdfCache


def fake_pdf(text: str) -> bytes:
    return f"%PDF-1.4 {text}".encode()


def test_an_entry_pruned_by_another_build_while_this_one_converts_is_still_used(
    tmp_path: Path,
) -> None:
    """Another school's build, finishing while this one converts, prunes entries unused for a
    month: an entry this build found kept was already copied, so nothing goes missing."""
    cache = PdfCache(tmp_path / "cache" / "pdf", "LibreOffice 7.4")
    old, new = tmp_path / "old.docx", tmp_path / "new.docx"
    old.write_bytes(b"the form as last term")
    new.write_bytes(b"the plan, changed")

    def convert(sources: Sequence[Path], out: Path, optional: frozenset[Path]) -> dict[Path, Path]:
        out.mkdir(parents=True, exist_ok=True)
        made = {}
        for source in sources:
            made[source] = out / f"{source.stem}.pdf"
            made[source].write_bytes(fake_pdf(source.read_bytes().decode()))
        return made

    cache.convert([old], tmp_path / "first", convert)  # kept by an earlier build

    def convert_while_pruned(
        sources: Sequence[Path], out: Path, optional: frozenset[Path]
    ) -> dict[Path, Path]:
        for entry in cache.folder.glob("*.pdf"):
            entry.unlink()  # the other build's prune, at this moment
        return convert(sources, out, optional)

    result = cache.convert([old, new], tmp_path / "second", convert_while_pruned)
    assert result[old].read_bytes() == fake_pdf("the form as last term")
    assert result[new].read_bytes() == fake_pdf("the plan, changed")
    assert (cache.hits, cache.misses) == (1, 2)
