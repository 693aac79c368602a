"""The strict cattrs converter between plain data (TOML, JSON) and the models.

Built once, on first use, so that ``import intimacy`` never imports cattrs. It coerces nothing:
a number is not a string, a string is not a list, ``"false"`` is not a boolean; unknown keys are
rejected; and every problem is reported with its path.

:class:`~intimacy.model.plain.PlainData` gives every model its ``to_dict()`` and ``from_dict()``
through it. A class whose plain form is not simply its fields (a plan lists its items with their
offsets) says how with a ``_to_plain(converter)`` method and a ``_from_plain(data, converter)``
classmethod.
"""

from __future__ import annotations

import functools
import typing
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

import attrs

from intimacy.model.errors import UnknownNameError, ValidationError, join_path
from intimacy.model.models import Exercise, Prompt
from intimacy.model.vocab import Depth, _Named

if TYPE_CHECKING:
    import enum
    from collections.abc import Callable

    import cattrs

__all__ = [
    "MAX_PROBLEMS",
    "ItemProblems",
    "Tally",
    "converter",
    "from_plain",
    "problems_of",
    "structure",
    "unstructure",
]

#: The most problems one load reports; the rest are counted (``and 12 more problems``).
MAX_PROBLEMS = 100

_T = TypeVar("_T")
_D = TypeVar("_D")


def _type_name(value: object) -> str:
    names = {
        str: "a string",
        int: "a whole number",
        float: "a decimal number",
        bool: "a boolean",
        list: "a list",
        dict: "a table",
        type(None): "null",
    }
    return names.get(type(value), type(value).__name__)


class _WrongTypeError(TypeError):
    def __init__(self, expected: str, value: object) -> None:
        super().__init__(f"must be {expected}, not {_type_name(value)} ({value!r})"[:200])


def _structure_str(value: object, _: type) -> str:
    if type(value) is not str:
        raise _WrongTypeError("a string", value)
    return value


def _structure_int(value: object, _: type) -> int:
    if type(value) is not int:
        raise _WrongTypeError("a whole number", value)
    return value


def _structure_enum(value: object, cls: type[enum.Enum]) -> enum.Enum:
    if isinstance(value, cls):
        return value  # a member is its slug (or its number): nothing to convert
    if cls is Depth:
        if type(value) is not int or not 1 <= value <= 3:
            raise _WrongTypeError("1 (light), 2 (personal) or 3 (deep)", value)
        return Depth(value)
    if type(value) is not str:
        raise _WrongTypeError("a string", value)
    parse: Callable[..., enum.Enum] = cls.parse  # type: ignore[attr-defined]
    return parse(value, exact=True)


def _structure_bool(value: object, _: type) -> bool:
    if type(value) is not bool:
        raise _WrongTypeError("true or false", value)
    return value


def _structure_ids(value: object, _: type) -> dict[str, str]:
    if type(value) is not dict:
        raise _WrongTypeError("a table of old id = new id", value)
    for key, new in value.items():
        if type(new) is not str:
            raise ValidationError(
                [(join_path("", key), f"must be an id (a string), not {_type_name(new)}")]
            )
    return value


def _structure_int_or_str(value: object, _: type) -> int | str:
    if type(value) not in (int, str):
        raise _WrongTypeError("a whole number or a string", value)
    return cast("int | str", value)


def _origin(cls: Any) -> object:
    return typing.get_origin(cls) or cls


def _is_collection(cls: Any) -> bool:
    return typing.get_origin(cls) in (tuple, frozenset) and len(typing.get_args(cls)) in (1, 2)


def _structure_items(
    value: list[Any], structure_one: Callable[[Any], object], *, tables: bool
) -> list[object]:
    """Each item of ``value`` structured, or the failures' problems as one :class:`ItemProblems`.

    Each failure is flattened at once, not kept: a file of 100,000 bad items must not hold
    100,000 exception groups (about 8.5 KB each). Once the problems to show are all found, the
    rest of the list is only counted, so millions of bad items cost no more than the first few.
    """
    items = []
    found = Tally()
    for index, item in enumerate(value):
        if found.more:
            found.unchecked += len(value) - index
            break
        try:
            if tables and type(item) is not dict:
                raise _WrongTypeError("a table", item)
            items.append(structure_one(item))
        except RecursionError:
            raise
        except Exception as err:  # noqa: BLE001 - flattened at once, re-raised below
            found.absorb(err, f"[{index}]")
    if found:
        raise ItemProblems(found)
    return items


@functools.cache
def converter() -> cattrs.Converter:
    """The one strict converter (built on first use)."""
    import cattrs  # noqa: PLC0415 - cattrs is imported only when packs are read or written

    conv = cattrs.Converter(forbid_extra_keys=True, detailed_validation=True)
    conv.register_structure_hook(str, _structure_str)
    conv.register_structure_hook(int, _structure_int)
    # The vocabulary enums are str and int subclasses: without hooks of their own, the str and int
    # hooks above would take them.
    conv.register_structure_hook(_Named, _structure_enum)
    conv.register_structure_hook(Depth, _structure_enum)
    conv.register_structure_hook(bool, _structure_bool)
    # Members become their plain slugs and numbers, which json.dumps writes as they are.
    conv.register_unstructure_hook(_Named, str)
    conv.register_unstructure_hook(Depth, int)

    kinds: dict[object, type[Prompt | Exercise]] = {"prompt": Prompt, "exercise": Exercise}

    def structure_item(value: object, _: type) -> Prompt | Exercise:
        """A prompt or an exercise, as ``{"kind": "prompt", ...}`` or ``"exercise"`` says."""
        if type(value) is not dict:
            raise _WrongTypeError("a table", value)
        fields = dict(value)
        kind = fields.pop("kind", None)
        if kind not in kinds:
            raise ValidationError([("kind", f"must be 'prompt' or 'exercise', not {kind!r}")])
        return conv.structure(fields, kinds[kind])

    def collection_hook(cls: Any) -> Callable[[object, type], object]:
        item_type = typing.get_args(cls)[0]
        # cattrs' own hook would fail on a non-table item with Python's internal wording.
        needs_table = attrs.has(item_type)
        build: Callable[[list[object]], object] = (
            frozenset if typing.get_origin(cls) is frozenset else tuple
        )

        def structure_collection(value: object, _: type) -> object:
            if type(value) is not list:
                raise _WrongTypeError("a list", value)
            structured = _structure_items(
                value, lambda item: conv.structure(item, item_type), tables=needs_table
            )
            return build(structured)

        return structure_collection

    conv.register_structure_hook_factory(_is_collection, collection_hook)
    conv.register_structure_hook_func(lambda cls: _origin(cls) is Mapping, _structure_ids)
    conv.register_unstructure_hook_func(lambda cls: _origin(cls) is Mapping, dict)
    conv.register_unstructure_hook_func(
        lambda cls: _origin(cls) is frozenset,
        lambda value: sorted(conv.unstructure(item) for item in value),
    )
    conv.register_unstructure_hook_func(
        lambda cls: _origin(cls) is tuple,
        lambda value: [conv.unstructure(item) for item in value],
    )
    conv.register_structure_hook_func(lambda cls: cls == int | str, _structure_int_or_str)
    conv.register_structure_hook_func(lambda cls: cls == Prompt | Exercise, structure_item)
    conv.register_unstructure_hook_func(
        lambda cls: hasattr(cls, "_to_plain"), lambda value: value._to_plain(conv)
    )
    conv.register_structure_hook_func(
        lambda cls: hasattr(cls, "_from_plain"), lambda value, cls: cls._from_plain(value, conv)
    )
    return conv


def structure(data: object, cls: type[_T]) -> _T:
    """Build a ``cls`` from plain data; errors are cattrs' (see :func:`problems_of`)."""
    return converter().structure(data, cls)


def unstructure(obj: object) -> Any:
    """Turn a model into plain JSON-ready data (lists sorted where the model holds sets)."""
    return converter().unstructure(obj)


def from_plain(data: object, cls: type[_T]) -> _T:
    """Build a ``cls`` from plain data, as strictly as the pack loader does.

    Raises:
        ValidationError: naming every problem with its path, such as ``steps[1].minutes``.
    """
    if not isinstance(data, Mapping):
        raise ValidationError([("", f"must be a table (a dict), not {_type_name(data)}")])
    try:
        return structure(dict(data), cls)
    except RecursionError as err:
        raise ValidationError([("", "the data is nested too deeply")]) from err
    except Exception as err:  # every failure becomes one ValidationError
        raise ValidationError(problems_of(err)) from err


def _prefix(path: str, sub: str) -> str:
    """``sub``, a path relative to ``path`` (``steps[1].role``, ``[2].text``), joined to it."""
    if not path or not sub:
        return sub or path
    return f"{path}{sub}" if sub.startswith("[") else f"{path}.{sub}"


class Tally:
    """``(path, reason)`` problems as they are found: at most :data:`MAX_PROBLEMS` kept.

    Beyond that only their number is kept, in ``more``; ``unchecked`` counts the items of a
    list left unchecked once every problem to show was found.
    """

    __slots__ = ("more", "pairs", "unchecked")

    def __init__(self) -> None:
        self.pairs: list[tuple[str, str]] = []
        self.more = 0
        self.unchecked = 0

    def summary(self) -> str:
        """The line that follows the problems shown: ``and 12 more problems``."""
        said = f"and {self.more:,} more problem{'s' if self.more > 1 else ''}"
        if self.unchecked:
            said += f"; {self.unchecked:,} more items were not checked"
        return said

    def __bool__(self) -> bool:
        return bool(self.pairs) or self.more > 0

    def add(self, path: str, reason: str) -> None:
        """Keep one problem, or count it if :data:`MAX_PROBLEMS` are already kept."""
        if len(self.pairs) < MAX_PROBLEMS:
            self.pairs.append((path, reason))
        else:
            self.more += 1

    def absorb(self, error: BaseException, path: str = "") -> None:
        """Add the problems of a structuring error, each under ``path``."""
        from cattrs.errors import AttributeValidationNote, BaseValidationError  # noqa: PLC0415

        if isinstance(error, ItemProblems):
            for sub, reason in error.tally.pairs:
                self.add(_prefix(path, sub), reason)
            self.more += error.tally.more
            self.unchecked += error.tally.unchecked
        elif isinstance(error, BaseValidationError):
            for inner in error.exceptions:
                inner_path = path
                for note in getattr(inner, "__notes__", ()):
                    if isinstance(note, AttributeValidationNote):
                        inner_path = join_path(path, note.name)
                self.absorb(inner, inner_path)
        elif isinstance(error, ValidationError):
            # Its paths are already written out ("prompts[0].id"): join them as they are.
            for sub, reason in error.problems:
                self.add(_prefix(path, sub), reason)
        else:
            for pair in _leaf_problems(error, path):
                self.add(*pair)


def _leaf_problems(error: BaseException, path: str) -> list[tuple[str, str]]:
    """The problems of an error that holds no others, with the wording a user reads."""
    from cattrs.errors import ForbiddenExtraKeysError  # noqa: PLC0415

    if isinstance(error, ForbiddenExtraKeysError):
        known = ", ".join(field.name for field in attrs.fields(error.cl))
        reason = f"is not a known key; use one of {known}"
        return [(join_path(path, key), reason) for key in sorted(error.extra_fields)]
    if isinstance(error, KeyError):
        return [(path, "is required but missing")]
    if isinstance(error, UnknownNameError) and error.suggestion:
        return [
            (path, f"{error.value!r} is not a {error.kind}; did you mean {error.suggestion!r}?")
        ]
    return [(path, str(error))]


class ItemProblems(Exception):  # noqa: N818 - never seen outside this module and the loader
    """The problems of a list's failing items, already flattened by :class:`Tally`."""

    def __init__(self, tally: Tally) -> None:
        super().__init__(f"{len(tally.pairs) + tally.more} problems")
        self.tally = tally


def problems_of(error: BaseException, path: str = "") -> list[tuple[str, str]]:
    """Flatten a structuring error into ``(path, reason)`` pairs, keeping each rule's message.

    At most :data:`MAX_PROBLEMS`, then one ``("", "and N more problems")`` (see
    :meth:`Tally.summary`).
    """
    tally = Tally()
    tally.absorb(error, path)
    if tally.more:
        return [*tally.pairs, ("", tally.summary())]
    return tally.pairs
