"""Orders numbered by the journal and written: one document, or a batch's chunk of them.

The journal's guarantees (docgen.journal) hold for every chunk: a number is reserved before the
document is rendered, the file is written atomically, and only then is the entry marked complete.
What a chunk changes is the number of transactions: its documents take their numbers in one and
are recorded written in one more, so a district's batch pays a commit (a sync of the database
file) twice per chunk rather than twice per document.

The chunk's documents are written as temporary files and published together (docgen.fileio.Staged:
one sync of the disk for the chunk, not one per document), and only then recorded complete.

A document that fails after its number was reserved must not leave a hole in the numbers: its
number and those reserved for the chunk's later documents are given back, and the later ones take
their numbers again — the failed one's number goes to the next document, as it would have if the
failed input had been refused before numbering. A stop (Ctrl+C) gives back the numbers of the
documents not begun. A process killed in the middle leaves reserved entries: a rerun of the same
inputs finds each by its input and takes it over (its number, its file name).
"""
from __future__ import annotations

from pathlib import Path
from typing import Callable

from pydantic import BaseModel

from .fileio import Staged, check_writable_folder


def number_all(engine, document_type, items: list[BaseModel], out_dir: Path, journal, *, new_number: bool = False,
               replace: bool = False, school_folders: bool = False,
               stopping: Callable[[], bool] = lambda: False) -> list:
    """For each validated input (in the order given): docgen.engine.Generated, or the exception
    that refused it, or None when ``stopping()`` said to begin no more. ``journal`` is already located at the
    store of these items' school. ``school_folders`` — a batch: each school's own sub-folder."""
    from .engine import Generated
    from .journal import Request, input_hash
    from .placement import Placement

    out_dir = Path(out_dir)
    check_writable_folder(out_dir)
    results: list = [None] * len(items)

    def request(data: BaseModel) -> Request:
        school = data.organization.short_name if school_folders else None
        name_for = lambda number: engine.file_name(document_type, data.model_copy(update={"number": number}))  # noqa: E731
        return Request(data.organization, document_type.slug, document_type.title, data.date,
                       input_hash(document_type.slug, data), data.number, new_number, replace,
                       Placement(out_dir, name_for, school))

    pending = list(range(len(items)))
    giving_back: list = []  # a failed document's reservation and the later ones: their numbers go to the later ones
    while pending and not stopping():
        taken = journal.reserve_all([request(items[i]) for i in pending], giving_back=giving_back)
        giving_back = []
        staged = Staged()
        rendered: list[tuple[int, object, BaseModel]] = []  # staged, in place once published
        begun = 0  # the reservations before this one had their document rendered (or refused)
        again: list[int] = []
        try:
            for position, (index, reservation) in enumerate(zip(pending, taken)):
                begun = position
                if isinstance(reservation, Exception):
                    results[index] = reservation
                    continue
                if stopping():  # the rest keep their reservations: a rerun takes them over
                    break
                final = items[index].model_copy(update={"number": reservation.number})
                try:
                    staged.write(reservation.file, engine.render(document_type, final))
                except Exception as exc:  # noqa: BLE001 — this input's failure; the later ones are numbered again
                    results[index] = exc
                    again = pending[position + 1:]
                    giving_back = [t for t in taken[position:] if not isinstance(t, Exception)]
                    break
                rendered.append((index, reservation, final))
                begun = position + 1
        except BaseException:  # interrupted (a second Ctrl+C): the numbers not rendered are given back
            journal.release_all([t for t in taken[begun:] if not isinstance(t, Exception)])
            raise
        finally:
            written, lost = [], []
            for (index, reservation, final), failed in zip(rendered, staged.publish()):
                if failed is None:
                    written.append((reservation, reservation.file))
                    results[index] = Generated(reservation.file, document_type, final, reservation.number)
                else:
                    results[index] = failed
                    lost.append(reservation)
            journal.complete_all(written)  # the files are durable and in place: the journal may say so
            journal.release_all(lost)
        pending = again
    journal.release_all(giving_back)  # a stop came between a failure and the numbering of the rest
    return results
