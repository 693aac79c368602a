"""Building many models at once from plain data, a column at a time: the pack loader's fast path.

cattrs structures an item one value at a time, through a hook for each, and the model's
``__init__`` then converts and checks every value again. A pack of 100,000 prompts is read
faster the other way round: take one field of every item (a column), check its types and convert
it with calls that loop in C (``map``, ``set``, ``frozenset``), run the field's own checks over
the whole column (:meth:`~intimacy.model.checks._Check.holds`), and set the values on instances
made without ``__init__``, as attrs' own ``__init__`` sets a frozen instance's fields. A check
that needs the whole object (an exercise's minutes against its steps, a pack's ids) runs once
on each object built. How to read each class is worked out once from its fields and their types,
as cattrs works out its structuring functions, so a new field needs nothing here.

This path only answers yes or no. At the first sign of anything wrong it raises
:class:`NotPlain` without saying what, and the loader reads the data again the careful way
(cattrs, then the models' constructors), which finds and words every problem. So it must never
accept what that way rejects, nor build anything different; it may turn down what that way
accepts, which only costs time.
"""

from __future__ import annotations

import enum
import inspect
import itertools
import types
import typing
from collections.abc import Mapping
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, TypeVar

import attrs

from intimacy.model.checks import _Check, _validate_all
from intimacy.model.errors import ValidationError

if TYPE_CHECKING:
    from collections.abc import Callable

__all__ = ["BATCH", "NotPlain", "build_all"]

_T = TypeVar("_T")


class NotPlain(Exception):  # noqa: N818 - a verdict, not an error: the careful path says what
    """The data is not plainly valid: read it the careful way to learn what is wrong."""


class _Reading:
    """What the batches of one :func:`build_all` share: its defaults, and values converted."""

    __slots__ = ("converted", "defaults")

    def __init__(self, defaults: Mapping[str, object]) -> None:
        self.defaults = defaults
        self.converted: dict[object, dict[str, object]] = {}


#: Checks the types of a column's plain values and converts them.
_Column = typing.Callable[[list[Any], _Reading], list[Any]]
_NO_DEFAULTS: Mapping[str, object] = MappingProxyType({})


_LISTS = frozenset({list})
_DICTS = frozenset({dict})
_STRINGS = frozenset({str})


def _only(types: frozenset[type], values: list[Any]) -> list[Any]:
    """``values`` themselves, if each is exactly of one of ``types`` (``True`` is no ``int``)."""
    if not set(map(type, values)) <= types:
        raise NotPlain
    return values


def _scalars(types: frozenset[type]) -> _Column:
    return lambda values, _: _only(types, values)


def _members(cls: type[enum.Enum]) -> dict[object, enum.Enum]:
    return {member.value: member for member in cls}


def _enums(cls: type[enum.Enum]) -> _Column:
    """Slugs (or numbers) to members, exactly: no other case, no alias."""
    members = _members(cls)
    plain = frozenset(map(type, members))

    def column(values: list[Any], _: _Reading) -> list[Any]:
        try:
            return list(map(members.__getitem__, _only(plain, values)))
        except KeyError:
            raise NotPlain from None

    return column


def _collections(build: Callable[[Any], object], plain: frozenset[type]) -> _Column:
    """Lists of plain values to tuples or frozensets of them."""
    empty = build(())

    def column(values: list[Any], _: _Reading) -> list[Any]:
        every = list(itertools.chain.from_iterable(_only(_LISTS, values)))
        if not every:
            return [empty] * len(values)
        _only(plain, every)
        return [build(value) if value else empty for value in values]

    return column


def _member_sets(cls: type[enum.Enum]) -> _Column:
    """Lists of slugs to frozensets of members.

    Each distinct list is converted once, and the items that repeat it share the frozenset:
    the moods of a large pack repeat a few hundred combinations.
    """
    members = _members(cls)
    if not all(type(slug) is str and slug and "\0" not in slug for slug in members):
        msg = f"{cls.__name__}: sets of members are read only for non-empty slugs without NUL"
        raise TypeError(msg)
    get = members.__getitem__

    def column(values: list[Any], reading: _Reading) -> list[Any]:
        every = itertools.chain.from_iterable(_only(_LISTS, values))
        try:
            # Only a string can equal a slug; a list in a list cannot be hashed.
            if not members.keys() >= set(every):
                raise NotPlain
        except TypeError:
            raise NotPlain from None
        # Slugs are not empty and hold no NUL: joined with NULs, each list has its own key.
        keys = list(map("\0".join, values))
        converted = reading.converted.setdefault(column, {})
        if new := set(keys).difference(converted):
            lists = dict(zip(keys, values, strict=True))
            converted.update((key, frozenset(map(get, lists[key]))) for key in new)
        return list(map(converted.__getitem__, keys))

    return column


def _models(cls: type[Any]) -> _Column:
    """Lists of tables to tuples of ``cls``, all of them built together."""

    def column(values: list[Any], reading: _Reading) -> list[Any]:
        tables = list(itertools.chain.from_iterable(_only(_LISTS, values)))
        each = iter(build_all(cls, tables, reading.defaults))
        return [tuple(itertools.islice(each, len(value))) for value in values]

    return column


def _mapping(convert: Callable[[Any], object]) -> _Column:
    """Tables of strings, as the field's own converter turns them (the pack's ``retired``)."""

    def column(values: list[Any], _: _Reading) -> list[Any]:
        for value in _only(_DICTS, values):
            _only(_STRINGS, [*value, *value.values()])
        return list(map(convert, values))

    return column


def _column(kind: object, field: attrs.Attribute[Any]) -> _Column:
    """How to read a column of a field of type ``kind`` (as cattrs reads the same field)."""
    origin, args = typing.get_origin(kind), typing.get_args(kind)
    if origin in (tuple, frozenset) and args[1:] in ((), (...,)):
        return _collection_column(origin, args[0])
    if origin is Mapping and args == (str, str) and field.converter is not None:
        return _mapping(field.converter)  # type: ignore[arg-type]
    return _scalar_column(kind)


def _scalar_column(kind: object) -> _Column:
    if kind is str or kind is int:
        return _scalars(frozenset({kind}))
    if kind == str | None:
        return _scalars(frozenset({str, type(None)}))
    if isinstance(kind, type) and issubclass(kind, enum.Enum):
        return _enums(kind)
    msg = f"no column reading for {kind!r}"
    raise TypeError(msg)


def _collection_column(build: type[tuple[Any, ...] | frozenset[Any]], item: object) -> _Column:
    if item is str:
        return _collections(build, _STRINGS)
    if isinstance(item, type) and issubclass(item, enum.Enum) and build is frozenset:
        return _member_sets(item)
    if isinstance(item, type) and attrs.has(item) and build is tuple:
        return _models(item)
    msg = f"no column reading for {build.__name__}[{item!r}]"
    raise TypeError(msg)


def _plain_default(field: attrs.Attribute[Any]) -> object:
    """The field's default as plain data reads (``[]`` for ``()``, the slug for a member)."""
    default = field.default
    if isinstance(default, attrs.Factory):  # type: ignore[arg-type]
        default = default.factory()  # type: ignore[union-attr]
    if isinstance(default, enum.Enum):
        return default.value
    if isinstance(default, (tuple, frozenset)) and not default:
        return []
    if default is None or isinstance(default, (str, int, dict)):
        return default
    msg = f"no plain form of the default of {field.name}: {default!r}"
    raise TypeError(msg)


@attrs.frozen
class _Field:
    """How one field of a class is read from a column of plain values."""

    attribute: attrs.Attribute[Any]
    required: bool
    default: object
    column: _Column
    checks: tuple[_Check, ...]
    #: Sets the field on an instance, as attrs' ``__init__`` sets a frozen instance's fields.
    set: Callable[[object, object], None]


@attrs.frozen
class _Plan:
    known: frozenset[str]
    fields: tuple[_Field, ...]
    #: The checks that need the whole object, each with its field.
    object_checks: tuple[tuple[attrs.Attribute[Any], Callable[..., None]], ...]


def _setter(cls: type[Any], name: str) -> Callable[[object, object], None]:
    """The slot's own setter (which a frozen class's ``__setattr__`` does not go through)."""
    slot = inspect.getattr_static(cls, name, None)
    if not isinstance(slot, types.MemberDescriptorType):
        msg = f"{cls.__name__}.{name} is not a slot"
        raise TypeError(msg)
    return slot.__set__


_PLANS: dict[type, _Plan] = {}


def _plan(cls: type[Any]) -> _Plan:
    """How to read ``cls``, worked out once; a TypeError for a class read some other way."""
    plan = _PLANS.get(cls)
    if plan is None:
        # A race only works out the same plan twice.
        plan = _PLANS[cls] = _make_plan(cls)
    return plan


def _make_plan(cls: type[Any]) -> _Plan:
    if getattr(cls, "__attrs_post_init__", None) is not _validate_all:
        msg = f"{cls.__name__} is not built by its fields and their checks alone"
        raise TypeError(msg)
    kinds = typing.get_type_hints(cls)
    fields = []
    object_checks: list[tuple[attrs.Attribute[Any], Callable[..., None]]] = []
    for attribute in attrs.fields(cls):
        if attribute.validator is not None or attribute.on_setattr not in (None, attrs.NOTHING):
            msg = f"{cls.__name__}.{attribute.name}: checks go in the field's metadata"
            raise TypeError(msg)
        checks = attribute.metadata.get("checks", ())
        required = attribute.default is attrs.NOTHING
        fields.append(
            _Field(
                attribute=attribute,
                required=required,
                default=None if required else _plain_default(attribute),
                column=_column(kinds[attribute.name], attribute),
                checks=tuple(check for check in checks if isinstance(check, _Check)),
                set=_setter(cls, attribute.name),
            )
        )
        object_checks.extend(
            (attribute, check) for check in checks if not isinstance(check, _Check)
        )
    return _Plan(
        known=frozenset(attribute.name for attribute in attrs.fields(cls)),
        fields=tuple(fields),
        object_checks=tuple(object_checks),
    )


#: How many tables are read together. The tables of a batch stay in the processor's cache
#: while each of their fields is read in turn, which makes a pack of 100,000 items load about
#: twice as fast as reading each field of all of them at once.
BATCH = 1000


def build_all(
    cls: type[_T], items: object, defaults: Mapping[str, object] = _NO_DEFAULTS
) -> list[_T]:
    """A ``cls`` for each table in ``items``, read and checked a column at a time.

    ``defaults`` gives a value for a key that a table (or a table nested in it) leaves out, in
    place of the field's default: a pack's items take the pack's ``language``.

    Raises:
        NotPlain: ``items`` is not a list of tables that the careful way reads into valid
            objects, or may not be.
    """
    if type(items) is not list:
        raise NotPlain
    plan = _plan(cls)
    reading = _Reading(defaults)
    built: list[_T] = []
    for start in range(0, len(items), BATCH):
        built += _build(cls, plan, items[start : start + BATCH], reading)
    return built


def _build(cls: type[_T], plan: _Plan, items: list[Any], reading: _Reading) -> list[_T]:
    defaults = reading.defaults
    if not set().union(*_only(_DICTS, items)) <= plan.known:
        raise NotPlain  # an unknown key
    built: list[_T] = list(map(object.__new__, itertools.repeat(cls, len(items))))
    for field in plan.fields:
        name = field.attribute.name
        if name in defaults or not field.required:
            default = defaults.get(name, field.default)
            column = list(map(dict.get, items, itertools.repeat(name), itertools.repeat(default)))
        else:
            try:
                column = list(map(dict.__getitem__, items, itertools.repeat(name)))
            except KeyError:
                raise NotPlain from None
        values = field.column(column, reading)
        if not all(check.holds(values) for check in field.checks):
            raise NotPlain
        list(map(field.set, built, values))
    for instance in built if plan.object_checks else ():
        for attribute, check in plan.object_checks:
            try:
                check(instance, attribute, getattr(instance, attribute.name))
            except ValidationError:
                raise NotPlain from None
    return built
