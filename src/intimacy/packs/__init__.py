"""Pack files, read as untrusted input and written back.

Parsing pack text, the models built from it (and the text written back), reading files from
disk, the JSON Schema, where a problem is, installed plugin packs, and the files the command
line writes.

Internal: import the public names from :mod:`intimacy`.
"""
