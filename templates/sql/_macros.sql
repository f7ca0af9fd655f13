{#- Fragments shared by the change templates. Every value passes a filter. -#}
{%- macro column(c) -%}
{{ c.name | ident }} {{ c.type | coltype }}
{%- if c.collation %} COLLATE {{ c.collation | ident }}{% endif %}
{%- if c.generated %} GENERATED ALWAYS AS ({{ c.generated | sql }}) STORED{% endif %}
{%- if c.identity is defined %} GENERATED {% if c.identity == "always" %}ALWAYS{% else %}BY DEFAULT{% endif %} AS IDENTITY{{ identity_options(c.identity_options | default({})) }}{% endif %}
{%- if c.default is defined and c.default is not none %} DEFAULT {{ c.default | sql }}{% endif %}
{%- if not c.nullable %} NOT NULL{% endif %}
{%- endmacro -%}

{%- macro key(k) -%}
{%- if k.column is defined %}{{ k.column | ident }}{% else %}({{ k.expr | sql }}){% endif %}
{%- if k.opclass is defined and k.opclass %} {{ k.opclass | sql }}{% endif %}
{%- if k.descending %} DESC{% endif %}
{%- if k.nulls_first is defined and k.nulls_first is true %} NULLS FIRST{% elif k.nulls_first is defined and k.nulls_first is false %} NULLS LAST{% endif %}
{%- endmacro -%}

{%- macro sequence_body(o) -%}
{%- if o.start is defined %} START WITH {{ o.start | number }}{% endif %}
{%- if o.increment is defined %} INCREMENT BY {{ o.increment | number }}{% endif %}
{%- if o.min is defined %} MINVALUE {{ o.min | number }}{% endif %}
{%- if o.max is defined %} MAXVALUE {{ o.max | number }}{% endif %}
{%- if o.cache is defined %} CACHE {{ o.cache | number }}{% endif %}
{%- if o.cycle is defined and o.cycle %} CYCLE{% endif %}
{%- endmacro -%}

{%- macro sequence_options(o) -%}
{%- if o is defined and o %}{% if o.type is defined %} AS {{ o.type | keyword }}{% endif %}{{ sequence_body(o) }}{% endif %}
{%- endmacro -%}

{%- macro identity_options(o) -%}
{%- if o %} ({% if o.name is defined %}SEQUENCE NAME {{ o.name | qualify }}{% endif %}{{ sequence_body(o) }} ){% endif %}
{%- endmacro -%}

{#- Storage parameters: ` WITH (fillfactor = '70')`, or nothing. -#}
{%- macro with(options) -%}
{%- if options %} WITH ({% for k, v in options %}{{ k | option_name }} = {{ v | literal }}{% if not loop.last %}, {% endif %}{% endfor %}){% endif %}
{%- endmacro -%}

{%- macro deferrable(k) -%}
{%- if k.deferrable is defined and k.deferrable == "initially_deferred" %} DEFERRABLE INITIALLY DEFERRED{% elif k.deferrable is defined and k.deferrable == "initially_immediate" %} DEFERRABLE INITIALLY IMMEDIATE{% endif %}
{%- endmacro -%}

{%- macro constraint(k) -%}
{%- if k.kind == "primary_key" -%}
PRIMARY KEY ({{ k.columns | idents }}){{ deferrable(k) }}
{%- elif k.kind == "unique" -%}
UNIQUE{% if k.nulls_not_distinct %} NULLS NOT DISTINCT{% endif %} ({{ k.columns | idents }}){{ deferrable(k) }}
{%- elif k.kind == "check" -%}
CHECK ({{ k.expr | sql }}){% if k.no_inherit is defined and k.no_inherit %} NO INHERIT{% endif %}
{%- elif k.kind == "foreign_key" -%}
FOREIGN KEY ({{ k.columns | idents }}) REFERENCES {{ k.references | qname }} ({{ k.ref_columns | idents }})
{%- if k.on_delete != "no_action" %} ON DELETE {{ k.on_delete | keyword }}{% if k.delete_columns is defined and k.delete_columns %} ({{ k.delete_columns | idents }}){% endif %}{% endif %}
{%- if k.on_update != "no_action" %} ON UPDATE {{ k.on_update | keyword }}{% endif %}
{{- deferrable(k) }}
{%- elif k.kind == "exclude" -%}
EXCLUDE USING {{ k.method | keyword }} ({% for e in k.elements %}{{ key(e.key) }} WITH {{ e.operator | sql }}{% if not loop.last %}, {% endif %}{% endfor %})
{%- if k.predicate is defined and k.predicate %} WHERE ({{ k.predicate | sql }}){% endif %}
{%- endif -%}
{%- endmacro -%}

{%- macro partition_by(p) -%}
{{ p.strategy | keyword }} ({% for k in p.key %}{% if k.column is defined %}{{ k.column | ident }}{% else %}({{ k.expr | sql }}){% endif %}{% if not loop.last %}, {% endif %}{% endfor %})
{%- endmacro -%}

{%- macro key_expr(k) -%}
{%- if k.column is defined %}{{ k.column | ident }}{% else %}({{ k.expr | sql }}){% endif -%}
{%- endmacro -%}

{#- The rows a partition bound admits, as a condition on the partition key
    (a side that is MINVALUE or MAXVALUE bounds nothing). -#}
{%- macro bound_condition(key, b) -%}
{%- if b.list is defined -%}
{{ key_expr(key[0]) }} IN ({{ b.list["values"] | literals }})
{%- elif b.range is defined -%}
{%- set low = "MINVALUE" not in b.range.from -%}
{%- set high = "MAXVALUE" not in b.range.to -%}
{%- if low %}({% for k in key %}{{ key_expr(k) }}{% if not loop.last %}, {% endif %}{% endfor %}) >= ({% for v in b.range.from %}{{ v | literal }}{% if not loop.last %}, {% endif %}{% endfor %}){% endif %}
{%- if low and high %} AND {% endif %}
{%- if high %}({% for k in key %}{{ key_expr(k) }}{% if not loop.last %}, {% endif %}{% endfor %}) < ({% for v in b.range.to %}{{ v | literal }}{% if not loop.last %}, {% endif %}{% endfor %}){% endif %}
{%- if not low and not high %}TRUE{% endif %}
{%- else -%}
TRUE
{%- endif -%}
{%- endmacro -%}

{%- macro bound_value(v) -%}
{%- if v == "MINVALUE" or v == "MAXVALUE" %}{{ v | sql }}{% else %}{{ v | literal }}{% endif -%}
{%- endmacro -%}

{%- macro bound(b) -%}
{%- if b == "default" -%}
DEFAULT
{%- elif b.range is defined -%}
FOR VALUES FROM ({% for v in b.range.from %}{{ bound_value(v) }}{% if not loop.last %}, {% endif %}{% endfor %}) TO ({% for v in b.range.to %}{{ bound_value(v) }}{% if not loop.last %}, {% endif %}{% endfor %})
{%- elif b.list is defined -%}
FOR VALUES IN ({{ b.list["values"] | literals }})
{%- elif b.hash is defined -%}
FOR VALUES WITH (MODULUS {{ b.hash.modulus | number }}, REMAINDER {{ b.hash.remainder | number }})
{%- endif -%}
{%- endmacro -%}

{%- macro index_def(table, index, only=false, concurrently=false) -%}
CREATE {% if index.unique %}UNIQUE {% endif %}INDEX {% if concurrently %}CONCURRENTLY IF NOT EXISTS {% elif only %}IF NOT EXISTS {% endif %}{{ index.name | ident }} ON {% if only %}ONLY {% endif %}{{ table | qualify }}
{%- if index.method != "btree" %} USING {{ index.method | keyword }}{% endif %} ({% for k in index["keys"] %}{{ key(k) }}{% if not loop.last %}, {% endif %}{% endfor %})
{%- if index.include %} INCLUDE ({{ index.include | idents }}){% endif %}
{%- if index.nulls_not_distinct %} NULLS NOT DISTINCT{% endif %}
{{- with(index.options | default([])) }}
{%- if index.predicate is defined and index.predicate %} WHERE ({{ index.predicate | sql }}){% endif %}
{%- endmacro -%}

{%- macro policy_def(table, policy) -%}
CREATE POLICY {{ policy.name | ident }} ON {{ table | qualify }}
    AS {% if policy.permissive %}PERMISSIVE{% else %}RESTRICTIVE{% endif %} FOR {{ policy.command | keyword }}
    TO {% if policy.roles %}{{ policy.roles | roles }}{% else %}PUBLIC{% endif %}
{%- if policy.using %}

    USING ({{ policy.using | sql }})
{%- endif %}
{%- if policy.with_check %}

    WITH CHECK ({{ policy.with_check | sql }})
{%- endif %}
{%- endmacro -%}

{#- A function's arguments as CREATE FUNCTION takes them. -#}
{%- macro function_args(args) -%}
{%- for a in args %}{% if a.mode is defined %}{{ a.mode | keyword }} {% endif %}{% if a.name is defined %}{{ a.name | ident }} {% endif %}{{ a.type | sql }}{% if a.default is defined %} DEFAULT {{ a.default | sql }}{% endif %}{% if not loop.last %}, {% endif %}{% endfor %}
{%- endmacro -%}

{#- The input argument types that identify a function (DROP, COMMENT ON). -#}
{%- macro function_types(args) -%}
{%- for a in args | rejectattr("mode", "eq", "out") %}{% if a.mode is defined and a.mode == "variadic" %}VARIADIC {% endif %}{{ a.type | sql }}{% if not loop.last %}, {% endif %}{% endfor %}
{%- endmacro -%}

{%- macro trigger_events(t) -%}
{%- for e in t.events %}{{ e | keyword }}{% if e == "UPDATE" and t.columns is defined %} OF {% for c in t.columns %}{{ c | ident }}{% if not loop.last %}, {% endif %}{% endfor %}{% endif %}{% if not loop.last %} OR {% endif %}{% endfor %}
{%- endmacro -%}

{%- macro trigger_clauses(t) -%}
{%- if t.deferrable is defined %} DEFERRABLE INITIALLY {% if t.deferrable == "initially_deferred" %}DEFERRED{% else %}IMMEDIATE{% endif %}{% endif %}
{%- if t.old_table is defined or t.new_table is defined %} REFERENCING{% if t.old_table is defined %} OLD TABLE AS {{ t.old_table | ident }}{% endif %}{% if t.new_table is defined %} NEW TABLE AS {{ t.new_table | ident }}{% endif %}{% endif %}
{%- endmacro -%}
