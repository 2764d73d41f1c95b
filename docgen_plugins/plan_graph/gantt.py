"""The Gantt chart of a plan-graph as a PNG.

matplotlib is imported here only, and only when the data asks for a chart: it is slow to import
and every other document does without it. Month names come from a list rather than the locale,
which a school's computer may not have; the font is DejaVu Sans, which ships with matplotlib and
has Cyrillic.
"""
from __future__ import annotations

import datetime as dt
import io
import unicodedata
from typing import Any

from .blocks import BLOCKS, COLORS

MONTHS = ("январь", "февраль", "март", "апрель", "май", "июнь", "июль", "август", "сентябрь", "октябрь",
          "ноябрь", "декабрь")
FONT = "DejaVu Sans"
LABEL_CHARS = 58
WIDTH_IN = 250 / 25.4
OVERDUE, OVERDUE_WIDTH = "#c62828", 1.6  # an overdue activity: its bar or diamond outlined in red
MAX_HEIGHT_IN = 5.6  # what is left of a landscape page under the heading and the note


def _drawable(text: str) -> str:
    """Only characters a chart can draw: control, format, private-use and unassigned code points
    (which a data file may carry) would be missing glyphs in the picture."""
    return "".join(ch for ch in text if unicodedata.category(ch)[0] != "C")


def _label(row: dict[str, Any]) -> str:
    text = _drawable(row["action"])
    if len(text) > LABEL_CHARS:
        words = text[:LABEL_CHARS].split(" ")[:-1]  # the last word may be cut
        while len(words) > 1 and len(words[-1]) <= 2:  # nor end on «в», «на», «и»
            words.pop()
        text = " ".join(words)
        for opener, closer in (("(", ")"), ("«", "»")):  # no bracket or quote left open by the cut
            if text.count(opener) > text.count(closer):
                text = text[:text.rindex(opener)]
        text = text.rstrip(",;: ") + "…"
    return f"{row['number']}  {text[:1].upper()}{text[1:]}"


def _months(first: dt.date, last: dt.date) -> list[dt.date]:
    """The first day of every month from ``first``'s month to the month after ``last``."""
    out, day = [], first.replace(day=1)
    while day <= last:
        out.append(day)
        day = (day.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
    out.append(day)
    return out


def gantt_png(blocks: list[dict[str, Any]], *, as_of: dt.date | None, period: Any = None) -> bytes:
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.dates import date2num
    from matplotlib.figure import Figure
    from matplotlib.lines import Line2D
    from matplotlib.patches import Patch

    rows = [r for b in blocks for r in b["rows"] if r["end"] is not None]
    if not rows:
        rows_dates = [as_of or dt.date.today()]
    else:
        rows_dates = [r["start"] or r["end"] for r in rows] + [r["end"] for r in rows]
    first, last = min(rows_dates), max(rows_dates)
    if period is not None:
        first, last = min(first, period.start), max(last, period.end)
    if as_of is not None:
        first, last = min(first, as_of), max(last, as_of)
    months = _months(first, last)

    per_row = min(0.3, (MAX_HEIGHT_IN - 1.4) / max(len(rows), 1))
    font = 8 if per_row >= 0.22 else 6.5
    with matplotlib.rc_context({"font.family": FONT, "font.size": font}):
        fig = Figure(figsize=(WIDTH_IN, 1.4 + per_row * max(len(rows), 1)), dpi=200, layout="constrained")
        FigureCanvasAgg(fig)
        ax = fig.add_subplot()
        for y, row in enumerate(rows):
            color = COLORS[row["block"]]
            overdue = row["state"] == "overdue"
            done = row["state"] == "done"
            if row["start"] is None:
                ax.plot(date2num(row["end"]) + 0.5, y, marker="D", markersize=6, color=color,
                        markeredgecolor=OVERDUE if overdue else color,
                        markeredgewidth=OVERDUE_WIDTH if overdue else 0.5,
                        alpha=0.45 if done else 1.0, linestyle="none")
            else:
                left = date2num(row["start"])
                width = (row["end"] - row["start"]).days + 1
                ax.barh(y, width, left=left, height=0.6, color=color, alpha=0.45 if done else 1.0,
                        edgecolor=OVERDUE if overdue else color, linewidth=OVERDUE_WIDTH if overdue else 0.5)
            if overdue:
                ax.text(date2num(row["end"]) + 6, y, "просрочено", va="center", color="#c62828",
                        fontsize=font - 0.5)
        ax.set_yticks(range(len(rows)), [_label(r) for r in rows])
        ax.set_ylim(len(rows) - 0.5, -0.5)
        ticks = [date2num(m) for m in months]
        ax.set_xlim(ticks[0], ticks[-1] + 4)  # room for a deadline on the last day
        ax.set_xticks(ticks[:-1], [MONTHS[m.month - 1] + (f"\n{m.year}" if i == 0 or m.month == 1 else "")
                                   for i, m in enumerate(months[:-1])], ha="left")
        ax.grid(axis="x", color="#bbbbbb", linewidth=0.5)
        ax.set_axisbelow(True)
        if as_of is not None:
            x = date2num(as_of) + 0.5
            ax.axvline(x, color="#c62828", linestyle="--", linewidth=1)
            ax.text(x, -0.6, f"{as_of:%d.%m.%Y}", color="#c62828", ha="center", va="bottom", fontsize=font)
        ax.spines[["top", "right"]].set_visible(False)

        present = [b["key"] for b in blocks]
        handles = [Patch(color=COLORS[k], label=BLOCKS[k]) for k in present]
        handles.append(Line2D([], [], marker="D", color="#555555", linestyle="none", label="срок «до …»"))
        if any(r["state"] == "overdue" for r in rows):
            # One mark for both shapes: a bar and a deadline's diamond are overdue by their red outline.
            handles.append(Patch(facecolor="white", edgecolor=OVERDUE, linewidth=OVERDUE_WIDTH,
                                 label="просрочено (красный контур)"))
        if any(r["state"] == "done" for r in rows):
            handles.append(Patch(color="#555555", alpha=0.45, label="выполнено"))
        fig.legend(handles=handles, loc="outside lower center", ncol=min(len(handles), 4), frameon=False,
                   fontsize=font)
        out = io.BytesIO()
        fig.savefig(out, format="png", metadata={"Software": None})
    return out.getvalue()
