"""The commented starter pack that ``intimacy new-pack NAME`` writes."""

from __future__ import annotations

import re

from intimacy.model.errors import ValidationError
from intimacy.model.models import MAX_NAME, NAME_PATTERN

__all__ = ["starter_pack"]

_TEMPLATE = """\
# A pack of prompts and exercises for the intimacy library.
# Check it with `intimacy validate {name}.toml` and `intimacy lint {name}.toml`,
# and try it with `intimacy random --pack {name}.toml --tag starter`.
# The format is described in the pack authoring guide (docs/packs.md).

[pack]
name = "{name}"              # starts every id below: "{name}/..."
version = "0.1.0"            # your pack's own version
title = "{title}"
description = "What this pack is for, and who it is for."
language = "en"              # a language tag: en, es, pt-BR ...
authors = ["Your Name"]
license = "CC-BY-4.0"        # an SPDX license id
schema_version = 1           # the pack format version

# A prompt is one line, read aloud by one partner to the other.
[[prompts]]
id = "{name}/favourite-small-ritual"
text = "Which small thing we do together would you miss most if it stopped?"
practice = "connection"      # quality-time, active-listening, empathy, vulnerability, connection
moods = ["calm", "tender"]   # the moods it suits (intimacy list moods)
minutes = 5                  # how long a good answer and chat take
depth = 1                    # 1 light, 2 personal, 3 deep
topics = []                  # sensitive-topic flags (intimacy list topics)
tags = ["starter"]
follow_ups = ["How could we make more room for it?"]

# An exercise is a guided activity: its minutes are the sum of its steps' minutes.
[[exercises]]
id = "{name}/two-good-things"
title = "Two good things"
summary = "Each of you names two good moments from the week, and the other listens."
practice = "connection"
minutes = 7
depth = 1
moods = ["calm", "reflective"]
tags = ["starter"]
why = "Noticing good moments out loud helps you both remember them. Being heard adds warmth."
research = ["algoe2012"]     # keys from `intimacy show` citations or your [[references]]

[[exercises.steps]]
role = "partner-a"           # both, speaker, listener, partner-a, partner-b
minutes = 3
text = "Partner A names two good moments from the week. Partner B just listens."

[[exercises.steps]]
role = "partner-b"
minutes = 3
text = "Swap: Partner B names two good moments. Partner A just listens."

[[exercises.steps]]
role = "both"
minutes = 1
text = "Thank each other for one thing you heard."

[[exercises.variations]]
name = "short"
text = "One good moment each, one minute each."

[[exercises.variations]]
name = "long-distance"
text = "Do it on a call, or send two short voice notes each."
"""


def starter_pack(name: str) -> str:
    """The text of a commented starter pack called ``name``; it validates and lints clean.

    Raises:
        ValidationError: ``name`` is not a valid pack name.
    """
    if not re.fullmatch(NAME_PATTERN, name) or len(name) > MAX_NAME:
        reason = (
            f"{name!r} is not a pack name: use lowercase letters, digits and single "
            "hyphens, such as 'our-pack'"
        )
        raise ValidationError([("name", reason)])
    title = name.replace("-", " ").capitalize()
    return _TEMPLATE.format(name=name, title=title)
