"""The справки's charts as PNG bytes: the statuses of one organisation's acts, each organisation's
share against the district's.

matplotlib is imported only here, and only when a справка is asked for: it is slow to import and
the other commands never need it. The fonts are DejaVu (matplotlib's own), so a chart looks the
same on every machine.
"""
from __future__ import annotations

import io

from . import lifecycle as lc
from .coverage import Coverage

STATUS_ORDER = (lc.NOT_STARTED, lc.DRAFTING, lc.DISCUSSION, lc.ADOPTED, lc.APPROVED, lc.NEEDS_UPDATE, lc.REPEALED,
                lc.NOT_APPLICABLE)
COLORS = {
    lc.NOT_STARTED: "#b0b0b0", lc.DRAFTING: "#f2c14e", lc.DISCUSSION: "#f78154", lc.ADOPTED: "#5fad56",
    lc.APPROVED: "#2e7d32", lc.NEEDS_UPDATE: "#c62828", lc.REPEALED: "#6d4c41", lc.NOT_APPLICABLE: "#90a4ae",
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


def dynamics_chart_png(rows, period: str, last_period: str) -> bytes:
    """Each indicator this academic year against last, as pairs of bars numbered as the справка's
    table numbers them: the shares (%) on the left, the counts (ед.) on the right, so neither scale
    flattens the other. A year without data has no bar (not a zero one)."""
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    groups = [[r for r in rows if r.indicator.is_share], [r for r in rows if not r.indicator.is_share]]
    # a panel whose indicators have no value in either year would be empty axes: it is left out
    # (the table says «нет данных» for them)
    groups = [g for g in groups if any(r.now is not None or r.before is not None for r in g)]
    fig = Figure(figsize=(6.3, 3.0), dpi=150)
    FigureCanvasAgg(fig)
    width = 0.38
    legend: dict[str, object] = {}
    for i, group in enumerate(groups):
        ax = fig.add_subplot(1, len(groups), i + 1)
        xs = range(len(group))
        for shift, attr, color, label in ((-width / 2, "before", "#b0b0b0", last_period),
                                          (width / 2, "now", "#2e7d32", period)):
            for x, r in zip(xs, group):
                value = getattr(r, attr)
                if value is None:
                    continue
                bars = ax.bar(x + shift, float(value.number), width, color=color)
                legend.setdefault(label, bars)
                ax.text(x + shift, float(value.number), value.short.replace("\u00a0", " "), ha="center",
                        va="bottom", fontsize=6.5, fontfamily="DejaVu Sans")
        ax.set_xticks(list(xs), [str(r.number) for r in group], fontfamily="DejaVu Sans")
        share = group[0].indicator.is_share
        ax.set_title("Доли, %" if share else "Количество, ед.", fontfamily="DejaVu Sans", fontsize=10)
        ax.set_xlabel("Показатель (номер в таблице)", fontfamily="DejaVu Sans", fontsize=8)
        if share:
            ax.set_ylim(0, 115)
        else:
            top = max([float(v.number) for r in group for v in (r.now, r.before) if v is not None] or [1])
            ax.set_ylim(0, top * 1.2 + 1)
            ax.yaxis.get_major_locator().set_params(integer=True)
        ax.spines[["top", "right"]].set_visible(False)
    # one legend for both panels, under them: over the bars it would hide their values
    names = [name for name in (last_period, period) if name in legend]
    fig.legend([legend[n] for n in names], [f"{n} учебный год" for n in names], loc="lower center", ncol=2,
               frameon=False, prop={"family": "DejaVu Sans", "size": 8})
    fig.tight_layout(rect=(0, 0.07, 1, 1))
    out = io.BytesIO()
    fig.savefig(out, format="png", metadata={"Software": None})
    return out.getvalue()
