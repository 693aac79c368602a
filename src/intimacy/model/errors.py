"""The exceptions raised by intimacy.

Every exception derives from :class:`IntimacyError`, and each leaf also derives from the builtin
exception it resembles, so ``except ValueError`` and ``except LookupError`` keep working.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import attrs

if TYPE_CHECKING:
    from collections.abc import Iterable, Mapping, Sequence

__all__ = [
    "ArgumentTypeError",
    "IntimacyError",
    "NoMatchError",
    "PackError",
    "Problem",
    "RetiredIdError",
    "UnknownFilterError",
    "UnknownIdError",
    "UnknownNameError",
    "ValidationError",
    "closest",
    "join_path",
]


def closest(value: str, choices: Iterable[str]) -> str | None:
    """The choice most like ``value``, for a "did you mean" hint, or ``None`` if none is close."""
    import difflib  # noqa: PLC0415 - only a failed lookup needs it

    found = difflib.get_close_matches(value, list(choices), n=1, cutoff=0.6)
    return found[0] if found else None


def join_path(path: str, key: str | int) -> str:
    r"""``path`` followed by an index or a key; a key that could garble the path is quoted.

    A key that is empty, not printable (an escape sequence, a newline) or holds ``.``, ``[``,
    ``]`` or a space is written as its :func:`repr` in brackets: ``pack['a\\x1b[31m']``.
    """
    if isinstance(key, int):
        return f"{path}[{key}]"
    if not key or not key.isprintable() or any(char in key for char in ".[] "):
        return f"{path}[{key!r}]"
    return f"{path}.{key}" if path else key


class IntimacyError(Exception):
    """Base class of every error this library raises on purpose."""


class UnknownNameError(IntimacyError, ValueError):
    """A vocabulary name (practice, mood, role, depth, topic) that does not exist.

    Attributes:
        kind: what was being looked up, such as ``"mood"``.
        value: the value given.
        choices: every valid name.
        suggestion: the closest valid name, or ``None``.
    """

    def __init__(
        self, kind: str, value: object, choices: Sequence[str], suggestion: str | None
    ) -> None:
        self.kind = kind
        self.value = value
        self.choices = tuple(choices)
        self.suggestion = suggestion
        hint = f" (did you mean {suggestion!r}?)" if suggestion else ""
        super().__init__(f"{value!r} is not a {kind}{hint}; choose from: {', '.join(self.choices)}")


class ArgumentTypeError(IntimacyError, TypeError):
    """A function was given an argument of the wrong type, such as a seed that is a float."""


class UnknownFilterError(ArgumentTypeError):
    """A keyword argument that is not a filter, such as ``practise="empathy"``.

    It is a ``TypeError``, as Python's own error for an unexpected keyword argument is.

    Attributes:
        name: the keyword given.
        choices: every filter's name.
        suggestion: the closest filter (or other keyword, such as ``seed``), or ``None``.
    """

    def __init__(self, name: str, choices: Sequence[str], suggestion: str | None) -> None:
        self.name = name
        self.choices = tuple(choices)
        self.suggestion = suggestion
        hint = f" (did you mean {suggestion!r}?)" if suggestion else ""
        super().__init__(
            f"{name!r} is not a filter{hint}; the filters are: {', '.join(self.choices)}"
        )


class ValidationError(IntimacyError, ValueError):
    """A model was given a value that breaks one of its rules.

    Attributes:
        problems: ``(path, reason)`` pairs; the path is relative to the object being built,
            such as ``"minutes"`` or ``"steps[2].role"``.
    """

    def __init__(self, problems: Sequence[tuple[str, str]]) -> None:
        self.problems = tuple(problems)
        super().__init__(
            "; ".join(f"{path}: {reason}" if path else reason for path, reason in self.problems)
        )


@attrs.frozen
class Problem:
    """One problem found in a pack: where it is and what is wrong.

    Attributes:
        source: the file (or other source) the pack came from.
        path: where in the pack, such as ``"prompts[3].moods[1]"``; ``""`` for the whole file.
        message: what is wrong, and where possible how to fix it.
        line: the line in the file, where the format allows finding it, else ``None``.
    """

    source: str
    path: str
    message: str
    line: int | None = None

    def __str__(self) -> str:
        where = f"{self.source}:{self.line}" if self.line else self.source
        return f"{where}: {self.path}: {self.message}" if self.path else f"{where}: {self.message}"


class PackError(IntimacyError, ValueError):
    """A pack that cannot be loaded, with every problem found in it, one per line.

    Attributes:
        problems: each :class:`Problem`, such as ``my-pack.toml: prompts[3].moods[1]: 'sleepy'
            is not a mood; did you mean 'tired'?``.
    """

    def __init__(self, problems: Sequence[Problem]) -> None:
        self.problems = tuple(problems)
        super().__init__("\n".join(str(problem) for problem in self.problems))


class NoMatchError(IntimacyError, LookupError):
    """No item satisfies the filters of a query.

    Attributes:
        kind: what was asked for, such as ``"prompt"``.
        filters: the filters that were given, by name (those left at ``None`` are left out).
    """

    def __init__(self, kind: str, filters: Mapping[str, object]) -> None:
        self.kind = kind
        self.filters = {name: value for name, value in filters.items() if value is not None}
        given = ", ".join(f"{name}={value!r}" for name, value in self.filters.items())
        super().__init__(f"no {kind} matches {given or 'an empty bank'}")


class UnknownIdError(IntimacyError, KeyError):
    """An id that is not in the bank.

    Attributes:
        id: the id asked for.
        suggestion: the closest id in the bank, or ``None``.
    """

    def __init__(self, id: str, suggestion: str | None) -> None:  # noqa: A002 - mirrors Bank.get
        self.id = id
        self.suggestion = suggestion
        hint = f" (did you mean {suggestion!r}?)" if suggestion else ""
        super().__init__(f"no prompt or exercise has the id {id!r}{hint}")

    def __str__(self) -> str:
        # KeyError's own __str__ shows the repr of its argument; show the sentence instead.
        return str(self.args[0])


class RetiredIdError(UnknownIdError):
    """An id that a pack retired, with the id of the item that replaced it.

    Raised by :meth:`Bank.get` for an id an app may have stored before the item was rewritten
    as a different question or merged with its twin. It is an :class:`UnknownIdError` (and a
    ``KeyError``), so code that handles unknown ids keeps working.

    Attributes:
        id: the retired id asked for.
        replaced_by: the id of the item that took its place.
    """

    def __init__(self, id: str, replaced_by: str) -> None:  # noqa: A002 - mirrors Bank.get
        self.replaced_by = replaced_by
        KeyError.__init__(self, f"{id!r} was retired; the item that replaced it is {replaced_by!r}")
        self.id = id
        self.suggestion = replaced_by
