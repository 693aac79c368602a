"""Pack files, read as untrusted input and written back.

The loader, the JSON Schema, where a problem is, installed plugin packs, and the files the
command line writes.

Internal: import the public names from :mod:`intimacy`.
"""
