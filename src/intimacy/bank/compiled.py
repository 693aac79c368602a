"""The bundled packs compiled for selection: columns read on first use, models built on demand.

The bundled files hold about 1,100 items. Building each as a validated model costs tens of
milliseconds, more than a program that shows one prompt should pay, so the bank of bundled packs
does not: each file is parsed once (on first use) and its items become columns of what selection
reads (id, practice, moods, minutes, depth, tags, topics, language), sorted by id, next to each
item's plain data. The bank selects on the columns and builds a model only for an item it hands
out, then keeps it; the command line prints a lightweight view of the same data instead
(:mod:`intimacy.model.views`). Packs, translation packs and references are built when first
asked for.

One way of reading the data with two consumers, not a second loader: the files are the ones the
strict loader accepts (the tests load each through it), the models are built by their own
constructors from the same plain data the trusted loader hands them
(:func:`intimacy.packs.files.pack_from_trusted_data`), and the tests check that the compiled
bank equals a bank built from those packs, item for item, in every language.
"""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING, Any, cast

from intimacy.bank.bank import Bank, _Index, _name_taken
from intimacy.bank.select import Columns

if TYPE_CHECKING:
    from collections.abc import Mapping, Sequence

    from intimacy.model.models import Exercise, Pack, Prompt, Reference
    from intimacy.model.translations import Translation
    from intimacy.model.views import ExerciseView, PromptView, ReferenceView

__all__ = ["Bundled", "build_item", "bundled"]

#: The plain data of one item (or one file), as :func:`json.loads` gives it.
_Data = dict[str, Any]
# A translated item's words: the language tag they are in, the kind of item, and the words.
_Words = tuple[str, str, _Data]
_KEYS = {"prompt": "prompts", "exercise": "exercises"}


@functools.cache
def bundled() -> Bundled:
    """The packs shipped in ``intimacy/data``, every ``.json`` file read once, on first use."""
    import json  # noqa: PLC0415 - only when the data is first needed

    from intimacy.model.resources import data_names, read_data  # noqa: PLC0415

    files = []
    for name in data_names():
        text = read_data(name) if name.endswith(".json") else None
        if text is not None:
            files.append((name, json.loads(text)))
    return Bundled(files)


def build_item(kind: str, data: Mapping[str, Any]) -> Prompt | Exercise:
    """The model of one item from its trusted plain data (with its ``language`` filled in).

    The same construction :func:`~intimacy.packs.files.pack_from_trusted_data` gives each item of
    a pack: the model's own constructor converts and checks every value.
    """
    from intimacy.model.models import Exercise, Prompt, Step, Variation  # noqa: PLC0415

    if kind == "prompt":
        return Prompt(**data)
    return Exercise(
        **{
            **data,
            "steps": [Step(**step) for step in data["steps"]],
            "variations": [Variation(**v) for v in data.get("variations", ())],
        }
    )


def _fits(kind: str, item: Mapping[str, Any], words: _Words) -> bool:
    """Whether ``words`` can show ``item``, as :func:`~intimacy.model.translations.matches` says.

    The same kind, as many follow-ups or steps, the same variation names, and a safety note
    exactly where the source has one.
    """
    if words[1] != kind:
        return False
    said = words[2]
    if kind == "prompt":
        return len(said.get("follow_ups", ())) == len(item.get("follow_ups", ()))
    return (
        len(said["steps"]) == len(item["steps"])
        and [v["name"] for v in said.get("variations", ())]
        == [v["name"] for v in item.get("variations", ())]
        and (said.get("safety") is None) == (item.get("safety") is None)
    )


def _shown(kind: str, item: Mapping[str, Any], words: _Words) -> _Data:
    """``item`` shown with translated ``words``, as :func:`apply_translation` shows a model."""
    tag, _, said = words
    if kind == "prompt":
        return {
            **item,
            "text": said["text"],
            "follow_ups": said.get("follow_ups", ()),
            "language": tag,
        }
    return {
        **item,
        "title": said["title"],
        "summary": said["summary"],
        "steps": [
            {**step, "text": text} for step, text in zip(item["steps"], said["steps"], strict=True)
        ],
        "why": said["why"],
        "variations": said.get("variations", ()),
        "safety": said.get("safety"),
        "language": tag,
    }


class _Kind:
    """The prompts (or the exercises) of the packs, sorted by id: columns, data, source models."""

    def __init__(self, kind: str, packs: Sequence[Mapping[str, Any]]) -> None:
        self.kind = kind
        rows: list[tuple[_Data, str]] = []
        for data in packs:
            language = data["pack"].get("language", "en")
            rows.extend((item, language) for item in data.get(_KEYS[kind], ()))
        rows.sort(key=lambda row: row[0]["id"])
        self.items = [item for item, _ in rows]
        items = self.items
        # An item's own "language" key wins over its pack's, as in the loader.
        languages = tuple(item.get("language", language) for item, language in rows)
        self.columns = Columns(
            ids=tuple(item["id"] for item in items),
            practices=tuple(item["practice"] for item in items),
            moods=tuple(frozenset(item["moods"]) for item in items),
            minutes=tuple(item["minutes"] for item in items),
            depths=tuple(item["depth"] for item in items),
            tags=tuple(frozenset(item.get("tags", ())) for item in items),
            topics=tuple(frozenset(item.get("topics", ())) for item in items),
            languages=languages,
        )
        self.where = dict(zip(self.columns.ids, range(len(items)), strict=True))
        self._models: list[Prompt | Exercise | None] = [None] * len(items)
        self._source: _Index[Any] | None = None

    def data(self, position: int) -> _Data:
        """The plain data of the item at ``position``, as its pack wrote it."""
        return {"language": self.columns.languages[position], **self.items[position]}

    def model(self, position: int) -> Prompt | Exercise:
        """The model of the item at ``position`` as its pack wrote it, built once."""
        found = self._models[position]
        if found is None:
            found = build_item(self.kind, self.data(position))
            self._models[position] = found
        return found

    def view(self, position: int) -> PromptView | ExerciseView:
        """The view of the item at ``position`` as its pack wrote it."""
        from intimacy.model.views import view_of  # noqa: PLC0415

        return view_of(self.kind, self.data(position))

    def index(self, words: Mapping[str, _Words]) -> _Index[Any]:
        """An index of these items, shown with ``words`` where they fit the item."""
        shown = {
            position: found
            for position, item in enumerate(self.items)
            if (found := words.get(item["id"])) is not None and _fits(self.kind, item, found)
        }
        if not shown:  # shown as written: one index serves every such bank
            if self._source is None:
                self._source = _Index.compiled(self.columns, self.model, self.view)
            return self._source
        languages = list(self.columns.languages)
        for position, found in shown.items():
            languages[position] = found[0]

        def data(position: int) -> _Data:
            found = shown.get(position)
            item = self.data(position)
            return item if found is None else _shown(self.kind, item, found)

        def build(position: int) -> Prompt | Exercise:
            if position not in shown:
                return self.model(position)  # the same model every bank shows as written
            return build_item(self.kind, data(position))

        def view(position: int) -> PromptView | ExerciseView:
            from intimacy.model.views import view_of  # noqa: PLC0415

            return view_of(self.kind, data(position))

        columns = self.columns._replace(languages=tuple(languages))
        return _Index.compiled(columns, build, view)


class Bundled:
    """Pack files' plain data compiled for selection, and the banks shown from it.

    ``files`` are ``(file name, parsed data)`` pairs, in the order the bank adds them (the
    bundled files sorted by name). A file whose ``[pack]`` table has ``translates`` is a
    translation pack.

    Raises:
        PackError: two files hold packs of the same name.
    """

    def __init__(self, files: Sequence[tuple[str, Mapping[str, Any]]]) -> None:
        self.files = tuple(files)
        self._sources: dict[str, str] = {}
        for _, data in self.files:
            name = data["pack"]["name"]
            if name in self._sources:
                from intimacy.model.errors import PackError  # noqa: PLC0415 - failures only

                raise PackError([_name_taken(name, "bundled", "bundled")])
            self._sources[name] = "bundled"
        self._packs = [data for _, data in self.files if "translates" not in data["pack"]]
        self._translations = [data for _, data in self.files if "translates" in data["pack"]]
        self._prompts = _Kind("prompt", self._packs)
        self._exercises = _Kind("exercise", self._packs)
        self._retired = {
            old: new for data in self._packs for old, new in sorted(data.get("retired", {}).items())
        }
        self._tags = frozenset(data["pack"].get("language", "en").lower() for _, data in self.files)
        self._banks: dict[str | None, Bank] = {}
        self._built_packs: tuple[Pack, ...] | None = None
        self._built_translations: tuple[Translation, ...] | None = None
        self._references: tuple[tuple[Reference, ...], ...] | None = None

    def sources(self) -> dict[str, str]:
        """Each pack's file inside the package, by pack name: ``intimacy/data/core.json``."""
        return {data["pack"]["name"]: f"intimacy/data/{name}" for name, data in self.files}

    def bank(self, language: str | None) -> Bank:
        """The bank of these packs shown in ``language`` (a tag in its usual form), made once."""
        found = self._banks.get(language)
        if found is None:
            words = self._words(language)
            found = Bank._compiled(
                self,
                prompts=self._prompts.index(words),
                exercises=self._exercises.index(words),
                sources=self._sources,
                retired=self._retired,
                tags=self._tags,
                translation_names=tuple(data["pack"]["name"] for data in self._translations),
                language=language,
            )
            found = self._banks.setdefault(language, found)
        return found

    def _words(self, language: str | None) -> dict[str, _Words]:
        """For each item id, the translated words to show it with in ``language``.

        As :func:`~intimacy.model.translations.translator` chooses them: along the language's
        fallback chain, the most specific translation winning.
        """
        if language is None or not self._translations:
            return {}
        from intimacy.model.languages import fallback_chain  # noqa: PLC0415

        by_tag: dict[str, list[Mapping[str, Any]]] = {}
        for data in self._translations:
            by_tag.setdefault(data["pack"]["language"].lower(), []).append(data)
        chosen: dict[str, _Words] = {}
        for tag in reversed(fallback_chain(language)):  # the most specific is written last
            for data in by_tag.get(tag, ()):
                shown_in = data["pack"]["language"]
                for kind, key in _KEYS.items():
                    for said in data.get(key, ()):
                        chosen[said["id"]] = (shown_in, kind, said)
        return chosen

    def packs(self) -> tuple[Pack, ...]:
        """The packs, as their authors wrote them (each item the model the banks hand out)."""
        if self._built_packs is None:
            from intimacy.model.models import Pack  # noqa: PLC0415

            references = self._reference_models()
            built = []
            for number, data in enumerate(self._packs):
                fields: dict[str, Any] = dict(data["pack"])
                for kind, items in (("prompt", self._prompts), ("exercise", self._exercises)):
                    if _KEYS[kind] in data:
                        fields[_KEYS[kind]] = [
                            items.model(items.where[item["id"]]) for item in data[_KEYS[kind]]
                        ]
                if "references" in data:
                    fields["references"] = references[number]
                if "retired" in data:
                    fields["retired"] = data["retired"]
                built.append(Pack(**fields))
            self._built_packs = tuple(built)
        return self._built_packs

    def translations(self) -> tuple[Translation, ...]:
        """The translation packs, built by the trusted loader when first asked for."""
        if self._built_translations is None:
            from intimacy.packs.files import pack_from_trusted_data  # noqa: PLC0415

            self._built_translations = tuple(
                cast("Translation", pack_from_trusted_data(dict(data)))
                for data in self._translations
            )
        return self._built_translations

    def _reference_models(self) -> tuple[tuple[Reference, ...], ...]:
        if self._references is None:
            from intimacy.model.models import Reference  # noqa: PLC0415

            self._references = tuple(
                tuple(Reference(**ref) for ref in data.get("references", ()))
                for data in self._packs
            )
        return self._references

    def references(self) -> dict[str, Reference]:
        """Every pack's research references by key (a later pack wins), without the packs."""
        return {ref.key: ref for refs in self._reference_models() for ref in refs}

    def reference_views(self) -> dict[str, ReferenceView]:
        """The references as :meth:`references` gives them, as lightweight views."""
        from intimacy.model.views import ReferenceView  # noqa: PLC0415

        return {
            ref["key"]: ReferenceView(ref)
            for data in self._packs
            for ref in data.get("references", ())
        }
