"""The strict cattrs converter between plain data (TOML, JSON) and the models.

Built once, on first use, so that ``import intimacy`` never imports cattrs. It coerces nothing:
a number is not a string, a string is not a list, ``"false"`` is not a boolean; unknown keys are
rejected; and every problem is reported with its path.
"""

from __future__ import annotations

import enum
import functools
import typing
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

import attrs

from intimacy._errors import UnknownNameError, ValidationError
from intimacy._vocab import Depth

if TYPE_CHECKING:
    from collections.abc import Callable

    import cattrs

__all__ = ["converter", "problems_of", "structure", "unstructure"]

_T = TypeVar("_T")


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
    if cls is Depth:
        if type(value) is not int or not 1 <= value <= 3:
            raise _WrongTypeError("1 (light), 2 (personal) or 3 (deep)", value)
        return Depth(value)
    if type(value) is not str:
        raise _WrongTypeError("a string", value)
    parse: Callable[..., enum.Enum] = cls.parse  # type: ignore[attr-defined]
    return parse(value, exact=True)


def _structure_ids(value: object, _: type) -> dict[str, str]:
    if type(value) is not dict:
        raise _WrongTypeError("a table of old id = new id", value)
    for key, new in value.items():
        if type(new) is not str:
            raise ValidationError([(key, f"must be an id (a string), not {_type_name(new)}")])
    return value


def _origin(cls: Any) -> object:
    return typing.get_origin(cls) or cls


def _is_collection(cls: Any) -> bool:
    return typing.get_origin(cls) in (tuple, frozenset) and len(typing.get_args(cls)) in (1, 2)


@functools.cache
def converter() -> cattrs.Converter:
    """The one strict converter (built on first use)."""
    import cattrs  # noqa: PLC0415 - cattrs is imported only when packs are read or written
    from cattrs.errors import IterableValidationError, IterableValidationNote  # noqa: PLC0415

    conv = cattrs.Converter(forbid_extra_keys=True, detailed_validation=True)
    conv.register_structure_hook(str, _structure_str)
    conv.register_structure_hook(int, _structure_int)
    # Depth is an int too: without a hook of its own, the int hook above would take it.
    conv.register_structure_hook(Depth, _structure_enum)
    conv.register_structure_hook_func(
        lambda cls: isinstance(cls, type) and issubclass(cls, enum.Enum), _structure_enum
    )

    def collection_hook(cls: Any) -> Callable[[object, type], object]:
        item_type = typing.get_args(cls)[0]
        # cattrs' own hook would fail on a non-table item with Python's internal wording.
        needs_table = attrs.has(item_type)
        build: Callable[[list[Any]], object] = (
            frozenset if typing.get_origin(cls) is frozenset else tuple
        )

        def structure_collection(value: object, _: type) -> object:
            if type(value) is not list:
                raise _WrongTypeError("a list", value)
            items, errors = [], []
            for index, item in enumerate(value):
                try:
                    if needs_table and type(item) is not dict:
                        raise _WrongTypeError("a table", item)
                    items.append(conv.structure(item, item_type))
                except Exception as err:  # noqa: BLE001 - collected and re-raised as a group
                    err.add_note(IterableValidationNote(f"@ index {index}", index, item_type))
                    errors.append(err)
            if errors:
                raise IterableValidationError(f"While structuring {cls!r}", errors, cls)
            return build(items)

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
    return conv


def structure(data: object, cls: type[_T]) -> _T:
    """Build a ``cls`` from plain data; errors are cattrs' (see :func:`problems_of`)."""
    return converter().structure(data, cls)


def unstructure(obj: object) -> Any:
    """Turn a model into plain JSON-ready data (lists sorted where the model holds sets)."""
    return converter().unstructure(obj)


def _join(path: str, part: str | int) -> str:
    if isinstance(part, int):
        return f"{path}[{part}]"
    if not part.isprintable() or not part or any(char in part for char in ".[] "):
        return f"{path}[{part!r}]"  # a key that would garble the path (or the line) is quoted
    return f"{path}.{part}" if path else part


def problems_of(error: BaseException, path: str = "") -> list[tuple[str, str]]:
    """Flatten a structuring error into ``(path, reason)`` pairs, keeping each rule's message."""
    from cattrs.errors import (  # noqa: PLC0415
        AttributeValidationNote,
        BaseValidationError,
        ForbiddenExtraKeysError,
        IterableValidationNote,
    )

    if isinstance(error, BaseValidationError):
        found: list[tuple[str, str]] = []
        for sub in error.exceptions:
            sub_path = path
            for note in getattr(sub, "__notes__", ()):
                if isinstance(note, AttributeValidationNote):
                    sub_path = _join(path, note.name)
                elif isinstance(note, IterableValidationNote):
                    sub_path = _join(path, int(note.index))
            found.extend(problems_of(sub, sub_path))
        return found
    if isinstance(error, ForbiddenExtraKeysError):
        known = ", ".join(field.name for field in attrs.fields(error.cl))
        reason = f"is not a known key; use one of {known}"
        return [(_join(path, key), reason) for key in sorted(error.extra_fields)]
    if isinstance(error, ValidationError):
        # Its paths are already written out ("prompts[0].id"): join them as they are.
        return [
            (f"{path}.{sub}" if path and sub else sub or path, reason)
            for sub, reason in error.problems
        ]
    if isinstance(error, KeyError):
        return [(path, "is required but missing")]
    if isinstance(error, UnknownNameError) and error.suggestion:
        return [
            (path, f"{error.value!r} is not a {error.kind}; did you mean {error.suggestion!r}?")
        ]
    return [(path, str(error))]
