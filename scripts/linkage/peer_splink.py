"""Splink (DuckDB backend), set up as in its FEBRL examples: library comparisons with term-frequency adjustment
on names, u from random sampling, m by EM over two blocking rules, predictions clustered by connected components
at match probability 0.95; the prior from deterministic rules.

Usage: peer_splink.py SCHEMA OUTPUT INPUT [INPUT2]   (two inputs: link one file to the other)
"""

import logging
import sys
import time

import splink.comparison_library as cl
from splink import Linker, SettingsCreator, block_on
from splink.backends.duckdb import DuckDBAPI

import standardise


def settings(schema, link_only):
    if schema == "febrl":
        blocking = [block_on(column) for column in ["soc_sec_id", "given_name", "surname", "date_of_birth",
                                                     "postcode"]]
        comparisons = [
            cl.NameComparison("given_name").configure(term_frequency_adjustments=True),
            cl.NameComparison("surname").configure(term_frequency_adjustments=True),
            cl.DateOfBirthComparison("date_of_birth", input_is_string=True),
            cl.DamerauLevenshteinAtThresholds("soc_sec_id", [1, 2]),
            cl.ExactMatch("street_number").configure(term_frequency_adjustments=True),
            cl.ExactMatch("postcode").configure(term_frequency_adjustments=True),
            cl.JaroWinklerAtThresholds("address_1", [0.9, 0.8]),
            cl.ExactMatch("suburb").configure(term_frequency_adjustments=True),
        ]
        training = [block_on("date_of_birth"), block_on("given_name", "surname")]
        deterministic = [block_on("soc_sec_id", "date_of_birth"), block_on("given_name", "surname", "date_of_birth")]
    else:
        blocking = [
            block_on("nino"), block_on("surname", "date_of_birth"), block_on("given_name", "date_of_birth"),
            block_on("postcode"), block_on("email"), block_on("phone"), block_on("given_name", "surname"),
        ]
        comparisons = [
            cl.NameComparison("given_name").configure(term_frequency_adjustments=True),
            cl.NameComparison("surname").configure(term_frequency_adjustments=True),
            cl.DateOfBirthComparison("date_of_birth", input_is_string=True),
            cl.DamerauLevenshteinAtThresholds("nino", [1, 2]),
            cl.ExactMatch("staff_number"),
            cl.PostcodeComparison("postcode"),
            cl.JaroWinklerAtThresholds("address", [0.9, 0.8]),
            cl.EmailComparison("email"),
            cl.ExactMatch("phone"),
            cl.ExactMatch("sex"),
        ]
        training = [block_on("date_of_birth"), block_on("given_name", "surname")]
        deterministic = [block_on("nino", "date_of_birth"), block_on("given_name", "surname", "date_of_birth")]
    return SettingsCreator(
        unique_id_column_name="record_id",
        link_type="link_only" if link_only else "dedupe_only",
        blocking_rules_to_generate_predictions=blocking,
        comparisons=comparisons,
    ), training, deterministic


def main():
    schema, output, inputs = sys.argv[1], sys.argv[2], sys.argv[3:]
    frames = standardise.load(schema, inputs)
    start = time.perf_counter()
    db_api = DuckDBAPI()
    tables = [db_api.register(frame.reset_index(drop=True), table_name=f"input_{index}")
              for index, frame in enumerate(frames)]
    model, training, deterministic = settings(schema, link_only=len(frames) > 1)
    linker = Linker(tables if len(tables) > 1 else tables[0], model, log_level=logging.WARNING)
    # The prior from pairs that rules admitting almost no false match find, assumed to be 80 % of the matches.
    linker.training.estimate_probability_two_random_records_match(deterministic, recall=0.8)
    linker.training.estimate_u_using_random_sampling(max_pairs=1e6, seed=1)
    for rule in training:
        linker.training.estimate_parameters_using_expectation_maximisation(rule)
    predictions = linker.inference.predict(threshold_match_probability=0.5)
    clusters = linker.clustering.cluster_pairwise_predictions_at_threshold(
        predictions, threshold_match_probability=0.95).as_pandas_dataframe()
    labels = {str(record): str(cluster) for record, cluster in zip(clusters["record_id"], clusters["cluster_id"])}
    standardise.write_clusters(output, labels)
    print(f"linkage {time.perf_counter() - start:.2f} s")


if __name__ == "__main__":
    main()
