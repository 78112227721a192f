package org.openaperture.common.domain;

/**
 * One page of a list that grows (workflows, system events, modules). Pages count from 1.
 *
 * @param page the page, from 1
 * @param perPage rows on a page, 1 to {@link #MAX_PER_PAGE}
 */
public record PageRequest(int page, int perPage) {
    public static final int DEFAULT_PER_PAGE = 50;
    public static final int MAX_PER_PAGE = 500;

    public PageRequest {
        if (page < 1) {
            throw new InvalidRequestException("page", "page must be 1 or more, not " + page);
        }
        if (perPage < 1 || perPage > MAX_PER_PAGE) {
            throw new InvalidRequestException(
                    "per_page", "per_page must be between 1 and " + MAX_PER_PAGE + ", not " + perPage);
        }
    }

    public int offset() {
        return (page - 1) * perPage;
    }
}
