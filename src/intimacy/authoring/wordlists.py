"""The word lists the linter reads: spelling variants, idioms, touch words and offers.

They are plain, read-only data (tuples of strings), exported from :mod:`intimacy` so that pack
authors can read exactly what the linter looks for; ``docs/linter.md`` explains each rule. The
patterns built from them are compiled on first use, not at import.
"""

from __future__ import annotations

import re
from functools import cache

__all__ = [
    "IDIOMS",
    "SPELLING_VARIANTS",
    "TOUCH_OFFERS",
    "TOUCH_WORDS",
    "idiom_pattern",
    "offer_pattern",
    "spelling_table",
    "touch_pattern",
]

#: US and UK spellings of one word, as ``(us, uk, checked)``: ``checked`` is ``"both"`` when
#: each form is wrong in the other variant, ``"us"`` when only US packs are checked (the UK form
#: is flagged in ``en``/``en-US``; the US form is also fine in UK English, as with ``learned``),
#: ``"uk"`` when only UK packs are checked. Plurals and ``-s``/``-ed``/``-ing`` forms of each word
#: are matched too (``colours``, ``coloured``, ``colouring``).
SPELLING_VARIANTS: tuple[tuple[str, str, str], ...] = (
    ("color", "colour", "both"),
    ("favorite", "favourite", "both"),
    ("favor", "favour", "both"),
    ("flavor", "flavour", "both"),
    ("honor", "honour", "both"),
    ("humor", "humour", "both"),
    ("neighbor", "neighbour", "both"),
    ("neighborhood", "neighbourhood", "both"),
    ("behavior", "behaviour", "both"),
    ("labor", "labour", "both"),
    ("harbor", "harbour", "both"),
    ("rumor", "rumour", "both"),
    ("savor", "savour", "both"),
    ("endeavor", "endeavour", "both"),
    ("armor", "armour", "both"),
    ("odor", "odour", "both"),
    ("gray", "grey", "both"),
    ("judgment", "judgement", "both"),
    ("acknowledgment", "acknowledgement", "both"),
    ("realize", "realise", "both"),
    ("recognize", "recognise", "both"),
    ("apologize", "apologise", "both"),
    ("organize", "organise", "both"),
    ("prioritize", "prioritise", "both"),
    ("criticize", "criticise", "both"),
    ("memorize", "memorise", "both"),
    ("sympathize", "sympathise", "both"),
    ("emphasize", "emphasise", "both"),
    ("summarize", "summarise", "both"),
    ("visualize", "visualise", "both"),
    ("paralyze", "paralyse", "both"),
    ("center", "centre", "both"),
    ("theater", "theatre", "both"),
    ("fiber", "fibre", "both"),
    ("traveled", "travelled", "both"),
    ("traveling", "travelling", "both"),
    ("traveler", "traveller", "both"),
    ("canceled", "cancelled", "both"),
    ("canceling", "cancelling", "both"),
    ("labeled", "labelled", "both"),
    ("modeling", "modelling", "both"),
    ("cozy", "cosy", "both"),
    ("mom", "mum", "both"),
    ("pajamas", "pyjamas", "both"),
    ("jewelry", "jewellery", "both"),
    ("defense", "defence", "both"),
    ("offense", "offence", "both"),
    ("license", "licence", "us"),
    ("practice", "practise", "us"),
    ("check", "cheque", "us"),
    ("program", "programme", "us"),
    ("plow", "plough", "both"),
    ("mold", "mould", "both"),
    ("skeptical", "sceptical", "both"),
    ("aging", "ageing", "both"),
    ("learned", "learnt", "us"),
    ("spelled", "spelt", "us"),
    ("dreamed", "dreamt", "us"),
    ("burned", "burnt", "us"),
    ("while", "whilst", "us"),
    ("among", "amongst", "us"),
    ("gotten", "got", "uk"),
)

#: Idioms a reader of English as a second language may not know. A word ending in ``*`` is a
#: verb matched in its forms (``clam* up``: clam up, clams up, clammed up, clamming up);
#: ``{pos}`` is any possessive (my, your, our, their...), ``{obj}`` any object pronoun (me, you,
#: us, them...), ``{any}`` one word or none (``bottle* {any} up``: bottle up, bottled it up).
IDIOMS: tuple[str, ...] = (
    "under the weather",
    "clam* up",
    "get* under {pos} skin",
    "go* sideways",
    "set* {obj} straight",
    "on the same page",
    "walk* on eggshells",
    "bottle* {any} up",
    "blow* off steam",
    "let* off steam",
    "the elephant in the room",
    "out of the blue",
    "off {pos} chest",
    "the last straw",
    "at the end of the day",
    "break* the ice",
    "hit* it off",
    "beat* around the bush",
    "spill* the beans",
    "bite* the bullet",
    "cut* {obj} some slack",
    "call* it a day",
    "on cloud nine",
    "in hot water",
    "through thick and thin",
    "a piece of cake",
    "pull* {pos} leg",
    "see* eye to eye",
    "get* cold feet",
    "wear* {pos} heart on {pos} sleeve",
    "keep* {pos} chin up",
    "water under the bridge",
    "sweep* {any} under the rug",
    "touch* base",
    "on the fence",
    "down in the dumps",
    "get* on {pos} nerves",
    "the cold shoulder",
    "feel* blue",
    "hang* in there",
    "tie* the knot",
    "go* the extra mile",
    "read* between the lines",
    "on the same wavelength",
)

#: Words and phrases that assume touch (checked in depth-3 prompts). A ``*`` ends a word stem.
TOUCH_WORDS: tuple[str, ...] = (
    "hug*",
    "cuddl*",
    "kiss*",
    "snuggl*",
    "embrac*",
    "caress*",
    "massag*",
    "shoulder rub",
    "hold you",
    "hold me",
    "hold hands",
    "holding hands",
    "hold {pos} hand",
    "hold each other",
    "held you",
    "held me",
    "touch you",
    "touch me",
    "touch {pos}",
    "touching",
    "in {pos} arms",
)

#: Phrases that offer touch as a choice, so that a depth-3 prompt may mention it.
TOUCH_OFFERS: tuple[str, ...] = (
    "if you'd like",
    "if you would like",
    "would you like",
    "if you want",
    "do you want",
    "if both of you want",
    "if you both want",
    "if both want",
    "if it feels right",
    "if that feels okay",
    "if you're comfortable",
    "if you are comfortable",
    "only if",
)

_POSSESSIVE = r"(?:my|your|our|their|his|her|each other's|one's)"
_OBJECT = r"(?:me|you|us|them|him|her|it|someone)"
# Verb forms the simple rules below get wrong.
_IRREGULAR: dict[str, tuple[str, ...]] = {
    "get": ("get", "gets", "got", "gotten", "getting"),
    "go": ("go", "goes", "went", "gone", "going"),
    "set": ("set", "sets", "setting"),
    "let": ("let", "lets", "letting"),
    "hit": ("hit", "hits", "hitting"),
    "cut": ("cut", "cuts", "cutting"),
    "put": ("put", "puts", "putting"),
    "blow": ("blow", "blows", "blew", "blown", "blowing"),
    "break": ("break", "breaks", "broke", "broken", "breaking"),
    "beat": ("beat", "beats", "beaten", "beating"),
    "bite": ("bite", "bites", "bit", "bitten", "biting"),
    "keep": ("keep", "keeps", "kept", "keeping"),
    "see": ("see", "sees", "saw", "seen", "seeing"),
    "wear": ("wear", "wears", "wore", "worn", "wearing"),
    "sweep": ("sweep", "sweeps", "swept", "sweeping"),
    "feel": ("feel", "feels", "felt", "feeling"),
    "hang": ("hang", "hangs", "hung", "hanging"),
    "read": ("read", "reads", "reading"),
    "spill": ("spill", "spills", "spilled", "spilt", "spilling"),
    "tie": ("tie", "ties", "tied", "tying"),
}


def verb_forms(verb: str) -> tuple[str, ...]:
    """A verb's base, ``-s``, ``-ed`` and ``-ing`` forms, by the regular rules or a short table.

    >>> verb_forms("clam")
    ('clam', 'clams', 'clammed', 'clamming')
    >>> verb_forms("bottle")
    ('bottle', 'bottles', 'bottled', 'bottling')
    """
    if verb in _IRREGULAR:
        return _IRREGULAR[verb]
    if verb.endswith("e"):
        return verb, verb + "s", verb + "d", verb[:-1] + "ing"
    # One vowel before one final consonant doubles it (clam, clammed); "walk" does not.
    double = len(verb) > 2 and verb[-1] not in "aeiouwxy" and verb[-2] in "aeiou"
    double = double and verb[-3] not in "aeiou"
    stem = verb + verb[-1] if double else verb
    return verb, verb + "s", stem + "ed", stem + "ing"


def _phrase(template: str) -> str:
    """The regular expression for one idiom or touch phrase (see :data:`IDIOMS`)."""
    pattern = ""
    for word in template.split():
        if word == "{any}":
            pattern += r"(?:\s+[\w']+)?"
            continue
        if word == "{pos}":
            part = _POSSESSIVE
        elif word == "{obj}":
            part = _OBJECT
        elif word.endswith("*"):
            part = f"(?:{'|'.join(verb_forms(word[:-1]))})"
        else:
            part = re.escape(word)
        pattern += (r"\s+" if pattern else "") + part
    return pattern


@cache
def idiom_pattern() -> re.Pattern[str]:
    """One pattern matching every idiom in :data:`IDIOMS`, on word boundaries, any case."""
    return re.compile(
        r"\b(?:" + "|".join(_phrase(idiom) for idiom in IDIOMS) + r")\b", re.IGNORECASE
    )


@cache
def touch_pattern() -> re.Pattern[str]:
    """One pattern matching every entry of :data:`TOUCH_WORDS` (a ``*`` ends a stem)."""
    alternatives = []
    for entry in TOUCH_WORDS:
        if " " not in entry and entry.endswith("*"):
            alternatives.append(re.escape(entry[:-1]) + r"\w*")
        else:
            alternatives.append(_phrase(entry))
    return re.compile(r"\b(?:" + "|".join(alternatives) + r")\b", re.IGNORECASE)


@cache
def offer_pattern() -> re.Pattern[str]:
    """One pattern matching every offer in :data:`TOUCH_OFFERS` (straight or curly quotes)."""
    phrases = (re.escape(offer).replace("'", "['\u2019]") for offer in TOUCH_OFFERS)
    return re.compile(r"\b(?:" + "|".join(phrases) + r")\b", re.IGNORECASE)


def _forms(word: str) -> tuple[str, ...]:
    if word.endswith(("ed", "ing", "er", "st", "nt", "ong")) and word not in ("center", "fiber"):
        return (word, word + "s") if word.endswith("er") else (word,)
    if word.endswith("e"):
        return word, word + "s", word + "d", word[:-1] + "ing"
    return word, word + "s", word + "ed", word + "ing"


@cache
def spelling_table(variant: str) -> dict[str, str]:
    """Each word form wrong in ``variant`` (``"us"`` or ``"uk"``), with its replacement.

    >>> spelling_table("us")["colours"], spelling_table("uk")["realized"]
    ('colors', 'realised')
    """
    table: dict[str, str] = {}
    for us, uk, checked in SPELLING_VARIANTS:
        if checked not in ("both", variant):
            continue
        wrong, right = (uk, us) if variant == "us" else (us, uk)
        for bad, good in zip(_forms(wrong), _forms(right), strict=False):
            table.setdefault(bad, good)
    return table
