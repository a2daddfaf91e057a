#!/usr/bin/env python3
"""Writes multiclass_metrics.json: random labels and probability rows with scikit-learn's metrics,
the reference for SklearnCrossCheckTests (our Evaluate must agree within 1e-9).

Run from this folder with the system Python (scikit-learn 1.2, numpy):
    /usr/bin/python3 make_metrics_fixture.py

Choices that make the comparison exact rather than approximate:
- every probability is an integer over 1024, so it is exact in float32 (our Score type) and in float64
  (sklearn's), and every row sums to exactly 1 (sklearn's log_loss renormalises rows; here that is a no-op
  up to the clipping of zeros, which moves a row's sum by 1e-15);
- the scores of a row are all different, so the argmax and the top-k ranks do not depend on tie rules
  (ML.NET puts the lower class index first, sklearn's top_k_accuracy_score the higher one);
- about 8% of rows give the true class probability 0, to exercise the clipping; sklearn clips with
  eps = float32(1e-15) = 1.0000000036e-15, which is ML.NET's floor (a float constant);
- every class occurs, so sklearn's balanced accuracy is ML.NET's MacroAccuracy.
LogLossReduction has no sklearn counterpart; it is computed here with numpy from its definition,
(entropy of the label distribution - log-loss) / entropy.
"""
import json
import os
import warnings

import numpy as np
import sklearn
from sklearn.metrics import (accuracy_score, balanced_accuracy_score, confusion_matrix, log_loss,
                             precision_score, recall_score, top_k_accuracy_score)

SEED = 20240501
NUM_CLASSES = 5
NUM_ROWS = 300
DENOMINATOR = 1024          # probabilities are numerators / 1024
ZERO_TRUE_CLASS_RATE = 0.08  # rows whose true class gets probability 0
EPS = float(np.float32(1e-15))


def integer_row(rng, weights):
    """Numerators summing to DENOMINATOR, proportional to weights (largest remainder)."""
    raw = weights / weights.sum() * DENOMINATOR
    ints = np.floor(raw).astype(int)
    order = np.argsort(-(raw - ints), kind="stable")
    ints[order[: DENOMINATOR - ints.sum()]] += 1
    return ints


def make_rows(rng):
    labels, rows = [], []
    while len(rows) < NUM_ROWS:
        label = int(rng.integers(NUM_CLASSES))
        weights = rng.dirichlet(np.ones(NUM_CLASSES))
        if rng.random() < 0.6:  # an informative model: often favour the true class
            weights[label] += 1.5 * rng.random()
        ints = integer_row(rng, weights)
        if rng.random() < ZERO_TRUE_CLASS_RATE:
            other = (label + 1 + int(rng.integers(NUM_CLASSES - 1))) % NUM_CLASSES
            ints[other] += ints[label]
            ints[label] = 0
        if len(set(ints.tolist())) < NUM_CLASSES:
            continue  # a tie: draw again
        labels.append(label)
        rows.append(ints.tolist())
    return np.array(labels), np.array(rows)


def top_k_accuracy(labels, probabilities, k, classes):
    with warnings.catch_warnings():  # k = number of classes is a valid (trivial) case; sklearn warns about it
        warnings.simplefilter("ignore")
        return top_k_accuracy_score(labels, probabilities, k=k, labels=classes)


def to_json(fixture):
    """One key per line, one score row or expected metric per line (floats as repr: exact round trip)."""
    def value(key, v):
        if key == "scoreNumerators":
            return "[\n" + ",\n".join("  " + json.dumps(row) for row in v) + "\n ]"
        if key == "expected":
            return "{\n" + ",\n".join(f"  {json.dumps(k)}: {json.dumps(x)}" for k, x in v.items()) + "\n }"
        return json.dumps(v)
    return "{\n" + ",\n".join(f" {json.dumps(k)}: {value(k, v)}" for k, v in fixture.items()) + "\n}\n"


def main():
    rng = np.random.default_rng(SEED)
    labels, numerators = make_rows(rng)
    assert set(labels.tolist()) == set(range(NUM_CLASSES)), "every class must occur"
    probabilities = numerators / DENOMINATOR
    predicted = probabilities.argmax(axis=1)
    classes = list(range(NUM_CLASSES))

    overall_log_loss = log_loss(labels, probabilities, eps=EPS, labels=classes)
    counts = np.bincount(labels, minlength=NUM_CLASSES)
    prior = counts[counts > 0] / len(labels)
    entropy = float(-(prior * np.log(prior)).sum())
    per_class_log_loss = [log_loss(labels[labels == c], probabilities[labels == c], eps=EPS, labels=classes)
                          for c in classes]
    expected = {
        "MicroAccuracy": accuracy_score(labels, predicted),
        "MacroAccuracy": balanced_accuracy_score(labels, predicted),
        "LogLoss": overall_log_loss,
        "LogLossReduction": (entropy - overall_log_loss) / entropy,
        "TopKAccuracyForAllK": [top_k_accuracy(labels, probabilities, k, classes) for k in range(1, NUM_CLASSES + 1)],
        "PerClassLogLoss": per_class_log_loss,
        "ConfusionMatrix": confusion_matrix(labels, predicted, labels=classes).tolist(),
        "PerClassPrecision": precision_score(labels, predicted, labels=classes, average=None, zero_division=0).tolist(),
        "PerClassRecall": recall_score(labels, predicted, labels=classes, average=None, zero_division=0).tolist(),
    }
    fixture = {
        "generator": f"make_metrics_fixture.py (seed {SEED}, scikit-learn {sklearn.__version__}, numpy {np.__version__})",
        "numberOfClasses": NUM_CLASSES,
        "scoreDenominator": DENOMINATOR,
        "labels": labels.tolist(),
        "scoreNumerators": numerators.tolist(),
        "zeroTrueClassRows": int((numerators[np.arange(len(labels)), labels] == 0).sum()),
        "expected": expected,
    }
    path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "multiclass_metrics.json")
    with open(path, "w", encoding="utf-8") as f:
        f.write(to_json(fixture))
    print(f"wrote {path}: {len(labels)} rows, {fixture['zeroTrueClassRows']} with a zero true-class probability, "
          f"accuracy {expected['MicroAccuracy']:.4f}, log-loss {overall_log_loss:.6f}")


if __name__ == "__main__":
    main()
