"""Small packs whose contents a test knows exactly, built without hypothesis.

:mod:`intimacy.testing` re-exports them, and the pytest plugin's ``intimacy_bank`` fixture is
made of :func:`sample_pack`.
"""

from __future__ import annotations

from intimacy.model.models import Exercise, Pack, Prompt, Step
from intimacy.model.vocab import Practice

__all__ = ["numbered_pack", "sample_pack"]


def numbered_pack(
    count: int, *, name: str = "test", practice: Practice | str = Practice.CONNECTION
) -> Pack:
    """A plain pack of ``count`` light, 2-minute prompts for calm moods: ``name/p0``, ``name/p1``...

    Handy where a test needs a small bank whose contents it knows exactly.

    >>> [p.id for p in numbered_pack(2, name="mine").prompts]
    ['mine/p0', 'mine/p1']
    """
    return Pack(
        name=name,
        version="1",
        title=name.capitalize(),
        prompts=[
            Prompt(
                id=f"{name}/p{i}",
                text=f"Prompt {i}?",
                practice=practice,
                moods=["calm"],
                minutes=2,
                depth=1,
            )
            for i in range(count)
        ],
    )


# Each prompt as: slug, practice, depth, minutes, moods, tags, text.
_SAMPLE_PROMPTS = (
    (
        "best-part",
        "quality-time",
        1,
        2,
        ("calm", "playful"),
        ("daily",),
        "What was the best part of your day?",
    ),
    (
        "slow-sunday",
        "quality-time",
        2,
        5,
        ("calm",),
        ("plans",),
        "What would a slow Sunday together look like?",
    ),
    (
        "heard",
        "active-listening",
        1,
        3,
        ("calm", "tired"),
        (),
        "When did you last feel really heard by $partner?",
    ),
    (
        "retell",
        "active-listening",
        2,
        5,
        ("tense",),
        ("repair",),
        "Tell me something hard; I will say it back in my words.",
    ),
    (
        "their-shoes",
        "empathy",
        1,
        3,
        ("tender",),
        (),
        "What was on your mind this week that I may have missed?",
    ),
    (
        "old-hurt",
        "empathy",
        3,
        10,
        ("tender", "sad"),
        ("repair",),
        "Which old hurt still shapes how you react to me?",
    ),
    (
        "small-fear",
        "vulnerability",
        2,
        5,
        ("tender", "calm"),
        (),
        "What is a small fear you have not told me about?",
    ),
    (
        "never-said",
        "vulnerability",
        3,
        10,
        ("tender",),
        (),
        "What have you never said out loud about us?",
    ),
    (
        "thanks",
        "connection",
        1,
        2,
        ("playful", "celebratory"),
        ("appreciation",),
        "What is one thing I did lately that you are thankful for?",
    ),
    (
        "next-adventure",
        "connection",
        2,
        5,
        ("playful", "celebratory"),
        ("plans",),
        "Where should our next small adventure take us?",
    ),
)


def sample_pack(name: str = "sample") -> Pack:
    """A small pack with some of everything: ten prompts and two exercises, ids ``name/...``.

    Two prompts per practice (one light, one deeper), a few moods and tags (``appreciation``,
    ``plans``, ``repair``, ``daily``), one ``$partner`` placeholder; one light exercise and one
    deep one. Its contents never change between releases, so tests may rely on them.

    >>> pack = sample_pack()
    >>> len(pack.prompts), len(pack.exercises)
    (10, 2)
    >>> pack.prompts[0].id
    'sample/best-part'
    """
    prompts = [
        Prompt(
            id=f"{name}/{slug}",
            text=text,
            practice=practice,
            moods=moods,
            minutes=minutes,
            depth=depth,
            tags=tags,
        )
        for slug, practice, depth, minutes, moods, tags, text in _SAMPLE_PROMPTS
    ]
    exercises = [
        Exercise(
            id=f"{name}/kindness-swap",
            title="Kindness swap",
            summary="Each of you asks for one small kindness and gets it.",
            practice="connection",
            steps=[
                Step(text="Ask for a small kindness.", minutes=1, role="partner-a"),
                Step(text="Swap: your turn to ask.", minutes=1, role="partner-b"),
                Step(text="Say thank you.", minutes=1, role="both"),
            ],
            minutes=3,
            depth=1,
            moods=["playful", "calm"],
            why="Small kindnesses asked for and given build trust.",
            tags=["appreciation"],
        ),
        Exercise(
            id=f"{name}/hard-conversation",
            title="A hard conversation, slowly",
            summary="Take turns to speak and to say back what you heard.",
            practice="active-listening",
            steps=[
                Step(
                    text="Say what is hard for you, in a few sentences.", minutes=5, role="speaker"
                ),
                Step(
                    text="Say back what you heard, without answering.", minutes=5, role="listener"
                ),
                Step(text="Swap roles and do it again.", minutes=10, role="both"),
            ],
            minutes=20,
            depth=3,
            moods=["tense", "tender"],
            why="Being heard lowers the temperature before any problem is solved.",
            safety="Stop if either of you feels unsafe; this is not a substitute for therapy.",
        ),
    ]
    return Pack(
        name=name,
        version="1",
        title="Sample prompts",
        description="A small, fixed pack for tests.",
        prompts=prompts,
        exercises=exercises,
    )
