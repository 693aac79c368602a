"""The bank and its queries.

Packs indexed for queries, seeded selection, and the default bank of bundled packs with
its one-line shortcuts.

Internal: import the public names from :mod:`intimacy`.
"""
