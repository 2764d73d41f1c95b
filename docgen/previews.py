"""A document's PDF copy and the pictures of its pages, made in the background and kept on disk
beside the document.

The state is the files themselves: «X.pdf» (the CLI's name for X.docx's PDF) and «X.page-N.png».
The pages are written first and the PDF last, each atomically, so a PDF on disk means its pages
are complete; a site restarted halfway finds no PDF and simply makes the copy again. Only the
reason of a failure is kept in memory, until the user asks to try again (or the site restarts).

The work runs in a small pool (LibreOffice converts one document at a time anyway), never in a
request: a request only asks for the state and, if there is none yet, starts the job.
"""
from __future__ import annotations

import re
import shutil
import subprocess
import tempfile
import threading
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from .errors import DocgenError
from .fileio import atomic_write_bytes
from .pdf import pdf_path

RESOLUTION = 70  # dots per inch: an A4 page 580 px wide, readable on a screen, ~50 KB
MAX_PAGES = 30  # pictures of the first pages only: the whole document is in the PDF
WORKERS = 2
_PAGE = re.compile(r"\.page-([1-9][0-9]{0,3})\.png$")


def page_path(docx: Path, number: int) -> Path:
    return docx.with_name(f"{docx.stem}.page-{number}.png")


def pages_on_disk(docx: Path) -> list[Path]:
    pages = []
    while page_path(docx, len(pages) + 1).is_file():
        pages.append(page_path(docx, len(pages) + 1))
    return pages


def is_page_of_a_document(name: str) -> bool:
    """«X.page-N.png»: a name the preview writes (the download route serves only these pictures)."""
    return _PAGE.search(name) is not None


@dataclass(frozen=True)
class Ready:
    pdf: Path
    pages: list[Path]


@dataclass(frozen=True)
class Pending:
    pages: list[Path]  # the first page is shown while the others are drawn


@dataclass(frozen=True)
class Failed:
    message: str
    pdf: Path | None  # a PDF made before the pages failed is still worth downloading


class Previews:
    """The site's previews: ``state(docx)`` answers at once and starts what is missing."""

    def __init__(self, converter=None, workers: int = WORKERS):
        from .converter import Converter

        self.converter = converter if converter is not None else Converter()
        self._pool = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="docgen-preview")
        self._lock = threading.Lock()
        self._jobs: dict[Path, Future] = {}
        self._failures: dict[Path, str] = {}
        self._closed = False

    def state(self, docx: Path, *, again: bool = False) -> Ready | Pending | Failed:
        docx = Path(docx)
        pdf = pdf_path(docx)
        with self._lock:
            if again:
                self._failures.pop(docx, None)
            if docx in self._failures:
                return Failed(self._failures[docx], pdf if pdf.is_file() else None)
            pages = pages_on_disk(docx)
            if pdf.is_file() and pages:
                return Ready(pdf, pages)
            if self._closed:
                return Failed("сайт останавливается; обновите страницу позже", None)
            job = self._jobs.get(docx)
            if job is None or job.done():
                self._jobs[docx] = self._pool.submit(self._make, docx)
                return Pending([])  # pictures left by an attempt cut short are redrawn, not shown
            return Pending(pages)

    def start(self, docx: Path) -> None:
        """Begin the copy now (right after the document is written), before anyone asks."""
        self.state(docx)

    def _make(self, docx: Path) -> None:
        try:
            make(docx, self.converter)
        except DocgenError as exc:
            self._fail(docx, exc.message)
        except Exception as exc:  # noqa: BLE001 — a worker must never die silently; the page says it
            self._fail(docx, f"внутренняя ошибка ({type(exc).__name__})")
        finally:
            with self._lock:
                self._jobs.pop(docx, None)

    def _fail(self, docx: Path, message: str) -> None:
        with self._lock:
            self._failures[docx] = message

    def close(self) -> None:
        """The converter stopped first (a conversion under way fails at once), waiting jobs
        dropped, the pool's threads ended. Nothing is half-written — each file is written whole,
        the PDF last — and whatever is missing is made again when it is next asked for."""
        with self._lock:
            self._closed = True
        self.converter.close()
        self._pool.shutdown(wait=True, cancel_futures=True)


def make(docx: Path, converter) -> None:
    """The PDF of ``docx`` and its pages' pictures beside it: the first page first (the page shows
    it while the others are drawn), the PDF last."""
    pdf = pdf_path(docx)
    data = pdf.read_bytes() if pdf.is_file() else converter.to_pdf(docx)
    with tempfile.TemporaryDirectory(prefix="docgen-pages-") as work:
        source = Path(work) / "document.pdf"
        source.write_bytes(data)
        atomic_write_bytes(page_path(docx, 1), page_pictures(source, 1, 1)[0])
        last = min(page_count(source), MAX_PAGES)
        if last > 1:
            for number, picture in enumerate(page_pictures(source, 2, last), start=2):
                atomic_write_bytes(page_path(docx, number), picture)
    if not pdf.is_file():
        atomic_write_bytes(pdf, data)


def _poppler(name: str) -> str:
    program = shutil.which(name)
    if program is None:
        raise DocgenError(f"для изображений страниц нужна программа {name}: apt install poppler-utils")
    return program


def page_count(pdf: Path) -> int:
    try:
        done = subprocess.run([_poppler("pdfinfo"), pdf.name], cwd=pdf.parent, stdin=subprocess.DEVNULL,
                              capture_output=True, timeout=60)
    except (OSError, subprocess.TimeoutExpired):
        raise DocgenError("pdfinfo не прочитал PDF: число страниц неизвестно") from None
    found = re.search(rb"^Pages:\s+(\d+)\s*$", done.stdout, re.M)
    if done.returncode != 0 or found is None:
        raise DocgenError("PDF не читается: число страниц неизвестно")
    return int(found.group(1))


def page_pictures(pdf: Path, first: int, last: int) -> list[bytes]:
    """Pages ``first``..``last`` as PNG (poppler's pdftoppm, installed wherever pdftotext is)."""
    program = _poppler("pdftoppm")
    with tempfile.TemporaryDirectory(prefix="docgen-pages-") as work:
        folder = Path(work)
        try:
            done = subprocess.run([program, "-r", str(RESOLUTION), "-png", "-f", str(first), "-l", str(last),
                                   str(pdf), "page"], cwd=folder, stdin=subprocess.DEVNULL,
                                  capture_output=True, timeout=120)
        except subprocess.TimeoutExpired:
            raise DocgenError("изображения страниц не готовы за 2 минуты") from None
        except OSError as exc:
            raise DocgenError(f"pdftoppm не запускается ({exc.strerror})") from None
        # pdftoppm pads the page number to the width of the last one: page-1.png or page-01.png
        made = sorted(folder.glob("page-*.png"), key=lambda p: int(p.stem.rsplit("-", 1)[1]))
        if done.returncode != 0 or not made:
            said = " ".join(done.stderr.decode("utf-8", "replace").split())[-300:]
            raise DocgenError(f"изображения страниц не получились{f' ({said})' if said else ''}")
        return [p.read_bytes() for p in made]
