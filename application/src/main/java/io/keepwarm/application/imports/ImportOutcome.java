package io.keepwarm.application.imports;

/** What an import does with one row (SPEC §8). */
public enum ImportOutcome {
    CREATE,
    UPDATE,
    UNCHANGED,
    ERROR
}
