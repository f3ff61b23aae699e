#!/usr/bin/env python3
# mkvectors.py: write the systematic part of tests/ime/{telex,vni,viqr}.tsv.
#
# The expected text comes from the spelling rules written out here as
# data, independently of src/ime.c: a table of every vowel group with the
# vowel that carries the tone in the old and the new style, open and
# closed, and sample syllables for each. The keys are derived from the
# expected text (a letter and its marks, then the tone) in three orders:
# marks right after their letter, marks deferred to the end of the word,
# and the tone right after the first vowel. The hand-written vectors at the
# top of each file (above the "generated" line) are kept as they are.
#
#	python3 tests/ime/mkvectors.py		(from the top of the tree)
#
# make check does not run this; it reads the .tsv files.

import os
import sys
import unicodedata

TONES = ["", "\u0300", "\u0309", "\u0303", "\u0301", "\u0323"]
TONE_NAMES = ["none", "grave", "hook", "tilde", "acute", "dot"]
TELEX_TONE = ["", "f", "r", "x", "s", "j"]
VNI_TONE = ["", "2", "3", "4", "1", "5"]
VIQR_TONE = ["", "`", "?", "~", "'", "."]

# Vowel group -> tone index (open old, open new, closed); None where the
# group cannot end, or cannot be closed, a syllable.
GROUPS = {
    "a": (0, 0, 0), "ă": (None, None, 0), "â": (None, None, 0),
    "e": (0, 0, 0), "ê": (0, 0, 0), "i": (0, 0, 0), "o": (0, 0, 0),
    "ô": (0, 0, 0), "ơ": (0, 0, 0), "u": (0, 0, 0), "ư": (0, 0, 0),
    "y": (0, 0, None),
    "ai": (0, 0, None), "ao": (0, 0, None), "au": (0, 0, None),
    "âu": (0, 0, None), "ay": (0, 0, None), "ây": (0, 0, None),
    "eo": (0, 0, None), "êu": (0, 0, None), "ia": (0, 0, None),
    "iê": (None, None, 1), "iu": (0, 0, None),
    "oa": (0, 1, 1), "oă": (None, None, 1), "oe": (0, 1, 1),
    "oi": (0, 0, None), "ôi": (0, 0, None), "ơi": (0, 0, None),
    "ua": (0, 0, None), "uâ": (None, None, 1), "uê": (1, 1, 1),
    "ui": (0, 0, None), "uô": (None, None, 1), "uơ": (1, 1, None),
    "uy": (0, 1, 1), "ưa": (0, 0, None), "ưi": (0, 0, None),
    "ươ": (None, None, 1), "ưu": (0, 0, None), "yê": (None, None, 1),
    "iêu": (1, 1, None), "yêu": (1, 1, None), "oai": (1, 1, None),
    "oay": (1, 1, None), "oeo": (1, 1, None), "uây": (1, 1, None),
    "uôi": (1, 1, None), "ươi": (1, 1, None), "ươu": (1, 1, None),
    "uya": (1, 1, None), "uyê": (None, None, 2), "uyu": (1, 1, None),
}

# Sample syllables: (initial, group, final). Real words where possible.
FRAMES = [
    ("m", "a", ""), ("b", "a", "n"), ("c", "a", "t"), ("b", "a", "nh"),
    ("b", "ă", "n"), ("m", "ă", "t"), ("c", "â", "n"), ("t", "â", "p"),
    ("m", "e", ""), ("b", "e", "n"), ("x", "e", "t"), ("t", "ê", ""),
    ("b", "ê", "n"), ("l", "ê", "nh"), ("t", "ê", "t"), ("m", "i", ""),
    ("t", "i", "n"), ("t", "i", "ch"), ("c", "o", ""), ("c", "o", "n"),
    ("h", "o", "c"), ("t", "ô", ""), ("c", "ô", "ng"), ("m", "ô", "t"),
    ("m", "ơ", ""), ("c", "ơ", "m"), ("l", "ơ", "p"), ("m", "u", ""),
    ("c", "u", "ng"), ("b", "u", "t"), ("t", "ư", ""), ("c", "ư", "ng"),
    ("m", "ư", "c"), ("l", "y", ""), ("", "y", ""), ("k", "y", ""),
    ("m", "ai", ""), ("c", "ao", ""), ("s", "au", ""), ("c", "âu", ""),
    ("t", "ay", ""), ("m", "ây", ""), ("m", "eo", ""), ("k", "êu", ""),
    ("m", "ia", ""), ("t", "iê", "ng"), ("v", "iê", "t"), ("n", "iu", ""),
    ("h", "oa", ""), ("h", "oa", "n"), ("h", "oa", "ch"), ("x", "oă", "n"),
    ("h", "oă", "c"), ("kh", "oe", ""), ("nh", "oe", "n"), ("n", "oi", ""),
    ("t", "ôi", ""), ("m", "ơi", ""), ("m", "ua", ""), ("t", "uâ", "n"),
    ("kh", "uâ", "t"), ("h", "uê", ""), ("kh", "uê", "nh"), ("n", "ui", ""),
    ("m", "uô", "n"), ("th", "uô", "c"), ("th", "uơ", ""), ("th", "uy", ""),
    ("h", "uy", "nh"), ("h", "uy", "t"), ("m", "ưa", ""), ("g", "ưi", ""),
    ("đ", "ươ", "ng"), ("đ", "ươ", "c"), ("c", "ưu", ""), ("", "yê", "n"),
    ("", "yê", "t"), ("t", "iêu", ""), ("", "yêu", ""), ("ng", "oai", ""),
    ("x", "oay", ""), ("ng", "oeo", ""), ("kh", "uây", ""), ("c", "uôi", ""),
    ("ng", "ươi", ""), ("r", "ươu", ""), ("kh", "uya", ""), ("ch", "uyê", "n"),
    ("th", "uyê", "t"), ("kh", "uyu", ""),
]

STOPS = ("c", "ch", "p", "t")

# A marked letter: (base, Telex keys, VNI keys, VIQR keys).
LETTERS = {
    "ă": ("a", "aw", "a8", "a("), "â": ("a", "aa", "a6", "a^"),
    "ê": ("e", "ee", "e6", "e^"), "ô": ("o", "oo", "o6", "o^"),
    "ơ": ("o", "ow", "o7", "o+"), "ư": ("u", "uw", "u7", "u+"),
    "đ": ("d", "dd", "d9", "dd"),
}
# The key that adds each mark when it is typed later (deferred).
DEFER = {
    "ă": ("w", "8"), "â": ("a", "6"), "ê": ("e", "6"), "ô": ("o", "6"),
    "ơ": ("w", "7"), "ư": ("w", "7"), "đ": ("d", "9"),
}


def expected(ini, grp, fin, tone, style):
    """The syllable as text, with the tone on the vowel the table says."""
    t = GROUPS[grp]
    if fin:
        pos = t[2]
    else:
        pos = t[0] if style == "old" else t[1]
    assert pos is not None, (ini, grp, fin)
    v = grp[:pos] + grp[pos] + TONES[tone] + grp[pos + 1:]
    return unicodedata.normalize("NFC", ini + v + fin)


def letter_keys(text, method):
    col = {"telex": 1, "vni": 2, "viqr": 3}[method]
    return "".join(LETTERS[c][col] if c in LETTERS else c for c in text)


def deferred_keys(text, method):
    """Base letters first, then the mark keys, one w/7 for ươ."""
    base = "".join(LETTERS[c][0] if c in LETTERS else c for c in text)
    marks = []
    i = 0
    while i < len(text):
        c = text[i]
        if c in DEFER:
            marks.append(DEFER[c][0 if method == "telex" else 1])
            if text[i:i + 2] == "ươ":
                i += 1
        i += 1
    return base + "".join(marks)


def first_vowel_end(ini, grp, keys_of):
    """Offset in the keys just after the first vowel of the group."""
    return len(keys_of(ini + grp[0]))


def main():
    top = os.path.dirname(os.path.dirname(os.path.dirname(
        os.path.abspath(__file__))))
    out = {"telex": [], "vni": [], "viqr": []}

    def add(method, keys, want, opts="old"):
        out[method].append((keys, want, opts))

    for n, (ini, grp, fin) in enumerate(FRAMES):
        stop = fin in STOPS
        tones = [0, 4, 5] if stop else range(6)
        marked = any(c in DEFER for c in ini + grp)
        for tone in tones:
            word = expected(ini, grp, fin, tone, "old")
            plain = ini + grp + fin
            # Telex: every tone, marks in place, tone last.
            add("telex", letter_keys(plain, "telex") +
                TELEX_TONE[tone], word)
            # VNI: every tone but on alternate frames the tone comes
            # right after the marks of the first vowel.
            vk = letter_keys(plain, "vni")
            if n % 2 == 0 or tone == 0:
                add("vni", vk + VNI_TONE[tone], word)
            else:
                cut = first_vowel_end(ini, grp,
                                      lambda s: letter_keys(s, "vni"))
                add("vni", vk[:cut] + VNI_TONE[tone] + vk[cut:], word)
            # VIQR: two tones a frame, the sign right after the last
            # vowel of the group (a sign must follow a vowel).
            if tone in (0, 1 + n % 5):
                k1 = letter_keys(ini + grp, "viqr")
                add("viqr", k1 + VIQR_TONE[tone] +
                    letter_keys(fin, "viqr"), word)
            # The new style, where it differs.
            new = expected(ini, grp, fin, tone, "new")
            if new != word:
                add("telex", letter_keys(plain, "telex") +
                    TELEX_TONE[tone], new, "new")
                add("vni", vk + VNI_TONE[tone], new, "new")
                if tone % 2 == 0:
                    add("viqr", letter_keys(ini + grp, "viqr") +
                        VIQR_TONE[tone], new, "new")
            elif tone == 2:
                add("telex", letter_keys(plain, "telex") + "r", word,
                    "new")
        plain = ini + grp + fin
        tone = 4 if stop else 1 + n % 5
        word = expected(ini, grp, fin, tone, "old")
        # Free order: marks deferred to the end, then the tone.
        if marked:
            add("telex", deferred_keys(plain, "telex") +
                TELEX_TONE[tone], word)
            add("vni", deferred_keys(plain, "vni") + VNI_TONE[tone], word)
        # Free order: the tone right after the first vowel.
        tk = letter_keys(plain, "telex")
        cut = first_vowel_end(ini, grp, lambda s: letter_keys(s, "telex"))
        add("telex", tk[:cut] + TELEX_TONE[tone] + tk[cut:], word)
        # Upper case and a capital first letter.
        add("telex", (tk + TELEX_TONE[tone]).upper(), word.upper())
        cap = tk + TELEX_TONE[tone]
        add("telex", cap[:1].upper() + cap[1:],
            word[:1].upper() + word[1:])
        if n % 3 == 0:
            add("vni", (letter_keys(plain, "vni") +
                        VNI_TONE[tone]).upper(), word.upper())
        if n % 4 == 0:
            add("viqr", (letter_keys(ini + grp, "viqr") + VIQR_TONE[tone] +
                         fin).upper(), word.upper())

    for method, rows in out.items():
        path = os.path.join(top, "tests", "ime", method + ".tsv")
        with open(path, encoding="utf-8") as f:
            head = f.read().split("# generated by mkvectors.py")[0]
        seen = set()
        with open(path, "w", encoding="utf-8") as f:
            f.write(head)
            f.write("# generated by mkvectors.py: do not edit below\n")
            for keys, want, opts in rows:
                if (keys, opts) in seen:
                    continue
                seen.add((keys, opts))
                f.write("%s\t%s\t%s\n" % (keys, want, opts))
        print("%s: %d generated" % (path, len(seen)), file=sys.stderr)


if __name__ == "__main__":
    main()
