-- 043_check_no_inherit: the inheritance parent gets a CHECK ... NO INHERIT so rows go into children only.
-- This file is the state before the change.
CREATE TABLE notifications (
    notification_id bigint NOT NULL,
    recipient   text NOT NULL,
    sent_at     timestamptz
);

CREATE TABLE email_notifications (
    subject     text NOT NULL,
    PRIMARY KEY (notification_id)
) INHERITS (notifications);

CREATE TABLE sms_notifications (
    phone       text NOT NULL,
    PRIMARY KEY (notification_id)
) INHERITS (notifications);
