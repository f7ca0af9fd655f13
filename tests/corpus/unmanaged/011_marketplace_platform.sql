-- schema: market
-- Marketplace platform schema owned by a dedicated owner role: default privileges
-- FOR ROLE the owner, a global default that revokes EXECUTE from PUBLIC, domains,
-- an enum-like composite for money, order triggers, procedures for settlement,
-- an aggregate over money amounts.
CREATE SCHEMA market;

DO $$ BEGIN CREATE ROLE market_owner; EXCEPTION WHEN duplicate_object THEN NULL; END $$;
DO $$ BEGIN CREATE ROLE market_api; EXCEPTION WHEN duplicate_object THEN NULL; END $$;

ALTER DEFAULT PRIVILEGES FOR ROLE market_owner IN SCHEMA market GRANT SELECT, INSERT, UPDATE ON TABLES TO market_api;
ALTER DEFAULT PRIVILEGES REVOKE EXECUTE ON FUNCTIONS FROM PUBLIC;

CREATE DOMAIN market.cents AS bigint CHECK (VALUE >= 0);
CREATE TYPE market.money_amount AS (cents bigint, currency char(3));

CREATE TABLE market.sellers (
    seller_id   bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name        text NOT NULL,
    balance     market.cents NOT NULL DEFAULT 0,
    updated_at  timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE market.orders (
    order_id    bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    seller_id   bigint NOT NULL REFERENCES market.sellers (seller_id),
    amount      market.cents NOT NULL,
    state       text NOT NULL DEFAULT 'placed',
    updated_at  timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE market.settlements (
    settlement_id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    seller_id   bigint NOT NULL REFERENCES market.sellers (seller_id),
    amount      market.cents NOT NULL,
    settled_at  timestamptz NOT NULL DEFAULT now(),
    updated_at  timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE market.payout_accounts (
    seller_id   bigint PRIMARY KEY REFERENCES market.sellers (seller_id) ON DELETE CASCADE,
    iban        text NOT NULL,
    verified    boolean NOT NULL DEFAULT false,
    updated_at  timestamptz NOT NULL DEFAULT now()
);

CREATE FUNCTION market.touch() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN NEW.updated_at := now(); RETURN NEW; END $$;

CREATE FUNCTION market.credit_seller() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.state = 'delivered' AND OLD.state IS DISTINCT FROM 'delivered' THEN
    UPDATE market.sellers SET balance = balance + NEW.amount WHERE seller_id = NEW.seller_id;
  END IF;
  RETURN NEW;
END $$;

CREATE FUNCTION market.money_add(a market.money_amount, b market.money_amount) RETURNS market.money_amount
LANGUAGE sql IMMUTABLE AS $$
  SELECT ROW(coalesce(a.cents, 0) + b.cents, b.currency)::market.money_amount
$$;

CREATE AGGREGATE market.money_sum(market.money_amount) (sfunc = market.money_add, stype = market.money_amount);

CREATE PROCEDURE market.settle(p_seller bigint)
LANGUAGE plpgsql AS $$
DECLARE due bigint;
BEGIN
  SELECT balance INTO due FROM market.sellers WHERE seller_id = p_seller FOR UPDATE;
  IF due > 0 THEN
    INSERT INTO market.settlements (seller_id, amount) VALUES (p_seller, due);
    UPDATE market.sellers SET balance = 0 WHERE seller_id = p_seller;
  END IF;
END $$;

CREATE TRIGGER sellers_touch BEFORE UPDATE ON market.sellers FOR EACH ROW EXECUTE FUNCTION market.touch();
CREATE TRIGGER orders_touch BEFORE UPDATE ON market.orders FOR EACH ROW EXECUTE FUNCTION market.touch();
CREATE TRIGGER settlements_touch BEFORE UPDATE ON market.settlements FOR EACH ROW EXECUTE FUNCTION market.touch();
CREATE TRIGGER payout_accounts_touch BEFORE UPDATE ON market.payout_accounts FOR EACH ROW EXECUTE FUNCTION market.touch();
CREATE TRIGGER orders_credit AFTER UPDATE OF state ON market.orders FOR EACH ROW EXECUTE FUNCTION market.credit_seller();

GRANT USAGE ON SCHEMA market TO market_api;
GRANT SELECT, INSERT, UPDATE ON market.sellers, market.orders TO market_api;
GRANT EXECUTE ON PROCEDURE market.settle(bigint) TO market_api;
