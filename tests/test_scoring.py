"""docgen.scoring: criteria, level scales, percentage thresholds, means and ranking as data."""
from __future__ import annotations

import re
from decimal import Decimal

import pytest
from pydantic import ValidationError
from pydantic_core import PydanticCustomError

from docgen.scoring import Criterion, check_unique_ids, diverges, half_up, max_total, mean, rank, share, total_of

LEVELS = [{"score": 0, "descriptor": "50 % и менее"}, {"score": 3, "descriptor": "в полном объёме"},
          {"score": 2}, {"score": 1}]  # a banded level without words takes its band's
WORDED = [{"descriptor": f"уровень {level['score']}", **level} for level in LEVELS]
# Seed 002: «в полном объёме / 70–99 % / 51–69 % / 50 % и менее» — 100 → 3, 70 ≤ x < 100 → 2,
# 50 < x < 70 → 1, x ≤ 50 → 0.
BANDS = [{"score": 3, "from": 100}, {"score": 2, "from": 70}, {"score": 1, "over": 50}, {"score": 0, "from": 0}]


def plan(**extra) -> Criterion:
    return Criterion.model_validate({"id": "k1", "title": "Выполнение плана", "levels": LEVELS,
                                     "thresholds": BANDS, **extra})


def test_levels_sorted_from_the_highest_and_max():
    c = plan()
    assert c.scores == [3, 2, 1, 0] and c.max_score == 3


@pytest.mark.parametrize("percent, score", [
    (0, 0), (50, 0), ("50.01", 1), ("50.5", 1), (51, 1), (69, 1), ("69.9", 1), ("69.999", 1), (70, 2), (99, 2),
    ("99.5", 2), ("99.9", 2), (100, 3), (Decimal("68.5"), 1), (Decimal("50.0"), 0),
])
def test_score_for_percent_as_measured_never_rounded(percent, score):
    assert plan().score_for_percent(percent) == score


def test_bands_in_words_from_the_highest():
    assert plan().band_texts() == ["100 % — 3\u00a0балла", "не менее 70 %, но менее 100 % — 2\u00a0балла",
                                   "свыше 50 %, но менее 70 % — 1\u00a0балл", "не более 50 % — 0\u00a0баллов"]


def test_percent_outside_range_and_without_thresholds():
    with pytest.raises(ValueError, match="процент 101 вне диапазона"):
        plan().score_for_percent(101)
    with pytest.raises(ValueError, match="вне диапазона"):
        plan().score_for_percent("-0.1")
    bare = Criterion.model_validate({"id": "k2", "title": "Продукт", "levels": WORDED})
    with pytest.raises(ValueError, match="нет порогов"):
        bare.score_for_percent(80)


def test_check_score():
    assert plan().check_score(2) == 2
    with pytest.raises(ValueError, match="допустимы 0, 1, 2, 3"):
        plan().check_score(4)


@pytest.mark.parametrize("bands, message", [
    (BANDS[:3], "первая полоса должна начинаться с «from: 0»"),
    ([*BANDS[:3], {"score": 0, "over": 0}], "первая полоса должна начинаться с «from: 0»"),
    ([BANDS[0], BANDS[1], {"score": 1, "from": 70}, BANDS[3]], "две полосы начинаются с 70 %"),
    ([BANDS[0], {"score": 2, "over": 50}, BANDS[2], BANDS[3]], "две полосы начинаются с 50 %"),
    ([{"score": 5, "from": 100}, *BANDS[1:]], "балл 5 не входит в уровни"),
    ([{"score": 3, "from": 100, "over": 99}, *BANDS[1:]], "либо «from» (от, включительно), либо «over»"),
    ([{"score": 3}, *BANDS[1:]], "либо «from» (от, включительно), либо «over»"),
    ([], "нет ни одной полосы"),
    ([{"score": 3, "min": 100, "max": 100}, *BANDS[1:]], "полоса задаётся нижней границей, а не «min/max»"),
])
def test_bad_threshold_tables(bands, message):
    with pytest.raises(ValidationError, match=re.escape(message)):
        plan(thresholds=bands)


def test_a_band_of_one_value():
    """«from 50» then «over 50»: the first band holds 50 % alone."""
    c = plan(thresholds=[{"score": 3, "from": 100}, {"score": 2, "over": 50}, {"score": 1, "from": 50},
                         {"score": 0, "from": 0}])
    assert [c.score_for_percent(v) for v in ("49.9", 50, "50.1", 100)] == [0, 1, 2, 3]


def test_total_is_the_mean_of_the_experts_totals():
    # Three experts' sheets adding up to 27, 24 and 27: the total is 26,0 — not the sum of rounded
    # means per criterion (2,7 + 2,7 = 5,4 for marks 3/2/3 twice, where the experts' own sums mean 5,3).
    sheets = [[3] * 9, [3, 3, 3, 3, 3, 3, 2, 2, 2], [3] * 9]
    assert total_of(sheets, 1) == Decimal("26.0")
    assert total_of([[3, 3], [2, 2], [3, 3]], 1) == Decimal("5.3")
    assert mean([3, 2, 3], 1) * 2 == Decimal("5.4")


def test_levels_required_and_unique():
    with pytest.raises(ValidationError, match="нет уровней"):
        Criterion.model_validate({"id": "k", "title": "т", "levels": []})
    with pytest.raises(ValidationError, match="баллы уровней повторяются"):
        Criterion.model_validate({"id": "k", "title": "т", "levels": [LEVELS[0], LEVELS[0]]})


def test_unique_ids_and_max_total():
    a, b = plan(), Criterion.model_validate({"id": "k2", "title": "т", "levels": WORDED[:3]})
    assert max_total([a, b]) == 6
    with pytest.raises(PydanticCustomError, match="«k1» повторяется"):
        check_unique_ids([a, a])


def test_mean_half_up_not_bankers():
    assert mean([2, 3]) == Decimal("3")          # 2,5 → 3 (Python's round would give 2)
    assert mean([2, 3], 1) == Decimal("2.5")
    assert mean([2, 2, 3], 1) == Decimal("2.3")  # 2,333…
    assert mean([3, 3, 2], 1) == Decimal("2.7")  # 2,666…
    assert half_up("0.125", 2) == Decimal("0.13")
    with pytest.raises(ValueError):
        mean([])


def test_diverges_strictly_more_than_the_limit():
    assert diverges([3, 1, 2], 1) and not diverges([3, 2], 1) and not diverges([], 1)


def test_rank_competition_style():
    assert rank([5, 5, 3]) == [1, 1, 3]
    assert rank([Decimal("18.3"), Decimal("26.1"), Decimal("18.3")]) == [2, 1, 2]
    assert rank([1, 2, 3, 3, 4]) == [5, 4, 2, 2, 1]


def test_a_banded_level_without_words_takes_its_bands():
    assert [level.descriptor for level in plan().levels] == [
        "в полном объёме", "не менее 70 %, но менее 100 %", "свыше 50 %, но менее 70 %", "50 % и менее"]


@pytest.mark.parametrize("words", ["на 70–99 %", "от 70 до 99,9 %", "от 71 % до 100 %"])
def test_a_level_whose_percentages_contradict_its_band_is_refused(words):
    levels = [{**level, "descriptor": words} if level["score"] == 2 else level for level in LEVELS]
    with pytest.raises(ValidationError, match=f"уровень 2: описание «{words}» не совпадает с полосой порогов "
                                              "«не менее 70 %, но менее 100 %»"):
        plan(levels=levels)


def test_words_that_name_the_bands_bounds_are_kept():
    levels = [{**level, "descriptor": "от 70 до 100 % (не включая 100 %)"} if level["score"] == 2 else level
              for level in LEVELS]
    assert plan(levels=levels).levels[1].descriptor == "от 70 до 100 % (не включая 100 %)"


def test_a_level_without_words_or_band_is_refused():
    with pytest.raises(ValidationError, match="у уровня 2 критерия «k2» нет описания"):
        Criterion.model_validate({"id": "k2", "title": "Продукт", "levels": [{"score": 2}, {"score": 0, "descriptor": "нет"}]})


def test_share_of_the_maximum_comes_from_the_exact_mean():
    # Убинская: 19 + 18 + 19 = 56 of 3 experts, maximum 23: 56/3/23 = 81,16 %, not 18,7/23 = 81,30 %.
    assert half_up(share([[19], [18], [19]], 23), 1) == Decimal("81.2")
    assert share([[3, 3], [3, 3]], 6) == 100
