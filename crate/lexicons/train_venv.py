"""The Python environment both training scripts run in: target/train-venv with pinned packages
(scikit-learn, numpy, scipy; PyPI, BSD-3-Clause), made the first time it is needed."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

VENV = Path(__file__).resolve().parent.parent.parent / "target" / "train-venv"
PINS = ["scikit-learn==1.5.2", "numpy==2.1.3", "scipy==1.14.1"]


def run_in_venv(script: str) -> None:
    """Re-runs `script` (with this process's arguments) inside the venv, creating it first;
    returns at once when already inside it."""
    if os.environ.get("POSTWISE_TRAIN_VENV") == "1":
        return
    python = VENV / "bin" / "python"
    if not python.exists():
        subprocess.run([sys.executable, "-m", "venv", str(VENV)], check=True)
        subprocess.run([str(python), "-m", "pip", "install", "-q", *PINS], check=True)
    env = dict(os.environ, POSTWISE_TRAIN_VENV="1")
    sys.exit(subprocess.run([str(python), script, *sys.argv[1:]], env=env).returncode)
