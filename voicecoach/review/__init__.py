"""Looking back at stored sessions: replay, the HTML report, the follow-up email, progress
over time, export and re-analysis (:mod:`.reanalysis`). The terminal views
(:mod:`.sessions_view`, :mod:`.replay_view`) load rich when used."""

from __future__ import annotations

from typing import TYPE_CHECKING

from voicecoach.lazy import lazy_exports

if TYPE_CHECKING:
    from voicecoach.review.export import export_session, get_writer
    from voicecoach.review.followup import FollowupEmail, draft_followup
    from voicecoach.review.progress import Progress, load_progress
    from voicecoach.review.replay import replay_session
    from voicecoach.review.report import render_report, write_report

__all__ = [
    "FollowupEmail",
    "Progress",
    "draft_followup",
    "export_session",
    "get_writer",
    "load_progress",
    "render_report",
    "replay_session",
    "write_report",
]

__getattr__ = lazy_exports(
    __name__,
    {
        "export_session": "voicecoach.review.export",
        "get_writer": "voicecoach.review.export",
        "FollowupEmail": "voicecoach.review.followup",
        "draft_followup": "voicecoach.review.followup",
        "Progress": "voicecoach.review.progress",
        "load_progress": "voicecoach.review.progress",
        "replay_session": "voicecoach.review.replay",
        "render_report": "voicecoach.review.report",
        "write_report": "voicecoach.review.report",
    },
)
