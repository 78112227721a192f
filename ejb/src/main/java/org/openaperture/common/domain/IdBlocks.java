package org.openaperture.common.domain;

/**
 * Ids of rows written in sets (modules, system events) come from their sequence in blocks: the entity's
 * {@code allocationSize} and the sequence's step (migration 24) are both {@link #SIZE}.
 */
public final class IdBlocks {
    public static final int SIZE = 50;

    private IdBlocks() {}
}
