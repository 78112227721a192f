package org.openaperture.messaging.rpc.application;

import jakarta.json.JsonValue;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.openaperture.messaging.rpc.domain.RpcStatus;

/** Request rows in memory; a test decides what the responder has answered by each read. */
final class FakeRpcStore implements RpcRequestStore {
    final Map<Long, Answer> rows = new HashMap<>();
    final List<Long> forgotten = new ArrayList<>();
    final List<JsonValue> opened = new ArrayList<>();
    RuntimeException failOpen;
    /** Called before each read with the read's number (1, 2, ...): may change the rows, e.g. answer one. */
    Function<Integer, Void> beforeRead = n -> null;

    int reads;
    private long nextId = 1;

    @Override
    public long open(long exchangeId, String queue, JsonValue requestBody) {
        if (failOpen != null) {
            throw failOpen;
        }
        long id = nextId++;
        opened.add(requestBody);
        rows.put(id, new Answer(RpcStatus.NOT_STARTED, JsonValue.NULL));
        return id;
    }

    @Override
    public Optional<Answer> read(long id) {
        reads++;
        beforeRead.apply(reads);
        return Optional.ofNullable(rows.get(id));
    }

    @Override
    public boolean answer(long id, RpcStatus status, JsonValue responseBody) {
        Answer row = rows.get(id);
        if (row == null || row.status().answered()) {
            return false;
        }
        rows.put(id, new Answer(status, responseBody));
        return true;
    }

    @Override
    public void forget(long id) {
        forgotten.add(id);
        rows.remove(id);
    }
}
