"""The text of a school's existing act, read from a file it already has: a Word .docx or a PDF.

A scanned folder is whatever a school keeps — so each file is judged by its bytes, not its name
(a .docx that is not a zip, a PDF named .doc), and every way a file can fail to be a readable act
becomes a Russian reason on its row, never an exception that stops the scan. The files came from
anywhere, so they are read under the limits docgen puts on templates: the size of the file and of
what a .docx unpacks to (docgen.rendering), well-formed XML parts without DOCTYPE before
python-docx parses anything (docgen.verify.check_parts); a PDF goes to poppler's `pdftotext` in a
child process with a page limit and a timeout, so a hostile PDF costs a few seconds at most.
"""
from __future__ import annotations

import shutil
import subprocess
import zipfile
from dataclasses import dataclass
from pathlib import Path

from ..errors import TemplateError
from ..rendering import MAX_TEMPLATE_BYTES, MAX_UNPACKED_BYTES

MAX_DOCX_BYTES = MAX_TEMPLATE_BYTES
MAX_PDF_BYTES = 50 * 1024 * 1024  # a scanner's PDF of a long act; bigger ones are image-only anyway
PDF_PAGES = 3  # the title and the grifs are on the first page; two more for a long heading
PDF_SECONDS = 30
MAX_TEXT_CHARS = 200_000  # the head of an act is all a scan reads

# What a file that is not an act is, by its extension, in words a secretary knows.
OTHER_KINDS = {
    ".doc": "документ Word 97–2003 (.doc) не читается: сохраните его в Word как .docx",
    ".rtf": "файл RTF не читается: сохраните его в Word как .docx",
    ".odt": "документ OpenDocument (.odt) не читается: сохраните его как .docx или PDF",
    ".txt": "текстовый файл (.txt), а не документ: ожидаются .docx и .pdf",
    ".xlsx": "таблица Excel, а не документ акта: ожидаются .docx и .pdf",
    ".xls": "таблица Excel, а не документ акта: ожидаются .docx и .pdf",
}
IMAGE_MAGIC = (b"\x89PNG", b"\xff\xd8\xff", b"GIF8", b"II*\x00", b"MM\x00*", b"BM")


@dataclass(frozen=True)
class ActText:
    """A file's text as lines in reading order (``lines``), or why it has none (``problem``)."""

    lines: list[str]
    problem: str | None = None


def _refused(problem: str) -> ActText:
    return ActText([], problem)


def read_act(path: Path, data: bytes) -> ActText:
    """The text of the act in ``path`` (whose bytes are ``data``), or the reason it cannot be read."""
    suffix = path.suffix.lower()
    if not data:
        return _refused("файл пуст")
    if data.startswith(b"%PDF"):
        return _read_pdf(path, len(data))
    if data.startswith((b"PK\x03\x04", b"\xd0\xcf\x11\xe0")) and suffix in OTHER_KINDS:
        return _refused(OTHER_KINDS[suffix])  # an .odt or .xlsx is a zip too, a .xls an OLE file as .doc
    if data.startswith(b"PK\x03\x04"):
        return _read_docx(path, len(data))
    if data.startswith(IMAGE_MAGIC):
        return _refused("изображение, а не документ (скан без текста): загрузите .docx или PDF с текстом")
    if data.startswith(b"\xd0\xcf\x11\xe0"):
        return _refused(OTHER_KINDS[".doc"])
    if suffix == ".docx":
        return _refused("файл .docx повреждён или другого формата: Word его не откроет")
    if suffix == ".pdf":
        return _refused("файл .pdf повреждён или другого формата (нет заголовка %PDF)")
    return _refused(OTHER_KINDS.get(suffix, f"не документ ({suffix or 'без расширения'}): ожидаются .docx и .pdf"))


# -- Word ---------------------------------------------------------------------------------------

def _read_docx(path: Path, size: int) -> ActText:
    if size > MAX_DOCX_BYTES:
        return _refused(f"документ больше {MAX_DOCX_BYTES // 1024 // 1024} МБ — не читается")
    try:
        with zipfile.ZipFile(path) as z:
            names = set(z.namelist())
            unpacked = sum(i.file_size for i in z.infolist())
            if "word/document.xml" not in names:
                return _refused("архив, а не документ Word (.docx): в нём нет word/document.xml")
            if unpacked > MAX_UNPACKED_BYTES:
                return _refused(f"документ распаковывается в {unpacked // 1024 // 1024} МБ — отказ (так бывает с "
                                "намеренно испорченными файлами)")
            from ..verify import check_parts

            check_parts(z, "документ")
    except (zipfile.BadZipFile, OSError, EOFError, RuntimeError):
        return _refused("файл .docx повреждён: Word его не откроет")
    except TemplateError as exc:
        return _refused(f"файл .docx повреждён: {exc.message.removeprefix('документ: ')}")
    import docx

    try:
        document = docx.Document(str(path))
        lines = _docx_lines(document)
    except Exception as exc:  # noqa: BLE001 — whatever python-docx trips over, the file is unreadable
        return _refused(f"файл .docx не открывается как документ Word ({type(exc).__name__})")
    return ActText(lines) if any(lines) else _refused("в документе нет текста")


def _docx_lines(document) -> list[str]:
    """Paragraphs and table cells in the order of the body: a grif is usually a table, the title
    a paragraph after it. A merged cell is read once."""
    lines: list[str] = []
    total = 0
    for block in document.iter_inner_content():
        if hasattr(block, "rows"):
            seen: set[int] = set()
            for row in block.rows:
                for cell in row.cells:
                    if id(cell._tc) in seen:
                        continue
                    seen.add(id(cell._tc))
                    lines.extend(p.text for p in cell.paragraphs)
        else:
            lines.append(block.text)
        total = sum(map(len, lines))
        if total > MAX_TEXT_CHARS:
            break
    return lines


# -- PDF ----------------------------------------------------------------------------------------

def pdftotext() -> str | None:
    return shutil.which("pdftotext")


def _read_pdf(path: Path, size: int) -> ActText:
    if size > MAX_PDF_BYTES:
        return _refused(f"PDF больше {MAX_PDF_BYTES // 1024 // 1024} МБ — не читается")
    tool = pdftotext()
    if tool is None:
        return _refused("PDF не прочитан: нет программы pdftotext (пакет poppler-utils) — установите её или "
                        "загрузите .docx")
    try:
        done = subprocess.run([tool, "-q", "-enc", "UTF-8", "-l", str(PDF_PAGES), str(path), "-"],
                              capture_output=True, timeout=PDF_SECONDS, stdin=subprocess.DEVNULL)
    except subprocess.TimeoutExpired:
        return _refused(f"PDF не прочитан за {PDF_SECONDS} с — файл повреждён или слишком сложен")
    except OSError as exc:
        return _refused(f"PDF не прочитан: pdftotext не запускается ({exc.strerror})")
    if done.returncode != 0:
        return _refused(_pdf_problem(path, done.returncode))
    text = done.stdout[: MAX_TEXT_CHARS * 4].decode("utf-8", errors="replace")
    lines = text.replace("\f", "\n").splitlines()
    if not any(line.strip() for line in lines):
        return _refused("в PDF нет текстового слоя (отсканированные страницы): распознайте текст или загрузите .docx")
    return ActText(lines)


def _pdf_problem(path: Path, code: int) -> str:
    """pdftotext's exit codes: 1 — cannot open (a password among the causes), 3 — copying forbidden."""
    if code == 3:
        return "PDF защищён от копирования текста: снимите защиту или загрузите .docx"
    if code == 1 and _encrypted(path):
        return "PDF зашифрован (защищён паролем): снимите пароль или загрузите .docx"
    return "PDF повреждён: pdftotext его не открывает"


def _encrypted(path: Path) -> bool:
    """An encrypted PDF names its /Encrypt dictionary in the trailer, near the end of the file."""
    try:
        with open(path, "rb") as f:
            f.seek(0, 2)
            end = f.tell()
            f.seek(max(0, end - 64 * 1024))
            tail = f.read()
    except OSError:
        return False
    return b"/Encrypt" in tail
