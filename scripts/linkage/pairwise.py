"""Pairwise precision, recall and F1 of a clustering against the truth, counted from cluster sizes (the same
definition as Sievert's PairwiseEvaluation): a pair is predicted when both records share a cluster and true
when both belong to one entity. A record a tool left out of its clusters file is a cluster of its own."""

import csv
from collections import Counter


def read_labels(path, key_column, label_column):
    with open(path, newline="", encoding="utf-8") as handle:
        return {row[key_column]: row[label_column] for row in csv.DictReader(handle)}


def evaluate(predicted, truth):
    def pairs(sizes):
        return sum(n * (n - 1) // 2 for n in sizes.values())

    labels = {record: predicted.get(record, "singleton:" + record) for record in truth}
    true_positives = pairs(Counter((labels[record], truth[record]) for record in truth))
    predicted_pairs = pairs(Counter(labels.values()))
    true_pairs = pairs(Counter(truth.values()))
    precision = true_positives / predicted_pairs if predicted_pairs else 1.0
    recall = true_positives / true_pairs if true_pairs else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1
