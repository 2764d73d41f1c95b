"""One plugin manager for built-in and third-party plugins alike.

Both kinds come in through the entry-point group ``docgen``. A plugin that fails to import, or
whose hook raises, is recorded with its name and skipped: one broken district package must not
stop a school from printing its orders.
"""
from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from functools import cached_property
from importlib import metadata
from pathlib import Path
from typing import Any, Callable

import pluggy

from . import hookspecs
from .errors import PluginError

ENTRY_POINT_GROUP = "docgen"
# The package of the plugins that ship with docgen: they always load (unless disabled by name),
# so a district testing its override with DOCGEN_LOAD_PLUGINS=its-plugin still has the types it overrides.
BUILTIN_PACKAGE = "docgen_plugins"


@dataclass
class PluginInfo:
    name: str
    source: Any = None  # the entry point's distribution, read only when shown (its METADATA is parsed then)
    hooks: list[str] = field(default_factory=list)
    document_types: list[str] = field(default_factory=list)
    builtin: bool = False

    @property
    def distribution(self) -> str:
        return _dist_field(self.source, "name")

    @property
    def version(self) -> str:
        return _dist_field(self.source, "version")


def _dist_field(dist, name: str) -> str:
    if dist is None:
        return ""
    try:
        return getattr(dist, name) or "?"
    except Exception:  # noqa: BLE001 — a broken METADATA file of a foreign package
        return "?"


@dataclass
class Offer:
    """A thing a plugin registered, with the plugin's name for messages."""

    plugin: str
    value: Any


class Plugins:
    """The loaded plugins and everything they registered, collected once per process."""

    def __init__(self, pm: pluggy.PluginManager, problems: list[PluginError], infos: dict[str, PluginInfo]):
        self.pm = pm
        self.problems = problems
        self.infos = infos

    # -- collecting offers -------------------------------------------------------------------

    def _collect(self, hook_name: str, check: Callable[[str, tuple], Any] | None = None) -> list[Offer]:
        """Call one register-hook per plugin, isolating failures, and return the offers in
        plugin-registration order (pluggy calls the last registered first; we reverse)."""
        offers: list[Offer] = []
        hook = getattr(self.pm.hook, hook_name)
        for impl in reversed(hook.get_hookimpls()):
            name = self.pm.get_name(impl.plugin) or "?"
            mine: list[Offer] = []

            def register(*args, _name=name, _mine=mine):
                value = check(_name, args) if check else (args[0] if len(args) == 1 else args)
                _mine.append(Offer(_name, value))

            try:
                impl.function(register=register)
            except PluginError as exc:
                self.problems.append(exc)
                continue
            except Exception as exc:  # noqa: BLE001 — any failure of foreign code is isolated
                self.problems.append(PluginError(name, f"ошибка в {hook_name}: {type(exc).__name__}: {exc}"))
                continue
            offers.extend(mine)
        return offers

    @cached_property
    def document_types(self) -> dict[str, Any]:
        from .doctype import DocumentType

        def check(plugin: str, args: tuple):
            if len(args) != 1 or not isinstance(args[0], DocumentType):
                raise PluginError(plugin, "register() ожидает один объект DocumentType")
            return args[0]

        types: dict[str, Any] = {}
        for offer in self._collect("docgen_register_document_types", check):
            dt = offer.value
            if dt.slug in types:
                first = types[dt.slug].plugin
                self.problems.append(PluginError(
                    offer.plugin,
                    f"тип документа «{dt.slug}» уже зарегистрирован плагином «{first}»; повторная регистрация пропущена",
                ))
                continue
            types[dt.slug] = dt.with_plugin(offer.plugin)
            if offer.plugin in self.infos:
                self.infos[offer.plugin].document_types.append(dt.slug)
        return types

    @cached_property
    def template_folders(self) -> list[tuple[str, Path]]:
        """(plugin name, folder) in plugin order: the template lookup says whose file it found."""
        return [(o.plugin, Path(o.value)) for o in self._collect("docgen_register_template_dirs")]

    @property
    def builtin_names(self) -> set[str]:
        return {name for name, info in self.infos.items() if info.builtin}

    @cached_property
    def catalogues(self) -> list[Offer]:
        return self._collect("docgen_register_catalogues")

    @cached_property
    def filters(self) -> dict[str, Callable]:
        def check(plugin: str, args: tuple):
            if len(args) != 2 or not isinstance(args[0], str) or not callable(args[1]):
                raise PluginError(plugin, "register() ожидает имя фильтра и функцию")
            return args

        return {name: func for name, func in (o.value for o in self._collect("docgen_register_filters", check))}

    @cached_property
    def data_models(self) -> dict[str, Any]:
        """The shared data files' models by name (docgen.shared_data). One declaration per name: a
        built-in plugin's is never replaced (documents of several plugins rely on it), otherwise the
        first keeps it; a second is reported and skipped."""
        from .shared_data import DataModel

        def check(plugin: str, args: tuple):
            if len(args) != 1 or not isinstance(args[0], DataModel):
                raise PluginError(plugin, "register() ожидает один объект DataModel")
            return args[0]

        models: dict[str, Any] = {}
        builtin = self.builtin_names
        offers = self._collect("docgen_register_data_models", check)
        for offer in sorted(offers, key=lambda o: o.plugin not in builtin):  # stable: plugin order otherwise
            model = offer.value
            if model.name in models:
                self.problems.append(PluginError(
                    offer.plugin, f"общие данные «{model.name}» уже объявлены плагином «{models[model.name].plugin}»; "
                                  "повторное объявление пропущено"))
                continue
            models[model.name] = dataclasses.replace(model, plugin=offer.plugin)
        return models

    def collect_all(self) -> list[PluginError]:
        """Call every register-hook now, so that every broken plugin is known and can be named."""
        self.document_types, self.template_folders, self.catalogues, self.filters, self.data_models  # noqa: B018
        return self.problems

    def adjust_context(self, context: dict, document_type, data) -> dict:
        """Apply every plugin's context adjustment; a failing plugin is an error here, because a
        document rendered without its district header would be silently wrong."""
        for impl in reversed(self.pm.hook.docgen_adjust_context.get_hookimpls()):
            name = self.pm.get_name(impl.plugin) or "?"
            try:
                update = impl.function(context=context, document_type=document_type, data=data)
            except Exception as exc:  # noqa: BLE001
                raise PluginError(name, f"ошибка в docgen_adjust_context: {type(exc).__name__}: {exc}") from exc
            if update:
                if not isinstance(update, dict):
                    raise PluginError(name, "docgen_adjust_context должен вернуть словарь или None")
                context.update(update)
        return context


def is_builtin(ep: metadata.EntryPoint) -> bool:
    return ep.value.split(".", 1)[0].split(":", 1)[0] == BUILTIN_PACKAGE


def builtin_plugin_names() -> list[str]:
    """The entry points that ship with docgen."""
    return sorted(ep.name for ep in metadata.entry_points(group=ENTRY_POINT_GROUP) if is_builtin(ep))


def _wanted(ep: metadata.EntryPoint, settings) -> bool:
    """DOCGEN_DISABLE_PLUGINS skips any plugin; DOCGEN_LOAD_PLUGINS restricts third-party ones only."""
    if ep.name in settings.disable_plugins:
        return False
    return is_builtin(ep) or settings.load_plugins is None or ep.name in settings.load_plugins


def load_plugins(extra: list[tuple[str, object]] | None = None) -> Plugins:
    """Build the plugin manager from the entry points (and ``extra`` plugin objects, for tests)."""
    from .settings import load_settings

    settings = load_settings()
    pm = pluggy.PluginManager(ENTRY_POINT_GROUP)
    pm.add_hookspecs(hookspecs)
    problems: list[PluginError] = []
    infos: dict[str, PluginInfo] = {}
    for ep in sorted(metadata.entry_points(group=ENTRY_POINT_GROUP), key=lambda e: e.name):
        if not _wanted(ep, settings) or pm.has_plugin(ep.name):
            continue
        try:
            module = ep.load()
            pm.register(module, name=ep.name)
        except Exception as exc:  # noqa: BLE001 — import errors of foreign code are isolated
            problems.append(PluginError(ep.name, f"не удалось загрузить ({ep.value}): {type(exc).__name__}: {exc}"))
            continue
        infos[ep.name] = PluginInfo(ep.name, ep.dist, builtin=is_builtin(ep))
    for name, plugin in extra or []:
        try:
            pm.register(plugin, name=name)
        except Exception as exc:  # noqa: BLE001
            problems.append(PluginError(name, f"не удалось зарегистрировать: {exc}"))
            continue
        infos[name] = PluginInfo(name)
    for hook_name, caller in vars(pm.hook).items():
        # A misspelt hook name would otherwise be silently ignored (pluggy's check_pending).
        if isinstance(caller, pluggy.HookCaller) and not caller.has_spec():
            for impl in caller.get_hookimpls():
                problems.append(PluginError(impl.plugin_name, f"функция {hook_name} не соответствует ни одному хуку docgen"))
    for name, info in infos.items():
        plugin = pm.get_plugin(name)
        info.hooks = sorted(c.name for c in pm.get_hookcallers(plugin) or [])
    return Plugins(pm, problems, infos)
