"""A warm LibreOffice for the site's PDF copies: one unoserver kept running for the site's lifetime.

A cold `soffice --convert-to pdf` (docgen.pdf) spends about 1.4 s starting LibreOffice for every
document; a preview shown a second after «Сформировать» cannot afford that. unoserver keeps one
LibreOffice loaded and converts over XML-RPC in a few hundred milliseconds. Its server half runs
inside a Python that can import LibreOffice's UNO bridge (Debian's python3-uno serves
/usr/bin/python3, not our virtual environment), so it is started with that interpreter and a
private copy of the unoserver package on its path; the client half is plain XML-RPC and runs here.

The server gets its own LibreOffice profile (a desktop LibreOffice or a second site must not take
its jobs), free local ports, and its own process group, so stopping it stops LibreOffice too. A
server that died is started again at the next conversion. Where the UNO bridge or unoserver is
missing, or the server will not start, conversions take the cold path of docgen.pdf — slower,
never wrong — and the log says so once.
"""
from __future__ import annotations

import logging
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import xmlrpc.client
from pathlib import Path

from .pdf import PdfError, find_soffice

logger = logging.getLogger("docgen.converter")

START_TIMEOUT = 90.0  # unoserver itself waits 7 s before it serves; a loaded CI machine needs more
CONVERSION_TIMEOUT = 120  # seconds; unoserver stops a LibreOffice stuck longer, and is restarted
RETRY_WARM_AFTER = 60.0  # a server that would not start is tried again after this, not per document
_LOG_TAIL = 600


class Converter:
    """``to_pdf(docx)`` gives the PDF's bytes, from the warm server when there is one."""

    def __init__(self, *, warm: bool = True) -> None:
        """``warm=False``: always the cold path (the benchmark compares the two)."""
        self._use_warm = warm
        self._lock = threading.Lock()
        self._process: subprocess.Popen | None = None
        self._port: int | None = None
        self._work: Path | None = None
        self._cold_reason: str | None = None  # why there is no warm server (told once)
        self._failed_at: float | None = None
        self._closed = False

    # -- lifecycle ------------------------------------------------------------------------------

    def warm_in_background(self) -> threading.Thread:
        """Start the server now, off the caller's thread: the site starts answering at once and the
        first preview finds LibreOffice loaded."""
        thread = threading.Thread(target=self._start_quietly, name="docgen-unoserver-start", daemon=True)
        thread.start()
        return thread

    def _start_quietly(self) -> None:
        try:
            self.ensure_running()
        except PdfError as exc:
            logger.warning("предпросмотр: %s", exc.message)

    @property
    def warm(self) -> bool:
        """The server is running and answering now."""
        process = self._process
        return process is not None and process.poll() is None and self._port is not None

    def ensure_running(self) -> bool:
        """The warm server running (started or restarted if need be); False when conversions must
        take the cold path. Raises PdfError when LibreOffice itself is missing."""
        with self._lock:
            if self._closed or not self._use_warm:
                return False
            if self.warm:
                return True
            if self._process is not None:  # it ran and died: LibreOffice crashed or was killed
                logger.warning("предпросмотр: LibreOffice (unoserver) завершился (код %s), запускаю снова",
                               self._process.returncode)
                self._stop_locked()
            if self._failed_at is not None and time.monotonic() - self._failed_at < RETRY_WARM_AFTER:
                return False
            soffice = find_soffice()  # DOCGEN_SOFFICE honoured; missing LibreOffice is the caller's error
            python, reason = _uno_python(soffice)
            if python is None:
                self._go_cold(reason)
                return False
            try:
                self._start_locked(python, soffice)
            except _StartFailed as exc:
                self._stop_locked()
                if not self._closed:
                    self._go_cold(str(exc))
                return False
            self._failed_at = None
            return True

    def _go_cold(self, reason: str) -> None:
        self._failed_at = time.monotonic()
        if self._cold_reason is None:
            logger.warning("предпросмотр: быстрый конвертер unoserver недоступен (%s); PDF делает LibreOffice, "
                           "запускаемый для каждого документа, — это медленнее на 1–2 с", reason)
        self._cold_reason = reason

    def _start_locked(self, python: str, soffice: str) -> None:
        try:
            self._work = Path(tempfile.mkdtemp(prefix="docgen-unoserver-"))
            package_path = _private_unoserver(self._work / "lib")
        except OSError as exc:  # no room in the temporary folder: the cold path still works
            raise _StartFailed(f"нет временной папки для unoserver: {exc}") from None
        port, uno_port = _free_ports(2)
        env = dict(os.environ, PYTHONPATH=str(package_path))
        if not _writable_dir(env.get("HOME")):
            env["HOME"] = str(self._work)  # CI users without a home: LibreOffice writes caches there
        command = [python, "-m", "unoserver.server", "--interface", "127.0.0.1", "--port", str(port),
                   "--uno-interface", "127.0.0.1", "--uno-port", str(uno_port), "--executable", soffice,
                   "--user-installation", str(self._work / "profile"),
                   "--conversion-timeout", str(CONVERSION_TIMEOUT)]
        log = (self._work / "unoserver.log").open("wb")
        try:
            self._process = subprocess.Popen(command, stdin=subprocess.DEVNULL, stdout=log, stderr=subprocess.STDOUT,
                                             env=env, cwd=self._work, start_new_session=True)
        except OSError as exc:
            raise _StartFailed(f"не запускается {python}: {exc}") from None
        finally:
            log.close()
        started = time.monotonic()
        deadline = started + START_TIMEOUT
        while time.monotonic() < deadline and not self._closed:
            if self._process.poll() is not None:
                raise _StartFailed(f"unoserver завершился при запуске: {self._log_tail()}")
            if _answers(port):
                self._port = port
                logger.info("предпросмотр: unoserver готов за %.1f с (порт %s)", time.monotonic() - started, port)
                return
            time.sleep(0.2)
        if self._closed:
            raise _StartFailed("сайт останавливается")
        raise _StartFailed(f"unoserver не ответил за {START_TIMEOUT:.0f} с: {self._log_tail()}")

    def _log_tail(self) -> str:
        try:
            text = (self._work / "unoserver.log").read_text(encoding="utf-8", errors="replace")
        except (OSError, TypeError):
            return ""
        text = " ".join(text.split())
        return text[-_LOG_TAIL:]

    def close(self) -> None:
        """Stop the server and LibreOffice with it; later conversions take the cold path. A start
        under way is cut short (its process stopped first), so the site stops at once."""
        self._closed = True
        starting = self._process
        if starting is not None:
            _stop_group(starting)
        with self._lock:
            self._stop_locked()

    def _stop_locked(self) -> None:
        process, self._process, self._port = self._process, None, None
        if process is not None:
            _stop_group(process)
        work, self._work = self._work, None
        if work is not None:
            shutil.rmtree(work, ignore_errors=True)

    # -- conversion -----------------------------------------------------------------------------

    def to_pdf(self, docx: Path) -> bytes:
        """The PDF of ``docx``; PdfError (Russian) when LibreOffice is missing or cannot convert it."""
        docx = Path(docx)
        if self._closed:
            raise PdfError("сайт останавливается: PDF будет сделан после его запуска")
        if not docx.is_file():
            raise PdfError(f"документа «{docx.name}» нет на диске")
        if self.ensure_running():
            try:
                return self._warm_pdf(docx)
            except _ServerGone:
                if self.ensure_running():  # restarted: one more try, then the cold path
                    try:
                        return self._warm_pdf(docx)
                    except _ServerGone:
                        pass
        return _cold_pdf(docx)

    def _warm_pdf(self, docx: Path) -> bytes:
        from unoserver.client import UnoClient

        port = self._port
        if port is None or not self.warm:
            raise _ServerGone()
        try:
            data = UnoClient(server="127.0.0.1", port=str(port), host_location="local").convert(
                inpath=str(docx), convert_to="pdf")
        except xmlrpc.client.Fault as exc:
            said = _fault(exc).replace(str(docx), f"«{docx.name}»")  # the page shows no server paths
            raise PdfError(f"LibreOffice не открыл документ или не преобразовал его в PDF ({said})") from None
        except (OSError, xmlrpc.client.ProtocolError) as exc:
            if not self.warm:
                raise _ServerGone() from None
            raise PdfError(f"LibreOffice не ответил при преобразовании в PDF ({exc})") from None
        data = bytes(data.data if isinstance(data, xmlrpc.client.Binary) else data or b"")
        if not data.startswith(b"%PDF-"):
            raise PdfError("LibreOffice не создал PDF")
        return data


class _StartFailed(Exception):
    pass


class _ServerGone(Exception):
    pass


def _cold_pdf(docx: Path) -> bytes:
    """docgen.pdf's one-off LibreOffice, on a private copy: its PDF must not appear beside the
    document before the caller has finished the preview's pages."""
    from .pdf import convert

    with tempfile.TemporaryDirectory(prefix="docgen-preview-") as work:
        copy = Path(work) / "document.docx"
        try:
            shutil.copyfile(docx, copy)
        except OSError as exc:
            raise PdfError(f"документ не читается ({exc.strerror})") from None
        try:
            (pdf,) = convert([copy], timeout=CONVERSION_TIMEOUT)
        except PdfError as exc:  # told of the document, not of the private copy
            raise PdfError(exc.message.replace(f"«{copy}»", f"«{docx.name}»")) from None
        return pdf.read_bytes()


def _fault(exc: xmlrpc.client.Fault) -> str:
    """LibreOffice's own words, without the Python class unoserver puts before them."""
    text = re.sub(r"^<class '[\w.]+'>:\s*", "", " ".join(str(exc.faultString).split()))
    return text[-300:] if text else f"код {exc.faultCode}"


_PYTHONS: dict[str, tuple[str | None, str]] = {}


def _uno_python(soffice: str) -> tuple[str | None, str]:
    """A Python that imports ``uno`` and unoserver's own imports: ours (a venv made with system
    site packages), Debian's /usr/bin/python3 (python3-uno), or the one LibreOffice bundles on
    Windows and macOS. (None, why) when there is none."""
    try:
        import unoserver.client  # noqa: F401 — its server half imports uno: only the UNO Python runs it
    except ImportError:
        return None, "пакет unoserver не установлен: pip install unoserver"
    if soffice in _PYTHONS:
        return _PYTHONS[soffice]
    program = Path(soffice).resolve().parent
    candidates = [sys.executable, "/usr/bin/python3", str(program / "python"), str(program / "python.exe")]
    found: tuple[str | None, str] = (None, "нет Python с модулем uno: apt install python3-uno")
    for candidate in dict.fromkeys(candidates):
        if not (os.path.isfile(candidate) and os.access(candidate, os.X_OK)):
            continue
        try:
            probe = subprocess.run([candidate, "-c", "import uno, xmlrpc.server"], stdin=subprocess.DEVNULL,
                                   capture_output=True, timeout=30)
        except (OSError, subprocess.TimeoutExpired):
            continue
        if probe.returncode == 0:
            found = (candidate, "")
            break
    _PYTHONS[soffice] = found
    return found


def _private_unoserver(folder: Path) -> Path:
    """A folder holding only the unoserver package and its metadata (it reads its own version),
    for the UNO Python's path: the whole of our site-packages would shadow that Python's own."""
    from importlib import metadata

    import unoserver

    folder.mkdir(parents=True)
    shutil.copytree(Path(unoserver.__file__).parent, folder / "unoserver",
                    ignore=shutil.ignore_patterns("__pycache__"))
    distribution = metadata.distribution("unoserver")
    record = next((f for f in distribution.files or () if f.name == "METADATA"), None)
    if record is not None:
        info = Path(distribution.locate_file(record)).parent
        shutil.copytree(info, folder / info.name)
    return folder


def _free_ports(count: int) -> list[int]:
    sockets = []
    try:
        for _ in range(count):
            s = socket.socket()
            s.bind(("127.0.0.1", 0))
            sockets.append(s)
        return [s.getsockname()[1] for s in sockets]
    finally:
        for s in sockets:
            s.close()


class _Timeout(xmlrpc.client.Transport):
    def __init__(self, seconds: float):
        super().__init__()
        self._seconds = seconds

    def make_connection(self, host):
        connection = super().make_connection(host)
        connection.timeout = self._seconds
        return connection


def _answers(port: int) -> bool:
    try:
        with xmlrpc.client.ServerProxy(f"http://127.0.0.1:{port}", transport=_Timeout(2.0)) as proxy:
            return bool(proxy.info())
    except (OSError, xmlrpc.client.Error):
        return False


def _stop_group(process: subprocess.Popen) -> None:
    """SIGTERM to the server's process group (unoserver passes it on to LibreOffice), then SIGKILL."""
    for sig, wait in ((signal.SIGTERM, 3), (signal.SIGKILL, 5)):
        try:
            if sys.platform == "win32":
                process.terminate() if sig == signal.SIGTERM else process.kill()
            else:
                os.killpg(process.pid, sig)
        except OSError:
            pass
        try:
            process.wait(wait)
            if sys.platform != "win32":
                os.killpg(process.pid, 0)  # LibreOffice outliving its parent?
            else:
                return
        except subprocess.TimeoutExpired:
            continue
        except OSError:
            return  # the group is gone


def _writable_dir(value: str | None) -> bool:
    return bool(value) and os.path.isdir(value) and os.access(value, os.W_OK | os.X_OK)
