"""Tests for hostile pack files: bounded time and memory, capped problems, clear messages.

The worst cases are the generated files of ``benchmarks/hostile.py`` (the benchmark measures
the same ones). Each is loaded in a child process under a memory limit and a timeout set far
above the targets, so that a quadratic or unbounded path fails the test without making it
flaky on a busy machine; the targets themselves are measured by ``benchmarks/run.py``.
"""

from __future__ import annotations

import importlib.util
import json
import re
import resource
import subprocess
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

import pytest

from intimacy import PackError, Prompt, ValidationError, loads_pack
from intimacy.model.convert import MAX_PROBLEMS
from intimacy.packs.locate import lines_of

if TYPE_CHECKING:
    from types import ModuleType

HOSTILE = Path(__file__).parents[1] / "benchmarks" / "hostile.py"
MEMORY_LIMIT = 1 << 30  # address space, which is more than the resident memory measured
TIMEOUT = 60
HEAD = '[pack]\nname = "mini"\nversion = "1"\ntitle = "Mini"\n'


def _hostile() -> ModuleType:
    spec = importlib.util.spec_from_file_location("hostile", HOSTILE)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _limit_memory() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))


def _load_limited(path: Path) -> dict[str, Any]:
    """Load ``path`` in a child process under the memory limit and the timeout."""
    done = subprocess.run(
        [sys.executable, str(HOSTILE), str(path)],
        capture_output=True,
        text=True,
        timeout=TIMEOUT,
        preexec_fn=_limit_memory,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    result: dict[str, Any] = json.loads(done.stdout)
    return result


def _error(text: str, fmt: Literal["toml", "json"] = "toml") -> PackError:
    with pytest.raises(PackError) as info:
        loads_pack(text, fmt)
    return info.value


#: The hostile cases run as tests, with what the first problem must say ("" for a valid pack).
CASES = {
    "empty-items": "prompts[0].id: is required but missing",
    "bad-moods": "prompts[0].moods[0]: 'x' is not a mood",
    "realistic-bad": "prompts[0].moods[1]: 'sleepy' is not a mood",
    "dotted-40k": "a key or table header of thousands of parts; the limit is 16",
    "dotted-90k": "a key or table header of thousands of parts; the limit is 16",
    "deep-header": "a key or table header of thousands of parts; the limit is 16",
    "cap-valid-json": "",
    "cap-empty-json": "prompts[0].id: is required but missing",
    "cap-valid-toml": "",
}


class TestHostileFiles:
    """Each worst case is accepted or rejected within the memory limit and the timeout."""

    @pytest.mark.parametrize("name", sorted(CASES))
    def test_worst_case_is_bounded(self, name: str, tmp_path: Path) -> None:
        """The file loads or fails with at most MAX_PROBLEMS problems, then one summary line."""
        fmt, text = _hostile().CASES[name][1]()
        path = tmp_path / f"{name}.{fmt}"
        path.write_text(text, encoding="utf-8")
        found = _load_limited(path)
        assert CASES[name] in found["first"]
        assert found["problems"] <= MAX_PROBLEMS + 1
        if found["problems"] > MAX_PROBLEMS:
            assert re.search(
                r": and [\d,]+ more problems?(; [\d,]+ more items were not checked)?$",
                found["last"],
            )

    def test_every_case_of_the_benchmark_is_known(self) -> None:
        """The benchmark's cases are all tested here."""
        assert set(_hostile().CASES) == set(CASES)


class TestProblemCap:
    """No more than MAX_PROBLEMS problems are reported, then how many more there are."""

    def test_many_bad_items_are_capped(self) -> None:
        """150 empty prompts: the first 100 problems, then how many more, and items unchecked."""
        text = '{"pack": {"name": "m", "version": "1", "title": "M"}, "prompts": ['
        error = _error(text + ",".join(["{}"] * 150) + "]}", "json")
        assert len(error.problems) == MAX_PROBLEMS + 1
        # Six problems an item: items 0 to 16 hold the first 100 and 2 more.
        assert str(error.problems[-1]) == (
            "<string>: and 2 more problems; 133 more items were not checked"
        )
        assert all(problem.line == 1 for problem in error.problems[:-1])

    def test_exactly_one_more(self) -> None:
        """101 problems in one list: 'and 1 more problem', and nothing left unchecked."""
        text = '{"pack": {"name": "m", "version": "1", "title": "M"}, "prompts": [{"id": "m/p", '
        text += '"text": "Hi?", "practice": "empathy", "minutes": 1, "depth": 1, "moods": ['
        error = _error(text + ",".join(['"x"'] * 101) + "]}]}", "json")
        assert error.problems[-1].message == "and 1 more problem"

    def test_unknown_keys_are_capped(self) -> None:
        """A file of 500 unknown sections reports MAX_PROBLEMS of them."""
        error = _error(json.dumps({f"k{i}": 1 for i in range(500)}), "json")
        assert len(error.problems) == MAX_PROBLEMS + 1
        assert error.problems[-1].message.startswith("and ")

    def test_many_bad_steps_are_capped(self) -> None:
        """A nested list of bad items is capped too, counted through every level."""
        steps = [{"text": "", "minutes": 0}] * 200
        data = {
            "pack": {"name": "mini", "version": "1", "title": "M"},
            "exercises": [
                {
                    "id": "mini/e",
                    "title": "E",
                    "summary": "S",
                    "practice": "empathy",
                    "moods": ["calm"],
                    "minutes": 1,
                    "depth": 1,
                    "why": "W",
                    "steps": steps,
                }
            ],
        }
        error = _error(json.dumps(data), "json")
        assert len(error.problems) == MAX_PROBLEMS + 1
        assert error.problems[0].path == "exercises[0].steps[0].text"
        assert error.problems[-1].message.startswith("and ")

    def test_control_characters_are_capped(self) -> None:
        """Forbidden characters in 300 texts: capped as well."""
        text = json.dumps(
            {"pack": {"name": "m", "version": "1", "title": "M"}, "x": ["\u0007"] * 300}
        )
        assert len(_error(text, "json").problems) == MAX_PROBLEMS + 1


class TestLines:
    """Each problem's line, found in one reading of the file, counted as the format counts."""

    @pytest.mark.parametrize("separator", ["\u2028", "\u2029", "\u0085"])
    def test_line_breaks_that_toml_does_not_count(self, separator: str) -> None:
        """A line separator inside a string does not move the lines after it."""
        text = HEAD + f'description = "a{separator}b"\ncolour = 1\n'
        problem = next(p for p in _error(text).problems if p.path == "pack.colour")
        assert problem.line == 6

    def test_json_lines_of_many_paths_at_once(self) -> None:
        """All paths are found in one pass, each at its own line or its parent's."""
        text = '{\n"a": [\n{"b": 1},\n{"c": [1,\n2]}\n],\n"d": 3\n}\n'
        assert lines_of(text, "json", ["a[0].b", "a[1].c[1]", "a[1].x", "d", "zz", ""]) == {
            "a[0].b": 3,
            "a[1].c[1]": 5,
            "a[1].x": 4,
            "d": 7,
        }

    def test_json_lines_with_quoted_keys(self) -> None:
        """A key written quoted in the path (a dot, a space, nothing) is found."""
        text = '{"a.b": {"": [0,\n 1]},\n "x y": 2}'
        assert lines_of(text, "json", ["['a.b']['']", "['x y']", "['a.b'][''][1]"]) == {
            "['a.b']['']": 1,
            "['x y']": 3,
            "['a.b'][''][1]": 2,
        }


class TestInvisibleText:
    """Text made only of characters that show nothing is empty, however it arrives."""

    @pytest.mark.parametrize(
        "text",
        [
            "\u200b",  # zero-width space
            "\u3164",  # Hangul filler
            "\u2800",  # braille pattern blank
            "\ufeff",  # byte order mark
            "\u2060\u00ad",  # word joiner, soft hyphen
            "\u115f\u1160\uffa0",  # other Hangul fillers
            " \u200b\ufe0f\u034f ",  # variation selector, combining grapheme joiner, spaces
        ],
    )
    def test_invisible_text_is_empty(self, text: str) -> None:
        """Both the model and the loader say it must not be empty."""
        with pytest.raises(ValidationError, match="text: must not be empty"):
            Prompt(id="m/p", text=text, practice="empathy", moods={"calm"}, minutes=1, depth=1)
        data = HEAD + f'\n[[prompts]]\nid = "mini/p"\ntext = "{text}"\npractice = "empathy"\n'
        data += 'moods = ["calm"]\nminutes = 1\ndepth = 1\n'
        assert _error(data).problems[0].message == "must not be empty"

    @pytest.mark.parametrize("text", ["\u200bHi?", "\U0001f44b\u200d", "\u3164\u3131"])
    def test_visible_text_with_invisible_characters_is_kept(self, text: str) -> None:
        """One visible character is enough."""
        assert (
            Prompt(id="m/p", text=text, practice="empathy", moods={"calm"}, minutes=1, depth=1).text
            == text
        )


class TestQuoting:
    """Untrusted keys are quoted in every message: no escape reaches the terminal raw."""

    @pytest.mark.parametrize("key", ["\u001b[31m", "a\nb", "a b", "a.b", "", "x\u2028y", "[0]"])
    def test_unknown_keys_are_quoted(self, key: str) -> None:
        """At the top, in [pack] and in an item, each problem is one printable line."""
        data = {
            "pack": {"name": "mini", "version": "1", "title": "M", key: 1},
            key: 2,
            "prompts": [{"id": "mini/p", key: 3}],
            "retired": {key: "mini/p"},
        }
        error = _error(json.dumps(data), "json")
        assert len(str(error).splitlines()) == len(error.problems)
        assert all(line.isprintable() for line in str(error).splitlines())
        assert repr(key) in str(error)

    def test_nan_deep_in_a_list_has_its_path(self) -> None:
        """NaN anywhere is reported at its path and line."""
        text = '{"pack": {"name": "m", "version": "1", "title": "M"},\n"x": [[1, NaN]]}'
        [problem] = _error(text, "json").problems
        assert (problem.path, problem.line) == ("x[0][1]", 2)

    def test_nan_too_deep_to_walk(self) -> None:
        """NaN under nesting deeper than the walk reaches is 'nested too deeply'."""
        text = "[" * 100_000 + "NaN" + "]" * 100_000
        assert "nested too deeply" in str(_error(text, "json"))

    def test_huge_number_without_its_digits_in_the_text(self) -> None:
        """A number Python cannot read is one line, with its line when it can be found."""
        text = HEAD + "schema_version = " + "1_" * 4400 + "1\n"
        [problem] = _error(text).problems
        assert (problem.line, problem.message) == (
            5,
            "invalid TOML: a whole number of more than 4,300 digits",
        )

    def test_deep_key_in_an_inline_table(self) -> None:
        """The key depth limit holds inside an inline table, at its line."""
        text = HEAD + "x = {" + ".".join(["a"] * 17) + " = 1}\n"
        assert _error(text).problems[0].line == 5

    def test_deep_key_of_quoted_parts(self) -> None:
        """Quoted parts count as parts."""
        text = HEAD + "[[prompts]]\n" + ".".join(['"a.b"'] * 17) + " = 1\n"
        assert "17 parts" in str(_error(text))

    def test_sixteen_parts_are_allowed(self) -> None:
        """A key at the limit reaches the loader's own checks."""
        text = HEAD + "[" + ".".join(["a"] * 16) + "]\n"
        assert _error(text).problems[0].path == "a"
