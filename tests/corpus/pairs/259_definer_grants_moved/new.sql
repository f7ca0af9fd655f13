-- schema: payouts
-- The payout function moves from the batch role to the queue worker, which may grant it on.
CREATE SCHEMA payouts;
SET search_path = payouts;

DO $$ BEGIN CREATE ROLE payouts_definer; EXCEPTION WHEN duplicate_object THEN NULL; END $$;
DO $$ BEGIN CREATE ROLE payouts_batch; EXCEPTION WHEN duplicate_object THEN NULL; END $$;
DO $$ BEGIN CREATE ROLE payouts_worker; EXCEPTION WHEN duplicate_object THEN NULL; END $$;

CREATE TABLE sellers (
    seller_id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    iban      text NOT NULL,
    balance   numeric(14, 2) NOT NULL DEFAULT 0
);

CREATE TABLE transfers (
    transfer_id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    seller_id   bigint NOT NULL REFERENCES sellers (seller_id),
    amount      numeric(14, 2) NOT NULL CHECK (amount > 0),
    created_at  timestamptz NOT NULL DEFAULT now()
);

CREATE FUNCTION pay_out(p_seller bigint) RETURNS bigint
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, payouts AS $$
DECLARE
  v_amount numeric;
  v_id bigint;
BEGIN
  UPDATE payouts.sellers SET balance = 0 WHERE seller_id = p_seller
  RETURNING balance INTO v_amount;
  INSERT INTO payouts.transfers (seller_id, amount) VALUES (p_seller, v_amount)
  RETURNING transfer_id INTO v_id;
  RETURN v_id;
END
$$;

ALTER FUNCTION pay_out(bigint) OWNER TO payouts_definer;
REVOKE EXECUTE ON FUNCTION pay_out(bigint) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION pay_out(bigint) TO payouts_worker WITH GRANT OPTION;
GRANT SELECT ON transfers TO payouts_batch;
