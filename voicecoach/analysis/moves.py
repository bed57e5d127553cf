"""Label sentences with moves: rules always, the semantic model when asked for.

``semantic=None`` (auto) uses the sentence model only if it is already loaded in this
process (see :func:`voicecoach.analysis.semantic.preload`), so a plain call never pays the
model's start-up cost; ``True`` loads it (once per process); ``False`` keeps to rules.
"""

from __future__ import annotations

from collections.abc import Sequence

from voicecoach.analysis import rules, semantic, wording
from voicecoach.analysis.rules import Labels


def label_texts(
    sentences: Sequence[str],
    *,
    semantic_mode: bool | None = None,
    word_probabilities: Sequence[Sequence[float] | None] | None = None,
) -> tuple[list[Labels], str]:
    """Labels for each sentence and a note saying which mode ran. ``word_probabilities``:
    the recognition probability of each word of each sentence, when known."""
    base = [rules.label(s) for s in sentences]
    # Default: the sentence model whenever its weights are installed (0.2 s to load), so
    # results do not depend on what happened to be loaded earlier in the process.
    use = semantic.is_available() if semantic_mode is None else semantic_mode
    if not use:
        return base, wording.NOTES["mode_rules"]
    try:
        model = semantic.get_model()
    except semantic.SemanticUnavailable as exc:
        return base, wording.NOTES["mode_semantic_failed"].format(reason=exc)
    return model.refine(sentences, base, word_probabilities), wording.NOTES["mode_semantic"]
