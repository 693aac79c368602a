"""Language tags: the order in which a tag's translations are tried.

Translated packs and label catalogs both fall back along the same chain.
"""

from __future__ import annotations

__all__ = ["LANGUAGE_PATTERN", "fallback_chain"]

#: A language tag such as ``en``, ``es`` or ``pt-BR``.
LANGUAGE_PATTERN = r"[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*"


def fallback_chain(language: str) -> tuple[str, ...]:
    """The tags to try for ``language``, most specific first: ``es-MX`` gives ``es-mx, es``.

    Tags compare in lowercase.
    """
    parts = language.lower().replace("_", "-").split("-")
    return tuple("-".join(parts[:end]) for end in range(len(parts), 0, -1))
