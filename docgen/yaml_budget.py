"""YAML with a budget: anchors and aliases may not expand a small file into a huge one.

PyYAML builds an alias as a second reference to the same object, so ``safe_load`` of a
«billion laughs» file of a few hundred bytes takes a millisecond — and every pass over the
result afterwards (docgen's cleaning of text, pydantic's validation) walks the expansion: 10⁹
values. The budget is checked on the composed node graph, between composing and constructing,
where an alias is still one shared node: the size of the expansion is counted once per distinct
node (memoised), so the check costs as much as the file is long, not as much as it expands.
Cycles (``&a [*a]``) and nesting deeper than any document needs are refused there too.

libyaml's CSafeLoader is used when PyYAML was built with it (several times faster on a large
staff list); a file it cannot parse is parsed again by the pure loader, whose error — the one the
Russian messages of docgen.parser_messages are written for — is the one reported, so a user
sees the same message with either loader.
"""
from __future__ import annotations

import gc
from contextlib import contextmanager
from typing import Any

# Values after every alias is expanded: a district's largest list (10,000 members, a few values
# each) stays far below, a billion laughs far above.
MAX_VALUES = 1_000_000
MAX_DEPTH = 100


class DataShapeError(ValueError):
    """A data file refused for its shape, not its syntax; the text is Russian and names the line."""


def _loader_classes():
    import yaml

    fast = getattr(yaml, "CSafeLoader", None)

    def bounded(base):
        class Bounded(base):
            def get_single_data(self):
                node = self.get_single_node()
                if node is None:
                    return None
                check_nodes(node)
                return self.construct_document(node)

            def construct_yaml_timestamp(self, node):
                """An ISO date that does not exist (2026-02-30) is a user's mistake, not a crash."""
                try:
                    return super().construct_yaml_timestamp(node)
                except ValueError:
                    raise DataShapeError(f"строка {node.start_mark.line + 1}: даты «{node.value}» не бывает — "
                                         "проверьте её; дату пишут ДД.ММ.ГГГГ") from None

        Bounded.add_constructor("tag:yaml.org,2002:timestamp", Bounded.construct_yaml_timestamp)

        return Bounded

    return (bounded(fast) if fast else None), bounded(yaml.SafeLoader)


_LOADERS: tuple | None = None


def load_yaml(text: str, *, fast: bool = True) -> Any:
    """``yaml.safe_load`` under the budget; DataShapeError (Russian) when the budget is exceeded."""
    import yaml

    global _LOADERS
    if _LOADERS is None:
        _LOADERS = _loader_classes()
    c_loader, pure_loader = _LOADERS
    with _collector_paused():
        if fast and c_loader is not None:
            try:
                return yaml.load(text, Loader=c_loader)
            except yaml.YAMLError:
                pass  # the pure loader's message, below
        return yaml.load(text, Loader=pure_loader)


@contextmanager
def _collector_paused():
    """A large file allocates tens of thousands of nodes and values at once, which sets off full
    passes of the cyclic garbage collector that find nothing: the node graph has no cycles (the
    budget refuses them), so reference counting frees it. Paused for the load, restored after."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def check_nodes(root) -> None:
    """Refuse a node graph whose expansion exceeds MAX_VALUES, nests deeper than MAX_DEPTH or
    refers to itself. Iterative, so a deep file cannot exhaust Python's stack here."""
    from yaml.nodes import MappingNode, SequenceNode

    sizes: dict[int, int] = {}
    on_path: set[int] = set()
    stack: list[tuple[Any, bool]] = [(root, False)]
    depth = 0
    while stack:
        node, done = stack.pop()
        key = id(node)
        if done:
            on_path.discard(key)
            depth -= 1
            total = 1 + sum(sizes[id(child)] for child in _children(node, MappingNode, SequenceNode))
            if total > MAX_VALUES:
                raise DataShapeError(_too_many(node))
            sizes[key] = total
            continue
        if key in sizes:
            continue
        if key in on_path:
            raise DataShapeError(f"строка {node.start_mark.line + 1}: ссылка YAML (*метка) указывает на запись, "
                             "внутри которой стоит сама: такие данные бесконечны — уберите ссылку")
        children = _children(node, MappingNode, SequenceNode)
        if not children:
            sizes[key] = 1
            continue
        depth += 1
        if depth > MAX_DEPTH:
            raise DataShapeError(f"строка {node.start_mark.line + 1}: данные вложены глубже {MAX_DEPTH} уровней — "
                             "так не бывает в файле данных документа")
        on_path.add(key)
        stack.append((node, True))
        stack.extend((child, False) for child in children)


def _children(node, mapping, sequence) -> list:
    if isinstance(node, mapping):
        return [part for pair in node.value for part in pair]
    if isinstance(node, sequence):
        return list(node.value)
    return []


def _too_many(node) -> str:
    return (f"строка {node.start_mark.line + 1}: метки и ссылки YAML (&метка, *метка) раскрываются больше чем в "
            f"{MAX_VALUES:_} значений".replace("_", " ")
            + " — так не бывает в файле данных документа; уберите ссылки или напишите данные явно")


def check_depth(data: Any) -> None:
    """The same nesting limit for JSON, which has no aliases: a walk of the loaded tree."""
    stack = [(data, 1)]
    while stack:
        value, depth = stack.pop()
        if isinstance(value, (dict, list)):
            if depth > MAX_DEPTH:
                raise DataShapeError(f"данные вложены глубже {MAX_DEPTH} уровней — так не бывает в файле данных документа")
            items = value.values() if isinstance(value, dict) else value
            stack.extend((item, depth + 1) for item in items)
