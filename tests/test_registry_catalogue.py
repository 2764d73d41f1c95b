"""The catalogue of required acts: the built-in file, merging plugins' catalogues, bad files;
and the lifecycle rules that do not need the CLI."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from docgen.errors import InputError
from docgen.plugins import load_plugins
from docgen.registry import lifecycle as lc
from docgen.registry.catalogue import builtin_files, default_catalogue, load_catalogue

EXTRA = """\
acts:
  - id: district-monitoring
    title: Положение о муниципальном мониторинге
    level: recommended
    basis: письмо Рособрнадзора от 20.04.2021 № 08-70
    levels: [ООО]
    doc_class: procedural
    review_years: 3
"""


def _plugin_with(path: Path):
    class Plugin:
        @staticmethod
        def docgen_register_catalogues(register):
            register(path)

    import pluggy

    Plugin.docgen_register_catalogues = pluggy.HookimplMarker("docgen")(Plugin.docgen_register_catalogues)
    return Plugin


def test_builtin_catalogue_is_valid_and_big_enough():
    catalogue = load_catalogue(builtin_files())
    assert len(catalogue.acts) >= 15
    acts = catalogue.acts
    assert acts["assessment-and-attestation"].level == "law"
    assert acts["vsoko-regulation"].level == "customary"
    assert acts["electronic-journal"].level == "recommended"
    assert {a.doc_class for a in acts.values()} == {"conceptual", "procedural", "managerial"}
    assert acts["individual-project"].levels == ["ООО", "СОО"]
    required = [a.id for a in acts.values() if a.required]
    assert len(required) == 8


def test_plugin_catalogue_is_merged(tmp_path):
    extra = tmp_path / "district.yaml"
    extra.write_text(EXTRA, encoding="utf-8")
    plugins = load_plugins(extra=[("district", _plugin_with(extra))])
    catalogue = default_catalogue(plugins)
    assert "district-monitoring" in catalogue.acts and "vsoko-regulation" in catalogue.acts
    assert catalogue.sources["district-monitoring"] == extra


def test_duplicate_id_names_both_files(tmp_path):
    dup = tmp_path / "dup.yaml"
    dup.write_text(EXTRA.replace("district-monitoring", "vsoko-regulation"), encoding="utf-8")
    plugins = load_plugins(extra=[("district", _plugin_with(dup))])
    with pytest.raises(InputError) as err:
        default_catalogue(plugins)
    message = err.value.message
    assert "vsoko-regulation" in message and str(dup) in message and "vsoko.yaml" in message


def test_malformed_catalogue_is_reported_in_russian(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text(EXTRA.replace("level: recommended", "level: mandatory").replace("review_years: 3", "review_years: три"),
                   encoding="utf-8")
    with pytest.raises(InputError) as err:
        load_catalogue([bad])
    message = err.value.message
    assert str(bad) in message
    assert "acts[1].level" in message and "уровень требования" in message and "law" in message
    assert "acts[1].review_years" in message and "целое число" in message


def test_statuses_parse_from_id_or_russian_label():
    assert lc.parse_status("approved") == "approved"
    assert lc.parse_status("Утверждён") == "approved"
    assert lc.parse_status("утвержден") == "approved"
    assert lc.parse_status("в разработке") == "drafting"
    assert lc.parse_status("требует актуализации") == "needs_update"
    with pytest.raises(InputError, match="неизвестный статус «готов»"):
        lc.parse_status("готов")


def test_every_transition_target_is_a_status():
    assert set(lc.TRANSITIONS) == set(lc.LABELS)
    for targets in lc.TRANSITIONS.values():
        assert set(targets) <= set(lc.LABELS)
    # an act the school does not apply was never in force: there is nothing to repeal
    assert all(lc.REPEALED in targets for status, targets in lc.TRANSITIONS.items()
               if status not in (lc.REPEALED, lc.NOT_APPLICABLE))
    assert lc.NOT_APPLICABLE not in lc.TRANSITIONS[lc.APPROVED]  # an act in force is repealed first


def test_effective_status_review_period_and_repealed_basis():
    approved = dt.date(2021, 9, 1)
    assert lc.effective_status("approved", approved, 5, False, dt.date(2026, 8, 31)) == "approved"
    assert lc.effective_status("approved", approved, 5, False, dt.date(2026, 9, 1)) == "needs_update"
    assert lc.effective_status("approved", approved, 5, True, dt.date(2022, 1, 1)) == "needs_update"
    assert lc.effective_status("adopted", approved, 5, True, dt.date(2030, 1, 1)) == "adopted"
    assert lc.review_due(dt.date(2024, 2, 29), 1) == dt.date(2025, 2, 28)
