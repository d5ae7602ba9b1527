package alertbridge.roster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import alertbridge.roster.RosterValue.Member;
import java.util.List;
import org.junit.jupiter.api.Test;

class RosterValueTest {
    @Test
    void aPlainListIsEveryoneInRoundOneWhateverTheSeparator() {
        List<Member> expected = List.of(new Member("+818012345601", 1), new Member("+818012345602", 1), new Member("+818012345603", 1));
        assertEquals(expected, RosterValue.parse("+818012345601,+818012345602, +818012345603").members());
        assertEquals(expected, RosterValue.parse("+818012345601;+818012345602;+818012345603").members());
        assertEquals(expected, RosterValue.parse("+818012345601\n+818012345602\n+818012345603\n").members());
        assertEquals(List.of(), RosterValue.parse("+818012345601;+818012345602;+818012345603").problems());
    }

    @Test
    void tiersStartInTheirRoundAndUnmarkedPartsStayInTheTierBefore() {
        RosterValue roster = RosterValue.parse("+818012345601,+818012345602; round2: +818012345603; +818012345604;"
                + "Round 3:+818012345605");
        assertEquals(List.of(new Member("+818012345601", 1), new Member("+818012345602", 1), new Member("+818012345603", 2),
                new Member("+818012345604", 2), new Member("+818012345605", 3)), roster.members());
        assertEquals(List.of(), roster.problems());
    }

    @Test
    void aBrokenTierIsSkippedAndNamedWhileTheRestIsKept() {
        RosterValue roster = RosterValue.parse("+818012345601; lead: +818012345603; round2: +818012345604; round0: +818012345605;"
                + " round11: +818012345606");
        assertEquals(List.of(new Member("+818012345601", 1), new Member("+818012345604", 2)), roster.members());
        assertEquals(3, roster.problems().size(), roster.problems().toString());
        assertTrue(roster.problems().getFirst().contains("lead:"), roster.problems().getFirst());
    }

    @Test
    void emptyAndMissingValuesHaveNobody() {
        assertEquals(List.of(), RosterValue.parse("").members());
        assertEquals(List.of(), RosterValue.parse(null).members());
        assertEquals(List.of(), RosterValue.parse(" ; ;\n").problems());
    }
}
