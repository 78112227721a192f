package org.openaperture.common.application;

import jakarta.persistence.EntityManager;
import jakarta.persistence.TypedQuery;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.openaperture.common.domain.Page;
import org.openaperture.common.domain.PageRequest;

/**
 * A JPQL list with optional filters, answered whole or as one page with the total that match: the filters
 * are written once and serve both the rows and the count.
 */
public final class FilteredQuery<T> {
    private final Class<T> type;
    private final String alias;
    private final StringBuilder where = new StringBuilder(" WHERE 1 = 1");
    private final Map<String, Object> parameters = new LinkedHashMap<>();

    private FilteredQuery(Class<T> type, String alias) {
        this.type = type;
        this.alias = alias;
    }

    /** Rows of entity {@code type}, named {@code alias} in the conditions. */
    public static <T> FilteredQuery<T> of(Class<T> type, String alias) {
        return new FilteredQuery<>(type, alias);
    }

    /** Adds a condition without parameters. */
    public FilteredQuery<T> where(String condition) {
        where.append(" AND ").append(condition);
        return this;
    }

    /** Adds a condition with one named parameter. */
    public FilteredQuery<T> where(String condition, String parameter, Object value) {
        parameters.put(parameter, value);
        return where(condition);
    }

    /** Every row when {@code page} is null, else that page and the number of rows that match. */
    public Page<T> page(EntityManager em, String orderBy, PageRequest page) {
        String from = " FROM " + type.getSimpleName() + " " + alias + where;
        TypedQuery<T> rows = em.createQuery("SELECT " + alias + from + " ORDER BY " + orderBy, type);
        parameters.forEach(rows::setParameter);
        if (page == null) {
            List<T> all = rows.getResultList();
            return new Page<>(all, null, all.size());
        }
        TypedQuery<Long> count = em.createQuery("SELECT COUNT(" + alias + ")" + from, Long.class);
        parameters.forEach(count::setParameter);
        List<T> items =
                rows.setFirstResult(page.offset()).setMaxResults(page.perPage()).getResultList();
        return new Page<>(items, page, count.getSingleResult());
    }
}
