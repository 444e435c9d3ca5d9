package org.conflictledger.domain.access;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.conflictledger.domain.Principal;
import org.conflictledger.domain.Role;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ClaimsTest {

    private static Map<String, Object> claims(Object... kv) {
        Map<String, Object> m = new HashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }

    @Test
    void noClaimsIsPublic() {
        assertSame(Principal.PUBLIC, Claims.principal(null));
        assertSame(Principal.PUBLIC, Claims.principal(Map.of()));
        assertTrue(Principal.PUBLIC.isPublic());
        assertTrue(Principal.PUBLIC.roles().isEmpty());
    }

    @Test
    void missingOrBlankSubIsPublicWhateverTheRoles() {
        assertSame(Principal.PUBLIC, Claims.principal(claims("cognito:groups", List.of("editor"))));
        assertSame(Principal.PUBLIC, Claims.principal(claims("sub", "", "cognito:groups", List.of("editor"))));
        assertSame(Principal.PUBLIC, Claims.principal(claims("sub", "  ", "scope", "editor")));
        assertSame(Principal.PUBLIC, Claims.principal(claims("sub", 42, "scope", "editor")));
        assertSame(Principal.PUBLIC, Claims.principal(claims("sub", null, "scope", "editor")));
    }

    @Test
    void groupsAsAList() {
        Principal p = Claims.principal(claims("sub", "u-1", "cognito:groups", List.of("reporter", "editor")));
        assertEquals("u-1", p.subject());
        assertEquals(Set.of(Role.REPORTER, Role.EDITOR), p.roles());
        assertFalse(p.isPublic());
    }

    @ParameterizedTest
    @ValueSource(strings = {"[reporter editor]", "[reporter, editor]", "[\"reporter\",\"editor\"]",
            "[\"reporter\", \"editor\"]", "reporter editor", " [ reporter   editor ] "})
    void groupsAsApiGatewayFlattenedOrJsonArrayString(String groups) {
        Principal p = Claims.principal(claims("sub", "u-1", "cognito:groups", groups));
        assertEquals(Set.of(Role.REPORTER, Role.EDITOR), p.roles());
    }

    @Test
    void singleGroupString() {
        assertEquals(Set.of(Role.ANALYST), Claims.principal(claims("sub", "u", "cognito:groups", "[analyst]")).roles());
        assertEquals(Set.of(Role.ANALYST), Claims.principal(claims("sub", "u", "cognito:groups", "analyst")).roles());
        assertEquals(Set.of(), Claims.principal(claims("sub", "u", "cognito:groups", "[]")).roles());
    }

    @Test
    void scopeSpaceSeparated() {
        Principal p = Claims.principal(claims("sub", "u-2", "scope", "openid reporter analyst"));
        assertEquals(Set.of(Role.REPORTER, Role.ANALYST), p.roles());
    }

    @Test
    void scopeWithResourceServerPrefix() {
        Principal p = Claims.principal(claims("sub", "u-2", "scope", "ledger-api/editor aws.cognito.signin.user.admin"),
                "ledger-api/");
        assertEquals(Set.of(Role.EDITOR), p.roles());
        assertEquals(Set.of(Role.ANALYST), Claims.principal(claims("sub", "u-2", "scope", "analyst"), "ledger-api/").roles(),
                "the bare role still counts when a prefix is configured");
    }

    @Test
    void groupsAndScopeAreCombined() {
        Principal p = Claims.principal(claims("sub", "u", "cognito:groups", "[reporter]", "scope", "ledger-api/analyst"),
                "ledger-api/");
        assertEquals(Set.of(Role.REPORTER, Role.ANALYST), p.roles());
    }

    /** Issue 12 item 8: any scope's last path segment and any letter case used to pass. */
    @ParameterizedTest
    @ValueSource(strings = {"anything/editor", "other-api/editor", "ledger-api/x/editor", "xledger-api/editor",
            "https://evil.example/editor", "EDITOR", "Editor", "ledger-api/EDITOR", "ledger-api/", "ledger-api"})
    void onlyTheBareRoleOrTheConfiguredPrefixPlusTheRoleIsARoleScope(String scope) {
        assertEquals(Set.of(), Claims.principal(claims("sub", "u", "scope", scope), "ledger-api/").roles(), scope);
        assertEquals(Set.of(), Claims.principal(claims("sub", "u", "scope", scope)).roles(), scope);
    }

    @Test
    void withoutAConfiguredPrefixOnlyBareRoleScopesCount() {
        assertEquals(Set.of(), Claims.principal(claims("sub", "u", "scope", "ledger-api/editor")).roles());
        assertEquals(Set.of(), Claims.principal(claims("sub", "u", "scope", "ledger-api/editor"), "").roles());
        assertEquals(Set.of(), Claims.principal(claims("sub", "u", "scope", "ledger-api/editor"), null).roles());
        assertEquals(Set.of(Role.EDITOR), Claims.principal(claims("sub", "u", "scope", "editor"), null).roles());
    }

    @ParameterizedTest
    @ValueSource(strings = {"EDITOR", "Editor", "editor ", " editor", "ledger-api/editor"})
    void groupNamesAreExact(String group) {
        assertEquals(Set.of(), Claims.principal(claims("sub", "u", "cognito:groups", List.of(group)), "ledger-api/").roles(),
                group);
    }

    @Test
    void unknownRolesAreIgnored() {
        Principal p = Claims.principal(claims("sub", "u", "cognito:groups", List.of("admin", "reporter", "superuser"),
                "scope", "openid email ledger-api/root"), "ledger-api/");
        assertEquals(Set.of(Role.REPORTER), p.roles());
        Principal none = Claims.principal(claims("sub", "u", "cognito:groups", "[admins owners]"));
        assertEquals(Set.of(), none.roles());
        assertFalse(none.isPublic(), "a signed-in caller without roles is still that caller");
    }

    @Test
    void roleNamesAreMatchedWholeNotAsSubstrings() {
        assertEquals(Set.of(), Claims.principal(claims("sub", "u", "scope", "editors reporter-x xanalyst")).roles());
        assertEquals(Set.of(), Claims.principal(claims("sub", "u", "cognito:groups", List.of("editor-team"))).roles());
    }

    @Test
    void blankOrOddScopeGivesNoRoles() {
        assertEquals(Set.of(), Claims.principal(claims("sub", "u", "scope", "")).roles());
        assertEquals(Set.of(), Claims.principal(claims("sub", "u", "scope", "   ")).roles());
        assertEquals(Set.of(), Claims.principal(claims("sub", "u", "scope", "/")).roles());
        assertEquals(Set.of(), Claims.principal(claims("sub", "u", "scope", List.of("editor"))).roles());
    }

    @Test
    void nullEntriesInAGroupListAreSkipped() {
        List<Object> groups = new ArrayList<>();
        groups.add(null);
        groups.add("editor");
        assertEquals(Set.of(Role.EDITOR), Claims.principal(claims("sub", "u", "cognito:groups", groups)).roles());
    }

    @Test
    void valuesParsesAllThreeForms() {
        assertEquals(List.of("a", "b"), Claims.values(List.of("a", "b")));
        assertEquals(List.of("a", "b"), Claims.values("[a b]"));
        assertEquals(List.of("a", "b"), Claims.values("[\"a\",\"b\"]"));
        assertEquals(List.of(), Claims.values(null));
        assertEquals(List.of(), Claims.values(42));
    }
}
