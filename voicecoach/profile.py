"""The optional job profile: the role being interviewed for and what it values.

A profile is a small TOML file::

    role = "senior data analyst"
    company = "Northwind Freight"
    interviewer = "Dana Reyes"
    strengths = ["SQL", "demand forecasting", "stakeholder communication"]

Every key is optional. The analyzer checks the recap against ``strengths``; the rehearsal
and the thank-you draft use the names.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from voicecoach.errors import ConfigError
from voicecoach.settings import read_toml

_TEXT_KEYS = ("role", "company", "interviewer")
_KEYS = (*_TEXT_KEYS, "strengths")


@dataclass(frozen=True)
class Profile:
    role: str = ""  # e.g. "senior data analyst"
    company: str = ""  # the employer's name as the candidate would say it
    interviewer: str = ""  # the interviewer's name, for prompts and the thank-you note
    strengths: tuple[str, ...] = ()  # the role's key strengths the recap should name


def load_profile(path: Path) -> Profile:
    """Read a job profile; :class:`ConfigError` names the file and the key at fault."""
    path = Path(path)
    data = read_toml(path, "job profile", missing_fix="check the --profile path")
    return profile_from_dict(data, source=str(path))


def profile_from_dict(data: dict[str, Any], *, source: str = "profile") -> Profile:
    """Validate a parsed profile table (also used for profiles embedded in other files)."""
    for key in data:
        if key not in _KEYS:
            raise ConfigError(
                f"{source}: unknown key '{key}' in job profile; known keys: {', '.join(_KEYS)}"
            )
    values: dict[str, Any] = {}
    for key in _TEXT_KEYS:
        if key in data:
            value = data[key]
            if not isinstance(value, str):
                raise ConfigError(f"{source}: key '{key}' must be text, e.g. {key} = \"...\"")
            values[key] = value.strip()
    if "strengths" in data:
        strengths = data["strengths"]
        if not isinstance(strengths, list) or not all(isinstance(s, str) for s in strengths):
            raise ConfigError(
                f"{source}: key 'strengths' must be a list of text, e.g. strengths = [\"SQL\"]"
            )
        values["strengths"] = tuple(s.strip() for s in strengths if s.strip())
    return Profile(**values)
