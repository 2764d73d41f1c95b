"""The blocks of a plan-graph (domain.md §3.2), in the order the document lists them.

Kept as data so that a new block (say, «материально-техническое обеспечение») is one line here
and every check, the table and the chart follow.
"""
from __future__ import annotations

BLOCKS: dict[str, str] = {
    "normative": "Нормативно-правовое обеспечение",
    "organizational": "Организационное обеспечение",
    "methodological": "Кадровое и методическое обеспечение",
    "analytical": "Аналитико-диагностическое обеспечение",
    "informational": "Информационное обеспечение",
    "summing_up": "Подведение итогов",
}

# One colour per block on the Gantt chart; chosen to stay distinguishable in grey print.
COLORS: dict[str, str] = {
    "normative": "#1f4e79",
    "organizational": "#2e7d32",
    "methodological": "#b8860b",
    "analytical": "#6a1b9a",
    "informational": "#00838f",
    "summing_up": "#5d4037",
}


def known_blocks() -> str:
    """«normative (нормативно-правовое обеспечение), …» for error messages."""
    return ", ".join(f"{key} ({title[0].lower() + title[1:]})" for key, title in BLOCKS.items())
