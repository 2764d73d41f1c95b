"""The coverage report (справка о полноте ЛНА ВСОКО) as a .docx: the share, a chart of act
statuses, the table of acts and what is missing, signed by the director.

Built in code with `docgen.gost` rather than from a template because its body is mostly a
table and a picture whose size depends on the data. matplotlib is imported only here (and only
when a report is asked for): it is slow to import and the other commands never need it.
"""
from __future__ import annotations

import datetime as dt
import io

from . import lifecycle as lc
from .catalogue import LEVEL_LABELS
from .coverage import ActState, Coverage

TITLE = "о полноте локальных нормативных актов, обеспечивающих функционирование ВСОКО"
STATUS_ORDER = (lc.NOT_STARTED, lc.DRAFTING, lc.DISCUSSION, lc.ADOPTED, lc.APPROVED, lc.NEEDS_UPDATE, lc.REPEALED)
COLORS = {
    lc.NOT_STARTED: "#b0b0b0", lc.DRAFTING: "#f2c14e", lc.DISCUSSION: "#f78154", lc.ADOPTED: "#5fad56",
    lc.APPROVED: "#2e7d32", lc.NEEDS_UPDATE: "#c62828", lc.REPEALED: "#6d4c41",
}


def status_counts(coverage: Coverage) -> dict[str, int]:
    counts = {status: 0 for status in STATUS_ORDER}
    for state in coverage.states:
        counts[state.status] = counts.get(state.status, 0) + 1
    return counts


def chart_png(coverage: Coverage) -> bytes:
    """A horizontal bar chart: how many applicable acts are in each status (all statuses shown,
    so that two reports side by side compare at a glance)."""
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    counts = status_counts(coverage)
    labels = [lc.label(s) for s in STATUS_ORDER]
    values = [counts[s] for s in STATUS_ORDER]
    fig = Figure(figsize=(6.3, 3.2), dpi=150)
    FigureCanvasAgg(fig)
    ax = fig.add_subplot()
    bars = ax.barh(labels, values, color=[COLORS[s] for s in STATUS_ORDER])
    ax.invert_yaxis()
    ax.set_xlabel("Число применимых актов", fontfamily="DejaVu Sans")
    ax.set_title("Статусы локальных нормативных актов ВСОКО", fontfamily="DejaVu Sans", fontsize=11)
    for label in ax.get_yticklabels():
        label.set_fontfamily("DejaVu Sans")
    top = max(values) if any(values) else 1
    ax.set_xlim(0, top + 1)
    ax.xaxis.get_major_locator().set_params(integer=True)
    for bar, value in zip(bars, values):
        ax.text(bar.get_width() + 0.05, bar.get_y() + bar.get_height() / 2, str(value), va="center", fontsize=9)
    ax.spines[["top", "right"]].set_visible(False)
    fig.tight_layout()
    out = io.BytesIO()
    fig.savefig(out, format="png", metadata={"Software": None})
    return out.getvalue()


def _order(state: ActState) -> str:
    """«приказ от 01.09.2026 № 45-од» (date before number, as ГОСТ orders the requisites), or ""."""
    row = state.row
    if state.status not in (lc.APPROVED, lc.NEEDS_UPDATE) or row is None or not row.order_number:
        return ""
    date = f" от {row.order_date:%d.%m.%Y}" if row.order_date else ""
    return f"приказ{date} №\u00a0{row.order_number}"


def _status(state: ActState) -> str:
    return lc.label(state.status) + (f" ({state.reason})" if state.reason else "")


def _status_cell(state: ActState) -> str:
    order = _order(state)
    return _status(state) + (f"; {order}" if order else "")


def _ratio(name: str, part) -> str:
    return f"{name}: {part.done} из {part.total} ({part.text})."


def _head(org, title: str, today: dt.date):
    """A new справка: the organisation, «СПРАВКА», its title, date and place."""
    from .. import gost
    from ..russian.dates import format_date

    doc = gost.new_document()
    doc.core_properties.title = f"Справка {title}"
    gost.paragraph(doc, org.full_name, align=gost.CENTER, bold=True)
    gost.paragraph(doc, "СПРАВКА", align=gost.CENTER, bold=True, space_before=12)
    gost.paragraph(doc, title, align=gost.CENTER, bold=True, space_after=6)
    gost.paragraph(doc, f"{format_date(today)}\t{org.place}", align=gost.LEFT, tab_right=True, space_after=12)
    return doc


def _sign_and_save(doc, org) -> bytes:
    from .. import gost
    from ..russian.names import initials_first
    from ..russian.typography import capitalize_first

    director = org.director
    gost.paragraph(doc, f"{capitalize_first(director.position)}\t{initials_first(director.full_name, director.gender)}",
                   align=gost.LEFT, tab_right=True, space_before=36)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def _figure(doc, png: bytes, caption: str) -> None:
    from docx.shared import Mm

    from .. import gost

    picture = gost.paragraph(doc, align=gost.CENTER, space_before=12, keep_with_next=True)
    picture.add_run().add_picture(io.BytesIO(png), width=Mm(150))
    gost.paragraph(doc, caption, align=gost.CENTER, space_after=12)


def build_report(coverage: Coverage, org, today: dt.date) -> bytes:
    """The report as .docx bytes; ``org`` is the validated profile (`docgen.models.Organization`)."""
    from .. import gost
    from ..russian.dates import format_date

    doc = _head(org, TITLE, today)

    req = coverage.required
    gost.paragraph(doc, f"По состоянию на {format_date(today)} утверждено и действует обязательных локальных "
                        f"нормативных актов ВСОКО, применимых к уровням образования организации "
                        f"({', '.join(org.levels)}): {req.done} из {req.total}, что составляет {req.text} "
                        "от необходимого общего числа.", indent=True)
    gost.paragraph(doc, _ratio("Рекомендуемые акты утверждены и действуют", coverage.recommended), indent=True)
    if coverage.discussion.total:
        gost.paragraph(doc, _ratio("Проекты актов, вынесенные на обсуждение", coverage.discussion), indent=True)
    if coverage.teachers:
        gost.paragraph(doc, _ratio("Педагогические работники, вовлечённые в ВСОКО", coverage.teachers), indent=True)
    if coverage.procedures:
        gost.paragraph(doc, _ratio("Процедуры ВСОКО, обеспеченные разработанным инструментарием", coverage.procedures)
                       + (" Нет инструментария: " + "; ".join(coverage.procedures_without_instruments) + "."
                          if coverage.procedures_without_instruments else ""), indent=True)

    _figure(doc, chart_png(coverage), "Рисунок 1 — Статусы применимых актов")

    gost.paragraph(doc, "Таблица 1 — Локальные нормативные акты ВСОКО", align=gost.LEFT, keep_with_next=True)
    # Widths hold the longest unbreakable words at 12 pt (measured in Liberation Serif, metric twin
    # of Times New Roman): «Ответственный» in bold 34 mm, «рекомендуемый» 32 mm, «актуализации» 28 mm.
    columns = [gost.Column("№", 10, gost.CENTER), gost.Column("Акт", 54), gost.Column("Уровень требования", 33),
               gost.Column("Статус, приказ", 33), gost.Column("Ответственный", 35)]
    rows = [[str(n), s.act.title, LEVEL_LABELS[s.act.level], _status_cell(s), s.responsible or "—"]
            for n, s in enumerate(coverage.states, 1)]
    gost.table(doc, columns, rows)

    if coverage.missing:
        gost.paragraph(doc, "Отсутствуют, не утверждены или требуют актуализации обязательные акты:",
                       indent=True, space_before=12)
        for n, s in enumerate(coverage.missing, 1):
            line = f"{n}) {s.act.title} — {_status(s)}; ответственный: {s.responsible or 'не назначен'}"
            gost.paragraph(doc, line if line.endswith(".") else line + ".", indent=True)
    else:
        gost.paragraph(doc, "Все обязательные акты утверждены и действуют.", indent=True, space_before=12)

    return _sign_and_save(doc, org)


DISTRICT_TITLE = "о полноте локальных нормативных актов ВСОКО в образовательных организациях"


def district_chart_png(district) -> bytes:
    """Each organisation's share as a horizontal bar, best first, with the district's pooled share
    as a vertical line: where a school stands against the district at a glance."""
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    names = [e.coverage.organization for e in district.entries]
    values = [float(e.coverage.required.share) for e in district.entries]
    fig = Figure(figsize=(6.3, 0.9 + 0.42 * max(len(names), 1)), dpi=150)
    FigureCanvasAgg(fig)
    ax = fig.add_subplot()
    bars = ax.barh(names, values, color="#2e7d32")
    ax.invert_yaxis()
    ax.axvline(float(district.share), color="#c62828", linestyle="--", linewidth=1.2)
    ax.set_xlim(0, 100)
    ax.set_xlabel("Доля утверждённых обязательных актов, %", fontfamily="DejaVu Sans")
    for label in ax.get_yticklabels():
        label.set_fontfamily("DejaVu Sans")
    for bar, entry in zip(bars, district.entries):
        ax.text(min(bar.get_width() + 1, 88), bar.get_y() + bar.get_height() / 2, entry.coverage.required.text,
                va="center", fontsize=8, fontfamily="DejaVu Sans")
    ax.text(float(district.share), -0.7, f"по району {district.share_text}", color="#c62828", fontsize=8,
            ha="center", fontfamily="DejaVu Sans")
    ax.spines[["top", "right"]].set_visible(False)
    fig.tight_layout()
    out = io.BytesIO()
    fig.savefig(out, format="png", metadata={"Software": None})
    return out.getvalue()


def build_district_report(district, authority, today: dt.date) -> bytes:
    """The district's справка: pooled share, a chart, the ranking table, signed by the head of the
    education authority (``authority`` is its validated profile)."""
    from .. import gost
    from ..russian.dates import format_date
    from ..russian.numbers import plural

    doc = _head(authority, DISTRICT_TITLE, today)
    count = len(district.entries)
    gost.paragraph(doc, f"По состоянию на {format_date(today)} в {plural(count, 'организация', 'loct')} "
                        f"утверждено и действует {district.approved} из {district.required} обязательных локальных "
                        f"нормативных актов ВСОКО, применимых к их уровням образования, что составляет "
                        f"{district.share_text} от необходимого общего числа.", indent=True)
    gost.paragraph(doc, "Доля по району рассчитана как отношение суммы утверждённых актов к сумме обязательных актов "
                        "всех организаций; организации с равной долей занимают одно место.", indent=True)
    _figure(doc, district_chart_png(district), "Рисунок 1 — Доля утверждённых обязательных актов по организациям")
    gost.paragraph(doc, "Таблица 1 — Рейтинг организаций", align=gost.LEFT, keep_with_next=True)
    columns = [gost.Column("Место", 17, gost.CENTER), gost.Column("Организация", 68),
               gost.Column("Утверждено актов", 29, gost.CENTER), gost.Column("Обязательных актов", 33, gost.CENTER),
               gost.Column("Доля", 18, gost.CENTER)]
    rows = [[str(e.place), e.coverage.organization, str(e.coverage.required.done), str(e.coverage.required.total),
             e.coverage.required.text] for e in district.entries]
    rows.append(["", "Итого по району", str(district.approved), str(district.required), district.share_text])
    gost.table(doc, columns, rows)
    return _sign_and_save(doc, authority)


def report_file_name(short_name: str) -> str:
    from ..fileio import safe_file_stem

    return safe_file_stem(f"Справка о полноте ЛНА ВСОКО — {short_name}") + ".docx"
