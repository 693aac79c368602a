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
