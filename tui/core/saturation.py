"""Thematic saturation: has the last interview still taught us something new?

The stopping rule of Guest, Namey & Chen (2020, "A simple method to assess and
report thematic saturation in qualitative research", PLOS ONE 15(5) e0232076):
take the interviews in the order they were held; the *base* is every interview
before the latest *run* of `run` interviews (at least `base` of them); the new
information ratio is the number of themes the run added that the base never
mentioned, over the number of distinct themes in the base. At or under the
*threshold* (5 % by default) saturation is reached: more interviews of the
same kind are unlikely to add much.

Breadth counts people, not sessions: a re-interview of the same participant is
folded into that person's first interview, so talking to one customer twice
never looks like two customers agreeing. A person is known by name and company,
a follow-up (`follow_up_of`) by the first session of its chain; a session
without a name is a person of its own.

Pure: plain data in, plain data out.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

DEFAULT_BASE = 4
DEFAULT_RUN = 2
DEFAULT_THRESHOLD = 0.05


@dataclass(frozen=True)
class Interview:
    """One session as saturation sees it."""

    session_id: str
    date: str  # YYYY-MM-DD, or "" when unknown
    started_at: str  # for a stable order within a day
    participant: str
    company: str
    themes: frozenset[str]
    follow_up_of: str | None = None


@dataclass(frozen=True)
class Step:
    """One person's first interview, in date order, with what it added."""

    session_id: str
    date: str
    participant: str
    sessions: int  # this person's sessions folded into the step
    new_themes: tuple[str, ...]  # sorted
    cumulative: int  # distinct themes after this step


@dataclass(frozen=True)
class Rule:
    base: int = DEFAULT_BASE
    run: int = DEFAULT_RUN
    threshold: float = DEFAULT_THRESHOLD

    def __post_init__(self) -> None:
        if self.base < 1 or self.run < 1:
            raise ValueError("base and run must be at least 1 interview")
        if not 0 <= self.threshold < 1:
            raise ValueError("threshold must be a share between 0 and 1, such as 0.05")


@dataclass(frozen=True)
class Saturation:
    rule: Rule
    steps: tuple[Step, ...]
    run_new: int | None  # themes added by the latest run; None until there are base + run people
    base_themes: int | None  # distinct themes before the latest run
    reached_at: int | None  # 1-based step where the rule was first met, if ever

    @property
    def ratio(self) -> float | None:
        if self.run_new is None or not self.base_themes:
            return None
        return self.run_new / self.base_themes

    @property
    def saturated(self) -> bool:
        """The latest run added at most `threshold` new information."""
        ratio = self.ratio
        return ratio is not None and ratio <= self.rule.threshold

    def verdict(self) -> str:
        """The answer to "can we stop interviewing?", in words."""
        people = len(self.steps)
        needed = self.rule.base + self.rule.run
        if people < needed:
            more = needed - people
            return (
                f"{people} participant{_s(people)} so far; the rule needs at least {needed} "
                f"({self.rule.base} + {self.rule.run}): {more} more before it can say."
            )
        if not self.base_themes:
            return "No themes tagged in the earlier interviews yet: tag notes with #theme to measure saturation."
        ratio = self.ratio or 0.0
        said = (
            f"the last {self.rule.run} interview{_s(self.rule.run)} added {self.run_new} new "
            f"theme{_s(self.run_new or 0)}, {ratio:.0%} of {self.base_themes}"
        )
        if self.saturated:
            return f"{said[0].upper()}{said[1:]}: saturation reached (at most {self.rule.threshold:.0%} new)."
        return f"{said[0].upper()}{said[1:]}: not saturated yet (the rule wants at most {self.rule.threshold:.0%})."


def _s(count: int) -> str:
    return "" if count == 1 else "s"


def person_of(participant: str, company: str, session_id: str) -> str:
    """Who was interviewed: name and company, or the session itself when nameless."""
    name = " ".join(participant.split()).casefold()
    if not name:
        return "session:" + session_id
    return "person:" + name + "\0" + " ".join(company.split()).casefold()


def person_key(interview: Interview) -> str:
    return person_of(interview.participant, interview.company, interview.session_id)


def follow_up_roots(links: Iterable[tuple[str, str | None]]) -> dict[str, str]:
    """For each session in a follow-up chain, the chain's first session; `links` are (id, follow_up_of).

    Imported data can hold a cycle (A follows B, B follows A): its members share
    the smallest id among them, so every one of them lands on the same root.
    """
    parent = {session_id: up for session_id, up in links if up}
    roots: dict[str, str] = {}
    for session_id in parent:
        path = [session_id]
        while (up := parent.get(path[-1])) and up not in path:
            path.append(up)
        root = min(path[path.index(up):]) if up else path[-1]
        roots[session_id] = root
        roots.setdefault(root, root)
    return roots


def held_order(date: str, started_at: str, session_id: str) -> tuple[str, str, str]:
    """The order interviews were held in; an undated one last."""
    return (date or "9999", started_at, session_id)


def _held(interview: Interview) -> tuple[str, str, str]:
    return held_order(interview.date, interview.started_at, interview.session_id)


def themes_before(interviews: Iterable[Interview], when: tuple[str, str, str]) -> tuple[frozenset[str], int]:
    """The themes of the interviews held before `when` (a `held_order`), and how many interviews that is."""
    earlier = [i for i in interviews if _held(i) < when]
    return frozenset(t for i in earlier for t in i.themes), len(earlier)


def added_line(themes: Iterable[str], earlier_themes: frozenset[str], earlier: int) -> str:
    """What one interview added to the interviews before it on its guide, in words, for the review."""
    themes = set(themes)
    new = sorted(themes - earlier_themes)
    if not themes:
        return "No themes tagged in this interview."
    if not earlier:
        return f"The first interview on this guide: all {len(new)} of its themes are new."
    before = f"{earlier} earlier interview{_s(earlier)} on this guide"
    if not new:
        return f"This interview added no new theme: all {len(themes)} came up in the {before}."
    tags = " ".join(f"#{t}" for t in new)
    return f"This interview added {len(new)} new theme{_s(len(new))} to the {before}: {tags}"


def people_in_order(interviews: Iterable[Interview]) -> list[tuple[Interview, frozenset[str], int]]:
    """Each person's first interview, the union of their themes and their session count, in date order."""
    ordered = sorted(interviews, key=_held)
    roots = follow_up_roots((i.session_id, i.follow_up_of) for i in ordered)
    by_id = {i.session_id: i for i in ordered}
    first: dict[str, Interview] = {}
    themes: dict[str, set[str]] = {}
    counts: dict[str, int] = {}
    for interview in ordered:
        key = person_key(by_id.get(roots.get(interview.session_id, ""), interview))
        first.setdefault(key, interview)
        themes.setdefault(key, set()).update(interview.themes)
        counts[key] = counts.get(key, 0) + 1
    return [(first[key], frozenset(themes[key]), counts[key]) for key in first]


def saturation(interviews: Iterable[Interview], rule: Rule = Rule()) -> Saturation:
    """The steps in date order and whether the stopping rule is met by the latest run."""
    people = people_in_order(interviews)
    seen: set[str] = set()
    steps: list[Step] = []
    sizes: list[int] = []  # distinct themes after each step
    for interview, themes, sessions in people:
        new = tuple(sorted(themes - seen))
        seen |= themes
        sizes.append(len(seen))
        steps.append(Step(interview.session_id, interview.date, interview.participant, sessions, new, len(seen)))

    def met(end: int) -> tuple[int, int] | None:
        """(new themes in the run ending at step `end`, themes before it), if the rule can be applied."""
        start = end - rule.run
        if start < rule.base:
            return None
        before = sizes[start - 1]
        return sizes[end - 1] - before, before

    reached_at = next(
        (
            end
            for end in range(rule.base + rule.run, len(steps) + 1)
            if (found := met(end)) and found[1] and found[0] / found[1] <= rule.threshold
        ),
        None,
    )
    latest = met(len(steps))
    return Saturation(
        rule=rule,
        steps=tuple(steps),
        run_new=latest[0] if latest else None,
        base_themes=latest[1] if latest else None,
        reached_at=reached_at,
    )
