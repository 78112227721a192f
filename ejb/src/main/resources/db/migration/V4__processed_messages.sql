-- The messages each consumer has had its effect for, by message id (the oa_message_id property): a
-- redelivered message finds its row and has no effect a second time. Rows go after a retention period.
CREATE TABLE processed_messages (
    consumer     VARCHAR(64)  NOT NULL,
    message_id   VARCHAR(128) NOT NULL,
    processed_at TIMESTAMP    NOT NULL,
    PRIMARY KEY (consumer, message_id)
);
CREATE INDEX processed_messages_processed_at_idx ON processed_messages (processed_at);
