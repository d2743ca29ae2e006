"""Realistic sessions for tests and benchmarks: `make_session(n_notes=60, seed=1)`.

The same seed always gives the same session (ids, times, text), so tests can
compare outputs and benchmarks measure the same work each run. Notes are
built from typed shorthand, as the interviewer would enter them.

Tests import it directly (pytest puts tests/ on the path, see pyproject.toml).
"""

from __future__ import annotations

import random
import uuid
from datetime import datetime, timedelta, timezone

from tui.core.guide import Guide, Question, Section
from tui.core.session import Note, Participant, Session, SilenceWait

SAMPLE_GUIDE = Guide(
    name="onboarding",
    title="Onboarding friction",
    goal="Learn where new teams get stuck in their first week.",
    duration_minutes=45,
    themes=("pricing", "onboarding", "integrations", "reporting", "trust"),
    sections=(
        Section(
            "Warm-up",
            (
                Question("Tell me about your role and what a typical week looks like."),
                Question("How did your team first hear about us?", star=False),
            ),
            minutes=5,
        ),
        Section(
            "First week",
            (
                Question(
                    "Walk me through the last time you set up a new project.",
                    probes=("What happened right before that?", "Who else was involved?"),
                ),
                Question("Tell me about a moment you felt stuck.", probes=("What did you try?",)),
                Question("What did you expect to happen when you invited your team?"),
            ),
            minutes=20,
        ),
        Section(
            "Wrap-up",
            (
                Question("If you could change one thing about the first week, what would it be?"),
                Question("Is there anything I should have asked but did not?", star=False),
            ),
            minutes=10,
        ),
    ),
    source="bundled",
)

_NAMES = (
    "Ana Lima", "Björn Åkesson", "Chidi Okafor", "Dana Levi", "Élodie Martin",
    "Farah Haddad", "Grace Kim", "Hiro Tanaka", "Ines Duarte", "Jonas Weber", "",
)
_ROLES = ("Ops lead", "Head of Finance", "Product manager", "CTO", "Support agent")
_COMPANIES = ("Acme Logistics", "Brightpath", "Cobalt Health", "Duneworks", "Evergreen Co")
_SEGMENTS = ("smb", "mid-market", "enterprise")
_OPENERS = (
    '"We spent two days just figuring out the permissions',
    "! Invoices had to be exported by hand every Friday",
    "+ A checklist on day one would have saved us hours",
    "> Send her the import template",
    "? Why did they not use the CSV import",
    "Their team is five people, two of them part time",
    "*! Nobody on the team trusted the numbers in the dashboard",
    'S: The migration from the old tool started in March',
    "T: She had to get the whole team onboarded before quarter end",
    "A: They built a spreadsheet to track who had access",
    "R: Three people gave up and went back to email",
)
_TAILS = (
    " #onboarding", " #pricing", " #integrations", " #reporting", " #trust",
    " #data-quality", "", "", " because of the Salesforce sync #integrations",
    " — “it felt like a second job”", " #onboarding #trust",
)
_STATUSES = ("completed", "completed", "completed", "interrupted", "paused", "in_progress")


def _uuid(rng: random.Random) -> str:
    return str(uuid.UUID(int=rng.getrandbits(128), version=4))


def make_session(n_notes: int = 60, seed: int = 0) -> Session:
    """A session on SAMPLE_GUIDE with `n_notes` notes, all fields filled in."""
    rng = random.Random(seed)
    start = datetime(2025, 1, 6, 9, 0, tzinfo=timezone(timedelta(hours=1))) + timedelta(
        days=rng.randrange(300), minutes=rng.randrange(0, 480, 15)
    )
    session = Session(
        guide=SAMPLE_GUIDE,
        participant=Participant(
            name=rng.choice(_NAMES),
            role=rng.choice(_ROLES),
            company=rng.choice(_COMPANIES),
            segment=rng.choice(_SEGMENTS),
        ),
        interviewers=["Sam Rivera"],
        consent_to_record=rng.random() < 0.7,
        follow_up_ok=rng.choice((True, False, None)),
        status=rng.choice(_STATUSES),
        started_at=start.isoformat(timespec="seconds"),
        id=_uuid(rng),
    )
    questions = len(session.questions)
    elapsed = 0.0
    for index in range(n_notes):
        elapsed += rng.uniform(10, 60)
        question = min(questions - 1, index * questions // max(n_notes, 1))
        note = Note.from_typed(
            rng.choice(_OPENERS) + rng.choice(_TAILS), question=question, elapsed=round(elapsed, 1)
        )
        note.id = _uuid(rng)
        note.created_at = (start + timedelta(seconds=elapsed)).isoformat(timespec="seconds")
        session.add_note(note)
        if rng.random() < 0.1:
            session.bump_theme(rng.choice(SAMPLE_GUIDE.themes), question, round(elapsed, 1))
        if rng.random() < 0.15:
            session.silences.append(SilenceWait(question, round(elapsed, 1), rng.uniform(2, 9), "typing"))
    for number, record in enumerate(session.questions):
        record.asked_at = round(number * elapsed / questions, 1)
        record.time_spent = round(elapsed / questions, 1)
    session.elapsed = round(elapsed, 1)
    session.current_question = questions - 1
    session.takeaways = ["Permissions are the first wall.", "Weekly exports are manual."]
    if session.status == "completed":
        session.ended_at = (start + timedelta(seconds=elapsed)).isoformat(timespec="seconds")
    return session
