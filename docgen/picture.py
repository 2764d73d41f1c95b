"""A picture a document type puts into its context (a chart, a Gantt diagram, a stamp).

``build_context`` has no template at hand, and docxtpl's InlineImage needs one; a Picture is the
plain value a plugin returns, and the renderer turns it into an inline image of the document
being rendered. In the template it is placed like any variable: ``{{ chart }}`` alone in a
paragraph.
"""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Picture:
    data: bytes
    """PNG or JPEG bytes."""
    width_mm: float
    """Printed width; the height follows the picture's proportions."""

    def __post_init__(self) -> None:
        if not (self.data.startswith(b"\x89PNG") or self.data.startswith(b"\xff\xd8")):
            raise ValueError("рисунок должен быть в формате PNG или JPEG")
        if not 5 <= self.width_mm <= 300:
            raise ValueError(f"ширина рисунка {self.width_mm} мм вне пределов 5–300 мм")
