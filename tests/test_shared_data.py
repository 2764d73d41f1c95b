"""A data file shared between plugins by name (docgen_register_data_models, docgen.data_model,
docgen.read_shared): the competition plugin declares «competition», the expert matrix — another
plugin — reads it through the public API; every refusal names the naming file's field."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

import docgen
from docgen import DataModel, data_model
from docgen.plugins import load_plugins
from helpers import SAMPLES, document_text, generate, read_yaml, write_yaml

FOLDER = SAMPLES / "district-drozhzhanovsky"


@pytest.fixture
def district(tmp_path) -> Path:
    target = tmp_path / "data"
    shutil.copytree(FOLDER, target)
    return target


def refused(tmp_path: Path, data: Path, slug: str = "expert-protocol") -> str:
    result, written = generate(slug, data, tmp_path / "out")
    assert result.exit_code == 2, result.output
    assert not any(p.suffix == ".docx" for p in written)
    return " ".join(result.output.split())


def test_the_competition_model_is_declared_by_its_plugin_and_found_by_name():
    from docgen_plugins.competition_regulation.competition import Competition

    plugins = load_plugins()
    assert plugins.data_models["competition"].plugin == "competition-regulation"
    assert data_model("competition") is Competition


def test_an_undeclared_name_is_refused_in_russian():
    with pytest.raises(docgen.DocgenError) as caught:
        data_model("school_list")
    assert "общие данные «school_list» не объявляет ни один установленный плагин (объявлены: competition)" \
        in str(caught.value)


def test_the_matrix_without_the_competition_plugin_names_the_field(tmp_path, monkeypatch):
    monkeypatch.setenv("DOCGEN_DISABLE_PLUGINS", "competition-regulation")
    output = refused(tmp_path, FOLDER / "expert-matrix.yaml")
    assert "поле «competition»" in output
    assert "общие данные «competition» не объявляет ни один установленный плагин (объявлены: нет ни одних)" in output


@pytest.mark.parametrize("slug, data, field, document", [
    ("expert-protocol", "expert-matrix.yaml", "participants", "матрицы"),
    ("competition-regulation", "competition-regulation.yaml", "jury", "положения"),
])
def test_a_field_the_competition_file_gives_is_refused_in_both_plugins(district, tmp_path, slug, data, field,
                                                                        document):
    values = read_yaml(district / data)
    values[field] = []
    write_yaml(district / data, values)
    output = refused(tmp_path, district / data, slug)
    assert f"поле «{field}»" in output
    assert ("указан файл конкурса (competition): это поле берётся из него — удалите его из данных "
            f"{document}") in output


@pytest.mark.parametrize("slug, data", [("expert-protocol", "expert-matrix.yaml"),
                                        ("competition-regulation", "competition-regulation.yaml")])
def test_a_competition_written_inline_is_refused(district, tmp_path, slug, data):
    values = read_yaml(district / data)
    values["competition"] = {"title": "конкурс"}
    write_yaml(district / data, values)
    output = refused(tmp_path, district / data, slug)
    assert "поле «competition»" in output
    assert "ожидается имя файла данных конкурса, например competition.yaml" in output


def test_a_broken_competition_file_is_named_with_its_field(district, tmp_path):
    values = read_yaml(district / "competition.yaml")
    values["participants"][0]["category"] = "nosh"
    write_yaml(district / "competition.yaml", values)
    output = refused(tmp_path, district / "expert-matrix.yaml")
    assert "поле «competition»" in output and "файл конкурса «competition.yaml»" in output
    assert "поле «participants[1].category»" in output and "номинации «nosh» нет в categories" in output


def test_the_matrix_reads_the_competition_through_the_declared_model(district, tmp_path):
    """Renamed in the shared file, the school is renamed in the matrix plugin's protocol."""
    values = read_yaml(district / "competition.yaml")
    values["participants"][0]["short_name"] = "МБОУ «СОШ № 7»"
    write_yaml(district / "competition.yaml", values)
    protocol = generate("expert-protocol", district / "expert-matrix.yaml", tmp_path / "out").document
    assert "МБОУ «СОШ № 7»" in document_text(protocol).replace("\u00a0", " ")


class _Second:
    @docgen.hookimpl
    def docgen_register_data_models(self, register):
        register(DataModel("competition", "district.model:Other", title="конкурса"))


class _Wrong:
    @docgen.hookimpl
    def docgen_register_data_models(self, register):
        register("competition")


def test_a_second_declaration_and_a_wrong_offer_are_reported_and_skipped():
    plugins = load_plugins(extra=[("district", _Second()), ("wrong", _Wrong())])
    models = plugins.data_models
    assert models["competition"].plugin == "competition-regulation"
    assert models["competition"].model is not None and set(models) == {"competition"}
    problems = [p.message for p in plugins.problems]
    assert any("district" in p and "общие данные «competition» уже объявлены плагином «competition-regulation»" in p
               for p in problems), problems
    assert any("wrong" in p and "register() ожидает один объект DataModel" in p for p in problems), problems


@pytest.mark.parametrize("kwargs, message", [
    ({"name": "Конкурс", "model": "a.b:C", "title": "конкурса"}, "строчные латинские буквы"),
    ({"name": "competition", "model": "not a reference", "title": "конкурса"}, "ожидается модель pydantic"),
    ({"name": "competition", "model": dict, "title": "конкурса"}, "model должен быть моделью pydantic"),
    ({"name": "competition", "model": "a.b:C", "title": " "}, "в родительном падеже"),
])
def test_a_malformed_declaration_is_refused(kwargs, message):
    with pytest.raises(ValueError, match=message):
        DataModel(**kwargs)


def test_docgen_plugins_lists_the_hook(cli):
    result = cli("plugins")
    assert result.exit_code == 0, result.output
    assert "docgen_register_data_models" in result.output
