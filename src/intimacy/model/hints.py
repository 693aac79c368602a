"""typing's run-time names for the modules the command line's fast path imports.

``import typing`` costs about as much as everything else ``intimacy random`` imports, and these
modules need it only for type checkers. Type checkers read typing's own names here (the
``TYPE_CHECKING`` branch, which they take as true). At run time the names do what typing's do
for code that only runs: ``overload`` returns the function (without typing's registry of
overloads), ``cast`` returns the value, ``TypeVar`` returns its name, and ``Generic[...]`` is a
plain base class.

Modules off that path import :mod:`typing` as usual.
"""

from __future__ import annotations

TYPE_CHECKING = False  # typing.TYPE_CHECKING without typing: type checkers take any such name
if TYPE_CHECKING:
    from typing import Generic, TypeVar, cast, overload
else:

    def overload(function):
        """Return ``function``: the implementation defined last is the one that runs."""
        return function

    def cast(_, value):
        """Return ``value`` unchanged."""
        return value

    def TypeVar(name, *_, **__):  # noqa: N802 - typing's name
        """Return ``name``: a type variable matters only to type checkers."""
        return name

    class Generic:
        """A base class whose subscript (``Generic[T]``) is the class itself."""

        __slots__ = ()

        def __class_getitem__(cls, _):
            return cls


__all__ = ["Generic", "TypeVar", "cast", "overload"]
