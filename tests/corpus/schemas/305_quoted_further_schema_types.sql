-- schema: market
-- also: BillingCore
-- A marketplace whose billing types live in a mixed-case further schema "BillingCore"
-- (the also: line cannot carry a space, so capitals make the name need quoting): an
-- enum "Payout State" with labels holding spaces and capitals, a domain "Money (EUR)"
-- with a mixed-case check name, and a domain over it; tables in both schemas use them.
CREATE SCHEMA market;
CREATE SCHEMA "BillingCore";

CREATE TYPE "BillingCore"."Payout State" AS ENUM ('Pending', 'On Hold', 'paid-out', 'Reversed');
CREATE DOMAIN "BillingCore"."Money (EUR)" AS numeric(12, 2)
  DEFAULT 0
  CONSTRAINT "Money (EUR) Not Negative" CHECK (VALUE >= 0);
CREATE DOMAIN "BillingCore"."FeeRate" AS numeric(5, 4)
  CONSTRAINT "FeeRate_Range" CHECK (VALUE BETWEEN 0 AND 0.5);
CREATE DOMAIN market."Listing Price" AS "BillingCore"."Money (EUR)"
  CONSTRAINT "Listing Price Positive" CHECK (VALUE > 0);

CREATE TABLE market.sellers (
  seller_id uuid PRIMARY KEY,
  "Display Name" text NOT NULL,
  commission "BillingCore"."FeeRate" NOT NULL DEFAULT 0.12
);

CREATE TABLE market.listings (
  listing_id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  seller_id uuid NOT NULL REFERENCES market.sellers (seller_id),
  title text NOT NULL,
  price market."Listing Price" NOT NULL,
  shipping "BillingCore"."Money (EUR)"
);

CREATE TABLE market.orders (
  order_id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  listing_id bigint NOT NULL REFERENCES market.listings (listing_id),
  paid "BillingCore"."Money (EUR)" NOT NULL,
  placed_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE "BillingCore"."Payouts" (
  payout_id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  seller_id uuid NOT NULL REFERENCES market.sellers (seller_id),
  "State" "BillingCore"."Payout State" NOT NULL DEFAULT 'Pending',
  amount "BillingCore"."Money (EUR)" NOT NULL,
  fee "BillingCore"."FeeRate",
  CONSTRAINT "Payouts_Held_Amount" CHECK ("State" <> 'On Hold' OR amount > 0)
);
CREATE INDEX "Payouts_Open" ON "BillingCore"."Payouts" (seller_id) WHERE "State" IN ('Pending', 'On Hold');

CREATE TABLE "BillingCore"."Payout Lines" (
  payout_id bigint NOT NULL REFERENCES "BillingCore"."Payouts" (payout_id) ON DELETE CASCADE,
  order_id bigint NOT NULL REFERENCES market.orders (order_id),
  net "BillingCore"."Money (EUR)" NOT NULL,
  PRIMARY KEY (payout_id, order_id)
);

CREATE TABLE market.disputes (
  dispute_id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  order_id bigint NOT NULL REFERENCES market.orders (order_id),
  payout_state_at_open "BillingCore"."Payout State",
  refund "BillingCore"."Money (EUR)"
);

COMMENT ON TYPE "BillingCore"."Payout State" IS 'Where a seller''s payout is';
COMMENT ON DOMAIN "BillingCore"."Money (EUR)" IS 'Euros to the cent';
