from __future__ import annotations

import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from intimacy import (
    Depth,
    Energy,
    IntimacyError,
    Mood,
    Pleasantness,
    Practice,
    Quadrant,
    Role,
    Topic,
    UnknownNameError,
)
from intimacy.model.vocab import MOOD_ALIASES

ENUMS = [Practice, Mood, Role, Topic, Quadrant, Pleasantness, Energy]


class TestParse:
    @pytest.mark.parametrize("enum", ENUMS)
    def test_every_slug_parses_in_any_case(self, enum: type[Practice]) -> None:
        """Each member is found by its slug, upper-cased, padded or with underscores."""
        for member in enum:
            assert enum.parse(member.value) is member
            assert enum.parse(f" {member.value.upper()} ") is member
            assert enum.parse(member.value.replace("-", "_")) is member
            assert enum.parse(member) is member

    def test_unknown_name_lists_choices_and_closest(self) -> None:
        """An unknown mood raises an IntimacyError and ValueError naming the closest mood."""
        with pytest.raises(UnknownNameError) as info:
            Mood.parse("tird")
        error = info.value
        assert isinstance(error, IntimacyError)
        assert isinstance(error, ValueError)
        assert error.suggestion == "tired"
        assert error.choices == Mood.names()
        assert "'tird' is not a mood" in str(error)
        assert "did you mean 'tired'?" in str(error)

    def test_unknown_name_without_close_match(self) -> None:
        """A name far from every choice still lists the choices, with no suggestion."""
        with pytest.raises(UnknownNameError) as info:
            Practice.parse("xyzzy")
        assert info.value.suggestion is None
        assert "quality-time" in str(info.value)

    def test_non_string_is_unknown(self) -> None:
        """A value of the wrong type is reported, not crashed on."""
        with pytest.raises(UnknownNameError):
            Topic.parse(3)

    @pytest.mark.parametrize(
        ("alias", "mood"), [("angry", Mood.TENSE), ("Sleepy", Mood.TIRED), ("lonely", Mood.DISTANT)]
    )
    def test_aliases(self, alias: str, mood: Mood) -> None:
        """Everyday words map to the moods they mean."""
        assert Mood.parse(alias) is mood

    def test_exact_rejects_aliases_and_case(self) -> None:
        """Pack files must use the mood's own name; the error suggests it."""
        with pytest.raises(UnknownNameError) as info:
            Mood.parse("sleepy", exact=True)
        assert info.value.suggestion == "tired"
        with pytest.raises(UnknownNameError):
            Mood.parse("Calm", exact=True)
        assert Mood.parse("calm", exact=True) is Mood.CALM

    @given(st.text(max_size=20))
    def test_parse_only_raises_unknown_name(self, text: str) -> None:
        """Any text either names a mood or raises UnknownNameError, never anything else."""
        key = text.strip().lower().replace("_", "-").replace(" ", "-")
        if key in Mood.names() or key in MOOD_ALIASES:
            assert isinstance(Mood.parse(text), Mood)
        else:
            with pytest.raises(UnknownNameError) as info:
                Mood.parse(text)
            assert info.value.value == text


class TestMood:
    def test_quadrants_cover_three_moods_each(self) -> None:
        """The twelve moods sit three to a quadrant (Russell's pleasantness x energy)."""
        counts = {q: sum(m.quadrant is q for m in Mood) for q in Quadrant}
        assert counts == dict.fromkeys(Quadrant, 3)

    def test_axes(self) -> None:
        """Each mood knows whether it is pleasant and its energy."""
        assert Mood.PLAYFUL.pleasant
        assert Mood.PLAYFUL.energy is Energy.HIGH
        assert not Mood.TIRED.pleasant
        assert Mood.TIRED.energy is Energy.LOW
        assert Quadrant.UNPLEASANT_HIGH.pleasantness is Pleasantness.UNPLEASANT


class TestDepth:
    @pytest.mark.parametrize(
        ("value", "depth"),
        [(1, Depth.LIGHT), ("2", Depth.PERSONAL), ("deep", Depth.DEEP), (3, Depth.DEEP)],
    )
    def test_parse(self, value: object, depth: Depth) -> None:
        """A depth is a number 1-3, its digit, or its name."""
        assert Depth.parse(value) is depth

    @pytest.mark.parametrize("value", [0, 4, True, "shallow", 2.0, None])
    def test_parse_rejects(self, value: object) -> None:
        """Anything else is an unknown depth."""
        with pytest.raises(UnknownNameError):
            Depth.parse(value)

    def test_suggestion(self) -> None:
        """A misspelt depth name gets a suggestion."""
        with pytest.raises(UnknownNameError) as info:
            Depth.parse("dep")
        assert info.value.suggestion == "deep"

    def test_str_and_ordering(self) -> None:
        """Depths print as names and compare as numbers."""
        assert str(Depth.DEEP) == "deep"
        assert Depth.LIGHT < Depth.DEEP


def test_labels_and_titles() -> None:
    """Display names read well."""
    assert Role.PARTNER_B.label == "Partner B"
    assert Role.LISTENER.label == "Listener"
    assert Practice.QUALITY_TIME.label == "Quality time"
    assert [depth.label for depth in Depth] == ["light", "personal", "deep"]
    assert str(Practice.EMPATHY) == "empathy"


class TestStrings:
    """The vocabulary behaves like its slugs (and Depth like its number)."""

    @pytest.mark.parametrize("enum", ENUMS)
    def test_members_are_their_slugs(self, enum: type[Practice]) -> None:
        """Each member equals its slug, prints as it, formats as it and is a ``str``."""
        for member in enum:
            assert member == member.value
            assert isinstance(member, str)
            assert str(member) == f"{member}" == member.value
            assert json.dumps(member) == json.dumps(member.value)
            assert hash(member) == hash(member.value)

    @pytest.mark.parametrize("enum", ENUMS)
    def test_names_are_plain_strings(self, enum: type[Practice]) -> None:
        """``names()`` gives plain ``str`` slugs, in definition order."""
        assert [type(name) for name in enum.names()] == [str] * len(enum)
        assert list(enum.names()) == [member.value for member in enum]

    @given(st.sets(st.sampled_from(Mood)))
    def test_sets_sort_by_slug(self, moods: set[Mood]) -> None:
        """A set of members sorts, in the order of their slugs."""
        assert [str(mood) for mood in sorted(moods)] == sorted(str(mood) for mood in moods)

    def test_a_member_of_another_enum_is_not_taken(self) -> None:
        """Parsing ``Mood.CALM`` as a practice fails, though it is a string."""
        with pytest.raises(UnknownNameError):
            Practice.parse(Mood.CALM)

    def test_depth_is_its_number(self) -> None:
        """Depth compares and serialises as 1 to 3, and prints as its label."""
        number: int = Depth.DEEP
        assert number == 3
        assert json.dumps([Depth.LIGHT, Depth.DEEP]) == "[1, 3]"
        assert str(Depth.PERSONAL) == Depth.PERSONAL.label == "personal"
        assert Depth.DEEP.label_in("es") == Depth.DEEP.name_in("es") == "profunda"


def test_names_in_spanish() -> None:
    """Each vocabulary name has its Spanish display name; English keeps the card's names."""
    assert [p.name_in("es") for p in Practice] == [
        "tiempo de calidad",
        "escucha activa",
        "empatía",
        "vulnerabilidad",
        "conexión",
    ]
    assert Practice.ACTIVE_LISTENING.label_in("es-MX") == "Escucha activa"
    assert Practice.ACTIVE_LISTENING.title_in("es") == "Escucha activa"
    assert [d.name_in("es") for d in Depth] == ["ligera", "personal", "profunda"]
    assert [r.label_in("es") for r in Role] == [
        "Las dos personas",
        "Quien habla",
        "Quien escucha",
        "Persona A",
        "Persona B",
    ]
    assert Mood.TIRED.name_in("es") == "cansancio"
    assert Topic.PAST_RELATIONSHIPS.name_in("es") == "relaciones pasadas"
    assert Practice.QUALITY_TIME.name_in("en") == "quality-time"
    assert Practice.QUALITY_TIME.label_in(None) == "Quality time"
    assert Role.PARTNER_A.label_in("en") == "Partner A"
    assert Depth.DEEP.name_in("en") == "deep"


def test_every_name_is_translated() -> None:
    """No Spanish display name is left as its English one, except the words both share."""
    same = {"personal"}  # "personal" is Spanish too
    names = [
        *((m.value, m.name_in("es")) for e in (Practice, Mood, Topic) for m in e),
        *((d.name.lower(), d.name_in("es")) for d in Depth),
        *((r.label, r.label_in("es")) for r in Role),
    ]
    assert [english for english, spanish in names if english == spanish] == sorted(same)
