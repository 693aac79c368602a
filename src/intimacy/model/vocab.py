"""The vocabulary: practices, moods and their quadrants, depth, step roles and topic flags.

Each enum is the single source of truth for its names: the CLI choices, the docs tables and the
pack schema are all derived from these classes.
"""

from __future__ import annotations

import enum

from intimacy.model.labels import label

TYPE_CHECKING = False  # not typing's: the command line's fast path does without typing
if TYPE_CHECKING:
    from typing import Self

__all__ = ["Depth", "Energy", "Mood", "Pleasantness", "Practice", "Quadrant", "Role", "Topic"]


class _Named(enum.StrEnum):
    """An enum whose members are their lowercase slugs, parsed case-insensitively.

    Members are strings: ``Practice.EMPATHY == "empathy"``, ``str()`` and ``json.dumps`` give
    the slug, and sets of members sort by it.
    """

    @classmethod
    def _kind(cls) -> str:
        return cls.__name__.lower()

    @classmethod
    def _aliases(cls) -> dict[str, str]:
        return {}

    @classmethod
    def names(cls) -> tuple[str, ...]:
        """Every valid slug, in definition order."""
        return tuple(member.value for member in cls)

    @classmethod
    def parse(cls, value: object, *, exact: bool = False) -> Self:
        """Return the member named by ``value``: a member, or its slug in any case.

        With ``exact=True`` (as in pack files) only the slug itself is accepted: no other case,
        no aliases.

        Raises:
            UnknownNameError: ``value`` names no member; the error lists the valid names and
                the closest one.
        """
        if isinstance(value, cls):
            return value
        key = None
        if isinstance(value, str):
            key = value if exact else value.strip().lower().replace("_", "-").replace(" ", "-")
            key = key if exact else cls._aliases().get(key, key)
            member = cls._value2member_map_.get(key)
            if member is not None:
                return member  # type: ignore[return-value]
        # The errors are imported here, on the failure path only: they bring attrs with them.
        from intimacy.model.errors import UnknownNameError, closest  # noqa: PLC0415

        suggestion = None
        if key is not None:
            close = closest(key.strip().lower(), [*cls.names(), *cls._aliases()])
            suggestion = None if close is None else cls._aliases().get(close, close)
        raise UnknownNameError(cls._kind(), value, cls.names(), suggestion)

    def name_in(self, language: str | None) -> str:
        """The name as a card prints it in ``language``: the slug in English.

        >>> Mood.CALM.name_in("es")
        'calma'
        """
        return label(language, self.value)


class Practice(_Named):
    """The five practices every prompt and exercise serves one of."""

    QUALITY_TIME = "quality-time"
    ACTIVE_LISTENING = "active-listening"
    EMPATHY = "empathy"
    VULNERABILITY = "vulnerability"
    CONNECTION = "connection"

    @property
    def label(self) -> str:
        """The display name, such as ``"Quality time"``."""
        return self.value.replace("-", " ").capitalize()

    def label_in(self, language: str | None) -> str:
        """The display name in ``language``: ``"Escucha activa"`` in Spanish."""
        return label(language, self.label)

    def title_in(self, language: str | None) -> str:
        """The same as :meth:`label_in` (the name before members became strings)."""
        return self.label_in(language)


class Pleasantness(_Named):
    """How pleasant a mood feels (the horizontal axis of the mood quadrants)."""

    PLEASANT = "pleasant"
    UNPLEASANT = "unpleasant"


class Energy(_Named):
    """How much energy a mood carries (the vertical axis of the mood quadrants)."""

    HIGH = "high"
    LOW = "low"


class Quadrant(_Named):
    """The four quadrants of pleasantness x energy (Russell 1980)."""

    PLEASANT_HIGH = "pleasant-high"
    PLEASANT_LOW = "pleasant-low"
    UNPLEASANT_HIGH = "unpleasant-high"
    UNPLEASANT_LOW = "unpleasant-low"

    @property
    def pleasantness(self) -> Pleasantness:
        """The pleasantness half of the quadrant."""
        return Pleasantness.parse(self.value.split("-")[0])

    @property
    def energy(self) -> Energy:
        """The energy half of the quadrant."""
        return Energy.parse(self.value.split("-")[1])


_MOOD_QUADRANTS = {
    "playful": Quadrant.PLEASANT_HIGH,
    "celebratory": Quadrant.PLEASANT_HIGH,
    "curious": Quadrant.PLEASANT_HIGH,
    "calm": Quadrant.PLEASANT_LOW,
    "tender": Quadrant.PLEASANT_LOW,
    "reflective": Quadrant.PLEASANT_LOW,
    "stressed": Quadrant.UNPLEASANT_HIGH,
    "tense": Quadrant.UNPLEASANT_HIGH,
    "anxious": Quadrant.UNPLEASANT_HIGH,
    "tired": Quadrant.UNPLEASANT_LOW,
    "sad": Quadrant.UNPLEASANT_LOW,
    "distant": Quadrant.UNPLEASANT_LOW,
}

#: Everyday words accepted in place of a mood's own name.
MOOD_ALIASES = {
    "silly": "playful",
    "fun": "playful",
    "happy": "celebratory",
    "excited": "celebratory",
    "proud": "celebratory",
    "interested": "curious",
    "relaxed": "calm",
    "peaceful": "calm",
    "loving": "tender",
    "affectionate": "tender",
    "thoughtful": "reflective",
    "nostalgic": "reflective",
    "overwhelmed": "stressed",
    "busy": "stressed",
    "angry": "tense",
    "annoyed": "tense",
    "irritated": "tense",
    "worried": "anxious",
    "nervous": "anxious",
    "exhausted": "tired",
    "sleepy": "tired",
    "down": "sad",
    "low": "sad",
    "lonely": "distant",
    "disconnected": "distant",
}


class Mood(_Named):
    """The state a couple is in right now; each mood sits in one quadrant."""

    PLAYFUL = "playful"
    CELEBRATORY = "celebratory"
    CURIOUS = "curious"
    CALM = "calm"
    TENDER = "tender"
    REFLECTIVE = "reflective"
    STRESSED = "stressed"
    TENSE = "tense"
    ANXIOUS = "anxious"
    TIRED = "tired"
    SAD = "sad"
    DISTANT = "distant"

    @classmethod
    def _aliases(cls) -> dict[str, str]:
        return MOOD_ALIASES

    @property
    def quadrant(self) -> Quadrant:
        """The quadrant of pleasantness x energy this mood sits in."""
        return _MOOD_QUADRANTS[self.value]

    @property
    def pleasant(self) -> bool:
        """Whether the mood is a pleasant one."""
        return self.quadrant.pleasantness is Pleasantness.PLEASANT

    @property
    def energy(self) -> Energy:
        """Whether the mood carries high or low energy."""
        return self.quadrant.energy


class Role(_Named):
    """Who acts in an exercise step."""

    BOTH = "both"
    SPEAKER = "speaker"
    LISTENER = "listener"
    PARTNER_A = "partner-a"
    PARTNER_B = "partner-b"

    @property
    def label(self) -> str:
        """A short display label, such as ``"Partner A"``."""
        return self.value.replace("-", " ").capitalize().replace(" a", " A").replace(" b", " B")

    def label_in(self, language: str | None) -> str:
        """The display label in ``language``: ``"Quien habla"`` for the speaker in Spanish."""
        return label(language, self.label)


class Topic(_Named):
    """Sensitive ground an item touches, flagged so apps can leave it out."""

    SEX = "sex"
    FAMILY = "family"
    PAST_RELATIONSHIPS = "past-relationships"
    HEALTH = "health"
    GRIEF = "grief"
    MONEY = "money"
    CONFLICT = "conflict"
    CHILDREN = "children"
    FAITH = "faith"


class Depth(enum.IntEnum):
    """How much openness an item asks for: 1 light, 2 personal, 3 deep."""

    LIGHT = 1
    PERSONAL = 2
    DEEP = 3

    @classmethod
    def names(cls) -> tuple[str, ...]:
        """Every valid slug, lightest first."""
        return tuple(member.name.lower() for member in cls)

    @classmethod
    def parse(cls, value: object) -> Depth:
        """Return the depth for ``1``-``3`` or a name such as ``"deep"`` or ``"3"``.

        Raises:
            UnknownNameError: ``value`` names no depth.
        """
        if isinstance(value, cls):
            return value
        if isinstance(value, int) and not isinstance(value, bool) and 1 <= value <= 3:
            return cls(value)
        if isinstance(value, str):
            key = value.strip().lower()
            if key in {"1", "2", "3"}:
                return cls(int(key))
            for member in cls:
                if member.name.lower() == key:
                    return member
        from intimacy.model.errors import UnknownNameError, closest  # noqa: PLC0415 - failures only

        suggestion = closest(value.strip().lower(), cls.names()) if isinstance(value, str) else None
        raise UnknownNameError("depth", value, ("1", "2", "3", *cls.names()), suggestion)

    @property
    def label(self) -> str:
        """The display name: ``"light"``, ``"personal"`` or ``"deep"``."""
        return self.name.lower()

    def name_in(self, language: str | None) -> str:
        """The name as a card prints it in ``language``: ``"deep"``, ``"profunda"`` in Spanish."""
        return label(language, self.label)

    def label_in(self, language: str | None) -> str:
        """The same as :meth:`name_in`, named like the other enums' display names."""
        return self.name_in(language)

    def __str__(self) -> str:
        return self.label
