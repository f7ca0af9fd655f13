-- An ORM-made schema with mixed-case domain and check names, and domains used in
-- arrays and as a primary key.
CREATE DOMAIN "OrderCode" AS text CONSTRAINT "OrderCode_Format" CHECK (VALUE ~ '^ORD-[0-9]+$');
CREATE DOMAIN "Tag" AS varchar(32) CONSTRAINT "Tag_lower" CHECK (VALUE = lower(VALUE));

CREATE TABLE "Orders" (
    "Code"      "OrderCode" PRIMARY KEY,
    "Tags"      "Tag"[] NOT NULL DEFAULT '{}',
    "PlacedAt"  timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE "OrderNotes" (
    "NoteId"    bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    "Code"      "OrderCode" NOT NULL REFERENCES "Orders" ("Code") ON DELETE CASCADE,
    "Body"      text NOT NULL
);

CREATE TABLE "TagStats" (
    "Tag"       "Tag" PRIMARY KEY,
    "Uses"      integer NOT NULL DEFAULT 0
);

CREATE TABLE "Archive" (
    "Code"      "OrderCode" NOT NULL,
    "ArchivedAt" timestamptz NOT NULL,
    PRIMARY KEY ("Code", "ArchivedAt")
);
