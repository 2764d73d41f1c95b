"""What YAML, JSON and Jinja say about a broken file, retold in Russian.

The parsers speak English («mapping values are not allowed here», «Expecting ',' delimiter»,
«no loader for this environment specified»). A clerk reads Russian, so each known message gets
a Russian sentence that says what to fix; one we do not know yet gets a general Russian sentence
— with the position, which is what matters most — rather than the English original.
"""
from __future__ import annotations

import re
from typing import Any, Callable

Rule = tuple["re.Pattern[str]", Callable[["re.Match[str]"], str]]


def _rules(*pairs: tuple[str, str | Callable[["re.Match[str]"], str]]) -> list[Rule]:
    out: list[Rule] = []
    for pattern, text in pairs:
        out.append((re.compile(pattern),
                    text if callable(text) else (lambda m, t=text: t.format(*m.groups()) if m.groups() else t)))
    return out


def _retell(message: str, rules: list[Rule]) -> str | None:
    for pattern, make in rules:
        m = pattern.search(message or "")
        if m:
            return make(m)
    return None


def _char(text: str) -> str:
    names = {"\\t": "табуляция", "\t": "табуляция", " ": "пробел", "\\n": "перевод строки", "\n": "перевод строки"}
    return names.get(text, f"«{text}»")


# -- YAML ---------------------------------------------------------------------------------------

_TAB = "символ табуляции: в YAML отступы делаются только пробелами"
_YAML = _rules(
    (r"mapping values are not allowed here",
     "двоеточие в неожиданном месте: значение, в котором есть «: », заключите в кавычки, "
     "или проверьте отступ этой строки"),
    (r"could not find expected ':'", "после ключа нет двоеточия «ключ: значение» (или не закрыта кавычка)"),
    (r"found character '\\t' that cannot start any token", _TAB),
    (r"found a tab character", _TAB),
    (r"found character '(.+)' that cannot start any token",
     lambda m: f"значение не может начинаться с символа {_char(m.group(1))}: заключите значение в кавычки"),
    (r"found undefined alias '(.+)'", "ссылка *{0} указывает на метку &{0}, которой нет (или «*» в начале "
                                      "значения — тогда заключите значение в кавычки)"),
    (r"second occurrence", "метка & с этим именем определена второй раз"),
    (r"found unknown escape character '(.+)'",
     "неизвестная последовательность «\\{0}» в строке в двойных кавычках: возьмите строку в одинарные "
     "кавычки или удвойте обратную косую черту"),
    (r"found unexpected end of stream", "файл закончился раньше, чем закрылась кавычка или скобка"),
    (r"expected <block end>, but found '-'", "элемент списка «- …» не на своём месте: проверьте отступ"),
    (r"expected <block end>, but found", "неверный отступ: строка не выровнена с соседними ключами"),
    (r"did not find expected key", "неверный отступ или лишний текст: ожидался ключ «ключ: значение»"),
    (r"did not find expected '-' indicator", "ожидался элемент списка «- …»: проверьте отступ"),
    (r"expected ',' or '\]', but got", "в списке в квадратных скобках ожидается запятая или «]»"),
    (r"expected ',' or '}', but got", "в наборе в фигурных скобках ожидается запятая или «}»"),
    (r"expected the node content", "ожидалось значение"),
    (r"could not determine a constructor for the tag '(.+)'",
     "тег {0} в файле данных не допускается — уберите его"),
    (r"found unhashable key", "ключом не может быть список или набор"),
    (r"but found another document", "в файле несколько документов (разделитель ---), ожидается один"),
    (r"expected alphabetic or numeric character",
     "после «&» или «*» должно идти имя метки; если это текст, заключите значение в кавычки"),
    (r"expected '<document start>'", "лишний текст после конца данных: проверьте отступ"),
    (r"found undefined tag handle", "неизвестный тег «!…»: уберите его или заключите значение в кавычки"),
)


def yaml_problem(exc: Any, text: str = "") -> str:
    """«ошибка YAML в строке 3, позиция 7: двоеточие в неожиданном месте …»."""
    reason = getattr(exc, "reason", None)
    if reason is not None and hasattr(exc, "position"):  # yaml.reader.ReaderError
        line = text.count("\n", 0, exc.position) + 1
        column = exc.position - (text.rfind("\n", 0, exc.position) + 1) + 1
        code = exc.character if isinstance(exc.character, int) else ord(exc.character or "\0")
        return (f"ошибка YAML в строке {line}, позиция {column}: недопустимый символ U+{code:04X} "
                "(управляющий символ) — удалите его")
    mark = getattr(exc, "problem_mark", None)
    context_mark = getattr(exc, "context_mark", None)
    where = f" в строке {mark.line + 1}, позиция {mark.column + 1}" if mark else ""
    problem = getattr(exc, "problem", None) or ""
    said = _retell(problem, _YAML) or _retell(getattr(exc, "context", None) or "", _YAML)
    if said is None:
        said = "файл не удаётся разобрать — проверьте отступы, двоеточия и кавычки"
    if context_mark is not None and mark is not None and context_mark.line != mark.line:
        said += f" (начало — в строке {context_mark.line + 1})"
    return f"ошибка YAML{where}: {said}"


# -- JSON ---------------------------------------------------------------------------------------

_JSON = _rules(
    (r"Expecting ',' delimiter", "пропущена запятая между элементами"),
    (r"Expecting ':' delimiter", "после ключа нет двоеточия"),
    (r"Expecting property name enclosed in double quotes",
     "ожидается ключ в двойных кавычках (или лишняя запятая перед «}»)"),
    (r"Expecting value", "ожидается значение (или лишняя запятая)"),
    (r"Unterminated string", "не закрыта кавычка"),
    (r"Invalid control character", "в строке недопустимый управляющий символ (перевод строки пишется как \\n)"),
    (r"Invalid \\escape", "неизвестная последовательность с обратной косой чертой: удвойте «\\»"),
    (r"Invalid \\uXXXX escape", "неверная последовательность \\uXXXX"),
    (r"Extra data", "лишний текст после конца данных"),
)


def json_problem(exc: Any) -> str:
    said = _retell(getattr(exc, "msg", ""), _JSON) or "файл не удаётся разобрать — проверьте запятые, кавычки и скобки"
    return f"ошибка JSON в строке {exc.lineno}, позиция {exc.colno}: {said}"


# -- Jinja --------------------------------------------------------------------------------------

def _looking_for(m: "re.Match[str]") -> str:
    tags = re.findall(r"'(\w+)'", m.group(0))
    wanted, block = tags[:-1], tags[-1]
    return f"не закрыт блок «{block}»: ожидался тег {' или '.join(f'{{% {t} %}}' for t in wanted)}"


_JINJA = _rules(
    (r"Encountered unknown tag '(\w+)'.*looking for the following tags: .*'(\w+)'\.$",
     lambda m: f"тег «{m.group(1)}» здесь не к месту: не закрыт блок «{m.group(2)}»"),
    (r"Unexpected end of template\. Jinja was looking for.*", _looking_for),
    (r"Encountered unknown tag '(end\w+)'", "тег «{0}» без открывающего тега"),
    (r"Encountered unknown tag '(\w+)'", "неизвестный тег «{0}»"),
    (r"No filter named '(.+?)'", "неизвестный фильтр «{0}»"),
    (r"No test named '(.+?)'", "неизвестная проверка «is {0}»"),
    (r"unexpected end of template", "тег оборван: не хватает закрывающих скобок"),
    (r"Missing end of comment tag", "не закрыт комментарий «{# … #}»"),
    (r"expected token '(.+?)', got '(.+?)'", "ожидалось «{0}», а встретилось «{1}»"),
    (r"unexpected '(.+?)', expected '(.+?)'", "лишнее «{0}», ожидалось «{1}»"),
    (r"unexpected char '(.+?)'", "недопустимый символ «{0}»"),
    (r"unexpected '(.+?)'", "лишнее «{0}»"),
    (r"Expected an expression, got '(.+?)'", "ожидалось выражение, а встретилось «{0}»"),
    (r"block '(.+?)' defined twice", "блок «{0}» определён дважды"),
    (r"^'(.+?)' is undefined", "неизвестная переменная «{0}»"),
    (r"^'(.+?) object' has no attribute '(.+?)'", lambda m: f"у значения нет поля «{m.group(2)}»"),
    (r"^'None' has no attribute '(.+?)'", "поле «{0}» у пустого значения (None)"),
    (r"has no attribute '(.+?)'", "нет поля «{0}»"),
    (r"has no element (\S+)", "в списке нет элемента с номером {0}"),
    (r"access to attribute '(.+?)' of '(.+?)' object is unsafe",
     "запрещённое обращение к внутренним атрибутам («{0}»)"),
    (r"no loader for this environment specified",
     "теги {% include %}, {% extends %} и {% import %} не поддерживаются: шаблон .docx должен "
     "содержать весь текст сам"),
)


def jinja_problem(exc: Any) -> str:
    """A Jinja error (syntax, undefined variable, sandbox, include) in Russian, without its class."""
    message = getattr(exc, "message", None) or str(exc)
    said = _retell(message, _JINJA)
    return said or "ошибка в разметке шаблона — проверьте теги {{ … }} и {% … %}"
