package io.keepwarm.application.imports;

/** The kinds of file {@code POST /api/imports} reads (SPEC §8), told apart by their content. */
public enum ImportFormat {
    LINKEDIN("LinkedIn"),
    VCARD("vCard"),
    KEEPWARM_CONTACTS("keepwarm contacts CSV"),
    KEEPWARM_INTERACTIONS("keepwarm interactions CSV");

    private final String label;

    ImportFormat(String label) {
        this.label = label;
    }

    /** How history names the source: "imported from LinkedIn". */
    public String label() {
        return label;
    }
}
