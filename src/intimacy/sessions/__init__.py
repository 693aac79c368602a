"""Sessions built on the bank's queries.

Decks that never repeat, the prompt of the day, plans that fit the time, two partners'
moods, and the exercise runner.

Internal: import the public names from :mod:`intimacy`.
"""
