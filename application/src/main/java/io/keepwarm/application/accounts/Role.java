package io.keepwarm.application.accounts;

/** What a user may do: USER manages their own network; ADMIN also manages users and projections. */
public enum Role {
    USER,
    ADMIN;

    /** The role of this exact name, or null for none or an unknown one. */
    public static Role named(String name) {
        for (Role role : values()) {
            if (role.name().equals(name)) {
                return role;
            }
        }
        return null;
    }
}
