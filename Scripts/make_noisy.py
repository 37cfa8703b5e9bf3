#!/usr/bin/env python3
"""Write a noisy copy of a labelled JSON-lines set, typed the way citizens mistype.

Usage:
    python3 Scripts/make_noisy.py Tests/Evaluation/evaluation.jsonl > Tests/Evaluation/evaluation-noisy.jsonl

Each line {"text": ..., "intent": ...} is copied with only its "text" changed (the label and any
other field stay as they are). The text is changed in this order:

1. lower-cased;
2. punctuation removed: a dot, hyphen or apostrophe inside a word is dropped ("e-mail" -> "email",
   "z.b." -> "zb"), any other punctuation becomes a word boundary ("ja/nein" -> "ja nein");
3. umlauts written without umlauts, for the whole line either as ae/oe/ue or as a/o/u (one typing
   habit per person), and ß as ss;
4. keyboard errors in words of 4 or more letters: at each letter, with probability 1/8 (about one
   error per 8 letters), the letter is dropped, doubled, or swapped with the next one.

The noise is deterministic: every line draws from its own random generator seeded with a fixed seed
and the line's text, so the same input gives byte-identical output, and adding or removing a line
does not change the noise of the others. Python standard library only.
"""

import argparse
import json
import random
import sys
import unicodedata

SEED = 20240917
ERROR_RATE = 1 / 8          # probability of a keyboard error at each letter of a long word
MIN_WORD_LETTERS = 4        # shorter words are left without errors
JOINING_PUNCTUATION = set(".-'’‐‑")   # dropped inside a word without leaving a gap

UMLAUTS_DIGRAPH = {"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss"}
UMLAUTS_BARE = {"ä": "a", "ö": "o", "ü": "u", "ß": "ss"}


def is_punctuation(char):
    return unicodedata.category(char).startswith("P")


def remove_punctuation(text):
    out = []
    for index, char in enumerate(text):
        if not is_punctuation(char):
            out.append(char)
            continue
        before = text[index - 1] if index > 0 else " "
        after = text[index + 1] if index + 1 < len(text) else " "
        inside_word = before.isalnum() and after.isalnum()
        if inside_word and char not in JOINING_PUNCTUATION:
            out.append(" ")
    return " ".join("".join(out).split())


def fold_umlauts(text, rng):
    table = UMLAUTS_DIGRAPH if rng.random() < 0.5 else UMLAUTS_BARE
    # NFC first so that a decomposed "a" + combining diaeresis is an umlaut too.
    return "".join(table.get(char, char) for char in unicodedata.normalize("NFC", text))


def mistype_word(word, rng):
    """One pass over the letters; at each with probability ERROR_RATE: drop, double or swap."""
    out = []
    index = 0
    while index < len(word):
        char = word[index]
        if rng.random() >= ERROR_RATE:
            out.append(char)
            index += 1
            continue
        kind = int(rng.random() * 3)  # 0 drop, 1 double, 2 swap
        can_swap = index + 1 < len(word) and word[index + 1] != char
        if kind == 2 and not can_swap:
            kind = 1  # swapping with nothing or with the same letter would change nothing
        if kind == 0:
            index += 1
        elif kind == 1:
            out.append(char + char)
            index += 1
        else:
            out.append(word[index + 1] + char)
            index += 2
    return "".join(out)


def make_noisy(text, seed=SEED):
    rng = random.Random(f"{seed}\n{text}")  # str seeds are hashed with SHA-512: stable everywhere
    text = remove_punctuation(text.lower())
    text = fold_umlauts(text, rng)
    words = []
    for word in text.split(" "):
        if word.isalpha() and len(word) >= MIN_WORD_LETTERS:
            word = mistype_word(word, rng)
        words.append(word)
    return " ".join(words)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("file", help="JSON-lines file of {\"text\": ..., \"intent\": ID or null}; - for stdin")
    parser.add_argument("--seed", type=int, default=SEED, help=f"random seed (default {SEED})")
    args = parser.parse_args()

    if args.file == "-":
        source = sys.stdin.buffer.read().decode("utf-8")
    else:
        with open(args.file, encoding="utf-8") as handle:
            source = handle.read()

    out = []
    for number, line in enumerate(source.split("\n"), start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
            text = record["text"]
        except (ValueError, KeyError, TypeError) as error:
            sys.exit(f"{args.file}:{number}: not a labelled line ({error})")
        if not isinstance(text, str):
            sys.exit(f"{args.file}:{number}: \"text\" is not a string")
        record["text"] = make_noisy(text, args.seed)
        out.append(json.dumps(record, ensure_ascii=False) + "\n")
    sys.stdout.buffer.write("".join(out).encode("utf-8"))


if __name__ == "__main__":
    main()
