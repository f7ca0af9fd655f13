-- 059_empty_partitioned_gets_partitions: a partitioned table created ahead of a launch (no partitions) gets its first ones.
-- This file is the state before the change.
CREATE TABLE chat_messages (
    room_id     bigint NOT NULL,
    message_id  bigint NOT NULL,
    sent_at     timestamptz NOT NULL,
    body        text NOT NULL,
    PRIMARY KEY (room_id, message_id)
) PARTITION BY HASH (room_id);
