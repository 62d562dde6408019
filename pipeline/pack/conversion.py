"""The one LibreOffice queue of a build: files handed to it are turned into PDF in order, one
call at a time, while Python goes on writing the next document. Through the PDF cache, a file
converted by an earlier build is not converted again."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path
from types import TracebackType

from pipeline import faults
from pipeline.documents.render import Rendered
from pipeline.pack.cache import PdfCache
from pipeline.pack.convert import Office


class Conversion:
    """``with Conversion(…) as converting``: hand it files with :meth:`add` and
    :meth:`evidence`, collect with :meth:`results`. Leaving the block by an exception (a
    failure, Ctrl-C, SIGTERM) stops LibreOffice and the conversion under way."""

    def __init__(
        self,
        office: Office,
        work: Path,
        timeout: float,
        say: Callable[[str], None],
        cache: PdfCache | None = None,
    ) -> None:
        self.office = office
        self.work = work
        self.timeout = timeout
        self.say = say
        self.cache = cache
        self.shown_as: dict[Path, str] = {}  # working copies, by the school's own names
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="libreoffice")
        self._queued: list[Future[dict[Path, Path]]] = []

    def __enter__(self) -> Conversion:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        try:
            if error is not None:
                self.office.close()  # stopped or failed: the conversion under way too
        finally:
            self._pool.shutdown(wait=True, cancel_futures=True)

    def _waiting(self, source: Path, seconds: float) -> None:
        """LibreOffice has been a while on ``source``: say so, so nobody thinks it froze."""
        self.say(f"  still converting {self.shown_as.get(source, source.name)} … {seconds:.0f} s")

    def to_pdf(
        self,
        sources: Sequence[Path],
        out: Path,
        optional: frozenset[Path] = frozenset(),
        to: str = "pdf",
    ) -> dict[Path, Path]:
        """Convert now, on this thread; ``to`` "pdf-marked" exports a Word document's bookmarks
        as destinations."""

        def run(missing: Sequence[Path], folder: Path, maybe: frozenset[Path]) -> dict[Path, Path]:
            return self.office.convert(
                missing, folder, to, optional=maybe, timeout=self.timeout, waiting=self._waiting
            )

        if self.cache is None:
            return run(sources, out, optional)
        return self.cache.convert(sources, out, run, optional, to)

    def evidence(self, copies: dict[Path, str]) -> Future[dict[Path, Path]]:
        """The evidence's office files (working copies, with the names the school gave them),
        all in one call that may leave out a file that will not convert."""
        self.shown_as.update(copies)
        return self._pool.submit(self.to_pdf, list(copies), self.work / "pdf", frozenset(copies))

    def add(self, made: Rendered) -> None:
        """A document of the pack, as soon as it is written: with the places its renderer
        marked exported as destinations, if it marked any (only those: a Word file's own
        bookmarks, _GoBack and the like, are not wanted in the pack)."""
        to = marked(made)
        self._queued.append(self._pool.submit(self.to_pdf, [made.path], self.work / "pdf", to=to))

    def results(self) -> dict[Path, Path]:
        """Every document's PDF, once LibreOffice has done them all."""
        faults.stage("converting")
        pdfs: dict[Path, Path] = {}
        for conversion in self._queued:
            pdfs |= conversion.result()
        return pdfs


def marked(made: Rendered) -> str:
    """The kind of PDF a document is converted to: with destinations where it has anchors."""
    return "pdf-marked" if made.anchors else "pdf"
