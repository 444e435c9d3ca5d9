package org.conflictledger.domain;

import java.util.Set;

/** Who calls: the token's subject and roles, or the public (no claims). */
public record Principal(String subject, Set<Role> roles) {

    public static final Principal PUBLIC = new Principal(null, Set.of());

    public boolean isPublic() {
        return subject == null;
    }

    public boolean has(Role role) {
        return roles.contains(role);
    }

    /** Editors and analysts see everything; a reporter sees its own reports in full. */
    public boolean seesInFull(StoredReport r) {
        return has(Role.EDITOR) || has(Role.ANALYST)
                || (has(Role.REPORTER) && subject.equals(r.submittedBy()));
    }
}
