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
            if self.detector.feed(block) is not None and not self.halt.is_set():
                self.halt.set()
                self.detector.halted(self.detector.samples)


__all__ = ["EarlyStart"]
