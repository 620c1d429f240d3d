package io.keepwarm.domain.contact;

/** How far a tracked relationship is past its cadence; see {@link GoingColdRules}. */
public enum GoingColdStatus {
    WARM,
    DUE_SOON,
    OVERDUE,
    COLD
}
