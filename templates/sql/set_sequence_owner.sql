ALTER SEQUENCE {{ name | qualify }} OWNED BY {% if owned_by %}{{ owned_by[0] | qualify }}.{{ owned_by[1] | ident }}{% else %}NONE{% endif %};
