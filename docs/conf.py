"""Sphinx configuration: Markdown pages (MyST) and an API reference from the docstrings.

Build with ``python -m sphinx -W --keep-going -b html docs docs/_build/html`` after
``pip install . --group docs``; CI builds it that way, with warnings as errors.
"""

from __future__ import annotations

from importlib.metadata import version as _version

project = "intimacy"
author = "The intimacy developers"
copyright = "the intimacy developers"  # noqa: A001 - the name Sphinx reads
release = _version("intimacy")
version = ".".join(release.split(".")[:2])

extensions = ["myst_parser", "sphinx.ext.autodoc", "sphinx.ext.napoleon"]
source_suffix = {".md": "markdown", ".rst": "restructuredtext"}
root_doc = "index"
exclude_patterns = ["_build"]

# Markdown: "## Exit codes" gets the anchor #exit-codes, so cli.md#exit-codes links work both here
# and on the repository's web view.
myst_heading_anchors = 3
myst_enable_extensions = ["colon_fence"]

# Docstrings are Google style ("Raises:", "Attributes:").
napoleon_google_docstring = True
napoleon_numpy_docstring = False
napoleon_use_ivar = True  # "Attributes:" as fields, not as duplicate attribute entries
autodoc_member_order = "bysource"
autodoc_typehints = "signature"
autodoc_default_options = {"members": True, "show-inheritance": True}

html_theme = "alabaster"
html_title = f"intimacy {release}"
html_theme_options = {
    "description": "Prompts and guided exercises that help couples build emotional intimacy.",
    "fixed_sidebar": True,
}

# The pack schema, served beside the pages as pack.schema.json for editors (see packs.md).
html_extra_path = ["../src/intimacy/pack.schema.json"]

# The API reference shows only public names: a private base class (the vocabulary's shared
# ``_Named``, the models' ``PlainData``) gives way to its public bases, a class is named where
# the user imports it (``intimacy.Practice``, not ``intimacy.model.vocab.Practice``), and a private
# alias is replaced by what it stands for.
_PRIVATE_ALIASES = {"_Item": "Prompt | Exercise"}
#: A module inside one of the package's folders, where the public names are defined.
_INTERNAL = r"(?:model|packs|bank|sessions|authoring|cli)\.\w+"


def _public(text: str, data_type: str | None = None) -> str:
    import re  # noqa: PLC0415

    import intimacy  # noqa: PLC0415

    def name(found: re.Match[str]) -> str:
        return f"intimacy.{found[1]}" if found[1] in intimacy.__all__ else found[0]

    text = re.sub(rf"\bintimacy\.{_INTERNAL}\.(\w+)", name, text)
    if data_type is not None:
        text = re.sub(r"\b_D\b", data_type, text)
    for alias, meaning in _PRIVATE_ALIASES.items():
        text = re.sub(rf"(?:\bintimacy\.{_INTERNAL}\.)?\b{alias}\b", meaning, text)
    return text


def _data_type(name: str) -> str | None:
    """The ``...Data`` shape of the class that ``name`` (``intimacy.Prompt.to_dict``) is in."""
    import typing  # noqa: PLC0415

    import intimacy  # noqa: PLC0415

    owner = getattr(intimacy, name.split(".")[1], None) if name.count(".") >= 2 else None
    for base in getattr(owner, "__orig_bases__", ()):
        args = typing.get_args(base)
        if args:
            arg = args[0]
            return arg if isinstance(arg, str) else getattr(arg, "__name__", None)
    return None


def _public_bases(app: object, name: str, obj: type, options: object, bases: list[type]) -> None:
    import typing  # noqa: PLC0415

    import intimacy  # noqa: PLC0415

    if typing.is_typeddict(obj):
        # Python 3.11 keeps no record of a TypedDict's parent: call each one a TypedDict.
        bases[:] = list(obj.__dict__.get("__orig_bases__", [typing.TypedDict]))
        return

    def public(base: type) -> list[type]:
        origin = typing.get_origin(base) or base
        private = getattr(origin, "__module__", "").startswith("intimacy.") and (
            origin.__name__ not in intimacy.__all__
        )
        if private or origin is typing.Generic:
            return [b for parent in origin.__bases__ for b in public(parent)]
        return [base]

    bases[:] = list(dict.fromkeys(b for base in bases for b in public(base))) or [object]


def _public_signature(  # noqa: PLR0917 - the arguments Sphinx passes
    app: object,
    what: str,
    name: str,
    obj: object,
    options: object,
    signature: str | None,
    return_annotation: str | None,
) -> tuple[str | None, str | None]:
    data_type = _data_type(name)
    return (
        None if signature is None else _public(signature, data_type),
        None if return_annotation is None else _public(return_annotation, data_type),
    )


def _public_docstring(  # noqa: PLR0917 - the arguments Sphinx passes
    app: object, what: str, name: str, obj: object, options: object, lines: list[str]
) -> None:
    lines[:] = [_public(line) for line in lines]
    if what == "property":
        # Napoleon reads a property docstring's "words: more words" as "type: description";
        # the signature shows the type already, so put the words back in their sentence.
        types = [line for line in lines if line.startswith(":type: ")]
        if len(types) == 1 and lines:
            lines.remove(types[0])
            lines[0] = f"{types[0].removeprefix(':type: ')}: {lines[0]}"
            while lines and not lines[-1].strip():
                lines.pop()


def setup(app: object) -> None:
    """Connect the handlers above."""
    app.connect("autodoc-process-bases", _public_bases)  # type: ignore[attr-defined]
    app.connect("autodoc-process-signature", _public_signature)  # type: ignore[attr-defined]
    app.connect("autodoc-process-docstring", _public_docstring)  # type: ignore[attr-defined]
