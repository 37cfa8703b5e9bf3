#!/usr/bin/env python3
"""Compare Rathaus with the classic scikit-learn baseline on the same catalogue and evaluation sets.

Usage (from the repository root, after `pip install -r Benchmarks/requirements.txt` and
`swift build -c release`):

    python3 Benchmarks/peer_sklearn.py [SET.jsonl ...] [--rathaus PATH] [--catalog DIR]

Sets default to Tests/Evaluation/evaluation.jsonl and Tests/Evaluation/evaluation-noisy.jsonl
(made by Scripts/make_noisy.py).

The baseline: TF-IDF over word 1-2-grams and char_wb 2-5-grams (a FeatureUnion) feeding a LinearSVC,
trained on every intent's examples, each service's leistungsbezeichnung and synonyme (from
Knowledge/<id>.yaml), and the `out_of_scope:` examples as an extra class "__oos__". A query is out of
scope when the "__oos__" class's decision value exceeds the best in-scope class's by more than a
margin. The margin comes from the training data only: 5-fold stratified cross-validation over the
training examples, taking the value at which about 5 % of the in-scope held-out examples are
rejected (the budget Rathaus calibrates to). The figures of the "__oos__" class alone (margin 0, a
plain arg-max) are printed beside them. The evaluation sets are never used for fitting or for
choosing anything.

Latency: each query is timed on its own through the whole fitted pipeline (decision_function on a
list of one string, then the arg-max and the margin test), in microseconds.

Rathaus is run as `<binary> eval SET --json --catalog DIR` on the same sets.

Prints one JSON object to stdout and a short table to stderr.
"""

import argparse
import glob
import json
import math
import os
import statistics
import subprocess
import sys
import time

import numpy as np
import yaml
from sklearn.model_selection import StratifiedKFold
from sklearn.pipeline import FeatureUnion, Pipeline
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.svm import LinearSVC

OOS = "__oos__"
TARGET_REJECTION = 0.05     # share of in-scope training examples the margin may reject
FOLDS = 5
SEED = 0
DEFAULT_SETS = ["Tests/Evaluation/evaluation.jsonl", "Tests/Evaluation/evaluation-noisy.jsonl"]
DEFAULT_RATHAUS = ".build/release/rathaus"
FIGURES = ["in_scope_accuracy", "oos_recall", "oos_precision", "false_rejection_rate", "total",
           "latency_p50_us", "latency_p99_us"]


# ---------------------------------------------------------------- catalogue and sets

def as_list(value):
    """Catalogue lists may also be written as one text."""
    if value is None:
        return []
    if isinstance(value, str):
        return [value]
    return [str(item) for item in value]


def load_training_data(catalog):
    """(texts, labels) from the German Intents/*.yaml and Knowledge/<id>.yaml below `catalog`
    (translations beside them, *.en.yaml and *.ls.yaml, are left out: German is compared)."""
    texts, labels = [], []
    intent_files = sorted(path for path in glob.glob(os.path.join(catalog, "Intents", "*.yaml"))
                          if not path.endswith((".en.yaml", ".ls.yaml")))
    if not intent_files:
        sys.exit(f"no Intents/*.yaml below {catalog!r}: run from the repository root or pass --catalog")
    for path in intent_files:
        with open(path, encoding="utf-8") as handle:
            data = yaml.safe_load(handle) or {}
        for intent in data.get("intents") or []:
            intent_id = str(intent["id"])
            for example in as_list(intent.get("examples")):
                texts.append(example)
                labels.append(intent_id)
            knowledge = os.path.join(catalog, "Knowledge", f"{intent_id}.yaml")
            if os.path.exists(knowledge):
                with open(knowledge, encoding="utf-8") as handle:
                    entry = yaml.safe_load(handle) or {}
                for text in as_list(entry.get("leistungsbezeichnung")) + as_list(entry.get("synonyme")):
                    texts.append(text)
                    labels.append(intent_id)
        for example in as_list(data.get("out_of_scope")):
            texts.append(example)
            labels.append(OOS)
    return texts, labels


def load_set(path):
    """[(text, intent or None)] from a JSON-lines file; blank lines are skipped."""
    examples = []
    with open(path, encoding="utf-8") as handle:
        for number, line in enumerate(handle, start=1):
            if not line.strip():
                continue
            try:
                record = json.loads(line)
                examples.append((str(record["text"]), record.get("intent")))
            except (ValueError, KeyError, TypeError) as error:
                sys.exit(f"{path}:{number}: not a labelled line ({error})")
    return examples


# ---------------------------------------------------------------- the baseline

def make_pipeline():
    features = FeatureUnion([
        ("word", TfidfVectorizer(analyzer="word", ngram_range=(1, 2), sublinear_tf=True,
                                 strip_accents="unicode")),
        ("char", TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 5), sublinear_tf=True,
                                 strip_accents="unicode")),
    ])
    return Pipeline([("features", features),
                     ("svm", LinearSVC(C=1.0, max_iter=10000, random_state=SEED))])


def decision_matrix(pipeline, texts):
    scores = pipeline.decision_function(texts)
    if scores.ndim == 1:  # two classes: one column for classes_[1]
        scores = np.column_stack([-scores, scores])
    return scores


def oos_margins(pipeline, texts):
    """For each text, the __oos__ class's decision value minus the best in-scope class's."""
    scores = decision_matrix(pipeline, texts)
    oos = list(pipeline.classes_).index(OOS)
    return scores[:, oos] - np.delete(scores, oos, axis=1).max(axis=1)


def choose_margin(texts, labels):
    """The out-of-scope margin, from 5-fold stratified CV on the training data only.

    A query is out of scope when the __oos__ class's decision value exceeds the best in-scope
    class's by more than the margin. The margin is placed so that about TARGET_REJECTION of the
    in-scope held-out examples are rejected: the same budget Rathaus calibrates to. (A margin of 0
    is the __oos__ class alone, an arg-max over all classes.)
    Returns (margin, rejection rate it gives in CV, rejection rate of the __oos__ class alone).
    """
    labels_array = np.array(labels)
    margins = []
    folds = StratifiedKFold(n_splits=FOLDS, shuffle=True, random_state=SEED)
    for train, held_out in folds.split(texts, labels_array):
        pipeline = make_pipeline().fit([texts[i] for i in train], labels_array[train])
        in_scope = [i for i in held_out if labels_array[i] != OOS]
        margins.extend(float(m) for m in oos_margins(pipeline, [texts[i] for i in in_scope]))
    if not margins:
        return 0.0, 0.0, 0.0
    values = sorted(margins, reverse=True)
    wanted = int(round(TARGET_REJECTION * len(values)))  # how many may be rejected
    if wanted == 0:
        margin = values[0]
    elif wanted >= len(values):
        margin = values[-1] - 1
    else:
        margin = (values[wanted - 1] + values[wanted]) / 2
    rejected = sum(1 for value in values if value > margin) / len(values)
    alone = sum(1 for value in values if value > 0) / len(values)
    return margin, rejected, alone


def classify(pipeline, margin, text):
    scores = decision_matrix(pipeline, [text])[0]
    classes = list(pipeline.classes_)
    oos = classes.index(OOS)
    in_scope = np.delete(np.arange(len(classes)), oos)
    best = int(in_scope[scores[in_scope].argmax()])
    if scores[oos] - scores[best] > margin:
        return None
    return classes[best]


# ---------------------------------------------------------------- figures

def ratio(part, whole):
    return part / whole if whole else 0.0


def percentile(sorted_values, fraction):
    """Nearest-rank percentile of an ascending list."""
    if not sorted_values:
        return None
    rank = max(1, math.ceil(fraction * len(sorted_values)))
    return sorted_values[rank - 1]


def figures(examples, predictions, latencies_us):
    """The same definitions as Rathaus's EvaluationReport."""
    in_scope = correct = false_rejections = 0
    oos_total = oos_rejected = rejections = 0
    for (_, expected), predicted in zip(examples, predictions):
        if predicted is None:
            rejections += 1
        if expected is not None:
            in_scope += 1
            if predicted == expected:
                correct += 1
            elif predicted is None:
                false_rejections += 1
        else:
            oos_total += 1
            if predicted is None:
                oos_rejected += 1
    latencies = sorted(latencies_us)
    return {
        "in_scope_accuracy": ratio(correct, in_scope),
        "oos_recall": ratio(oos_rejected, oos_total),
        "oos_precision": ratio(oos_rejected, rejections),
        "false_rejection_rate": ratio(false_rejections, in_scope),
        "total": len(examples),
        "latency_p50_us": statistics.median(latencies) if latencies else None,
        "latency_p99_us": percentile(latencies, 0.99),
    }


def evaluate_sklearn(pipeline, margin, examples):
    """The figures and the prediction of every line."""
    classify(pipeline, margin, "warm up")  # first call pays for lazy set-up; not timed
    predictions, latencies = [], []
    for text, _ in examples:
        start = time.perf_counter_ns()
        predicted = classify(pipeline, margin, text)
        latencies.append((time.perf_counter_ns() - start) / 1000)
        predictions.append(predicted)
    return figures(examples, predictions, latencies), predictions


def confusion_pairs(examples, predictions, limit=10):
    """The most frequent (expected -> predicted) mistakes, out of scope written as "out_of_scope"."""
    counts = {}
    for (_, expected), predicted in zip(examples, predictions):
        if predicted != expected:
            pair = f"{expected or 'out_of_scope'} -> {predicted or 'out_of_scope'}"
            counts[pair] = counts.get(pair, 0) + 1
    return sorted(counts.items(), key=lambda item: (-item[1], item[0]))[:limit]


def compare_lines(examples, rathaus, sklearn):
    """What one gets right that the other misses: the lines (text, expected, each prediction)."""
    only_sklearn, only_rathaus = [], []
    for (text, expected), ours, theirs in zip(examples, rathaus, sklearn):
        row = {"text": text, "expected": expected, "rathaus": ours, "sklearn": theirs}
        if theirs == expected and ours != expected:
            only_sklearn.append(row)
        elif ours == expected and theirs != expected:
            only_rathaus.append(row)
    return only_sklearn, only_rathaus


def evaluate_rathaus(binary, path, catalog):
    """Rathaus's figures and its prediction of every line."""
    command = [binary, "eval", path, "--json", "--predictions", "--catalog", catalog]
    result = subprocess.run(command, capture_output=True, text=True)
    if result.returncode != 0:
        sys.exit(f"{' '.join(command)} failed with exit code {result.returncode}:\n{result.stderr}")
    try:
        report = json.loads(result.stdout)
    except ValueError:
        sys.exit(f"{' '.join(command)} printed no JSON:\n{result.stdout[:500]}")
    predictions = [entry.get("predicted") for entry in report.get("predictions", [])]
    return {key: report[key] for key in FIGURES if key in report}, predictions


# ---------------------------------------------------------------- output

def show(value, digits=3):
    if value is None:
        return "–"
    if isinstance(value, float):
        return f"{value:.{digits}f}"
    return str(value)


def print_table(result, stream):
    rows = [("in_scope_accuracy", 3), ("oos_recall", 3), ("oos_precision", 3),
            ("false_rejection_rate", 3), ("latency_p50_us", 1), ("latency_p99_us", 1)]
    print(f"sklearn: trained in {result['sklearn_train_seconds']:.2f} s, "
          f"out-of-scope margin {show(result['sklearn_margin'], 4)}", file=stream)
    for entry in result["sets"]:
        total = entry["sklearn"]["total"]
        print(f"\n{entry['set']} ({total} lines)", file=stream)
        print(f"  {'':22}{'rathaus':>10}{'sklearn':>10}{'(oos class)':>13}", file=stream)
        for key, digits in rows:
            print(f"  {key:22}{show(entry['rathaus'].get(key), digits):>10}"
                  f"{show(entry['sklearn'].get(key), digits):>10}"
                  f"{show(entry['sklearn_oos_class_alone'].get(key), digits):>13}", file=stream)
        print(f"  {'latency_ratio_p50':22}{show(entry['latency_ratio_p50'], 2):>20}"
              "  (sklearn / rathaus)", file=stream)
        print(f"  right only by rathaus: {len(entry['right_only_rathaus'])}, "
              f"only by sklearn: {len(entry['right_only_sklearn'])}", file=stream)
        print("  most frequent confusions (expected -> predicted), rathaus | sklearn:", file=stream)
        ours, theirs = entry["confusions"]["rathaus"], entry["confusions"]["sklearn"]
        for index in range(max(len(ours), len(theirs))):
            left = f"{ours[index][1]} × {ours[index][0]}" if index < len(ours) else ""
            right = f"{theirs[index][1]} × {theirs[index][0]}" if index < len(theirs) else ""
            print(f"    {left:60} | {right}", file=stream)


def main():
    parser = argparse.ArgumentParser(description="Rathaus against a TF-IDF + LinearSVC baseline.")
    parser.add_argument("sets", nargs="*", default=DEFAULT_SETS, help="JSON-lines evaluation sets")
    parser.add_argument("--rathaus", default=DEFAULT_RATHAUS, help=f"the rathaus binary ({DEFAULT_RATHAUS})")
    parser.add_argument("--catalog", default=".", help="directory with Intents/ and Knowledge/ (.)")
    args = parser.parse_args()

    if not (os.path.isfile(args.rathaus) and os.access(args.rathaus, os.X_OK)):
        sys.exit(f"no rathaus binary at {args.rathaus}: run `swift build -c release` first "
                 "(or pass --rathaus PATH)")
    for path in args.sets:
        if not os.path.isfile(path):
            hint = " (make it with Scripts/make_noisy.py)" if "noisy" in path else ""
            sys.exit(f"no evaluation set at {path}{hint}")

    texts, labels = load_training_data(args.catalog)
    margin, cv_rejection, cv_rejection_alone = choose_margin(texts, labels)
    start = time.perf_counter()
    pipeline = make_pipeline().fit(texts, labels)
    train_seconds = time.perf_counter() - start
    print(f"sklearn: {len(texts)} training texts, {len(pipeline.classes_)} classes; in {FOLDS}-fold CV "
          f"the margin rejects {cv_rejection:.1%} of in-scope examples, "
          f"the __oos__ class alone {cv_rejection_alone:.1%}", file=sys.stderr)

    sets = []
    for path in args.sets:
        examples = load_set(path)
        sklearn_figures, sklearn_predictions = evaluate_sklearn(pipeline, margin, examples)
        alone_figures, _ = evaluate_sklearn(pipeline, 0.0, examples)
        rathaus_figures, rathaus_predictions = evaluate_rathaus(args.rathaus, path, args.catalog)
        rathaus_p50 = rathaus_figures.get("latency_p50_us")
        only_sklearn, only_rathaus = compare_lines(examples, rathaus_predictions, sklearn_predictions)
        sets.append({
            "set": path,
            "rathaus": rathaus_figures,
            "sklearn": sklearn_figures,
            "sklearn_oos_class_alone": alone_figures,
            "latency_ratio_p50": sklearn_figures["latency_p50_us"] / rathaus_p50 if rathaus_p50 else None,
            "confusions": {"rathaus": confusion_pairs(examples, rathaus_predictions),
                           "sklearn": confusion_pairs(examples, sklearn_predictions)},
            "right_only_sklearn": only_sklearn,
            "right_only_rathaus": only_rathaus,
        })
    result = {
        "sets": sets,
        "sklearn_train_seconds": train_seconds,
        "sklearn_margin": margin,
        "sklearn_cv_rejection": cv_rejection,
        "sklearn_cv_rejection_oos_class_alone": cv_rejection_alone,
    }
    print_table(result, sys.stderr)
    print(json.dumps(result, indent=2, ensure_ascii=False))


if __name__ == "__main__":
    main()
