-- 010_drop_check_unique: a too-strict check and a unique key that blocked re-orders are dropped.
-- This file is the state before the change.
CREATE TABLE subscriptions (
    subscription_id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    customer_email  text NOT NULL,
    plan            text NOT NULL,
    seats           integer NOT NULL,
    started_on      date NOT NULL,
    CONSTRAINT subscriptions_seats_check CHECK (seats BETWEEN 1 AND 50),
    CONSTRAINT subscriptions_plan_check CHECK (plan IN ('basic', 'pro')),
    CONSTRAINT subscriptions_customer_plan_key UNIQUE (customer_email, plan)
);
