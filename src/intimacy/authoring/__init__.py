"""Tools for pack authors.

The content linter and its rules, the catalogue, the starter pack and the exports for
print.

Internal: import the public names from :mod:`intimacy`.
"""
