"""Interface strings (the card's own words) in the language an item is shown in.

Every label the CLI, the runner, plans and the exports print ("min", "Steps:", "Why it works:",
the vocabulary's names...) is written in the code in English and looked up here by that English
text: ``label("es", "Steps:")`` gives ``"Pasos:"``. The lookup follows
:func:`intimacy.model.languages.fallback_chain`: ``es-MX`` tries the ``es-mx`` catalog, then
``es``, then keeps the English text, so a missing catalog or entry never fails, it shows English.

A language's catalog is a JSON file shipped in the wheel, ``intimacy/data/labels/<tag>.json``,
read (see :mod:`intimacy.model.resources`) the first time a label in that language is asked for,
and cached (as read-only mappings). ``import intimacy`` reads nothing. The file looks like::

    {
      "language": "es",
      "plural": "one-other",
      "messages": {
        "Steps:": "Pasos:",
        "{count} step": {"one": "{count} paso", "other": "{count} pasos"}
      },
      "variations": {"short": "versión corta"}
    }

``messages`` maps each English string to its translation, with the same ``{placeholders}``;
a string that counts things (:func:`plural`) is keyed by its English singular and holds one form
per plural category of the language. ``plural`` names the language's rule
(:data:`PLURAL_RULES`).
``variations`` names an exercise's variations (``short``, ``long-distance``...), which are a
pack's slugs rather than the code's strings; a name it lacks is shown as written.

Why a JSON catalog and not gettext ``.po`` files compiled to ``.mo`` with Babel, the ecosystem's
usual tool: here the two do the same job, and the catalog is simpler to live with.

- There are a few dozen strings, not thousands: no need for translation-memory tooling.
- No build step and no binary in the repository or the wheel: the ``.json`` is the shipped file,
  so the installed package cannot hold a ``.mo`` older than its ``.po``.
- Translators already write packs as JSON or TOML; a catalog is one more file of the same kind,
  reviewed the same way.
- The checks gettext's tools give are tests here: every string the code looks up has an entry,
  no entry is stale, and every translation keeps the English text's ``{placeholders}``
  (``tests/test_labels.py``).
- Plurals work the gettext way (the count picks a form by the language's rule), without
  evaluating a ``Plural-Forms`` C expression.

Should the strings grow into the hundreds, or translators want Weblate or Transifex, converting
the catalogs to ``.po`` is mechanical: the keys are already the English msgids.
"""

from __future__ import annotations

import functools
import re
from collections import Counter
from types import MappingProxyType

from intimacy.model.languages import fallback_chain

TYPE_CHECKING = False  # not typing's: the command line's fast path does without typing
if TYPE_CHECKING:
    from collections.abc import Callable, Iterable, Mapping
    from typing import Any

__all__ = [
    "PLURAL_RULES",
    "catalog",
    "common_language",
    "label",
    "plural",
    "variation_name",
]

_FOLDER = "labels"
_TAG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")


def _one_other(count: int) -> str:
    return "one" if count == 1 else "other"


def _zero_one_other(count: int) -> str:
    return "one" if count in (0, 1) else "other"


#: How a language picks a plural form from a count, by the rule name its catalog gives:
#: ``one-other`` (English, Spanish, German, Portuguese...) and ``zero-one-other`` (French:
#: 0 and 1 take the singular). A language with more forms adds its rule here.
PLURAL_RULES: Mapping[str, Callable[[int], str]] = MappingProxyType(
    {"one-other": _one_other, "zero-one-other": _zero_one_other}
)


def _freeze(value: Any) -> Any:
    if isinstance(value, dict):
        return MappingProxyType({key: _freeze(item) for key, item in value.items()})
    return value


@functools.cache
def catalog(tag: str) -> Mapping[str, Any]:
    """The catalog of one language tag (lowercase, such as ``es`` or ``es-mx``), or ``{}``.

    Read from the package data on first use and cached; the result is read-only.
    """
    if not _TAG.fullmatch(tag):
        return MappingProxyType({})
    import json  # noqa: PLC0415 - only when a label is translated

    from intimacy.model.resources import read_data  # noqa: PLC0415

    text = read_data(_FOLDER, f"{tag}.json")
    if text is None:
        return MappingProxyType({})
    found: Mapping[str, Any] = _freeze(json.loads(text.decode("utf-8")))
    return found


def _chain(language: str | None) -> tuple[str, ...]:
    if not language:
        return ()
    return fallback_chain(language)


def _lookup(language: str | None, section: str, key: str) -> tuple[str, Any]:
    """The first translation of ``key`` along the language's chain, with its catalog's tag."""
    for tag in _chain(language):
        found = catalog(tag).get(section, {}).get(key)
        if found is not None:
            return tag, found
    return "", None


def label(language: str | None, text: str, /, **values: object) -> str:
    """``text`` (English) in ``language``, with ``{placeholders}`` filled from ``values``.

    >>> label("es-MX", "Steps:")
    'Pasos:'
    >>> label("en", "depth {number} ({name})", number=2, name="personal")
    'depth 2 (personal)'
    """
    _, found = _lookup(language, "messages", text)
    chosen = found if isinstance(found, str) else text
    return chosen.format(**values) if values else chosen


def plural(language: str | None, one: str, other: str, count: int, /, **values: object) -> str:
    """The form of a counted string for ``count``, in ``language``; ``{count}`` is filled in.

    ``one`` and ``other`` are the English forms; a catalog keys the string by ``one``.

    >>> plural("es", "{count} step", "{count} steps", 3)
    '3 pasos'
    >>> plural("en", "{count} step", "{count} steps", 1)
    '1 step'
    """
    tag, found = _lookup(language, "messages", one)
    if found is None or isinstance(found, str):
        chosen = one if count == 1 else other
    else:
        rule = PLURAL_RULES.get(catalog(tag).get("plural", "one-other"), _one_other)
        chosen = found.get(rule(count), found.get("other", other))
    return chosen.format(count=count, **values)


def variation_name(language: str | None, name: str) -> str:
    """An exercise variation's name (``short``) in ``language``, or the name as written."""
    _, found = _lookup(language, "variations", name)
    return found if isinstance(found, str) else name


def common_language(languages: Iterable[str]) -> str | None:
    """The language most of a page's items are shown in (the first of a tie), or ``None``.

    A plan or a handout of several items speaks in this language where it is not speaking
    for one item.
    """
    counts = Counter(languages)
    return max(counts, key=counts.__getitem__) if counts else None
