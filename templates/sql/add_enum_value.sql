ALTER TYPE {{ name | qualify }} ADD VALUE IF NOT EXISTS {{ value | literal }}{% if before %} BEFORE {{ before | literal }}{% endif %};
