package org.openaperture.messaging.registry.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.openaperture.common.domain.InvalidRequestException;
import org.openaperture.messaging.registry.domain.ExchangeHierarchy.Node;
import org.openaperture.messaging.registry.domain.ExchangeHierarchy.Route;

class ExchangeHierarchyTest {
    private final Map<Long, Node> exchanges = new HashMap<>();
    private final ExchangeHierarchy hierarchy = new ExchangeHierarchy(id -> Optional.ofNullable(exchanges.get(id)));

    private Node exchange(long id, String name, String fragment, Long parentId) {
        Node node = new Node(id, name, fragment, parentId);
        exchanges.put(id, node);
        return node;
    }

    @Test
    void aChildIsPublishedToItsRootWithTheFragmentsJoinedRootFirst() {
        exchange(1, "AWS", "aws", null);
        Node usEast = exchange(2, "US-EAST-1", "us-east-1", 1L);

        Route route = hierarchy.routeOf(usEast);

        assertEquals("aws.us-east-1", route.routingKey());
        assertEquals("AWS", route.rootExchangeName());
        assertEquals("aws.us-east-1.builder", route.routingKeyFor("builder"));
    }

    @Test
    void aRootIsItsOwnRootWithItsOwnFragment() {
        Node aws = exchange(1, "AWS", "aws", null);

        assertEquals(new Route("aws", "AWS"), hierarchy.routeOf(aws));
    }

    @Test
    void threeLevelsJoinEveryFragment() {
        exchange(1, "AWS", "aws", null);
        exchange(2, "US-EAST-1", "us-east-1", 1L);
        Node zone = exchange(3, "US-EAST-1A", "a", 2L);

        assertEquals(new Route("aws.us-east-1.a", "AWS"), hierarchy.routeOf(zone));
    }

    @Test
    void aMissingFragmentHigherUpIsRenderedEmpty() {
        exchange(1, "AWS", null, null);
        Node usEast = exchange(2, "US-EAST-1", "us-east-1", 1L);

        assertEquals(new Route(".us-east-1", "AWS"), hierarchy.routeOf(usEast));
    }

    @Test
    void anExchangeWithoutAnyFragmentHasAnEmptyRoutingKey() {
        Node lonely = exchange(1, "LONELY", null, null);

        assertEquals(new Route("", "LONELY"), hierarchy.routeOf(lonely));
    }

    @Test
    void aParentThatNoLongerExistsEndsTheWalk() {
        Node orphan = exchange(2, "US-EAST-1", "us-east-1", 99L);

        assertEquals(new Route("us-east-1", "US-EAST-1"), hierarchy.routeOf(orphan));
    }

    @Test
    void aStoredCycleIsReportedInsteadOfLoopingForever() {
        exchange(1, "A", "a", 2L);
        Node b = exchange(2, "B", "b", 1L);

        assertThrows(IllegalStateException.class, () -> hierarchy.routeOf(b));
    }

    @Test
    void makingARootAChildOfItsOwnChildIsRefusedNamingTheCycle() {
        Node aws = exchange(1, "AWS", "aws", null);
        exchange(2, "US-EAST-1", "us-east-1", 1L);

        InvalidRequestException refused =
                assertThrows(InvalidRequestException.class, () -> hierarchy.checkParent(aws, 2L));

        assertEquals("parent_exchange_id", refused.field());
        assertTrue(refused.getMessage().contains("AWS -> US-EAST-1 -> AWS"), refused.getMessage());
    }

    @Test
    void anExchangeCannotBeItsOwnParent() {
        Node aws = exchange(1, "AWS", "aws", null);

        assertThrows(InvalidRequestException.class, () -> hierarchy.checkParent(aws, 1L));
    }

    @Test
    void aParentThatDoesNotExistIsRefused() {
        Node usEast = exchange(2, "US-EAST-1", "us-east-1", null);

        InvalidRequestException refused =
                assertThrows(InvalidRequestException.class, () -> hierarchy.checkParent(usEast, 7L));

        assertEquals("parent exchange 7 does not exist", refused.getMessage());
    }

    @Test
    void aNewExchangeMayJoinAnyExistingParent() {
        exchange(1, "AWS", "aws", null);

        hierarchy.checkParent(new Node(null, "US-WEST-1", "us-west-1", null), 1L);
    }

    @Test
    void movingAnExchangeToAnotherBranchIsAllowed() {
        exchange(1, "AWS", "aws", null);
        exchange(2, "US-EAST-1", "us-east-1", 1L);
        Node west = exchange(3, "US-WEST-1", "us-west-1", 1L);

        hierarchy.checkParent(west, 2L);
    }
}
