-- Map tiles from a vendor schema with mixed-case composite types and attributes,
-- an attribute named with a reserved word, and arrays of a quoted composite.
CREATE TYPE "GeoPoint" AS (
    "Lat" double precision,
    "Lng" double precision
);

CREATE TYPE "tile key" AS (
    "zoom"  smallint,
    "x"     integer,
    "y"     integer,
    "order" integer
);
COMMENT ON TYPE "tile key" IS 'Slippy-map tile coordinates';

CREATE TABLE "MapLayers" (
    layer_id    integer PRIMARY KEY,
    title       text NOT NULL,
    "Anchor"    "GeoPoint"
);

CREATE TABLE tiles (
    tile_id     bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    layer_id    integer NOT NULL REFERENCES "MapLayers" (layer_id),
    key         "tile key" NOT NULL,
    outline     "GeoPoint"[] NOT NULL,
    rendered_at timestamptz
);

CREATE TABLE tile_requests (
    request_id  bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    tile_id     bigint NOT NULL REFERENCES tiles (tile_id),
    "from"      "GeoPoint",
    requested_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE layer_bounds (
    layer_id    integer PRIMARY KEY REFERENCES "MapLayers" (layer_id),
    corners     "GeoPoint"[]
);
