"""Eight sample interviews for `interview demo`, in a temporary store.

A small study of a (fictional) reporting and invoicing product, run with the
four bundled guides: two customer-impact, three customer-feedback and two
switching interviews, plus one follow-up of the first after a fix shipped.
The same themes come back across customers (permissions, exports, reporting,
trust...), so the history, themes and review screens all have something to
show. One interview is paused halfway, three participants are waiting for a
follow-up.

`temporary_demo_store()` builds them in a fresh temp folder and removes it
afterwards: the demo never touches the user's own store. A running demo holds
a lock in its folder; a folder whose lock nobody holds was left by a demo that
was killed (kill -9, a closed terminal), and the next demo removes it.
"""

from __future__ import annotations

import os
import shutil
import tempfile
import time as clock
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta, timezone
from pathlib import Path
from time import sleep

from filelock import FileLock, Timeout

from tui.catalog import discover
from tui.core.guide import Guide
from tui.core.session import Draft, Note, Participant, Session, SilenceWait
from tui.store import Store

_NAMESPACE = uuid.UUID("5f1c7d2e-3b8a-4c7e-9a41-6d0e2b9f8c13")
DEMO_PREFIX = "interview-demo-"
DEMO_LOCK = "demo.lock"
UNLOCKED_GRACE_SECONDS = 60  # a folder without a lock yet may be a demo starting right now


@dataclass(frozen=True)
class _Spec:
    key: str
    guide: str
    who: Participant
    days_ago: int
    hour: int
    minutes: int  # length of the call
    notes: tuple[tuple[int, str], ...]  # (question index, what was typed)
    takeaways: tuple[str, ...] = ()
    follow_up_ok: bool | None = None
    status: str = "completed"
    interviewers: tuple[str, ...] = ("Sam Rivera",)
    silences: tuple[tuple[int, float], ...] = ()  # (question, seconds held)
    bumps: tuple[tuple[int, str], ...] = ()  # (question, codebook theme)
    follow_up_of: str | None = None  # key of the earlier spec
    stopped_at: int | None = None  # for an unfinished session: the current question
    draft: str = ""
    skipped: tuple[int, ...] = field(default=())


SPECS: tuple[_Spec, ...] = (
    _Spec(
        "ana", "customer-impact", Participant("Ana Lima", "Operations lead", "Acme Logistics", "mid-market"),
        days_ago=30, hour=10, minutes=44, follow_up_ok=True,
        notes=(
            (0, "Runs ops for 14 dispatchers across two depots; owns the weekly numbers"),
            (1, "Team uses it for the Monday report and for invoicing #reporting"),
            (2, "S: Her first week was also the quarter close #onboarding"),
            (2, '"We spent two days just figuring out who could see what." #permissions #onboarding'),
            (2, "! T: Had to give 14 people access before Monday, and there is no bulk invite #permissions #onboarding"),
            (2, "A: Built a spreadsheet of who has which role"),
            (2, "R: Three dispatchers gave up and kept emailing her the numbers #adoption"),
            (4, "+ A role template per depot would have saved a week #permissions"),
            (6, "*! Export to the accounting tool breaks at month end #exports #integrations"),
            (6, '"Every last Friday I rebuild the export by hand. It takes my whole afternoon." #exports #workaround'),
            (9, "S: Month-end close: finance waits on her CSV"),
            (9, "A: Downloads the CSV, fixes the dates in Excel, uploads it again #workaround #exports"),
            (11, "! Support answered after two days, when the close was already over #support"),
            (13, "+ A scheduled export straight into Xero #integrations #exports"),
            (13, "> Send her the role-template mock-up"),
            (15, "Happy to talk again once the export is fixed; email works best"),
        ),
        takeaways=(
            "Permissions are the first wall: no bulk invite, no roles per team.",
            "The month-end export is rebuilt by hand every time.",
        ),
        silences=((2, 6.5), (6, 4.0), (9, 9.0)),
        bumps=((6, "pain-point"), (9, "workaround")),
    ),
    _Spec(
        "bjorn", "customer-feedback", Participant("Björn Åkesson", "Head of Finance", "Nordvik Freight", "enterprise"),
        days_ago=26, hour=14, minutes=38, follow_up_ok=True, interviewers=("Sam Rivera", "Priya Nair"),
        notes=(
            (0, "Finance team of six; invoicing and the monthly board pack #reporting"),
            (1, "S: The board pack is built every month from three exports #reporting"),
            (3, "! The numbers for the board pack sit on three screens; nothing adds up on one page #reporting"),
            (3, '"I don\'t trust a number I can\'t trace back to the invoice." #trust #reporting'),
            (4, "*! T: Exports time out above 10,000 rows #exports #performance"),
            (4, "A: Splits the export by week and stitches the files together #workaround #exports"),
            (5, "R: Two hours every month end, more at year end"),
            (6, "Looked at a BI tool before; too much setup for his team #competitors"),
            (7, '"If the export keeps failing, IT will push us onto the BI tool." #competitors #exports'),
            (9, "+ Drill down from a figure in a report to its invoices #reporting #trust"),
            (9, "+ SSO and an audit log for the auditors #permissions"),
            (10, "Approvals still happen over email #workflow"),
            (11, "? Ask product whether the 10k row limit is known"),
            (13, "Yes to a follow-up; wants to see the export fix first"),
        ),
        takeaways=(
            "The export size limit blocks month end for large customers.",
            "Finance needs every figure traceable to its invoices.",
        ),
        silences=((3, 5.0), (7, 3.5)),
        bumps=((4, "performance"),),
    ),
    _Spec(
        "chidi", "switching", Participant("Chidi Okafor", "Product manager", "Brightpath Health", "mid-market"),
        days_ago=21, hour=16, minutes=47, follow_up_ok=False,
        notes=(
            (0, "PM for the scheduling product; a team of nine"),
            (1, "Before: shared spreadsheets plus a homegrown script #habit"),
            (2, "S: The script broke the week their analyst left #trigger"),
            (2, '"Nobody knew how it worked, so nobody could fix it." #trigger'),
            (4, "! Version conflicts in the spreadsheet every Monday #push"),
            (6, "+ Liked the audit trail and role-based access in the demo #pull #permissions"),
            (7, "T: Needed sign-off from IT and finance within a quarter"),
            (7, "A: Ran a two-week trial with one team"),
            (7, "R: Signed after the trial; finance liked the invoice view"),
            (8, '*"Moving five years of history scared us more than the price." #anxiety #migration'),
            (9, "! The importer read the dates wrong; 300 rows fixed by hand #migration #exports"),
            (10, "Misses formulas everywhere; the reports feel rigid #missed-feature #reporting"),
            (11, "Would only go back if the price doubled #pricing"),
        ),
        takeaways=(
            "Trigger: a fragile homegrown script lost its only owner.",
            "Migration fear outweighed price; the importer broke dates.",
        ),
        silences=((2, 7.0), (8, 11.0)),
    ),
    _Spec(
        "dana", "customer-impact", Participant("Dana Levi", "Support lead", "Cobalt Retail", "smb"),
        days_ago=17, hour=9, minutes=36, follow_up_ok=True,
        notes=(
            (0, "Leads five support agents; part-time admin of the tool"),
            (2, "! Invite emails landed in spam for half the team #onboarding"),
            (2, '"I was the admin by accident, and nobody told me what the roles meant." #permissions #onboarding'),
            (4, "Tickets are now linked to invoices: less back and forth with finance #time-saved"),
            (5, "S: A refund spike before Christmas #collaboration"),
            (5, "A: Shared a live report with finance instead of screenshots #reporting #collaboration"),
            (5, "R: Refunds approved the same day instead of in three #time-saved"),
            (6, "*! Cannot give agents read-only access to a single report #permissions"),
            (9, "Copies the report into a Google Sheet for the agents #workaround #permissions"),
            (10, "+ A ten-minute admin tour on first login #onboarding"),
            (11, "Support chat was fast and kind #support"),
            (13, "+ Sharing links per report #permissions #reporting"),
        ),
        takeaways=(
            "The role model confuses accidental admins.",
            "Read-only sharing per report would end a copy-to-Sheets workaround.",
        ),
        silences=((5, 4.5),),
        bumps=((9, "workaround"), (2, "onboarding")),
        skipped=(12,),
    ),
    _Spec(
        "elodie", "customer-feedback", Participant("Élodie Martin", "CTO", "Duneworks", "smb"),
        days_ago=12, hour=11, minutes=33,
        notes=(
            (0, "CTO of a 20-person agency; bills through the API #integrations"),
            (1, "S: Projects sync nightly from their project tool #integrations"),
            (3, "*! Webhook retries flood them after an outage #integrations #reliability"),
            (3, '"We had 4,000 duplicate events on a Monday morning." #reliability #integrations'),
            (4, "! The API docs don't say which fields are required #integrations"),
            (5, "A: Wrote a de-duplication layer in front of the webhook #workaround #integrations"),
            (6, "Considered building their own billing; not worth it #competitors"),
            (9, "+ Idempotency keys on webhooks #integrations"),
            (9, "+ Export to Parquet for their warehouse #exports"),
            (10, "Forecasting still lives in a spreadsheet #reporting"),
            (11, "! Per-seat pricing hurts when contractors join for a month #pricing"),
        ),
        takeaways=(
            "Webhook reliability costs them engineering time.",
            "Seat pricing clashes with short contractor stints.",
        ),
        silences=((3, 3.5),),
    ),
    _Spec(
        "farah", "switching", Participant("Farah Haddad", "Finance manager", "Evergreen Co", "enterprise"),
        days_ago=8, hour=13, minutes=46, follow_up_ok=True,
        notes=(
            (0, "Finance manager for three entities; consolidates every month"),
            (1, "Before: Ledgerline, for six years #habit"),
            (2, '*"When the renewal quote came in 40% higher, I started looking that afternoon." #trigger #pricing'),
            (4, "! Every report change in Ledgerline needed a consultant #push #reporting"),
            (6, "+ Multi-entity reports out of the box #pull #reporting"),
            (8, "! Worried the auditors would not accept the new exports #anxiety #exports #trust"),
            (9, "S: Migration over two weekends"),
            (9, "T: Keep month end on schedule during the move"),
            (9, "A: Ran both tools side by side for one close #migration"),
            (9, "R: The close was one day late, which was acceptable #migration"),
            (10, "Misses the keyboard shortcuts of the old tool #missed-feature"),
            (11, '"If the export broke at year end, I\'d be in real trouble." #exports #trust'),
            (12, "Wants a named contact for the first year end #support"),
        ),
        takeaways=(
            "A 40% price rise at renewal was the trigger.",
            "Audit-ready exports are the biggest worry.",
        ),
        silences=((2, 8.0), (11, 5.5)),
        bumps=((2, "pricing"),),
    ),
    _Spec(
        "grace", "customer-feedback", Participant("Grace Kim", "Studio lead", "Orbit Studio", "smb"),
        days_ago=3, hour=15, minutes=12, status="paused", stopped_at=5,
        notes=(
            (0, "Leads a four-person design studio; uses it for invoices only"),
            (1, "S: Invoicing one client in three currencies #pricing"),
            (3, "! Currency rounding differs from the bank by a few cents #reporting #trust"),
            (4, '"Every invoice I send, I check by hand first." #trust #workaround'),
        ),
        draft="! The mobile app logs her out every",
        silences=((4, 4.0),),
    ),
    _Spec(
        "ana-follow-up", "follow-up", Participant("Ana Lima", "Operations lead", "Acme Logistics", "mid-market"),
        days_ago=2, hour=10, minutes=27, follow_up_ok=False, follow_up_of="ana",
        notes=(
            (0, "The export fix shipped two weeks ago; the last close went fine #solved #exports"),
            (2, "S: Last Friday's close"),
            (2, "A: The scheduled export to Xero ran on its own #exports #integrations"),
            (2, "R: Done by 11am instead of the end of the day #solved #time-saved"),
            (3, '*"For the first time I left on time on a closing Friday." #solved #exports'),
            (4, "No repeat of the old failure since the change"),
            (5, "! The scheduled export ignores the new depot's cost centre #new-problem #exports"),
            (6, "Retired the Excel fix-up sheet #workaround"),
            (7, "! Dispatchers still ask her for numbers: permissions are unchanged #permissions #not-solved"),
            (8, "+ Role templates are still the ask #permissions"),
        ),
        takeaways=(
            "The export fix ended the month-end rebuild.",
            "Permissions still keep dispatchers out.",
        ),
        silences=((0, 5.0), (7, 6.0)),
    ),
)


def _id(key: str) -> str:
    return str(uuid.uuid5(_NAMESPACE, key))


def demo_sessions(today: date | None = None, guides: dict[str, Guide] | None = None) -> list[Session]:
    """The eight sample sessions, dated in the weeks before `today` (oldest first)."""
    today = today or date.today()
    if guides is None:
        catalog = discover()
        guides = {spec.guide: catalog.find(spec.guide) for spec in SPECS}
    return [_build(spec, today, guides[spec.guide]) for spec in SPECS]


def _build(spec: _Spec, today: date, guide: Guide) -> Session:
    start = datetime.combine(today - timedelta(days=spec.days_ago), time(spec.hour), tzinfo=timezone.utc)
    session = Session(
        guide=guide,
        participant=spec.who,
        interviewers=list(spec.interviewers),
        consent_to_record=True,
        follow_up_ok=spec.follow_up_ok,
        status=spec.status,
        started_at=start.isoformat(timespec="seconds"),
        follow_up_of=_id(spec.follow_up_of) if spec.follow_up_of else None,
        id=_id(spec.key),
    )
    length = spec.minutes * 60.0
    last = spec.stopped_at if spec.stopped_at is not None else len(session.questions) - 1
    asked = [i for i in range(last + 1) if i not in spec.skipped]
    window = length / len(asked)
    for place, index in enumerate(asked):
        record = session.questions[index]
        record.asked_at = round(place * window, 1)
        record.time_spent = round(window, 1)
    for index in spec.skipped:
        session.questions[index].skipped = True
    for number, (question, typed) in enumerate(spec.notes):
        same = [n for n, (q, _) in enumerate(spec.notes) if q == question]
        base = session.questions[question].asked_at or 0.0
        elapsed = round(base + window * (same.index(number) + 1) / (len(same) + 1), 1)
        note = Note.from_typed(typed, question=question, elapsed=elapsed)
        note.id = _id(f"{spec.key}/note/{number}")
        note.created_at = (start + timedelta(seconds=elapsed)).isoformat(timespec="seconds")
        session.add_note(note)
    for question, held in spec.silences:
        started = round((session.questions[question].asked_at or 0.0) + window / 3, 1)
        session.silences.append(SilenceWait(question, started, held, "typing"))
    for question, theme in spec.bumps:
        session.bump_theme(theme, question, round((session.questions[question].asked_at or 0.0) + window / 2, 1))
    session.takeaways = list(spec.takeaways)
    session.current_question = last
    if spec.status == "completed":
        session.elapsed = length
        session.ended_at = (start + timedelta(seconds=length)).isoformat(timespec="seconds")
    else:
        session.elapsed = round(window * len(asked) - window / 2, 1)
        session.draft = Draft(text=spec.draft, question=last, began=session.elapsed - 4 if spec.draft else None)
    return session


def fill_store(root: Path, today: date | None = None) -> Store:
    """A store at `root` holding the demo sessions."""
    store = Store(root)
    for session in demo_sessions(today):
        store.create(session).close()
    return store


def remove_abandoned_demos(temp: Path | None = None) -> list[Path]:
    """Remove demo folders (this user's) that no running demo holds; return them."""
    removed = []
    for folder in Path(temp or tempfile.gettempdir()).glob(DEMO_PREFIX + "*"):
        try:
            info = folder.lstat()
        except OSError:
            continue
        mine = not hasattr(os, "getuid") or info.st_uid == os.getuid()
        if not folder.is_dir() or folder.is_symlink() or not mine:
            continue
        lock_path = folder / DEMO_LOCK
        if not lock_path.exists():
            if clock.time() - info.st_mtime < UNLOCKED_GRACE_SECONDS:
                continue
        else:
            try:
                with FileLock(lock_path, timeout=0):
                    pass  # nobody holds it: the demo that made it is gone
            except Timeout:
                continue  # a demo is running there
        shutil.rmtree(folder, ignore_errors=True)
        removed.append(folder)
    return removed


@contextmanager
def temporary_demo_store(today: date | None = None) -> Iterator[Path]:
    """A temp folder filled with the demo sessions, removed (whatever happens) on exit,
    and held by a lock while it is in use, so a later demo can tell it from a leftover."""
    remove_abandoned_demos()
    root = Path(tempfile.mkdtemp(prefix=DEMO_PREFIX))
    lock = FileLock(root / DEMO_LOCK)
    lock.acquire()
    try:
        fill_store(root / "store", today)
        yield root / "store"
    finally:
        lock.release()
        # A worker thread of the app may still be writing the index as it closes:
        # try again until the folder is gone, for up to two seconds.
        for _ in range(40):
            shutil.rmtree(root, ignore_errors=True)
            if not root.exists():
                break
            sleep(0.05)
