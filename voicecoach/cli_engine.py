"""Commands: placeholder module, filled by its owner."""

from __future__ import annotations

import click  # noqa: F401

from voicecoach.cli import main  # noqa: F401
