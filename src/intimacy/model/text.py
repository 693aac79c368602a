"""What characters text may hold: the forbidden ones, and the invisible ones that make text blank.

The loader, the models' checks, the placeholders and the pack schema all read these, so the
rules are written once.
"""

from __future__ import annotations

import re
import unicodedata

__all__ = ["FORBIDDEN", "FORBIDDEN_RANGES", "is_blank"]

#: The characters no text may hold, as ranges of code points: control characters other than tab
#: and newline, the bidirectional controls that can make text display in a different order than
#: it is stored (the "Trojan Source" characters), and lone surrogates (JSON's "\ud800"), which
#: no UTF-8 file can hold. The pack schema is derived from these ranges.
FORBIDDEN_RANGES: tuple[tuple[int, int], ...] = (
    (0x00, 0x08),
    (0x0B, 0x1F),
    (0x7F, 0x9F),
    (0x061C, 0x061C),
    (0x200E, 0x200F),
    (0x202A, 0x202E),
    (0x2066, 0x2069),
    (0xD800, 0xDFFF),
)
#: Matches one forbidden character.
FORBIDDEN = re.compile(
    "[" + "".join(f"\\u{low:04x}-\\u{high:04x}" for low, high in FORBIDDEN_RANGES) + "]"
)

#: Characters that show nothing but are neither whitespace nor format characters (category Cf,
#: such as the zero-width space U+200B, the word joiner U+2060 and the byte order mark U+FEFF):
#: the Hangul fillers, the blank braille pattern, the combining grapheme joiner and the
#: variation selectors. Text made only of these and whitespace is blank. Only characters of the
#: Basic Multilingual Plane count, as the pack schema's patterns can only name those.
_INVISIBLE = frozenset(
    "\u034f\u115f\u1160\u2800\u3164\uffa0" + "".join(map(chr, range(0xFE00, 0xFE10)))
)


def is_blank(text: str) -> bool:
    """Whether ``text`` shows nothing: only whitespace and invisible characters, or empty.

    Stops at the first visible character, so it costs next to nothing on ordinary text.
    """
    return all(
        char.isspace()
        or char in _INVISIBLE
        or (char <= "\uffff" and unicodedata.category(char) == "Cf")
        for char in text
    )
