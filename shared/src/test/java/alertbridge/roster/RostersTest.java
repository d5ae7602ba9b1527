package alertbridge.roster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import alertbridge.formats.Recipients;
import alertbridge.refusal.Refusal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RostersTest {
    private static final Map<String, String> SSM = Map.of(
            "/ab/teams/sre", "+818012345601,+818012345602",
            "/ab/teams/db", "+818012345603\n",
            "/ab/teams/empty", " , ",
            "/ab/alert-tokens", "secret-token");
    private final List<String> asked = new ArrayList<>();

    private Rosters rosters(boolean adHoc) {
        return new Rosters(Optional.of("/ab/teams"), name -> {
            asked.add(name);
            return Optional.ofNullable(SSM.get(name));
        }, adHoc);
    }

    @Test
    void teamsBecomeTheirMembersFollowedByTheNumbersNamedDirectly() {
        List<String> resolved = rosters(true).numbers(new Recipients(List.of("+14155552671"), List.of("sre", "db", "sre")));
        assertEquals(List.of("+818012345601", "+818012345602", "+818012345603", "+14155552671"), resolved);
        assertEquals(List.of("/ab/teams/sre", "/ab/teams/db"), asked);
    }

    @Test
    void unknownOrEmptyTeamsAre400NamingEach() {
        Refusal e = assertThrows(Refusal.class,
                () -> rosters(true).numbers(new Recipients(List.of(), List.of("sre", "nope", "empty"))));
        assertEquals(Refusal.Kind.INVALID, e.kind());
        assertEquals("unknown_team", e.code());
        assertTrue(e.detail().contains("'nope', 'empty'"), e.detail());
    }

    @Test
    void teamNamesCannotReachOutsideTheTeamsPath() {
        for (String name : List.of("../alert-tokens", "..", "a/b", "x".repeat(65), "sre team", "チーム")) {
            Refusal e = assertThrows(Refusal.class, () -> rosters(true).numbers(new Recipients(List.of(), List.of(name))));
            assertEquals("invalid_team", e.code(), name);
            assertTrue(!e.detail().contains("secret-token"));
        }
        assertEquals(List.of(), asked, "SSM is never asked for a malformed name");
    }

    @Test
    void withoutAdHocNumbersRawNumbersAre403AndTeamsStillWork() {
        Refusal e = assertThrows(Refusal.class,
                () -> rosters(false).numbers(new Recipients(List.of("+819012345678"), List.of("sre"))));
        assertEquals(Refusal.Kind.FORBIDDEN, e.kind());
        assertEquals("ad_hoc_numbers_refused", e.code());
        assertTrue(e.detail().contains("AllowAdHocNumbers=false"));
        assertEquals(2, rosters(false).numbers(new Recipients(List.of(), List.of("sre"))).size());
    }

    @Test
    void withoutATeamsPathEveryTeamIsUnknown() {
        Rosters none = new Rosters(Optional.empty(), name -> Optional.of("+818012345601"), true);
        assertEquals("unknown_team", assertThrows(Refusal.class,
                () -> none.numbers(new Recipients(List.of(), List.of("sre")))).code());
        Recipients plain = new Recipients(List.of("+818012345601"), List.of());
        assertEquals(plain.numbers(), none.numbers(plain));
    }
}
