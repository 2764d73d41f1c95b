"""PDF copies of generated documents, made by LibreOffice in headless mode.

Starting LibreOffice costs seconds, so all documents go through one process. It runs with a
throw-away user profile: two conversions at once (or a desktop LibreOffice the user has open)
would otherwise share one profile, and the second process would hand its job to the first and
exit; a fresh profile also means no first-start dialog can wait for a keyboard that CI lacks.
LibreOffice converts into a private folder; each PDF then replaces its target atomically, so a
timeout or a crash leaves no half-written PDF next to the document.

Only the PDF shows where pages break, so the commands that make PDF copies also read them back
(docgen.pdf_layout) and warn of a page a school office would send back — a split table row, a
page of only signatures. A warning, not an error: the document is correct, its layout a matter of
the template; and it needs poppler's pdftotext, which a clerk's Windows machine may lack (then
nothing is checked).
"""
from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Callable, Sequence

from .errors import DocgenError
from .fileio import atomic_write_bytes, describe_os_error

ENV_VAR = "DOCGEN_SOFFICE"
INSTALL_HINT = (
    "установите LibreOffice: apt install libreoffice-writer-nogui "
    "(Windows, macOS — https://ru.libreoffice.org/download/) "
    f"или укажите путь к программе soffice в переменной окружения {ENV_VAR}"
)
_WELL_KNOWN = (
    "/Applications/LibreOffice.app/Contents/MacOS/soffice",
    r"C:\Program Files\LibreOffice\program\soffice.exe",
    r"C:\Program Files (x86)\LibreOffice\program\soffice.exe",
)
_OUTPUT_TAIL = 600  # characters of LibreOffice's own output quoted in a failure message


class PdfError(DocgenError):
    """LibreOffice is missing, too slow, or did not produce a PDF."""

    exit_code = 2


class PdfNotCreated(PdfError):
    """The documents are written (and an order recorded in the journal as «сформирован»); only
    their PDF copies failed. Not exit 2 — the README's «nothing written» — but 1: the work the
    user asked for is partly done, and the .docx files stay where the command printed them."""

    exit_code = 1


def find_soffice() -> str:
    """The LibreOffice program: DOCGEN_SOFFICE (or docgen.yaml) if set, else ``soffice``/``libreoffice`` on PATH."""
    from .settings import load_settings

    settings = load_settings()
    override = (settings.soffice or "").strip()
    if override:
        found = shutil.which(override)
        if found is None:
            raise PdfError(
                f"для PDF нужен LibreOffice, но программы «{override}» ({settings.source('soffice')}) нет "
                f"или она не запускается; {INSTALL_HINT}"
            )
        return found
    for name in ("soffice", "libreoffice"):
        found = shutil.which(name)
        if found:
            return found
    for candidate in _WELL_KNOWN:
        if os.path.isfile(candidate) and os.access(candidate, os.X_OK):
            return candidate
    raise PdfError(f"для PDF нужен LibreOffice, но программа soffice не найдена; {INSTALL_HINT}")


def pdf_path(docx_path: Path) -> Path:
    return Path(docx_path).with_suffix(".pdf")


def convert(docx_paths: Sequence[Path], *, timeout: float = 180.0) -> list[Path]:
    """Write ``X.pdf`` next to every ``X.docx``; one LibreOffice run; the PDFs in input order."""
    sources = [Path(p) for p in docx_paths]
    if not sources:
        return []
    for source in sources:
        if source.suffix.lower() != ".docx":
            raise PdfError(f"в PDF преобразуются только документы .docx, а «{source.name}» — нет", file=source)
        if not source.is_file():
            raise PdfError("документа для преобразования в PDF нет", file=source)
    soffice = find_soffice()
    with tempfile.TemporaryDirectory(prefix="docgen-pdf-") as work:
        work_dir = Path(work)
        in_dir, out_dir, profile = work_dir / "in", work_dir / "out", work_dir / "profile"
        in_dir.mkdir()
        out_dir.mkdir()
        # Plain numbered copies: two inputs may share a name in different folders, and LibreOffice
        # must never see a user's name that starts with «-» or holds characters it mangles.
        names = [f"{index:04d}.docx" for index in range(len(sources))]
        for source, name in zip(sources, names):
            try:
                shutil.copyfile(source, in_dir / name)
            except OSError as exc:
                raise PdfError(f"документ не читается: {describe_os_error(exc, reading=True)}", file=source) from None
        command = [
            soffice,
            f"-env:UserInstallation={profile.as_uri()}",
            "--headless", "--invisible", "--norestore", "--nologo", "--nodefault", "--nolockcheck",
            "--convert-to", "pdf:writer_pdf_Export",
            "--outdir", str(out_dir),
            *names,
        ]
        output = _run(command, cwd=in_dir, timeout=timeout, home=work_dir)
        results = []
        missing = []
        for source, name in zip(sources, names):
            produced = out_dir / (Path(name).stem + ".pdf")
            if _is_pdf(produced):
                results.append((source, produced))
            else:
                missing.append(source)
        if missing:
            listed = ", ".join(f"«{p}»" for p in missing)
            raise PdfError(f"LibreOffice не создал PDF для {listed}.{_quote(output)}")
        targets = []
        for source, produced in results:
            target = pdf_path(source)
            atomic_write_bytes(target, produced.read_bytes())
            targets.append(target)
    return targets


def copies(written: Sequence[Path], *, timeout: float = 180.0,
           warn: Callable[[str], None] | None = None) -> list[Path]:
    """``convert`` for documents a command has just written: a failure says that they are kept
    and only the PDF is missing (exit 1), so a rerun with --pdf is the only thing left to do.
    ``warn`` is given each page-level defect of the PDFs (``layout_warnings``)."""
    try:
        pdfs = convert(written, timeout=timeout)
    except PdfNotCreated:
        raise
    except PdfError as exc:
        head = ("документ сформирован, PDF не создан" if len(written) == 1
                else f"документы сформированы ({len(written)}), PDF не созданы")
        raise PdfNotCreated(f"{head}: {exc.message}") from None
    if warn is not None:
        for message in layout_warnings(written, pdfs):
            warn(message)
    return pdfs


def layout_warnings(documents: Sequence[Path], pdfs: Sequence[Path]) -> list[str]:
    """The page-level defects of each PDF, one message each, naming the PDF and the page; none
    when pdftotext is not installed or cannot read a PDF (the check is a courtesy, not a step)."""
    from .pdf_layout import PdfTextError, layout_defects, pdftotext_available

    if not pdftotext_available():
        return []
    messages = []
    for document, pdf in zip(documents, pdfs):
        try:
            defects = layout_defects(document, pdf)
        except (PdfTextError, OSError, ValueError, KeyError):
            continue  # a .docx or PDF this check cannot read: the copy itself is made
        messages += [f"«{Path(pdf).name}», {defect}" for defect in defects]
    return messages


def _run(command: list[str], *, cwd: Path, timeout: float, home: Path) -> str:
    env = dict(os.environ)
    if not _writable_dir(env.get("HOME")):
        env["HOME"] = str(home)  # CI users without a home: LibreOffice still writes caches there
    kwargs: dict = {}
    if sys.platform == "win32":
        kwargs["creationflags"] = subprocess.CREATE_NEW_PROCESS_GROUP
    else:
        kwargs["start_new_session"] = True  # its own process group, so a timeout kills every child
    try:
        process = subprocess.Popen(
            command, cwd=cwd, env=env, stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, **kwargs,
        )
    except OSError as exc:
        raise PdfError(f"LibreOffice ({command[0]}) не запускается: {describe_os_error(exc, reading=True)}; {INSTALL_HINT}") from None
    try:
        raw, _ = process.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        _kill_group(process)
        raise PdfError(
            f"LibreOffice не успел преобразовать документы в PDF за {_seconds(timeout)}; "
            "PDF не созданы. Закройте зависшие окна LibreOffice и повторите"
        ) from None
    except BaseException:
        _kill_group(process)
        raise
    return raw.decode("utf-8", errors="replace")


def _kill_group(process: subprocess.Popen) -> None:
    try:
        if sys.platform == "win32":
            subprocess.run(["taskkill", "/F", "/T", "/PID", str(process.pid)], capture_output=True)
        else:
            os.killpg(process.pid, signal.SIGKILL)
    except OSError:
        pass
    try:
        process.kill()
    except OSError:
        pass
    try:
        process.communicate(timeout=10)
    except (subprocess.TimeoutExpired, OSError, ValueError):
        pass


def _writable_dir(value: str | None) -> bool:
    return bool(value) and os.path.isdir(value) and os.access(value, os.W_OK | os.X_OK)


def _is_pdf(path: Path) -> bool:
    try:
        with open(path, "rb") as fh:
            return fh.read(5) == b"%PDF-"
    except OSError:
        return False


def _quote(output: str) -> str:
    text = " ".join(line.strip() for line in output.splitlines() if line.strip() and "javaldx" not in line)
    if not text:
        return ""
    if len(text) > _OUTPUT_TAIL:
        text = "…" + text[-_OUTPUT_TAIL:]
    return f" Сообщение LibreOffice: {text}"


def _seconds(timeout: float) -> str:
    value = int(timeout) if float(timeout).is_integer() else round(timeout, 1)
    return f"{value} с"
