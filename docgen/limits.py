"""Limits on what a template may cost: time, memory, and the size of what it writes.

A template is untrusted input (a district sends it by e-mail), and Jinja's sandbox guards only
what a template may *touch*, not what it may *cost*: a loop that never ends, ``'x' * 10**9``,
a doubling ``{% set s = s ~ s %}`` or nested ``range(100000)`` loops hang a run or eat the
machine. The mechanism chosen, and why:

* **In process, not a child process.** ``docgen batch`` renders a document in about 2 ms in its
  pool's workers, ``generate`` in the main process, and a web app will call the engine from
  threads; a process per document would cost more than the render itself.
* **The sandbox's own bounds** (``LimitedEnvironment``): Jinja's sandbox already caps ``range()``
  at ``MAX_RANGE`` items (an ``OverflowError``, reported here in Russian); its operator hook
  (``intercepted_binops`` / ``call_binop``) refuses ``*``, ``+`` and ``%`` whose result would be
  longer than the output cap and ``*`` / ``**`` whose integer result would have more than
  ``MAX_NUMBER_BITS`` bits, and its call hook (``call``) a call given a number past the output cap
  (``'x'.ljust(10**9)``) — before the operation runs, so nothing of the size is ever allocated.
* **The output cap**: every part a template renders (body, each header and footer, the document
  properties) is joined by ``LimitedEnvironment.concat``, which counts characters as they come and
  stops at the cap — the cap docgen puts on templates (``MAX_UNPACKED_BYTES``) unless the user
  sets a lower one — so a loop that writes for ever is stopped by size if not by time.
* **Wall time** (``deadline``): one watchdog thread per process holds each rendering thread's
  deadline and, when it passes, raises ``RenderTimeout`` *in that thread*
  (``PyThreadState_SetAsyncExc``). Unlike SIGALRM this works off the main thread (a web app's
  threads) and leaves the process's signals alone; it costs a dictionary entry per render. The
  exception arrives at the next Python instruction of the rendering thread, so one C call that
  runs long is not interrupted — which is what the size bounds above are for.
* **Memory** (``memory_cap``): in the main thread (``generate``, each ``batch`` worker) the
  address space is capped with ``RLIMIT_AS`` at what the process uses plus the setting, for the
  render only, and a ``MemoryError`` is reported. The limit is per process, so in any other
  thread it is not set (it would starve the other threads): there the size bounds and the
  deadline stand alone.
"""
from __future__ import annotations

import ctypes
import os
import re
import threading
import time
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from enum import Enum
from itertools import islice
from typing import Any, Iterable, Iterator

from jinja2.runtime import LoopContext
from jinja2.sandbox import SandboxedEnvironment, safe_range
from pydantic import BaseModel

MIB = 1024 * 1024
DEFAULT_SECONDS = 60.0
DEFAULT_MEMORY_MIB = 2048
DEFAULT_OUTPUT_MIB = 200  # = docgen.rendering.MAX_UNPACKED_BYTES, the cap on a template unpacked
CONCAT_BATCH = 64
MAX_NUMBER_BITS = 1 << 16
"""No school document needs an integer of more than ~20,000 digits; ``9 ** 9 ** 9`` would take minutes."""


class LimitExceeded(Exception):
    """A template went over a limit; ``problem`` is the Russian reason (the caller names template and part)."""

    def __init__(self, problem: str):
        self.problem = problem
        super().__init__(problem)


class RenderTimeout(BaseException):
    """Raised in the rendering thread by the watchdog. A BaseException, so that no ``except
    Exception`` in a plugin's filter or in a library on the way swallows it."""


@dataclass(frozen=True)
class Limits:
    seconds: float = DEFAULT_SECONDS
    memory_mib: int = DEFAULT_MEMORY_MIB
    output_bytes: int = DEFAULT_OUTPUT_MIB * MIB

    @classmethod
    def current(cls) -> "Limits":
        """The limits in force: the environment variable, else docgen.yaml, else the default."""
        from .settings import render_limits

        s = render_limits()
        return cls(s["render_seconds"] or DEFAULT_SECONDS, s["render_memory_mib"] or DEFAULT_MEMORY_MIB,
                   (s["render_output_mib"] or DEFAULT_OUTPUT_MIB) * MIB)


_state = threading.local()


def rendering_part(name: str | None) -> None:
    """The part (zip member name) this thread renders now, for the messages; set by the renderers."""
    _state.part = name


def current_part() -> str | None:
    return getattr(_state, "part", None)


def output_cap() -> int:
    return getattr(_state, "output_bytes", DEFAULT_OUTPUT_MIB * MIB)


def _mib(n: int) -> str:
    return f"{n / MIB:.0f} МиБ" if n >= MIB else f"{n} байт"


def _too_long() -> LimitExceeded:
    return LimitExceeded(f"заполненный текст превысил бы предел размера {_mib(output_cap())} "
                         "(настройка render_output_mib)")


# Values whose attributes a template may read as the sandbox lets it (none is a function or a method).
_PLAIN_DATA = frozenset({str, int, float, bool, type(None), Decimal, date, datetime, list, tuple, dict})
_LOOP_COUNTERS = frozenset({"index", "index0", "revindex", "revindex0", "first", "last", "length", "depth", "depth0"})
_PERCENT_WIDTH = re.compile(r"%[-+ #0]*(\*|\d+)?(?:\.(\*|\d+))?")


def _length(value: Any) -> int | None:
    return len(value) if isinstance(value, (str, bytes, list, tuple)) else None


class LimitedEnvironment(SandboxedEnvironment):
    """Jinja's sandbox with bounded operators and bounded output (see the module's docstring)."""

    intercepted_binops = frozenset({"*", "**", "+", "%"})

    def call_binop(self, context, op: str, left: Any, right: Any) -> Any:
        cap = output_cap()
        if op == "*":
            for seq, times in ((left, right), (right, left)):
                size = _length(seq)
                if size is not None and isinstance(times, int) and size * times > cap:
                    raise _too_long()
            if isinstance(left, int) and isinstance(right, int) and left.bit_length() + right.bit_length() > MAX_NUMBER_BITS:
                raise LimitExceeded(f"умножение даёт число больше {MAX_NUMBER_BITS} бит")
        elif op == "**":
            if isinstance(left, int) and isinstance(right, int) and right > 0 and abs(left) > 1 \
                    and right * left.bit_length() > MAX_NUMBER_BITS:
                raise LimitExceeded(f"возведение в степень даёт число больше {MAX_NUMBER_BITS} бит")
        elif op == "+":
            a, b = _length(left), _length(right)
            if a is not None and b is not None and a + b > cap:
                raise _too_long()
        elif op == "%" and isinstance(left, str):
            widths = [int(w) for m in _PERCENT_WIDTH.finditer(left) for w in m.groups() if w and w != "*"]
            if any(w > cap for w in widths):
                raise _too_long()
        return super().call_binop(context, op, left, right)

    def call(__self, __context, __obj, *args, **kwargs):  # noqa: N805 — Jinja's own signature
        """A call with a size argument past the output cap (``'x'.ljust(10**9)``, ``.center``, ``.zfill``)
        is refused before it runs: no school template passes a number that large to anything."""
        cap = output_cap()
        if any(type(a) is int and a > cap for a in (*args, *kwargs.values())) and __obj is not safe_range:
            raise _too_long()
        return super().call(__context, __obj, *args, **kwargs)

    def getattr(self, obj: Any, attribute: str) -> Any:
        """A pydantic model's field holding plain data (``m.person.position``) and a loop's counter
        (``loop.index``) are returned at once: the sandbox's checks (an internal attribute, a
        ``str.format`` to wrap) would pass them as they are, and making them for every cell of a
        long order's lists cost a tenth of its render."""
        if isinstance(obj, BaseModel) and attribute in type(obj).__pydantic_fields__:
            value = getattr(obj, attribute)
            if type(value) in _PLAIN_DATA or isinstance(value, (BaseModel, Enum)):
                return value
        elif type(obj) is LoopContext and attribute in _LOOP_COUNTERS:  # ``loop.index`` of every row
            return getattr(obj, attribute)
        return super().getattr(obj, attribute)

    @staticmethod
    def concat(chunks: Iterable[str]) -> str:  # type: ignore[override]
        """``"".join`` that stops once the text is longer than the output cap. Counted in batches
        of ``CONCAT_BATCH`` pieces (in C: a loop in Python per piece would cost a tenth of a render)."""
        cap = output_cap()
        it = iter(chunks)
        out: list[str] = []
        total = 0
        while True:
            batch = list(islice(it, CONCAT_BATCH))
            if not batch:
                return "".join(out)
            total += sum(map(len, batch))
            if total > cap:
                raise _too_long()
            out += batch


# -- wall time ------------------------------------------------------------------------------------

class _Watchdog:
    """One daemon thread: deadlines by thread id; a passed one gets RenderTimeout raised in its thread."""

    TICK = 0.05

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.active: dict[int, list] = {}  # thread id → [deadline, fired]
        self.wake = threading.Event()
        self.thread: threading.Thread | None = None

    def start(self) -> None:
        with self.lock:
            if self.thread is None or not self.thread.is_alive():  # a forked worker inherits no threads
                self.thread = threading.Thread(target=self._run, name="docgen-render-watchdog", daemon=True)
                self.thread.start()

    def _run(self) -> None:
        while True:
            with self.lock:
                now = time.monotonic()
                for tid, entry in self.active.items():
                    if not entry[1] and now >= entry[0]:
                        entry[1] = True
                        ctypes.pythonapi.PyThreadState_SetAsyncExc(ctypes.c_ulong(tid), ctypes.py_object(RenderTimeout))
                idle = not self.active
                if idle:
                    self.wake.clear()
            if idle:
                self.wake.wait()
            else:
                time.sleep(self.TICK)


_WATCHDOG = _Watchdog()
if hasattr(os, "register_at_fork"):  # a forked batch worker gets a fresh watchdog: no thread, no lock held
    os.register_at_fork(after_in_child=lambda: _WATCHDOG.__init__())


@contextmanager
def deadline(seconds: float) -> Iterator[None]:
    """Run the block for at most ``seconds``; past them ``LimitExceeded`` is raised in this thread."""
    _WATCHDOG.start()
    tid = threading.get_ident()
    entry = [time.monotonic() + seconds, False]
    with _WATCHDOG.lock:
        _WATCHDOG.active[tid] = entry
        _WATCHDOG.wake.set()
    timed_out = False
    try:
        yield
    except RenderTimeout:
        timed_out = True
    finally:
        while True:  # a timeout may still be on its way: take the entry out, then cancel what is pending
            try:
                with _WATCHDOG.lock:
                    _WATCHDOG.active.pop(tid, None)
                if entry[1]:
                    ctypes.pythonapi.PyThreadState_SetAsyncExc(ctypes.c_ulong(tid), None)
                break
            except RenderTimeout:
                continue
    if timed_out or entry[1]:
        raise LimitExceeded(f"заполнение шаблона не уложилось в {seconds:g} с (настройка render_seconds); "
                            "возможно, в шаблоне бесконечный или слишком долгий цикл")


# -- memory -----------------------------------------------------------------------------------

def _address_space_in_use() -> int | None:
    try:
        with open("/proc/self/statm", "rb") as f:
            pages = int(f.read().split()[0])
    except (OSError, ValueError, IndexError):
        return None
    import resource

    return pages * resource.getpagesize()


@contextmanager
def memory_cap(mib: int) -> Iterator[None]:
    """RLIMIT_AS at what the process uses + ``mib`` for the block, in the main thread only (see above)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    try:
        import resource
    except ImportError:  # not on Windows
        yield
        return
    used = _address_space_in_use()
    if used is None:
        yield
        return
    soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    limit = used + mib * MIB
    if hard != resource.RLIM_INFINITY:
        limit = min(limit, hard)
    if soft != resource.RLIM_INFINITY and soft <= limit:
        yield  # a stricter limit is already set
        return
    resource.setrlimit(resource.RLIMIT_AS, (limit, hard))
    try:
        yield
    finally:
        resource.setrlimit(resource.RLIMIT_AS, (soft, hard))


@contextmanager
def limited(limits: Limits) -> Iterator[None]:
    """The block under every limit: output cap, memory, wall time. Raises LimitExceeded."""
    previous = output_cap()
    _state.output_bytes = limits.output_bytes
    try:
        with memory_cap(limits.memory_mib), deadline(limits.seconds):
            try:
                yield
            except RecursionError:
                raise LimitExceeded("слишком глубокая рекурсия (макрос вызывает сам себя?)") from None
            except OverflowError as exc:
                raise LimitExceeded(_overflow(exc)) from None
            except MemoryError:
                raise LimitExceeded(f"заполнению шаблона не хватило памяти (предел {limits.memory_mib} МиБ, "
                                    "настройка render_memory_mib)") from None
    finally:
        _state.output_bytes = previous


def _overflow(exc: OverflowError) -> str:
    if "range" in str(exc).lower():
        from jinja2.sandbox import MAX_RANGE

        return f"range() больше {MAX_RANGE} элементов запрещён в шаблоне"
    return f"слишком большое число ({exc})"


__all__ = ["DEFAULT_MEMORY_MIB", "DEFAULT_OUTPUT_MIB", "DEFAULT_SECONDS", "MAX_NUMBER_BITS", "LimitExceeded",
           "LimitedEnvironment", "Limits", "RenderTimeout", "deadline", "limited", "memory_cap"]
