"""The mechanisms table's geometry, shared by the builder that writes its columns
(scripts/builders/_project.py) and the context that decides where a direction may break across
pages: both must mean the same widths, or the estimate of a direction's height drifts from the
table the reader gets.

The widths are measured, not guessed (Times New Roman / Liberation Serif at the table's 12 pt, with
Word's default 1.9 mm cell margins each side): the direction's column holds its longest word
unbroken — «институциональном» is 36.3 mm; the terms' column holds «ежеквартально,» (27.9 mm); the
responsible's holds its bold header «Ответственные» (29.9 mm) and a name with its initials,
«Бондаренко О.Н.,» (31.4 mm), on one line; everything else goes to the activities, the column that
carries the most text. These minima leave the activities 56 mm at most, and a millimetre taken from
the directions' column makes the Yaroslavl network's long direction names a line taller (its
passport a page longer, measured): a long direction's height is therefore dealt with by letting it
break across pages (context.py), not by narrower columns."""
from __future__ import annotations

import math

DIRECTION_MM, ACTIVITY_MM, TERMS_MM, RESPONSIBLE_MM = 42, 55, 32, 36
CELL_MARGINS_MM = 3.8
# An average character of Russian text at 12 pt with what word wrapping wastes (calibrated on the
# rendered samples: «Внутренняя система» breaks where 24 characters of 51 mm would fit).
CHAR_MM = 2.1
# The printable height of an A4 page (margins 20/20 mm) in lines of the table's 12 pt text.
PAGE_LINES = 52
# A direction taller than this may break across pages (its rows, each whole, go on after the
# repeated header); a shorter one keeps its rows together, as a merged cell reads best.
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
