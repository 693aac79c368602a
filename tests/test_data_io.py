"""Data in and out: every model's ``to_dict()`` is plain JSON data that ``from_dict()`` reads back.

The laws: ``Model.from_dict(x.to_dict()) == x``; ``json.loads(json.dumps(x.to_dict()))`` is the
same data; the keys are the ``...Data`` TypedDict's; and bad data raises ``ValidationError``
naming each problem with its path.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any, get_type_hints

import pytest
from hypothesis import given
from hypothesis import strategies as st

import intimacy
from intimacy import (
    Exercise,
    ExerciseData,
    ExerciseTranslation,
    ExerciseTranslationData,
    IntimacyError,
    Pack,
    PackData,
    Plan,
    PlanData,
    PlanEntryData,
    Practice,
    Prompt,
    PromptData,
    PromptItemData,
    PromptTranslation,
    PromptTranslationData,
    Reference,
    ReferenceData,
    Step,
    StepData,
    Translation,
    TranslationData,
    ValidationError,
    Variation,
    VariationData,
)
from intimacy import testing as strategies
from intimacy.model.render import to_dict

if TYPE_CHECKING:
    from collections.abc import Callable

    from conftest import Result


def _translations() -> st.SearchStrategy[Translation]:
    return strategies.packs(max_items=4).map(strategies.translation_of)


MODELS: list[tuple[type[Any], st.SearchStrategy[Any], type[Any]]] = [
    (Step, strategies.steps(), StepData),
    (Variation, strategies.variations(), VariationData),
    (Reference, strategies.references(), ReferenceData),
    (Prompt, strategies.prompts(), PromptData),
    (Exercise, strategies.exercises(), ExerciseData),
    (Pack, strategies.packs(max_items=4), PackData),
    (Translation, _translations(), TranslationData),
    (
        PromptTranslation,
        _translations().filter(lambda t: bool(t.prompts)).map(lambda t: t.prompts[0]),
        PromptTranslationData,
    ),
    (
        ExerciseTranslation,
        _translations().filter(lambda t: bool(t.exercises)).map(lambda t: t.exercises[0]),
        ExerciseTranslationData,
    ),
]
IDS = [cls.__name__ for cls, _, _ in MODELS]


def _plain(value: object) -> bool:
    """Whether ``value`` holds only exact str, int, float, bool, None, list and dict."""
    if isinstance(value, list):
        return all(map(_plain, value))
    if isinstance(value, dict):
        return all(type(key) is str and _plain(item) for key, item in value.items())
    return value is None or type(value) in (str, int, float, bool)


def _plan_or_none(minutes: int, seed: int | str, moods: list[intimacy.Mood] | None) -> Plan | None:
    try:
        return intimacy.plan(minutes, seed=seed, moods=moods)
    except intimacy.NoMatchError:  # a short budget and a rare mood may leave nothing to plan
        return None


def _plans() -> st.SearchStrategy[Plan]:
    made = st.builds(
        _plan_or_none,
        st.integers(1, 120),
        seed=st.integers(0, 10**6) | st.text(max_size=8),
        moods=st.none() | st.lists(st.sampled_from(intimacy.Mood), min_size=1, max_size=2),
    )
    return made.filter(lambda plan: plan is not None)  # type: ignore[return-value]


class TestRoundTrip:
    """``from_dict(to_dict(x)) == x`` for every model, through JSON too."""

    @pytest.mark.parametrize(("cls", "strategy", "shape"), MODELS, ids=IDS)
    @given(data=st.data())
    def test_model_round_trips(
        self, cls: type[Any], strategy: st.SearchStrategy[Any], shape: type[Any], data: Any
    ) -> None:
        """The model comes back equal from its data, and from its data sent through JSON."""
        value = data.draw(strategy)
        plain = value.to_dict()
        assert json.loads(json.dumps(plain, allow_nan=False)) == plain
        assert cls.from_dict(plain) == value
        assert cls.from_dict(json.loads(json.dumps(plain))) == value

    @pytest.mark.parametrize(("cls", "strategy", "shape"), MODELS, ids=IDS)
    @given(data=st.data())
    def test_data_is_plain_and_has_its_shape(
        self, cls: type[Any], strategy: st.SearchStrategy[Any], shape: type[Any], data: Any
    ) -> None:
        """The data holds only JSON's own types, under exactly the TypedDict's keys."""
        plain = data.draw(strategy).to_dict()
        assert _plain(plain)
        assert set(plain) == set(get_type_hints(shape))

    @given(plan=_plans())
    def test_plan_round_trips(self, plan: Plan) -> None:
        """A plan comes back equal from its data, through JSON, with the keys of PlanData."""
        plain = plan.to_dict()
        assert _plain(plain)
        assert set(plain) == set(get_type_hints(PlanData))
        assert all(set(entry) == set(get_type_hints(PlanEntryData)) for entry in plain["items"])
        assert json.loads(json.dumps(plain)) == plain
        assert Plan.from_dict(json.loads(json.dumps(plain))) == plan

    def test_sets_are_sorted_lists(self) -> None:
        """Moods, topics and tags come out as sorted lists of slugs; depth as its number."""
        prompt = Prompt(
            id="t/a",
            text="What made you laugh today?",
            practice=Practice.CONNECTION,
            moods=["tired", "calm", "playful"],
            minutes=2,
            depth="personal",
            topics=["money", "faith"],
            tags=["zebra", "apple"],
        )
        data = prompt.to_dict()
        assert data["moods"] == ["calm", "playful", "tired"]
        assert data["topics"] == ["faith", "money"]
        assert data["tags"] == ["apple", "zebra"]
        assert (data["practice"], data["depth"]) == ("connection", 2)

    def test_members_are_accepted(self) -> None:
        """Data built in Python may hold vocabulary members: they are their slugs."""
        data = intimacy.random_prompt(seed=3).to_dict()
        built = {**data, "practice": Practice.parse(data["practice"]), "depth": intimacy.Depth(2)}
        prompt = Prompt.from_dict(built)
        assert prompt.practice == data["practice"]
        assert prompt.depth is intimacy.Depth.PERSONAL

    def test_missing_defaults_are_filled(self) -> None:
        """Keys with defaults may be left out, as in a pack file."""
        step = Step.from_dict({"text": "Listen.", "minutes": 3})
        assert step == Step(text="Listen.", minutes=3)


class TestItemsWithKind:
    """The CLI's ``--json``, the JSON export and plans give items with their ``kind``."""

    def test_render_to_dict_adds_kind(self, bank: intimacy.Bank) -> None:
        """``_render.to_dict`` is the model's data plus ``kind``."""
        prompt, exercise = bank.prompts()[0], bank.exercises()[0]
        as_prompt: PromptItemData = to_dict(prompt)
        assert as_prompt == {"kind": "prompt", **prompt.to_dict()}
        assert to_dict(exercise) == {"kind": "exercise", **exercise.to_dict()}

    def test_cli_json_is_to_dict(self, cli: Callable[..., Result], bank: intimacy.Bank) -> None:
        """``intimacy show ID --json`` prints the item's data with its kind."""
        exercise = bank.exercises()[0]
        result = cli("show", exercise.id, "--json")
        assert result.json() == {"kind": "exercise", **exercise.to_dict()}

    def test_json_export_is_to_dict(self, bank: intimacy.Bank) -> None:
        """The JSON export lists each item's data with its kind, which reads back."""
        items: list[Prompt | Exercise] = [*bank.prompts()[:2], bank.exercises()[0]]
        exported = json.loads(intimacy.export(items, "json"))
        assert exported == [to_dict(item) for item in items]
        models: dict[str, type[Prompt | Exercise]] = {"prompt": Prompt, "exercise": Exercise}
        read = [models[e.pop("kind")].from_dict(e) for e in exported]
        assert read == items


def _prompt_data() -> dict[str, Any]:
    return dict(intimacy.default_bank().prompts()[0].to_dict())


def _exercise_data() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(json.dumps(intimacy.default_bank().exercises()[0].to_dict()))
    return data


def _plan_data() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(json.dumps(intimacy.plan(30, seed=1).to_dict()))
    return data


def _pack_data() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(json.dumps(intimacy.default_bank().packs[0].to_dict()))
    return data


def _with(data: dict[str, Any], path: tuple[str | int, ...], value: object) -> dict[str, Any]:
    inner: Any = data
    for part in path[:-1]:
        inner = inner[part]
    if value is KeyError:
        del inner[path[-1]]
    else:
        inner[path[-1]] = value
    return data


BAD: list[tuple[str, type[Any], Callable[[], dict[str, Any]], tuple[str | int, ...], object]] = [
    ("minutes", Prompt, _prompt_data, ("minutes",), "5"),
    ("minutes", Prompt, _prompt_data, ("minutes",), 5.0),
    ("minutes", Prompt, _prompt_data, ("minutes",), True),
    ("text", Prompt, _prompt_data, ("text",), KeyError),
    ("colour", Prompt, _prompt_data, ("colour",), "red"),
    ("moods[1]", Prompt, _prompt_data, ("moods",), ["calm", "sleepy"]),
    ("moods", Prompt, _prompt_data, ("moods",), "calm"),
    ("moods", Prompt, _prompt_data, ("moods",), []),
    ("depth", Prompt, _prompt_data, ("depth",), "deep"),
    ("practice", Prompt, _prompt_data, ("practice",), "Empathy"),
    ("id", Prompt, _prompt_data, ("id",), "no-slash"),
    ("steps[0].minutes", Exercise, _exercise_data, ("steps", 0, "minutes"), "1"),
    ("steps[0].role", Exercise, _exercise_data, ("steps", 0, "role"), "narrator"),
    ("steps[0]", Exercise, _exercise_data, ("steps", 0), "Listen."),
    ("minutes", Exercise, _exercise_data, ("minutes",), 999),
    ("safety", Exercise, _exercise_data, ("safety",), 0),
    ("prompts[0].moods[0]", Pack, _pack_data, ("prompts", 0, "moods"), ["sleepy"]),
    ("retired", Pack, _pack_data, ("retired",), ["core/x"]),
    ("gentle", Plan, _plan_data, ("gentle",), "no"),
    ("seed", Plan, _plan_data, ("seed",), 1.5),
    ("rule", Plan, _plan_data, ("rule",), "neither"),
    ("items[0].item.kind", Plan, _plan_data, ("items", 0, "item", "kind"), "card"),
    ("items[0].item.minutes", Plan, _plan_data, ("items", 0, "item", "minutes"), "2"),
    ("items[1].start", Plan, _plan_data, ("items", 1, "start"), 99),
    ("items[0].end", Plan, _plan_data, ("items", 0, "end"), 99),
    ("items[1].part", Plan, _plan_data, ("items", 0, "part"), "closing"),
    ("items[0].part", Plan, _plan_data, ("items", 0, "part"), "dessert"),
    ("minutes", Plan, _plan_data, ("minutes",), 1),
]


class TestBadData:
    """Bad data raises ``ValidationError`` naming the path of each problem."""

    @pytest.mark.parametrize(
        ("path", "cls", "make", "where", "value"),
        BAD,
        ids=[f"{cls.__name__}-{path}-{value!r}" for path, cls, _, _, value in BAD],
    )
    def test_bad_value_names_its_path(
        self,
        path: str,
        cls: type[Any],
        make: Callable[[], dict[str, Any]],
        where: tuple[str | int, ...],
        value: object,
    ) -> None:
        """The error is a ValidationError (an IntimacyError and ValueError) at the path."""
        with pytest.raises(ValidationError) as info:
            cls.from_dict(_with(make(), where, value))
        assert isinstance(info.value, IntimacyError)
        assert isinstance(info.value, ValueError)
        assert path in [found for found, _ in info.value.problems], info.value.problems

    @pytest.mark.parametrize("data", [[], "prompt", None, 3])
    def test_data_that_is_not_a_table(self, data: Any) -> None:
        """Data that is not a dict is one problem, for the whole value."""
        with pytest.raises(ValidationError) as info:
            Prompt.from_dict(data)
        assert info.value.problems == (("", f"must be a table (a dict), not {_kind(data)}"),)
        assert str(info.value).startswith("must be a table")

    def test_every_problem_is_reported(self) -> None:
        """Several bad values give one error listing each of them."""
        data = _with(_with(_prompt_data(), ("minutes",), "5"), ("moods",), ["sleepy"])
        with pytest.raises(ValidationError) as info:
            Prompt.from_dict(data)
        assert {path for path, _ in info.value.problems} == {"minutes", "moods[0]"}


def _kind(data: object) -> str:
    return {list: "a list", str: "a string", type(None): "null", int: "a whole number"}[type(data)]
