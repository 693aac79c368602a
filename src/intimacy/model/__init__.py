"""The models and their vocabulary.

Practices, moods, depth, roles and topics; the frozen prompts, exercises and packs; their
checks, plain-data shapes, errors and text views.

Internal: import the public names from :mod:`intimacy`.
"""
