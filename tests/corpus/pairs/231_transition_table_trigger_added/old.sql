-- schema: wallet
-- Balances move from a row trigger to a statement trigger reading the
-- transition table of inserted transfers.
CREATE SCHEMA wallet;

CREATE TABLE wallet.wallets (
    wallet_id integer PRIMARY KEY,
    balance   bigint NOT NULL DEFAULT 0
);

CREATE TABLE wallet.transfers (
    transfer_id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    wallet_id   integer NOT NULL REFERENCES wallet.wallets (wallet_id),
    amount      bigint NOT NULL
);

CREATE FUNCTION wallet.apply_transfer() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE wallet.wallets SET balance = balance + NEW.amount WHERE wallet_id = NEW.wallet_id;
  RETURN NULL;
END
$$;

CREATE TRIGGER transfers_apply AFTER INSERT ON wallet.transfers
    FOR EACH ROW EXECUTE FUNCTION wallet.apply_transfer();
