"""``to_dict()`` and ``from_dict()`` for every model, through the strict converter.

The converter is imported when one of them is first called: it builds the models, so the models
cannot import it when they are defined.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Generic, Self, TypeVar, cast

if TYPE_CHECKING:
    from collections.abc import Mapping

__all__ = ["PlainData"]

_D = TypeVar("_D")


class PlainData(Generic[_D]):
    """Gives a model ``to_dict()`` and ``from_dict()``; ``_D`` is the shape of its plain data."""

    __slots__ = ()

    def to_dict(self) -> _D:
        """The object as JSON-ready plain data, which :meth:`from_dict` reads back unchanged.

        Only strings, numbers, booleans, ``None``, lists and dicts: vocabulary values are their
        slugs, depths their numbers, and sets sorted lists, so :func:`json.dumps` takes it as
        it is.
        """
        from intimacy.model.convert import unstructure  # noqa: PLC0415 - cattrs loads on first use

        return cast("_D", unstructure(self))

    @classmethod
    def from_dict(cls, data: Mapping[str, object]) -> Self:
        """The object that :meth:`to_dict` described: ``cls.from_dict(x.to_dict()) == x``.

        ``data`` is checked as strictly as a pack file is (no number where a string belongs,
        no unknown keys), and then by the object's own rules.

        Raises:
            ValidationError: naming every problem with its path, such as ``steps[1].minutes``.
        """
        from intimacy.model.convert import from_plain  # noqa: PLC0415 - cattrs loads on first use

        return from_plain(data, cls)
