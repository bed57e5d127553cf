"""Starting to answer over a line that follows no answer (the first one, or one after an
answer the rehearsal did not listen on after).

After an answer, :mod:`.barge_in` listens while the next line plays. Before the first
answer nothing did, so a candidate who began while the interviewer was still speaking
lost those words: the recording started only when the line was over. :class:`EarlyStart`
listens while such a line plays, through the session's
:class:`~voicecoach.audio.echo.DoubleTalk` (the line's own echo is not the candidate).
When the candidate speaks, the line stops, and :meth:`EarlyStart.finish` gives what they
said over it, from just before their first word with the line's echo removed, for the
answer's recording to start with (``Recorder.record(lead=...)``). The microphone is
handed over to that recording without losing a sample (``keep_open``).

A line that follows an answer is listened over by :class:`~.barge_in.Listener`, which
takes speech over it for that answer going on, unless the line has been said far enough
for the candidate to be answering it (:func:`answer_point`): then it starts the line's own
answer, as here.
"""

from __future__ import annotations

import threading
from typing import TYPE_CHECKING

from voicecoach.audio.files import FloatArray
from voicecoach.rehearsal.barge_in import PRE_ROLL_S, OverLine
from voicecoach.settings import SAMPLE_RATE_HZ

if TYPE_CHECKING:
    from voicecoach.audio.echo import DoubleTalk
    from voicecoach.audio.recorders import Recorder


# Speech that starts over a line after this share of its asking part (the last of its
# lines: the question, the doubt) has been said, and at least ANSWER_MIN_S into the line,
# answers the line. Before that point, the candidate is going on with the answer before it
# (a thought the turn end cut into resumes within a breath or two of the line's start, over
# the interviewer's reply to it). A trial's candidate began "That's fair: I haven't led ten
# people yet, but..." over the end of the doubt voiced to them: that was merged into the
# answer before, the doubt said again from its start, and every later turn shifted by one.
# Trial 12 (17 live rehearsals) measured both sides: going on with the answer came 0.3-1.5 s
# into the next line (at most a third of it), and answering the doubt once its gist was
# out came at 57% of a line that is all doubt ("...you have not led a team before, and"),
# which 0.6 had missed: the doubt was said again word for word. So a short line ("Any
# questions for me?", under 2 s) is not answered over: speech over it goes on with the
# answer before, and the line is said again.
ANSWER_HEARD = 0.4
ANSWER_MIN_S = 2.0
# After an answer the turn end cut for its silence while it still owed a move (a doubt
# granted with no evidence yet, questions announced and not all asked), the candidate is
# thinking, and goes on later than after a finished answer. Live trial 51: a 6.5 s pause
# after "That's fair. I have worked at startups for eight years." was cut at end_unmet_s
# (4 s), the next line began about 0.5 s later, and the evidence came 2.0 s into it: it was
# taken for the answer to that line, and the candidate lost the turn that asks for their
# interest and the ask. Over such a line speech answers it only this far in, or at three
# quarters of a shorter line (a candidate answering over its last words).
ANSWER_MIN_OWED_S = 4.0
# A line that voices a doubt is answered once this share of the doubt itself was said: 40%
# of "Since you ask, I will be honest. My one hesitation is that you have not managed a
# budget..." came before the doubt began (trial 13: a recap going on 3.5 s into it was
# taken for the answer to a doubt never said, and coached "off topic"), while a12's answer
# came 40% into its doubt.
DOUBT_HEARD = 0.3


def answer_point(
    text: str,
    asking: str,
    duration_s: float | None = None,
    doubt: str | None = None,
    *,
    owed: bool = False,
) -> float:
    """How far into the line ``text`` (0-1, by its letters: a voice says them at a steady
    pace) speech over it answers it: once ANSWER_HEARD of ``asking``, the part of the
    line that asks (its last sentences; the whole line when it does not end with it), has
    been said, or DOUBT_HEARD of the ``doubt`` it voices (when it does); and not before
    ANSWER_MIN_S of the line's ``duration_s`` (when known), or ANSWER_MIN_OWED_S (at most
    three quarters of the line) when the answer before it was ``owed`` a move."""
    text, asking, doubt = text.strip(), asking.strip(), (doubt or "").strip()
    at = text.find(doubt) if doubt else -1
    if at >= 0:
        point = at + DOUBT_HEARD * len(doubt)
    else:
        start = len(text) - len(asking) if asking and text.endswith(asking) else 0
        point = start + ANSWER_HEARD * (len(text) - start)
    share = point / max(1, len(text))
    if not duration_s:
        return share
    floor_s = max(ANSWER_MIN_S, min(ANSWER_MIN_OWED_S, 0.75 * duration_s)) if owed else ANSWER_MIN_S
    return max(share, floor_s / duration_s)


class EarlyStart(OverLine):
    """Listens on its own thread while one line plays; :meth:`finish` when it is over."""

    def __init__(self, recorder: Recorder, detector: DoubleTalk, quit_key: threading.Event) -> None:
        super().__init__(recorder, detector, quit_key, "early-start")
        self._playing = False  # the line has been placed on the microphone's clock

    def finish(self) -> FloatArray | None:
        """The line is over (or stopped): stop listening, leaving the microphone running
        for the answer. What the candidate said over the line, or None."""
        self._end_listening()
        if self._error is not None:
            raise self._error
        if self.detector.onset is None:
            return None
        start = max(0, self.detector.since - int(PRE_ROLL_S * SAMPLE_RATE_HZ))
        return self.detector.cleaned(start)

    def abandon(self) -> None:
        """Stop listening and drop what was heard (Ctrl-C, an error elsewhere)."""
        self._end_listening()
        self.recorder.close()

    def _listen(self) -> None:
        # only the detector keeps what is heard (finish() takes it from there): no file
        self.recorder.listen(stop=self._stop, on_audio=self._audio)

    def _audio(self, block: FloatArray) -> None:
        with self._lock:
            self._playing = self._place(block) or self._playing
            if not self._playing:
                return  # the line has not started: a voice in the room must not skip it
            # from now on: kept, not judged (the line stops, and so does its echo)
            onset = self.detector.feed(block)
            if onset is not None and not self.halt.is_set():
                self.halt.set()
                self.detector.halted(self.detector.samples)
                self._note_heard(onset)


__all__ = [
    "ANSWER_HEARD",
    "ANSWER_MIN_OWED_S",
    "ANSWER_MIN_S",
    "DOUBT_HEARD",
    "EarlyStart",
    "answer_point",
]
