"""What each app adds to the shared parts of the site, declared in its own `registers.py`.

Core never imports an app: it imports `<app>.registers` for every installed app (in
INSTALLED_APPS order) the first time one of the lists below is read, the way the audit app
collects `audit_actions.py`. An app's `registers.py` sets any of these module constants:

    NAV_GROUPS  [NavGroupSpec]   a menu group of its own (most apps use core's)
    NAVIGATION  [Nav]            menu entries: group, label, url name, permission, order
    HOME_CARDS  [HomeCards]      callables user → cards for the home page
    HOME_PARTS  [HomePart]       pieces of the per-role card (one per grant, built by accounts)
    TODO        [TodoProvider]   what waits for the user (待办), bounded in SQL
    API         [ApiRouter]      its django-ninja router under /api/v1/
    URLS        [UrlInclude]     its URL include
    CONTEXT     [callable]       request → extra template context for every page
    ARCHIVE     [ArchiveSource]  entries of an officer's growth archive (成长档案)
    SETTINGS    [SettingSpec]    the settings it owns, with the level that edits them
    READY_LINES [callable]       () → lines `tongxin serve` prints once it listens
    CLOCKS      [Clocks]         its clock models and their kinds (tongxin.workflow.clocks)
    ATTACHABLE  [Attachable]     its models that carry files (tongxin.attachments)
    COMMENTABLE [Commentable]    its models that carry moderated comments (tongxin.comments)
    STANDING    [callable]       user → a hashable of what decides their permissions (the
                                 navigation's memo is keyed by it: core/navigation.py)

Its authorization-matrix rows are test code: `<app>/tests/matrix.py` (`ROWS`), gathered by
tests/test_authorization_matrix.py. Orders are numbers so that an app can slot in anywhere.
"""

import datetime
import importlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import cache
from types import ModuleType
from typing import Any, Literal

from django.apps import apps
from django.utils.functional import Promise

Label = str | Promise  # a lazy translation renders in the language of the request


@dataclass(frozen=True)
class NavGroupSpec:
    key: str
    label: Label
    order: int


@dataclass(frozen=True)
class Nav:
    group: str  # the key of a NavGroupSpec
    label: Label
    url_name: str
    perm: str | None = None
    order: int = 100


@dataclass(frozen=True)
class HomePart:
    """One piece of the card shown for each of the user's roles: `build(grant, node, user)`
    returns the template's `d`; pieces of one role appear in `order`."""

    role: str
    template: str
    build: Callable[[Any, Any, Any], dict[str, Any]]
    order: int = 100


@dataclass
class HomeCard:
    key: str  # data-testid="home-<key>"
    title: Label
    parts: list[tuple[str, dict[str, Any]]]  # (template, its `d`)
    badge: str = ""
    identity: bool = False  # stands for one of the user's roles
    order: int = 100
    node: Any = None  # the node the card is about, as `s.node` in its templates


HomeCards = Callable[[Any], Iterable[HomeCard]]


@dataclass(frozen=True)
class TodoItem:
    title: str
    url: str
    kind: Label  # what the item is, e.g. 待受理诉求
    since: datetime.datetime | None = None
    deadline: datetime.datetime | None = None


@dataclass
class TodoBatch:
    """At most `limit` items and the count of all of them (both from bounded queries)."""

    items: list[TodoItem] = field(default_factory=list)
    count: int = 0


TodoProvider = Callable[[Any, int], TodoBatch]


@dataclass(frozen=True)
class ApiRouter:
    prefix: str  # "/rights"; "" for top-level paths such as /me
    router: str  # dotted path of the ninja Router
    order: int = 100


@dataclass(frozen=True)
class UrlInclude:
    prefix: str  # "rights/"
    module: str  # "tongxin.rights.urls"
    order: int = 100
    namespace: str | None = None  # else the module's app_name


@dataclass(frozen=True)
class ArchiveEntry:
    day: datetime.date
    kind: str
    title: str
    detail: str = ""
    sensitive: str = ""  # shown only to those who may see grades' figures


@dataclass(frozen=True)
class ArchiveSource:
    entries: Callable[[Any], list[ArchiveEntry]]
    order: int = 100


Level = Literal["province", "city", "school"]
LEVEL_LABELS: dict[str, str] = {"province": "省级", "city": "市级", "school": "校级"}


@dataclass(frozen=True)
class SettingSpec:
    key: str
    label: Label
    level: Level  # who edits it: the province's, a city's or a school's staff
    url_name: str
    perm: str | None = None

    @property
    def level_label(self) -> str:
        return LEVEL_LABELS[self.level]


@dataclass(frozen=True)
class Attachable:
    """A model whose objects carry files (tongxin.attachments). The permissions are the
    subject app's, asked on the subject: `read` lets one see it and so its files, `add`
    lets one attach a file, `manage` (optional) lets one remove anyone's file."""

    model: str  # "rights.issue": app label and model name, lower case
    read: str
    add: str
    manage: str | None = None
    school_attr: str = "school_id"  # the subject's school, which its files carry


@dataclass(frozen=True)
class Commentable:
    """A model whose objects carry moderated comments (tongxin.comments). `moderate` is
    the permission of the unit's moderator on the subject; `moderated_by(user)` is the same
    reach as a filter: a queryset of the subjects the user moderates, or None for none (so
    the to-do list asks nothing of someone who moderates nothing)."""

    model: str
    read: str
    add: str
    moderate: str
    moderated_by: Callable[[Any], Any]
    page: str | None = None  # URL name of the subject's page (one argument: its pk)
    school_attr: str = "school_id"


@cache
def _modules() -> tuple[ModuleType, ...]:
    found = []
    for config in apps.get_app_configs():
        if not config.name.startswith("tongxin."):
            continue  # Django's and third-party apps may have modules of that name too
        try:
            found.append(importlib.import_module(f"{config.name}.registers"))
        except ModuleNotFoundError as exc:
            if exc.name != f"{config.name}.registers":
                raise  # the module exists and imports something missing: say so
    return tuple(found)


def collect(name: str) -> list[Any]:
    """Every app's `name` list, concatenated in INSTALLED_APPS order."""
    return [entry for module in _modules() for entry in getattr(module, name, ())]


def by_order(name: str) -> list[Any]:
    """`collect(name)` sorted by each entry's `order` (stable: ties keep app order)."""
    return sorted(collect(name), key=lambda entry: entry.order)


def subject_specs(name: str) -> dict[str, Any]:
    """The specs of a subject registry (ATTACHABLE, COMMENTABLE) by model label."""
    return {spec.model: spec for spec in collect(name)}


def settings_edited_at(level: Level) -> list[SettingSpec]:
    """The settings whose editors work at `level` (for a page listing what they may set)."""
    return [spec for spec in collect("SETTINGS") if spec.level == level]
