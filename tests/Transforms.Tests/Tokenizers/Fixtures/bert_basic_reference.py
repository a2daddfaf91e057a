#!/usr/bin/env python3
"""Reference for BERT's basic tokenisation, written from the algorithm in Devlin et al. 2019 /
google-research/bert's description, and generator of basic_tokenization_cases.json.

Usage:
  python3 bert_basic_reference.py                 # rewrite basic_tokenization_cases.json (fixed seed)
  python3 bert_basic_reference.py --words FILE    # print the words of each line of FILE (dev-time checks)

Steps, as in BERT: drop NUL, U+FFFD and "control" characters (category C*, except \\t \\n \\r); turn
whitespace (\\t \\n \\r, space, Zs) into spaces; put spaces around CJK ideographs; split on whitespace
(Python's str.split); per word: lower-case, strip accents (NFD, drop Mn), split off punctuation
(non-alphanumeric ASCII or category P*).

The cases are random strings over a pool of characters chosen to exercise every rule (accents,
combining marks, CJK mixed with Latin, kana, Hangul, emoji with ZWJ and variation selectors, control
and format characters, exotic spaces, fullwidth and typographic punctuation). Excluded on purpose:
capital sigma (Python applies the context-dependent final-sigma rule; the C# tokenizer documents that
it does not) and lone surrogates (tested in C# directly). Characters are all assigned in Unicode 14
(Python 3.11's unicodedata), so the two Unicode versions agree on them.
"""
import json
import random
import sys
import unicodedata

CJK_RANGES = [(0x4E00, 0x9FFF), (0x3400, 0x4DBF), (0x20000, 0x2A6DF), (0x2A700, 0x2B73F),
              (0x2B740, 0x2B81F), (0x2B820, 0x2CEAF), (0xF900, 0xFAFF), (0x2F800, 0x2FA1F)]


def is_cjk(cp):
    return any(lo <= cp <= hi for lo, hi in CJK_RANGES)


def is_control(ch):
    return ch not in "\t\n\r" and unicodedata.category(ch).startswith("C")


def is_whitespace(ch):
    return ch in " \t\n\r" or unicodedata.category(ch) == "Zs"


def is_punctuation(ch):
    cp = ord(ch)
    if 33 <= cp <= 47 or 58 <= cp <= 64 or 91 <= cp <= 96 or 123 <= cp <= 126:
        return True
    return unicodedata.category(ch).startswith("P")


def basic_tokenize(text, lower=True, strip=True, cjk=True):
    cleaned = []
    for ch in text:
        cp = ord(ch)
        if cp == 0 or cp == 0xFFFD or is_control(ch):
            continue
        cleaned.append(" " if is_whitespace(ch) else ch)
    spaced = []
    for ch in cleaned:
        if cjk and is_cjk(ord(ch)):
            spaced.extend([" ", ch, " "])
        else:
            spaced.append(ch)
    words = []
    for token in "".join(spaced).split():
        if lower:
            token = token.lower()
        if strip:
            token = "".join(c for c in unicodedata.normalize("NFD", token) if unicodedata.category(c) != "Mn")
        current = []
        for ch in token:
            if is_punctuation(ch):
                if current:
                    words.append("".join(current))
                    current = []
                words.append(ch)
            else:
                current.append(ch)
        if current:
            words.append("".join(current))
    return words


POOL = (
    list("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789") * 3
    + list("     \t\n\r") * 2
    + list("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~")
    + list("éÉèçÇñÑüÜöÖäÄåÅßøØæÆłŁ") + ["e\u0301", "n\u0303", "\u0301", "\u0308", "\u0327"]
    + list("ΆάωΩαβγЖжйЙщ") + ["\u0130", "\u0131"]
    + list("中文字的是不人我") + ["\U00020000", "\uF900", "\u3007"]
    + list("かなカナー") + list("한국어")
    + ["\U0001F600", "\U0001F44D", "\U0001F44D\U0001F3FD", "\U0001F468\u200D\U0001F469", "\u2764\uFE0F"]
    + ["\x00", "\x07", "\x7f", "\u0085", "\u200B", "\u200D", "\uFFFD", "\uE000", "\u00AD", "\x0b", "\x0c", "\x1f"]
    + ["\u00A0", "\u3000", "\u2009", "\u2028", "\u2029", "\u1680"]
    + list("，。！？、「」“”‘’—–…«»¿¡·") + list("€£¥±×÷°©®™½²") + ["\u2260", "\u226E", "\u1FEF"]
    + ["\uFB01", "\u2163", "\uFF21", "\uFF41"]
)


def make_cases(seed=20240401, count=300):
    rng = random.Random(seed)
    cases = []
    for _ in range(count):
        text = "".join(rng.choice(POOL) for _ in range(rng.randint(0, 40)))
        entry = {"text": text}
        for lower in (True, False):
            for strip in (True, False):
                entry[f"lower{int(lower)}_strip{int(strip)}"] = basic_tokenize(text, lower, strip, True)
        entry["no_cjk"] = basic_tokenize(text, True, True, False)
        cases.append(entry)
    return cases


def main():
    if len(sys.argv) == 3 and sys.argv[1] == "--words":
        with open(sys.argv[2], encoding="utf-8") as f:
            for line in f:
                print(" ".join(basic_tokenize(line.rstrip("\n"))))
        return
    cases = make_cases()
    with open(__file__.replace("bert_basic_reference.py", "basic_tokenization_cases.json"), "w", encoding="utf-8") as f:
        # One case per line keeps diffs of a regenerated fixture readable.
        f.write('{"unicode_version": %s, "cases": [\n' % json.dumps(unicodedata.unidata_version))
        f.write(",\n".join(json.dumps(c, ensure_ascii=True) for c in cases))
        f.write("\n]}\n")


if __name__ == "__main__":
    main()
