package org.openaperture.jms.amqp.it;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.stream.Collectors;

/** Collects what the adapter logs (System.Logger goes to JUL), like grepping the server log. */
final class LogCapture extends Handler implements AutoCloseable {

    private final Logger logger;
    private final List<LogRecord> records = new CopyOnWriteArrayList<>();

    LogCapture() {
        this.logger = Logger.getLogger("org.openaperture.jms.amqp");
        setLevel(Level.ALL);
        logger.addHandler(this);
    }

    List<String> lines(Level level) {
        return records.stream()
                .filter(r -> r.getLevel().equals(level))
                .map(LogRecord::getMessage)
                .collect(Collectors.toList());
    }

    /** The records of one level, with their times, for tests that look at the pace of log lines. */
    List<LogRecord> records(Level level) {
        return records.stream().filter(r -> r.getLevel().equals(level)).collect(Collectors.toList());
    }

    List<String> all() {
        return records.stream().map(LogRecord::getMessage).collect(Collectors.toList());
    }

    @Override
    public void publish(LogRecord record) {
        records.add(record);
    }

    @Override
    public void flush() {}

    @Override
    public void close() {
        logger.removeHandler(this);
    }
}
