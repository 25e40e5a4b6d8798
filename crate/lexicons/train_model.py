#!/usr/bin/env python3
"""Trains the checker's learned model (crate/src/detect/model.rs) and writes lexicons/model.tsv.

    python3 crate/lexicons/train_model.py            # train and write model.tsv
    python3 crate/lexicons/train_model.py --check    # exit 1 if model.tsv would change
    python3 crate/lexicons/train_model.py --report   # cross-validated precision and recall
    python3 crate/lexicons/train_model.py --writers --report   # with the writers' drafts (README)

Data: every crate/lexicons/training/*.jsonl line is {"text", "author", "channel", "labels"},
written for the project. With --writers, also crate/lexicons/training/writers/*.jsonl, by
independent writer sessions: the experiment of lexicons/README.md's ablation table (the shipped
model.tsv is trained without them; the tone tier, train_tone.py, learns from them). The
held-out sets in tests/fixtures/eval/ are never read here.

Features: the checker's own (`cargo run --release --example features`), so training and
checking see a draft the same way: words, word pairs, and word classes.

Model: for each category, an L1-regularised logistic regression (scikit-learn, liblinear,
balanced class weights) over the features' presence. The threshold is the lowest score at
which the category's cross-validated precision stays at or above PRECISION (with --writers:
its precision on each writer's file held out in turn, scored by a model trained on everything
else); a category that cannot reach it is left out. Weights are rounded, and at most the strongest MAX_FEATURES kept
(L1 regularisation leaves fewer).

scikit-learn is installed, pinned, in target/train-venv the first time (PyPI).
"""
from __future__ import annotations

import argparse
import json
import subprocess
import sys
from pathlib import Path

from train_venv import run_in_venv

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
TRAINING = HERE / "training"
MODEL = HERE / "model.tsv"

CATEGORIES = [
    "bullying", "discrimination", "political", "personal-opinion", "disrepute", "confidential",
    "contact-request", "meeting", "credentials", "unverified", "copyright", "location",
    "school-identity",
]
PRECISION = 0.9
MAX_FEATURES = 350
SEED = 20261122
# L1 regularisation strength: smaller keeps fewer features.
C = 0.5



def load_drafts(writers: bool) -> list[dict]:
    drafts = []
    paths = sorted(TRAINING.glob("*.jsonl")) + (sorted((TRAINING / "writers").glob("*.jsonl")) if writers else [])
    for path in paths:
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if not line.strip():
                continue
            draft = json.loads(line)
            unknown = set(draft.get("labels", [])) - set(CATEGORIES) - {
                "offensive-language", "pupil-identity", "contact-details", "media-consent", "age-restriction"}
            if unknown:
                sys.exit(f"{path}:{number}: unknown labels {sorted(unknown)}")
            draft["writer"] = path.stem if path.parent.name == "writers" else "project"
            drafts.append(draft)
    return drafts


def features(drafts: list[dict]) -> list[list[str]]:
    """The checker's features of every draft, from the Rust example (one JSON array a line)."""
    lines = "".join(json.dumps({"text": d["text"]}) + "\n" for d in drafts)
    run = subprocess.run(
        ["cargo", "run", "--quiet", "--release", "--example", "features"],
        cwd=ROOT, input=lines, capture_output=True, text=True, check=True)
    out = [json.loads(line) for line in run.stdout.splitlines()]
    assert len(out) == len(drafts), "the features example must answer every draft"
    return out


def train(drafts, feats) -> list[str]:
    import numpy as np
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.model_selection import StratifiedKFold

    vectorizer = DictVectorizer(dtype=np.float32)
    matrix = vectorizer.fit_transform([{f: 1 for f in fs} for fs in feats])
    names = vectorizer.get_feature_names_out()
    out = [
        "# The learned model of crate/src/detect/model.rs, written by crate/lexicons/train_model.py from",
        f"# crate/lexicons/training/*.jsonl ({len(drafts)} drafts written for Postwise; licence as the project).",
        "# Per category: '## category<TAB>bias<TAB>threshold', then feature<TAB>weight lines. A category",
        "# fires when bias + the weights of the draft's features reach the threshold (cross-validated",
        f"# precision {PRECISION}). Features: w:word, c:<class>, b:pair of words. Do not edit by hand.",
    ]
    writers = np.array([d["writer"] for d in drafts])
    realistic = writers != "project"
    # Thresholds from drafts by writers the model did not learn from: each independent writer's
    # file held out in turn (the project's own drafts, one templated voice, always trained on).
    writer_folds = [(np.flatnonzero(writers != w), np.flatnonzero(writers == w)) for w in sorted(set(writers[realistic]))]
    if not writer_folds:
        realistic = np.ones(len(drafts), dtype=bool)
    for category in CATEGORIES:
        y = np.array([category in d.get("labels", []) for d in drafts], dtype=int)
        if y.sum() < 20:
            print(f"train: {category}: only {y.sum()} examples, left out", file=sys.stderr)
            continue
        model = LogisticRegression(penalty="l1", solver="liblinear", C=C, class_weight="balanced",
                                   max_iter=2000, random_state=SEED)
        folds = writer_folds or StratifiedKFold(n_splits=5, shuffle=True, random_state=SEED).split(matrix, y)
        scores = np.zeros(len(y))
        for train_rows, held_rows in folds:
            if y[train_rows].sum() == 0:
                continue
            scores[held_rows] = model.fit(matrix[train_rows], y[train_rows]).decision_function(matrix[held_rows])
        # The lowest threshold whose held-out precision reaches PRECISION.
        threshold, best = None, None
        held, gold = scores[realistic], y[realistic]
        for t in sorted(set(np.round(held, 3))):
            predicted = held >= t
            tp = int((predicted & (gold == 1)).sum())
            fp = int((predicted & (gold == 0)).sum())
            if tp and tp / (tp + fp) >= PRECISION:
                threshold, best = float(t), (tp / (tp + fp), tp / max(int(gold.sum()), 1))
                break
        if threshold is None:
            print(f"train: {category}: cannot reach precision {PRECISION}, left out", file=sys.stderr)
            continue
        model.fit(matrix, y)
        weights = model.coef_[0]
        bias = float(model.intercept_[0])
        kept = sorted(np.flatnonzero(weights), key=lambda i: -abs(weights[i]))[:MAX_FEATURES]
        print(f"train: {category}: {int(y.sum())} examples, {len(kept)} features, "
              f"held-out precision {best[0]:.2f} recall {best[1]:.2f}", file=sys.stderr)
        out.append(f"## {category}\t{bias:.3f}\t{threshold:.3f}")
        for i in sorted(kept, key=lambda i: names[i]):
            out.append(f"{names[i]}\t{weights[i]:.3f}")
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--check", action="store_true", help="fail if model.tsv would change")
    parser.add_argument("--report", action="store_true", help="print held-out figures only")
    parser.add_argument("--writers", action="store_true",
                        help="also learn from training/writers/, thresholds on each writer held out in turn")
    args = parser.parse_args()
    run_in_venv(__file__)
    drafts = load_drafts(args.writers)
    text = "\n".join(train(drafts, features(drafts))) + "\n"
    if args.report:
        return
    if args.check:
        sys.exit(0 if MODEL.read_text(encoding="utf-8") == text else 1)
    MODEL.write_text(text, encoding="utf-8")
    print(f"train: wrote {MODEL.relative_to(ROOT)}", file=sys.stderr)


if __name__ == "__main__":
    main()
