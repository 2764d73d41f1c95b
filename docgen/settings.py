"""Every setting of docgen, read here and nowhere else: the environment variables and ``docgen.yaml``.

A school sets its folder of templates or its database once, in ``docgen.yaml`` in the working
folder (or the file ``DOCGEN_CONFIG`` names); an environment variable overrides the file, and a
command-line option overrides both. Paths in the file are relative to the file. ``SETTINGS`` is
the table the README prints, so a new setting is documented where it is added.
"""
from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, PrivateAttr, ValidationError


@dataclass(frozen=True)
class Setting:
    """One row of the README's table of settings."""

    name: str
    env: str
    key: str | None  # the key in docgen.yaml; None — only the environment sets it
    default: str
    meaning: str


CONFIG_NAME = "docgen.yaml"

SETTINGS: tuple[Setting, ...] = (
    Setting("templates", "DOCGEN_TEMPLATES", "templates", "—",
            "folder of your own templates, looked up before plugins' and built-in ones (`--templates`)"),
    Setting("db", "DOCGEN_DB", "db", "`docgen.yaml` beside the school's profile, else `docgen.sqlite` in "
            "the user's data folder",
            "database of the registry of acts and the journal of orders: a file, a folder of files "
            "(`coverage --district`) or a URL such as `postgresql://…` (`--db`)"),
    Setting("soffice", "DOCGEN_SOFFICE", "soffice", "`soffice` or `libreoffice` on PATH",
            "LibreOffice program used for `--pdf`"),
    Setting("load_plugins", "DOCGEN_LOAD_PLUGINS", "load_plugins", "every installed plugin",
            "comma-separated third-party plugins to load, the others are skipped; built-in types always load"),
    Setting("disable_plugins", "DOCGEN_DISABLE_PLUGINS", "disable_plugins", "none",
            "comma-separated plugins to skip, built-in ones included"),
    Setting("render_seconds", "DOCGEN_RENDER_SECONDS", "render_seconds", "60",
            "longest time one document's template may run; a template that loops for ever is stopped"),
    Setting("render_memory_mib", "DOCGEN_RENDER_MEMORY_MIB", "render_memory_mib", "2048",
            "memory (MiB) one render may take beyond what docgen already uses (main thread only)"),
    Setting("render_output_mib", "DOCGEN_RENDER_OUTPUT_MIB", "render_output_mib", "200",
            "largest rendered part, and whole unpacked document (MiB): the cap docgen puts on templates"),
    Setting("cache", "DOCGEN_CACHE", "cache", "the user's cache folder",
            "folder where templates prepared for rendering are kept between runs; `off` — prepare anew each run"),
    Setting("config", "DOCGEN_CONFIG", None, "`docgen.yaml` in the current folder", "the settings file itself"),
    Setting("user", "USER / USERNAME", None, "the system's user name",
            "who is recorded in the history of an act's status (`docgen acts set --who`)"),
)
ENV = {s.name: s.env for s in SETTINGS}
LIMIT_NAMES = ("render_seconds", "render_memory_mib", "render_output_mib")  # see docgen.limits


def _names(value):
    """«a, b» or a YAML list → a list of names."""
    if isinstance(value, str):
        return [n.strip() for n in value.split(",") if n.strip()]
    return value


Names = Annotated[list[str], BeforeValidator(_names)]


MAX_SECONDS = 7 * 24 * 3600  # a week: longer is no limit at all
MAX_MIB = 1 << 30  # 1 PiB in MiB: far above any machine, far below RLIMIT_AS's 64 bits


class Settings(BaseModel):
    """The settings, as ``docgen.yaml`` writes them and as docgen uses them (see ``load_settings``)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    templates: Path | None = Field(default=None, title="папка собственных шаблонов")
    db: str | None = Field(default=None, title="база реестра актов и журнала приказов (файл или адрес)")
    soffice: str | None = Field(default=None, title="программа LibreOffice для PDF")
    load_plugins: Names | None = Field(default=None, title="сторонние плагины, которые загружать")
    disable_plugins: Names = Field(default_factory=list, title="плагины, которые не загружать")
    # Upper bounds: a limit the operating system can hold (RLIMIT_AS is a 64-bit count of bytes, so a
    # larger MiB figure would end in Python's OverflowError), and no «inf»/«nan» that turns a limit off.
    render_seconds: float | None = Field(default=None, gt=0, le=MAX_SECONDS, allow_inf_nan=False,
                                         title="предел времени заполнения шаблона, с")
    render_memory_mib: int | None = Field(default=None, gt=0, le=MAX_MIB, title="предел памяти заполнения шаблона, МиБ")
    render_output_mib: int | None = Field(default=None, gt=0, le=MAX_MIB, title="предел размера заполненной части, МиБ")
    cache: str | None = Field(default=None, title="папка подготовленных шаблонов или off")
    _origin: dict[str, str] = PrivateAttr(default_factory=dict)  # not keys of the file

    def source(self, name: str) -> str:
        """Where a value came from, for a message: «DOCGEN_TEMPLATES», «/школа/docgen.yaml», «--templates»."""
        return self._origin.get(name, "")


def _expected(error: dict) -> str:
    """What a limit's value must be, in Russian, from pydantic's error kind."""
    bound = (error.get("ctx") or {}).get("le")
    if error["type"] == "less_than_equal":
        return f"нужно число не больше {int(bound) if float(bound).is_integer() else bound}"
    if error["type"].startswith("int_"):
        return "нужно целое положительное число"
    return "нужно положительное число"


def config_file() -> Path:
    value = os.environ.get(ENV["config"], "").strip()
    return Path(value) if value else Path.cwd() / CONFIG_NAME


_FILE_CACHE: dict[str, tuple[tuple, Settings]] = {}  # per file: (its version, its settings)


def _read_file(path: Path, *, named: bool = False) -> Settings | None:
    """docgen.yaml, validated, its paths made relative to the file; remembered per version of the file.
    ``named``: the file DOCGEN_CONFIG names must exist — a misspelt path would silently drop every
    setting the user meant (their journal among them)."""
    try:
        stat = path.stat()
    except OSError:
        stat = None
    if stat is None or not path.is_file():
        if named:
            from .errors import InputError

            raise InputError(f"файл настроек, указанный в {ENV['config']}, "
                             + ("— папка, а не файл" if stat is not None else "не найден"), file=path)
        return None
    where, version = str(path.resolve()), (stat.st_mtime_ns, stat.st_size)
    cached = _FILE_CACHE.get(where)
    if cached is None or cached[0] != version:
        from .loading import read_mapping, validate

        given = validate(Settings, read_mapping(path), file=path)
        update: dict = {}
        if given.templates is not None:
            update["templates"] = path.parent / given.templates
        if given.db and "://" not in given.db:
            update["db"] = str(path.parent / given.db)
        if given.cache and given.cache.strip().lower() not in CACHE_OFF:
            update["cache"] = str(path.parent / given.cache)
        cached = _FILE_CACHE[where] = (version, given.model_copy(update=update))
    return cached[1]


def load_settings(*, templates: Path | None = None, db: str | None = None) -> Settings:
    """The settings in force: a command-line option, else the environment variable, else
    docgen.yaml, else the default. Read anew each time, so a changed environment takes effect."""
    options = {"templates": templates, "db": db}
    values: dict = {}
    origin: dict[str, str] = {}
    path = config_file()
    from_file = _read_file(path, named=bool(os.environ.get(ENV["config"], "").strip()))
    for name in ("templates", "db", "soffice", "load_plugins", "disable_plugins", "cache", *LIMIT_NAMES):
        env_value = os.environ.get(ENV[name], "").strip()
        if options.get(name) is not None:
            values[name], origin[name] = options[name], f"--{name}"
        elif env_value:
            values[name], origin[name] = env_value, ENV[name]
        elif from_file is not None and name in from_file.model_fields_set:
            values[name], origin[name] = getattr(from_file, name), str(path)
    if isinstance(values.get("templates"), str):
        values["templates"] = Path(values["templates"])
    try:
        settings = Settings(**values)
    except ValidationError as exc:  # a value from the environment: the file's are validated when read
        from .errors import InputError

        error = exc.errors()[0]
        bad = str(error["loc"][0])
        raise InputError(f"настройка «{bad}» ({origin.get(bad, bad)}): недопустимое значение "
                         f"«{values.get(bad)}» — {_expected(error)}") from None
    settings._origin = origin
    return settings


_LIMITS: dict[tuple, dict] = {}


def render_limits() -> dict:
    """The limits of a render (docgen.limits), asked for by every document: remembered per value of
    their environment variables and version of docgen.yaml, so a render pays a stat, not a parse."""
    path = config_file()
    try:
        stamp = path.stat().st_mtime_ns
    except OSError:
        stamp = None
    key = (str(path), stamp, *(os.environ.get(ENV[name]) for name in LIMIT_NAMES))
    if key not in _LIMITS:
        settings = load_settings()
        _LIMITS.clear()
        _LIMITS[key] = {name: getattr(settings, name) for name in LIMIT_NAMES}
    return _LIMITS[key]


DEFAULT_DB_FILE = "docgen.sqlite"


def database(option: str | None = None, *, profile: Path | None = None) -> str:
    """Where the registry and the journal live: --db, DOCGEN_DB, the `db` of the docgen.yaml beside
    the school's profile, of docgen.yaml here (or DOCGEN_CONFIG), else docgen.sqlite in the user's
    data folder. Never the current folder by default: a secretary who runs a command from another
    folder must get the same journal, not a second «№ 1»."""
    settings = load_settings(db=option)
    if settings.source("db") in ("--db", ENV["db"]):
        return settings.db
    if profile is not None:
        beside = _read_file(Path(profile).resolve().parent / CONFIG_NAME)
        if beside is not None and beside.db:
            return beside.db
    if settings.db:
        return settings.db
    folder = user_data_folder()
    try:
        folder.mkdir(parents=True, exist_ok=True)  # the store's own folder, made on first use
    except OSError:
        pass  # the store reports a folder it cannot use, in Russian
    return str(folder / DEFAULT_DB_FILE)


def user_data_folder() -> Path:
    """The per-user data folder: %APPDATA%\\docgen on Windows, else $XDG_DATA_HOME/docgen or
    ~/.local/share/docgen (the XDG rule; macOS users get the same, which is where CLI tools keep data)."""
    if os.name == "nt" and os.environ.get("APPDATA", "").strip():
        return Path(os.environ["APPDATA"]) / "docgen"
    xdg = os.environ.get("XDG_DATA_HOME", "").strip()
    base = Path(xdg) if xdg and Path(xdg).is_absolute() else Path.home() / ".local" / "share"
    return base / "docgen"


CACHE_OFF = ("off", "no", "false", "0")  # values of the `cache` setting that turn the cache off


def template_cache_folder() -> Path | None:
    """Where prepared templates are kept between runs (docgen.fastrender.stored): the `cache`
    setting, else the user's cache folder — %LOCALAPPDATA%\\docgen\\cache on Windows, else
    $XDG_CACHE_HOME/docgen or ~/.cache/docgen; None when the setting says «off»."""
    value = (load_settings().cache or "").strip()
    if value.lower() in CACHE_OFF:
        return None
    if value:
        return Path(value).expanduser() / "templates"
    if os.name == "nt" and os.environ.get("LOCALAPPDATA", "").strip():
        base = Path(os.environ["LOCALAPPDATA"]) / "docgen" / "cache"
    else:
        xdg = os.environ.get("XDG_CACHE_HOME", "").strip()
        base = (Path(xdg) if xdg and Path(xdg).is_absolute() else Path.home() / ".cache") / "docgen"
    return base / "templates"


def user_name() -> str | None:
    """The system's user, for the history of changes (USER, USERNAME, else the account database)."""
    name = os.environ.get("USER") or os.environ.get("USERNAME")
    if name:
        return name
    import getpass

    try:
        return getpass.getuser() or None
    except Exception:  # noqa: BLE001 — no user database in some containers
        return None
