"""Worker processes for `docgen batch`: a pool that never outlives its parent, stops promptly on
Ctrl+C or SIGTERM, and loses only the one input whose worker crashed.

Built on concurrent.futures.ProcessPoolExecutor, with what it lacks added around it:

- Its idle workers wait on a queue whose write end they hold themselves, so a parent killed with
  SIGKILL leaves them running for ever (CPython issue 111873). Each worker therefore asks the kernel
  to kill it with its parent (Linux: ``prctl(PR_SET_PDEATHSIG)``) and, on every system, watches the
  sentinel multiprocessing gives each child (``parent_process()``), which closes when the parent
  dies, however it died. PR_SET_PDEATHSIG follows the *thread* that started the worker: workers are
  started by ``submit``, and only the thread that called ``run`` submits.
- Leaving its ``with`` block waits for every queued call, so Ctrl+C used to let a district run to
  the end. Here only a few calls are queued at a time, a stop event tells the workers to skip the
  queued calls they have not begun, and the calls already running get a grace period to finish
  (their files are written atomically either way), then their workers are killed. A second
  Ctrl+C kills them at once. Workers ignore SIGINT: Ctrl+C reaches the whole process group, and
  the parent alone decides what it stops.
- One worker that dies (the kernel's OOM killer, a crash in a C extension) breaks the whole pool:
  every pending call fails with BrokenProcessPool. The calls that were in flight are then run
  again one at a time in a fresh single-worker pool, so the input that kills its worker is found,
  given a second chance alone, and reported alone; the others go on in a fresh pool.
"""
from __future__ import annotations

import os
import signal
import sys
import threading
import time
from collections import deque
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any, Callable, Iterator

GRACE_SECONDS = 10.0  # how long a stop waits for the documents being written before killing their workers
POLL_SECONDS = 0.1  # how often the parent looks at the signals while it waits for results
QUEUED_PER_WORKER = 2  # calls handed to the pool per worker: enough to keep it busy, few to cancel or retry
STOP_SIGNALS = ("SIGINT", "SIGTERM")


@dataclass
class Finished:
    """What a run did: a result for each finished input (by index), and the signal that stopped
    the run early, if one did."""

    results: dict[int, Any] = field(default_factory=dict)
    stopped_by: int | None = None


class Stop:
    """Ctrl+C and SIGTERM ask the run to stop; a second one asks it to stop now."""

    def __init__(self, *, on_stop: Callable[[int], None] | None = None):
        self.signum: int | None = None
        self.now = False
        self.interrupt_now = False  # the second signal raises KeyboardInterrupt (work done in this process)
        self.at = 0.0
        self._on_stop = on_stop
        self._announced = False

    def _handle(self, signum, _frame) -> None:
        if self.signum is None:
            self.signum, self.at = signum, time.monotonic()
            return
        self.now = True
        if self.interrupt_now:
            raise KeyboardInterrupt

    def announce(self) -> None:
        """Tell the user once, from the main loop (not from the signal handler), what happens now."""
        if self.signum is not None and not self._announced:
            self._announced = True
            if self._on_stop:
                self._on_stop(self.signum)

    @property
    def overdue(self) -> bool:
        return self.now or (self.signum is not None and time.monotonic() - self.at > GRACE_SECONDS)

    @contextmanager
    def installed(self) -> Iterator["Stop"]:
        """The handlers for the length of the run, the previous ones back afterwards. Outside the
        main thread (a library caller's thread) Python allows no handlers: the run is then stopped
        the way its caller's process is."""
        if threading.current_thread() is not threading.main_thread():
            yield self
            return
        previous = {}
        for name in STOP_SIGNALS:
            number = getattr(signal, name, None)
            if number is not None:
                previous[number] = signal.signal(number, self._handle)
        try:
            yield self
        finally:
            for number, handler in previous.items():
                signal.signal(number, handler)


# -- inside a worker ------------------------------------------------------------------------------

class Skipped:
    """A queued call the worker did not begin because the run is stopping."""


_IN_WORKER: dict[str, Any] = {"stop": None, "failure": None}


# Linux can kill a process when its parent dies; elsewhere the sentinel watcher alone does it.
PARENT_DEATH_SIGNAL = sys.platform.startswith("linux")


def _die_with_parent() -> None:
    if PARENT_DEATH_SIGNAL:
        import ctypes

        pr_set_pdeathsig = 1
        try:
            ctypes.CDLL(None, use_errno=True).prctl(pr_set_pdeathsig, signal.SIGKILL, 0, 0, 0)
        except (OSError, AttributeError):
            pass  # the watcher below still ends the worker
    import multiprocessing

    parent = multiprocessing.parent_process()
    if parent is not None:
        # join() waits on the parent's sentinel; it returns when the parent is gone, even if it
        # died before the prctl above could take effect.
        threading.Thread(target=_exit_after, args=(parent,), name="docgen-parent-watch", daemon=True).start()


def _exit_after(parent) -> None:
    parent.join()
    os._exit(1)


def _worker_init(stop_event, initializer: Callable, initargs: tuple) -> None:
    _IN_WORKER.update(stop=stop_event, failure=None)
    _die_with_parent()
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if hasattr(signal, "SIGTERM"):
        signal.signal(signal.SIGTERM, signal.SIG_DFL)  # not the parent's handler, inherited by fork
    try:
        initializer(*initargs)
    except Exception as exc:  # noqa: BLE001 — raised by the first call, so the parent reports it once
        _IN_WORKER["failure"] = _portable(exc)


def _portable(exc: Exception) -> Exception:
    """The failure as an exception that unpickles in the parent whatever its class's signature:
    a DocgenError keeps its message and exit code, anything else (a bug) its traceback."""
    from .errors import DocgenError

    if isinstance(exc, DocgenError):
        plain = DocgenError(exc.message)
        plain.exit_code = exc.exit_code
        return plain
    import traceback

    return RuntimeError("".join(traceback.format_exception(exc)))


def stopping() -> bool:
    """Whether the run is stopping: a chunk's function asks before each of its inputs."""
    stop = _IN_WORKER["stop"]
    return stop is not None and stop.is_set()


def _worker_call(fn: Callable, chunk: list) -> list:
    if _IN_WORKER["failure"] is not None:
        raise _IN_WORKER["failure"]
    if stopping():
        return [Skipped()] * len(chunk)
    return fn(chunk)


# -- in the parent --------------------------------------------------------------------------------

def run(items: list, fn: Callable[[list], list], *, workers: int, initializer: Callable, initargs: tuple = (),
        crashed: Callable[[Any], Any], chunks: list[list[int]] | None = None,
        cleanup: Callable[[], None] | None = None, on_result: Callable[[int, Any], Any] | None = None,
        on_stop: Callable[[int], None] | None = None) -> Finished:
    """``fn(chunk)`` for every chunk of items: here for one worker, else in a pool of ``workers``
    processes. ``chunks`` — lists of item indices (default: one item each); a chunk goes to one
    worker at once, so what its items share (a school's profile, one journal transaction) is done
    once, and only small results travel back.

    ``fn`` and ``initializer`` are module-level functions (a pool pickles them); ``fn`` returns one
    result per item of its chunk, turns every failure of its own into a result, and asks
    ``stopping()`` before each item (a ``Skipped()`` result for those it does not begin).
    ``crashed(item)`` is the result for an input whose worker died over it, alone too. ``cleanup``
    ends the work done here (after ``initializer``, for one worker). ``on_result(index, result)``
    sees each result as it comes and returns what is kept for it (None: nothing); ``on_stop`` the
    signal that asked to stop.
    """
    if chunks is None:
        chunks = [[index] for index in range(len(items))]
    work = _Work(items, fn, initializer, initargs, Stop(on_stop=on_stop), Finished(), on_result)
    with work.stop.installed():
        if workers <= 1 or len(chunks) <= 1:
            work.here(chunks, cleanup)
        else:
            work.pooled(chunks, workers, crashed)
    work.finished.stopped_by = work.stop.signum
    return work.finished


class _Stopping:
    """``stopping()`` for work done in this process: the run's own signal handler decides."""

    def __init__(self, stop: Stop):
        self._stop = stop

    def is_set(self) -> bool:
        return self._stop.signum is not None


@dataclass
class _Work:
    """One run's inputs, what to do with each chunk of them, and what has been done."""

    items: list
    fn: Callable[[list], list]
    initializer: Callable
    initargs: tuple
    stop: Stop
    finished: Finished
    on_result: Callable[[int, Any], Any] | None

    def done(self, chunk: list[int], results: list) -> None:
        for index, result in zip(chunk, results):
            if isinstance(result, Skipped):
                continue
            kept = self.on_result(index, result) if self.on_result else result
            if kept is not None:
                self.finished.results[index] = kept

    def here(self, chunks: list[list[int]], cleanup: Callable[[], None] | None) -> None:
        """One chunk after another in this process; a stop lets the current input finish, a second
        signal abandons it (its write is atomic, and the journal gives its number back)."""
        self.initializer(*self.initargs)
        self.stop.interrupt_now = True
        _IN_WORKER.update(stop=_Stopping(self.stop), failure=None)
        try:
            for chunk in chunks:
                self.stop.announce()
                if self.stop.signum is not None:
                    break
                self.done(chunk, self.fn([self.items[i] for i in chunk]))
        except KeyboardInterrupt:
            self.stop.signum = self.stop.signum or signal.SIGINT
        finally:
            _IN_WORKER.update(stop=None)
            self.stop.interrupt_now = False
            if cleanup:
                cleanup()

    def pooled(self, chunks: list[list[int]], workers: int, crashed: Callable[[Any], Any]) -> None:
        """Pool after pool until every chunk is done or a stop is asked; the inputs of the chunks in
        flight when a pool broke are run again one at a time, and one that breaks its pool alone is
        ``crashed``."""
        context = _context()
        stop_event = context.Event()
        queue = deque(chunks)
        while queue and self.stop.signum is None:
            alone = deque([index] for index in self.pool_pass(context, stop_event, queue, min(workers, len(queue))))
            while alone and self.stop.signum is None:
                culprit = self.pool_pass(context, stop_event, alone, 1, queued=1)
                if culprit and self.stop.signum is None:
                    self.done(culprit, [crashed(self.items[culprit[0]])])

    def pool_pass(self, context, stop_event, queue: deque, width: int, *, queued: int | None = None) -> list[int]:
        """Take chunks from ``queue`` into a fresh pool of ``width`` workers until the queue is
        empty, a stop is asked, or the pool breaks; return the inputs in flight when it broke."""
        from concurrent.futures import FIRST_COMPLETED, CancelledError, ProcessPoolExecutor, wait
        from concurrent.futures.process import BrokenProcessPool

        stop, limit = self.stop, queued or width * QUEUED_PER_WORKER
        pool = ProcessPoolExecutor(max_workers=width, mp_context=context, initializer=_worker_init,
                                   initargs=(stop_event, self.initializer, self.initargs))
        in_flight: dict = {}
        broken: list[int] = []
        refused = False  # the pool broke while no call of ours was in it (a worker killed while idle)
        try:
            while (queue and stop.signum is None and not broken and not refused) or in_flight:
                while queue and stop.signum is None and not broken and len(in_flight) < limit:
                    try:
                        future = pool.submit(_worker_call, self.fn, [self.items[i] for i in queue[0]])
                    except BrokenProcessPool:  # the calls in flight come back broken below
                        refused = True
                        break
                    in_flight[future] = queue.popleft()
                if stop.signum is not None:
                    stop.announce()
                    stop_event.set()
                    for future in [f for f in in_flight if f.cancel()]:
                        del in_flight[future]
                    if stop.overdue:
                        _kill_workers(pool)
                done, _ = wait(in_flight, timeout=POLL_SECONDS, return_when=FIRST_COMPLETED)
                for future in done:
                    chunk = in_flight.pop(future)
                    try:
                        results = future.result()
                    except BrokenProcessPool:
                        broken.extend(chunk)
                        continue
                    except CancelledError:
                        continue
                    self.done(chunk, results)
        finally:
            if in_flight or broken or refused:  # a stop past its grace, a failure, a broken pool
                _kill_workers(pool)
            pool.shutdown(wait=True, cancel_futures=True)
        return sorted(broken)


def _context():
    """Fork on Linux, where it is cheap (the workers inherit docgen already imported), but only from
    a process without other threads: a lock one of them holds at that moment would be copied held,
    and a child that needs it waits for ever. Else spawn: a fresh interpreter that sees the current
    environment — not the fork server, a long-lived process that keeps the settings of its start."""
    import multiprocessing

    if sys.platform.startswith("linux") and threading.active_count() == 1:
        return multiprocessing.get_context("fork")
    return multiprocessing.get_context("spawn")


def _kill_workers(pool) -> None:
    """SIGKILL every worker of ``pool``: ProcessPoolExecutor.kill_workers from Python 3.14, the
    executor's own table of processes before."""
    kill = getattr(pool, "kill_workers", None)
    if kill is not None:
        kill()
        return
    for process in list((getattr(pool, "_processes", None) or {}).values()):
        if process.is_alive():
            process.kill()
