"""Leave-one-batch-out evaluation of the verdict model: the honest number.

Each register batch in ``tests/data/moves/batches/`` was written apart from the others
(blunt, formal, non-native, raw Whisper text...). For each batch the model is trained
from scratch on every other batch plus the development sets, with the shipped settings,
then scored on the batch it never saw. Nothing is tuned on the scored batch.

Only the training side is augmented (``train_semantic.AUGMENT``): each training file comes
with the spoken variants and run-ons of :mod:`voicecoach.analysis.augment` and (a batch)
its real-channel transcripts (:mod:`voicecoach.analysis.channel`), never the scored
batch. Takes minutes: every sentence and variant is embedded once (about 13,000), then
the model is trained once per batch.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from voicecoach.analysis.evaluate import FORMS, SentenceReport, evaluate_sentences
from voicecoach.analysis.results import MOVES

LABELS = (*MOVES, *FORMS)


@dataclass(frozen=True)
class LoboReport:
    batches: tuple[SentenceReport, ...]  # one per left-out batch

    def f1(self, label: str) -> tuple[float, float]:
        """(mean, lowest) F1 of ``label`` over the left-out batches."""
        values = [b.score(label).f1 for b in self.batches]
        return sum(values) / len(values), min(values)

    def unclear_rate(self) -> float:
        """Share of sentence-move decisions that were unclear (see :func:`run_lobo`)."""
        return self._unclear[0] / self._unclear[1] if self._unclear[1] else 0.0

    _unclear: tuple[int, int] = (0, 0)  # (unclear decisions, all decisions)


def run_lobo(
    batches: Sequence[Path] | None = None,
    encode: Callable[[Sequence[str]], Any] | None = None,
    dev_sets: Sequence[Path] | None = None,
    progress: Callable[[str], None] | None = None,
) -> LoboReport:
    """Train without each batch in turn and score it (see the module docstring).

    Defaults: the shipped batches, the MiniLM encoder, and ``train_semantic.DEV_SETS``
    always in training."""
    import numpy as np

    from voicecoach.analysis import minilm
    from voicecoach.analysis import train_semantic as ts
    from voicecoach.analysis.clauses import clause_max

    paths = list(batches) if batches is not None else ts.batch_files()
    devs = ts.DEV_SETS if dev_sets is None else tuple(dev_sets)
    every = [p for p in (*paths, *devs) if p.exists()]
    # each file with its spoken variants (train_semantic.AUGMENT); only for training
    sets = {p: ts.file_examples(p) for p in every}
    texts = list(dict.fromkeys(e.text for p in every for e in sets[p]))
    encoder = encode or minilm.load().encode
    table = dict(zip(texts, np.asarray(encoder(texts)), strict=True))

    def cached(sentences: Sequence[str]) -> Any:
        return np.stack([table[t] if t in table else encoder([t])[0] for t in sentences])

    reports = []
    tally = [0, 0]  # unclear decisions, all decisions
    for path in paths:
        if progress:
            progress(path.stem)
        train = [e for p in every if p != path for e in sets[p]]
        weights = ts.train(train, cached)

        def labeller(sentences: Sequence[str], w: Any = weights) -> list[Any]:
            def score(texts: Sequence[str]) -> Any:
                return ts.forward(w, ts.inputs(texts, cached))

            return verdicts(
                sentences, clause_max(sentences, score(sentences), score, ts.OUTPUTS), tally
            )

        reports.append(evaluate_sentences(path, labeller))
    return LoboReport(tuple(reports), (tally[0], tally[1]))


def verdicts(
    sentences: Sequence[str], rows: Any, tally: list[int]
) -> list[tuple[frozenset[str], str | None]]:
    """(moves, form) for each sentence from the model's probability ``rows``, as the
    analyzer decides them; adds the unclear decisions and all decisions to ``tally``."""
    from voicecoach.analysis import moves, rules
    from voicecoach.analysis.semantic import labels_from_row
    from voicecoach.analysis.train_semantic import OUTPUTS

    labs = [labels_from_row(r, OUTPUTS) for r in rows]
    keep = moves.KEEP_QUESTION_PROBABILITY
    sure = None if keep is None else [float(r[OUTPUTS.index("question")]) >= keep for r in rows]
    labs = moves.trust_question_marks(sentences, [rules.label(s) for s in sentences], labs, sure)
    tally[0] += sum(len(lab.unclear) for lab in labs)
    tally[1] += len(labs) * len(MOVES)
    return [(lab.moves, lab.question_form) for lab in labs]
