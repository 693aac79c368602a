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
(:func:`intimacy.packs.codec.pack_from_trusted_data`), and the tests check that the compiled
bank equals a bank built from those packs, item for item, in every language.
"""

from __future__ import annotations

import functools

from intimacy.bank.bank import Bank, _name_taken
from intimacy.bank.index import _ATTRIBUTES, _Index
from intimacy.bank.select import Columns
from intimacy.model.hints import cast

TYPE_CHECKING = False  # not typing's: the command line's fast path does without typing
if TYPE_CHECKING:
    import json
    from collections.abc import Callable, Mapping, Sequence
    from typing import Any, TypeAlias

    from intimacy.model.models import Exercise, Pack, Prompt, Reference
    from intimacy.model.translations import Translation
    from intimacy.model.views import ExerciseView, PromptView, ReferenceView

__all__ = ["Bundled", "build_item", "bundled"]

if TYPE_CHECKING:
    #: The plain data of one item (or one file), as :func:`json.loads` gives it.
    _Data: TypeAlias = dict[str, Any]
    #: A translated item's words: the language tag they are in, the kind of item, the words.
    _Words: TypeAlias = tuple[str, str, _Data]
_KEYS = {"prompt": "prompts", "exercise": "exercises"}


@functools.cache
def bundled() -> Bundled:
    """The packs shipped in ``intimacy/data``: every ``.json`` file, read once, on first use."""
    from intimacy.model.resources import data_names, read_data  # noqa: PLC0415

    files = []
    for name in data_names():
        start = read_data(name, size=_HEADER_BYTES) if name.endswith(".json") else None
        if start is not None:
            files.append(_File(name, start, functools.partial(_read_all, name)))
    return Bundled(files)


def _read_all(name: str) -> bytes:
    """The whole of the bundled file ``name``."""
    from intimacy.model.resources import read_data  # noqa: PLC0415

    found = read_data(name)
    if found is None:  # it was there when the bank was compiled
        raise FileNotFoundError(f"intimacy/data/{name} is gone")
    return found


class _File:
    """A pack file's JSON object, its members parsed one at a time, as far as one is asked for.

    The ``pack`` table comes first in a file and tells a pack from a translation, so a bank in
    English never reads a translation beyond it (nor decodes the rest of its text), and a
    prompt never waits for the exercises that follow the prompts. Each member is parsed by
    :mod:`json`'s own decoder. Anything but an object of distinct keys (a key given twice, a
    syntax error) is read whole by :func:`json.loads` from there on, as the strict loader reads
    it: the same value, or the same error. (A member read before its twin was seen keeps the
    first value, where json.loads keeps the last: the tests check no bundled file repeats one.)
    """

    __slots__ = ("_at", "_found", "_raw", "_read", "_text", "name")

    def __init__(
        self,
        name: str,
        content: bytes | Mapping[str, Any],
        read: Callable[[], bytes] | None = None,
    ) -> None:
        """A file of ``content``: its bytes, or its data already parsed.

        With ``read``, ``content`` is only the start of the file's bytes, and ``read`` reads
        them all when more is needed than the pack table.
        """
        self.name = name
        self._found: dict[str, Any] = {}
        self._raw: bytes | None = None  # the file (or its start), until its text is decoded
        self._read = read
        self._text: str | None = None  # the text, while members are left to parse
        self._at = 0  # where the next member starts
        if isinstance(content, bytes):
            self._raw = content
        else:
            self._found = dict(content)

    def header(self) -> dict[str, Any]:
        """The ``pack`` table, read from the start of the file without decoding the rest."""
        if self._raw is not None and not self._found:
            import codecs  # noqa: PLC0415
            import json  # noqa: PLC0415

            # The start of the text, decoded as json.loads decodes bytes (a character cut in two
            # at the end waits in the decoder): the table fits well within it.
            decode = codecs.getincrementaldecoder(json.detect_encoding(self._raw))("surrogatepass")
            try:  # noqa: SIM105 - contextlib.suppress would cost an import on this path
                self._parse(decode.decode(self._raw[:_HEADER_BYTES]), stop="pack")
            except ValueError:
                pass  # not within the start, or not as expected: the whole text is read below
        header: dict[str, Any] = self.get("pack")
        return header

    def get(self, key: str, default: Any = None) -> Any:
        """The value of the member ``key``, parsing the members before it first."""
        if key not in self._found and (self._raw is not None or self._text is not None):
            self._parse(self._decoded(), stop=key)
        return self._found.get(key, default)

    def data(self) -> dict[str, Any]:
        """Every member: the file as :func:`json.loads` reads it."""
        if self._raw is not None or self._text is not None:
            self._parse(self._decoded(), stop=None)
        return self._found

    def _decoded(self) -> str:
        if self._raw is not None:
            import json  # noqa: PLC0415

            raw = self._raw if self._read is None else self._read()
            self._raw = None
            self._text = raw.decode(json.detect_encoding(raw), "surrogatepass")
        assert self._text is not None  # noqa: S101 - the callers check there is text left
        return self._text

    def _parse(self, text: str, *, stop: str | None) -> None:
        """Parse members of ``text`` from where the last one ended, up to ``stop`` (or all).

        ``text`` is the whole text, or its start (then a failure raises ``ValueError`` and
        nothing is kept but complete members).
        """
        whole = text is self._text
        try:
            while stop not in self._found:
                at = _skip(text, self._at)
                if not self._found and self._at == 0:  # the object's opening brace
                    if not text.startswith("{", at):
                        raise ValueError(at)
                    at = _skip(text, at + 1)
                    if text.startswith("}", at):
                        break
                elif text.startswith("}", at):
                    break
                elif text.startswith(",", at):
                    at = _skip(text, at + 1)
                else:
                    raise ValueError(at)
                key, at = _decoder().raw_decode(text, at)
                at = _skip(text, at)
                if not isinstance(key, str) or key in self._found or not text.startswith(":", at):
                    raise ValueError(at)
                value, self._at = _decoder().raw_decode(text, _skip(text, at + 1))
                self._found[key] = value
            else:
                return
        except ValueError:
            if not whole:
                raise
            self._found = _whole(text)
        self._text = None  # every member is read


def _skip(text: str, at: int) -> int:
    """The first position from ``at`` on that is not JSON whitespace."""
    while text[at : at + 1] in _WHITESPACE:
        at += 1
    return at


def _whole(text: str) -> dict[str, Any]:
    import json  # noqa: PLC0415 - only when the data is needed

    found = json.loads(text)
    if not isinstance(found, dict):
        raise TypeError(f"a pack file holds a JSON object, not {type(found).__name__}")
    return found


@functools.cache
def _decoder() -> json.JSONDecoder:
    import json  # noqa: PLC0415 - only when the data is needed

    return json.JSONDecoder()


_WHITESPACE = frozenset((" ", "\t", "\n", "\r"))  # what JSON allows between its tokens
# How much of a file's start is decoded to read its pack table, which takes a few hundred bytes.
_HEADER_BYTES = 16384


def build_item(kind: str, data: Mapping[str, Any]) -> Prompt | Exercise:
    """The model of one item from its trusted plain data (with its ``language`` filled in).

    The same construction :func:`~intimacy.packs.codec.pack_from_trusted_data` gives each item of
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

    def __init__(self, kind: str, packs: Sequence[_File]) -> None:
        self.kind = kind
        items: list[_Data] = []
        languages: list[str] = []  # each item's pack's language
        for file in packs:
            found = file.get(_KEYS[kind], ())
            items.extend(found)
            languages.extend([file.header().get("language", "en")] * len(found))
        ids = [item["id"] for item in items]
        order = sorted(range(len(ids)), key=ids.__getitem__)
        self.items = [items[p] for p in order]
        self._languages = [languages[p] for p in order]
        self.columns = Columns(tuple(ids[p] for p in order), self._column)
        self._models: list[Prompt | Exercise | None] = [None] * len(items)
        self._source: _Index[Any] | None = None

    def _column(self, name: str) -> tuple[Any, ...]:
        """One selection column, read from the items' plain data (see :class:`Columns`)."""
        items = self.items
        if name == "languages":
            return tuple(map(self.language, range(len(items))))
        key = _ATTRIBUTES[name]  # the plain data's keys are the models' attribute names
        if name in ("moods", "tags", "topics"):
            return tuple(frozenset(item.get(key, ())) for item in items)
        return tuple(item[key] for item in items)

    def language(self, position: int) -> str:
        """The language of the item at ``position``: its own, else its pack's (as the loader)."""
        found: str = self.items[position].get("language", self._languages[position])
        return found

    def where(self) -> dict[str, int]:
        """The position of each id."""
        return dict(zip(self.columns.ids, range(len(self.items)), strict=True))

    def data(self, position: int) -> _Data:
        """The plain data of the item at ``position``, as its pack wrote it (and its language)."""
        return {"language": self._languages[position], **self.items[position]}

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
        languages = [
            found[0] if (found := shown.get(p)) else self.language(p)
            for p in range(len(self.items))
        ]

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

        columns = self.columns.with_languages(tuple(languages))
        return _Index.compiled(columns, build, view)


class Bundled:
    """Pack files' plain data compiled for selection, and the banks shown from it.

    ``files`` are the files in the order the bank adds them (the bundled files sorted by name).
    A file whose ``[pack]`` table has ``translates`` is a translation pack. Everything is read
    and compiled on first use: a file's items when a bank first selects from them, a translation
    when a bank is first shown in its language.

    Raises:
        PackError: two files hold packs of the same name.
    """

    def __init__(self, files: Sequence[_File]) -> None:
        self.files = tuple(files)
        self._sources: dict[str, str] = {}
        for file in self.files:
            name = file.header()["name"]
            if name in self._sources:
                from intimacy.model.errors import PackError  # noqa: PLC0415 - failures only

                raise PackError([_name_taken(name, "bundled", "bundled")])
            self._sources[name] = "bundled"
        self._packs = [file for file in self.files if "translates" not in file.header()]
        self._translations = [file for file in self.files if "translates" in file.header()]
        self._tags = frozenset(file.header().get("language", "en").lower() for file in self.files)
        self._kinds: dict[str, _Kind] = {}
        self._words: dict[str | None, dict[str, _Words]] = {}
        self._banks: dict[str | None, Bank] = {}
        self._built_packs: tuple[Pack, ...] | None = None
        self._built_translations: tuple[Translation, ...] | None = None
        self._references: tuple[tuple[Reference, ...], ...] | None = None

    @classmethod
    def of(cls, files: Sequence[tuple[str, Mapping[str, Any]]]) -> Bundled:
        """The compiled form of files already parsed: ``(file name, data)`` pairs."""
        return cls([_File(name, data) for name, data in files])

    def sources(self) -> dict[str, str]:
        """Each pack's file inside the package, by pack name: ``intimacy/data/core.json``."""
        return {file.header()["name"]: f"intimacy/data/{file.name}" for file in self.files}

    def bank(self, language: str | None) -> Bank:
        """The bank of these packs shown in ``language`` (a tag in its usual form), made once."""
        found = self._banks.get(language)
        if found is None:
            found = Bank._compiled(
                self,
                sources=self._sources,
                tags=self._tags,
                translation_names=tuple(file.header()["name"] for file in self._translations),
                language=language,
            )
            found = self._banks.setdefault(language, found)
        return found

    def index(self, kind: str, language: str | None) -> _Index[Any]:
        """The index of the ``kind`` items shown in ``language`` (see :meth:`bank`)."""
        return self._kind(kind).index(self.words(language))

    def retired(self) -> dict[str, str]:
        """Every retired id of the packs, with the id that replaced it."""
        return {
            old: new for file in self._packs for old, new in sorted(file.get("retired", {}).items())
        }

    def words(self, language: str | None) -> dict[str, _Words]:
        """For each item id, the translated words to show it with in ``language``.

        As :func:`~intimacy.model.translations.translator` chooses them: along the language's
        fallback chain, the most specific translation winning.
        """
        found = self._words.get(language)
        if found is not None:
            return found
        chosen: dict[str, _Words] = {}
        if language is not None and self._translations:
            from intimacy.model.languages import fallback_chain  # noqa: PLC0415

            by_tag: dict[str, list[_File]] = {}
            for file in self._translations:
                by_tag.setdefault(file.header()["language"].lower(), []).append(file)
            for tag in reversed(fallback_chain(language)):  # the most specific is written last
                for file in by_tag.get(tag, ()):
                    shown_in = file.header()["language"]
                    for kind, key in _KEYS.items():
                        for said in file.get(key, ()):
                            chosen[said["id"]] = (shown_in, kind, said)
        return self._words.setdefault(language, chosen)

    def _kind(self, kind: str) -> _Kind:
        items = self._kinds.get(kind)
        if items is None:
            items = self._kinds.setdefault(kind, _Kind(kind, self._packs))
        return items

    def packs(self) -> tuple[Pack, ...]:
        """The packs, as their authors wrote them (each item the model the banks hand out)."""
        if self._built_packs is None:
            from intimacy.model.models import Pack  # noqa: PLC0415

            references = self._reference_models()
            where = {kind: self._kind(kind).where() for kind in _KEYS}
            built = []
            for number, file in enumerate(self._packs):
                fields: dict[str, Any] = dict(file.header())
                for kind, key in _KEYS.items():
                    if file.get(key) is not None:
                        items = self._kind(kind)
                        at = where[kind]
                        fields[key] = [items.model(at[item["id"]]) for item in file.get(key)]
                if file.get("references") is not None:
                    fields["references"] = references[number]
                if file.get("retired") is not None:
                    fields["retired"] = file.get("retired")
                built.append(Pack(**fields))
            self._built_packs = tuple(built)
        return self._built_packs

    def translations(self) -> tuple[Translation, ...]:
        """The translation packs, built by the trusted loader when first asked for."""
        if self._built_translations is None:
            from intimacy.packs.codec import pack_from_trusted_data  # noqa: PLC0415

            self._built_translations = tuple(
                cast("Translation", pack_from_trusted_data(dict(file.data())))
                for file in self._translations
            )
        return self._built_translations

    def _reference_models(self) -> tuple[tuple[Reference, ...], ...]:
        if self._references is None:
            from intimacy.model.models import Reference  # noqa: PLC0415

            self._references = tuple(
                tuple(Reference(**ref) for ref in file.get("references", ()))
                for file in self._packs
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
            for file in self._packs
            for ref in file.get("references", ())
        }
