"""The mechanisms table's geometry, shared by the builder that writes its columns
(scripts/builders/_project.py) and the context that decides where a direction may break across
pages: both must mean the same widths, or the estimate of a direction's height drifts from the
table the reader gets.

The widths are measured, not guessed (Times New Roman / Liberation Serif at the table's 12 pt, with
Word's default 1.9 mm cell margins each side). A direction is a row across the table, as in the
plan-graph, so it takes no column. The number holds «10.12»; the terms hold «ежеквартально,»
(27.9 mm) unbroken; the responsible hold «Бондаренко О.Н., заместитель» on one line and the
position under it in two («заместитель директора по учебно-воспитательной работе» is the longest
the samples have: 46 mm make it three lines, 36 mm made it six); the activities, the column that
carries the most text, take the rest."""
from __future__ import annotations

import math

NUMBER_MM, ACTIVITY_MM, TERMS_MM, RESPONSIBLE_MM = 12, 75, 32, 46
CELL_MARGINS_MM = 3.8
# An average character of Russian text at 12 pt with what word wrapping wastes (calibrated on the
# rendered samples: «Внутренняя система» breaks where 24 characters of 51 mm would fit).
CHAR_MM = 2.1
# The printable height of an A4 page (margins 20/20 mm) in lines of the table's 12 pt text.
PAGE_LINES = 52
# A direction taller than this may break across pages (its rows, each whole, go on after the
# repeated header); a shorter one keeps its rows together.
BREAKABLE_LINES = PAGE_LINES // 3


def lines(text: str, width_mm: float) -> int:
    """How many lines ``text`` takes in a column: words wrapped whole, hyphenated words at their hyphen."""
    per_line = max(1, math.floor((width_mm - CELL_MARGINS_MM) / CHAR_MM))
    count, used = 1, 0
    for word in text.replace("-", "- ").split():
        size = len(word) + (0 if word.endswith("-") else 1)
        if used and used + len(word) > per_line:
            count, used = count + 1, 0
        used += size
        if used > per_line:  # a word longer than the line: it runs over, the next starts a new line
            count += (used - 1) // per_line
            used = used % per_line
    return count
