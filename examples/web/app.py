"""A small web service over intimacy: a prompt for given filters, and a couple's prompt of the day.

Run it (Flask 3):

    pip install intimacy flask
    flask --app examples/web/app.py run

Then:

    GET /prompt?practice=empathy&mood=tired&max_minutes=5&seed=42
        -> 200 {"id": "core/...", "text": "...", "practice": "empathy", ...}
        -> 404 {"error": "no prompt matches ..."} when nothing matches
        -> 400 {"error": "'sleepyy' is not a mood (did you mean 'sleepy'?) ..."} on a bad filter
           (or a seed of more than 4,300 digits)
    GET /daily?key=our-pairing-code&date=2026-11-26
        -> the couple's prompt of the day: the same for the same key and date on every device

``practice``, ``mood``, ``depth`` and ``exclude_topics`` may be repeated
(``?mood=tired&mood=sad`` means either mood). The bank is built once, at start-up, and shared by
every request: a ``Bank`` never changes, so this is safe with threads.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from flask import Flask, Response, jsonify, request

import intimacy

#: Query parameters that take a list of values, as the library's filters of the same name.
LIST_FILTERS = ("practice", "mood", "depth", "exclude_topics")
#: Query parameters that take one whole number.
INT_FILTERS = ("min_minutes", "max_minutes")
#: A whole number as a seed or a filter: ASCII digits, maybe a minus sign.
WHOLE_NUMBER = re.compile(r"-?[0-9]+")
#: The most digits of an int seed (the library's limit: ``intimacy.bank.select.MAX_SEED_DIGITS``).
MAX_SEED_DIGITS = 4300


class BadRequestError(ValueError):
    """A query parameter that cannot be read."""


def filters_from_query() -> dict[str, Any]:
    """The library filters given in the query string."""
    filters: dict[str, Any] = {}
    for name in LIST_FILTERS:
        values = request.args.getlist(name)
        if values:
            filters[name] = values
    for name in INT_FILTERS:
        text = request.args.get(name)
        if text is not None:
            # ASCII digits only: int() also takes "1_0", " 10" and other scripts' digits.
            if WHOLE_NUMBER.fullmatch(text) is None or len(text) > 9:
                shown = f", not {text!r}" if len(text) <= 20 else ""
                raise BadRequestError(f"{name} must be a whole number{shown}")
            filters[name] = int(text)
    if "max_depth" in request.args:
        filters["max_depth"] = request.args["max_depth"]
    return filters


def seed_from_query() -> int | str | None:
    """The ``seed``: a whole number in ASCII digits is an int seed, other text a string seed.

    The rule of the command line's ``--seed``: ``42`` is the int seed 42, while ``4_2``, `` 42``
    or ``²`` are string seeds (``str.isdigit()`` and ``int()`` would take them for numbers).
    """
    text = request.args.get("seed")
    if text is None or WHOLE_NUMBER.fullmatch(text) is None:
        return text
    if len(text.removeprefix("-")) > MAX_SEED_DIGITS:
        raise BadRequestError(
            f"seed: a whole-number seed may have at most {MAX_SEED_DIGITS:,} digits"
        )
    return int(text)


def error(status: int, message: str) -> tuple[Response, int]:
    """A JSON error body with its status code."""
    return jsonify(error=message), status


def create_app(bank: intimacy.Bank | None = None) -> Flask:
    """The Flask app, serving ``bank`` (by default the bundled one)."""
    app = Flask(__name__)
    served = bank if bank is not None else intimacy.default_bank()

    @app.get("/prompt")
    def random_prompt() -> tuple[Response, int]:
        try:
            prompt = served.random_prompt(seed=seed_from_query(), **filters_from_query())
        except intimacy.NoMatchError as err:
            return error(404, str(err))
        except (BadRequestError, intimacy.IntimacyError) as err:
            return error(400, str(err))  # an unknown mood, a bad depth...
        return jsonify(prompt.to_dict()), 200

    @app.get("/daily")
    def daily_prompt() -> tuple[Response, int]:
        key = request.args.get("key", "")
        if not key:
            return error(400, "key is required: a code the two partners share")
        date = request.args.get("date") or dt.date.today().isoformat()
        try:
            prompt = served.daily(date, key=key, **filters_from_query())
        except intimacy.NoMatchError as err:
            return error(404, str(err))
        except (BadRequestError, intimacy.IntimacyError) as err:
            return error(400, str(err))  # a date that is not YYYY-MM-DD, a bad filter...
        return jsonify(date=date, prompt=prompt.to_dict()), 200

    return app


app = create_app()
