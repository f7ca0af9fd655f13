#!/usr/bin/env python3
"""Generate the peer-comparison workload as plain SQL: one database of N
tenant tables, side A and side B (the same schema a release later).

    python3 bench/peer_gen.py OUT_DIR [--tables 1000] [--seed S]

Writes OUT_DIR/a.sql and OUT_DIR/b.sql (each runs with `psql -v
ON_ERROR_STOP=1` on an empty database) and OUT_DIR/a-to-b.sql, which turns a
database made by a.sql into B (so that B can be a copy of A plus the edits). The workload is the kind schema-diff
tools are compared on, so that every tool reads the same two databases:

- a `tenants` table and N tenant tables `<noun>_<NNNNN>` with 11–16 columns
  each (uuid key `(tenant_id, id)`, `tenant_id` referencing `tenants`, a
  composite foreign key `(tenant_id, x_id)` to an earlier table on about half
  of them), column and table CHECKs, a composite UNIQUE `(tenant_id, code)` on
  some, 2–4 indexes (composite, partial, GIN on jsonb and on text[],
  expression);
- row-level security enabled and forced, with a tenant policy, on about 60%
  of the tables (a second, restrictive policy on a third of those);
- an `updated`-touching trigger on about a quarter of the tables, comments on
  about a third (and on some columns);
- N/100 of the tables partitioned by month on `created`: 12 monthly
  partitions `<table>_pYYYYMM` for 2025 and a DEFAULT partition; on half of
  them the partitions' indexes are built one by one, named
  `<partition>_<index>`, and attached to the parent's.

Side B, a release later: 1% more tables; 5% of the tables gain a column; 1%
widen a varchar(100) to varchar(200); 2% gain an index and 1% lose one; 1%
change a CHECK; 2% change a policy; half the partitioned tables gain the
partition for 2026-01 and the other half rebuild an index with one more
column. Every table comes from its own seeded random stream,
so B is A plus exactly these edits. Standard library only.
"""

import argparse
import os
import random

NOUNS = ["accounts", "contacts", "invoices", "orders", "products", "projects",
         "tasks", "tickets", "members", "teams", "notes", "payments",
         "subscriptions", "vendors", "shipments", "addresses", "quotes",
         "contracts", "refunds", "coupons"]

# name: (type, not null, default, column check)
POOL = {
    "name": ("text", True, None, None),
    "title": ("text", False, None, None),
    "code": ("varchar(100)", True, None, None),
    "label": ("varchar(100)", False, None, None),
    "slug": ("varchar(100)", False, None, "slug ~ '^[a-z0-9-]+$'"),
    "description": ("text", False, None, None),
    "status": ("text", True, "'active'", "status in ('draft', 'active', 'closed')"),
    "priority": ("smallint", True, "0", "priority between 0 and 10"),
    "amount": ("numeric(12,2)", True, "0", "amount >= 0"),
    "total": ("numeric(12,2)", True, "0", None),
    "discount": ("numeric(12,2)", True, "0", "discount >= 0"),
    "quantity": ("integer", True, "0", "quantity >= 0"),
    "counter": ("bigint", True, "0", None),
    "metadata": ("jsonb", True, "'{}'", None),
    "tags": ("text[]", True, "'{}'", None),
    "is_active": ("boolean", True, "true", None),
    "currency": ("char(3)", True, "'USD'", "currency ~ '^[A-Z]{3}$'"),
    "email": ("text", False, None, "email like '%@%'"),
    "owner_id": ("uuid", False, None, None),
    "starts_on": ("date", False, None, None),
    "ends_on": ("date", False, None, None),
    "deleted": ("timestamptz", False, None, None),
    "expires": ("timestamptz", False, None, None),
    "ip_address": ("inet", False, None, None),
    "duration": ("interval", False, None, None),
}
POOL_NAMES = sorted(POOL)
NEW_COLUMNS = [("review_notes", "text"), ("risk_score", "numeric(12,2)"),
               ("retry_budget", "integer not null default 3"), ("flags", "jsonb")]


def q(name):
    return '"' + name.replace('"', '""') + '"'


def lit(s):
    return "'" + s.replace("'", "''") + "'"


class Table:
    pass


def make_table(seed, i, n_parts, names):
    rng = random.Random(f"{seed}:{i}")
    t = Table()
    t.i = i
    t.name = names[i]
    t.partitioned = i in n_parts
    cols = {"id": ("uuid", True, "gen_random_uuid()", None),
            "tenant_id": ("uuid", True, None, None)}
    t.fk = None
    targets = [j for j in range(max(0, i - 100), i) if j not in n_parts]
    if targets and rng.random() < 0.5:
        j = rng.choice(targets)
        t.fk = (f"{names[j]}_ref", names[j], rng.choice(["cascade", "restrict", "no action"]))
        cols[t.fk[0]] = ("uuid", False, None, None)
    total = rng.randint(11, 16)
    for c in rng.sample(POOL_NAMES, total - len(cols) - 2):
        cols[c] = POOL[c]
    cols["created"] = ("timestamptz", True, "now()", None)
    cols["updated"] = ("timestamptz", True, "now()", None)
    t.cols = cols
    t.checks = {}
    if "starts_on" in cols and "ends_on" in cols:
        t.checks[f"{t.name}_period"] = "ends_on is null or starts_on is null or ends_on >= starts_on"
    if "total" in cols and "discount" in cols:
        t.checks[f"{t.name}_discount_le_total"] = "discount <= total"
    t.unique = (not t.partitioned) and "code" in cols and rng.random() < 0.6
    cands = [("created", f"(tenant_id, created desc)", None, None)]
    if "status" in cols:
        where = "deleted is null" if "deleted" in cols else "status <> 'closed'"
        cands.append(("status", "(tenant_id, status)", None, where))
    if "metadata" in cols:
        cands.append(("metadata", "(metadata)", "gin", None))
    if "tags" in cols:
        cands.append(("tags", "(tags)", "gin", None))
    if "email" in cols:
        cands.append(("email", "(tenant_id, lower(email))", None, None))
    if "name" in cols:
        cands.append(("name", "(tenant_id, name)", None, None))
    if "expires" in cols:
        cands.append(("expires", "(expires)", None, "expires is not null"))
    if t.fk:
        cands.insert(0, ("ref", f"(tenant_id, {t.fk[0]})", None, None))
    want = rng.randint(2, 4)
    t.indexes = cands[:1] + rng.sample(cands[1:], min(want - 1, len(cands) - 1))
    t.rls = rng.random() < 0.6
    t.restrictive = t.rls and rng.random() < 0.33
    t.trigger = rng.random() < 0.25
    t.comment = f"{t.name.split('_')[0].capitalize()} of the workload, table {i}." if rng.random() < 0.35 else None
    t.col_comment = rng.choice([c for c in cols if c not in ("id", "tenant_id")]) if t.comment else None
    t.months = 12
    return t


def partitions(t):
    for m in range(t.months):
        y, mo = 2025 + m // 12, m % 12 + 1
        yield f"{t.name}_p{y}{mo:02d}", (y, mo)
    yield f"{t.name}_default", None


def index_sql(t, key, cols, using, where):
    """CREATE INDEX; on every other partitioned table the partitions' indexes
    are built one by one under names of their own (`<partition>_<index>`, as
    tools that build them concurrently do) and attached."""
    name = f"{t.name}_{key}_idx"
    tail = (f" using {using}" if using else "") + f" {cols}" + (f" where {where}" if where else "")
    if not (t.partitioned and (t.i // 100) % 2 == 1):
        return f"create index {q(name)} on {q(t.name)}{tail};\n"
    out = [f"create index {q(name)} on only {q(t.name)}{tail};\n"]
    for child, _ in partitions(t):
        out.append(f"create index {q(child + '_' + name)} on {q(child)}{tail};\n")
        out.append(f"alter index {q(name)} attach partition {q(child + '_' + name)};\n")
    return "".join(out)


def table_sql(t):
    out = []
    lines = []
    for c, (ty, notnull, default, check) in t.cols.items():
        s = f"    {q(c)} {ty}"
        if notnull:
            s += " not null"
        if default is not None:
            s += f" default {default}"
        if check is not None:
            s += f" check ({check})"
        lines.append(s)
    pk = "tenant_id, id, created" if t.partitioned else "tenant_id, id"
    lines.append(f"    primary key ({pk})")
    lines.append("    foreign key (tenant_id) references tenants (id) on delete cascade")
    if t.fk:
        col, target, action = t.fk
        lines.append(f"    foreign key (tenant_id, {q(col)}) references {q(target)} (tenant_id, id) on delete {action}")
    for name, expr in t.checks.items():
        lines.append(f"    constraint {q(name)} check ({expr})")
    if t.unique:
        lines.append("    unique (tenant_id, code)")
    part = " partition by range (created)" if t.partitioned else ""
    out.append(f"create table {q(t.name)} (\n" + ",\n".join(lines) + f"\n){part};\n")
    if t.partitioned:
        for m in range(t.months):
            y, mo = 2025 + m // 12, m % 12 + 1
            y2, mo2 = (y, mo + 1) if mo < 12 else (y + 1, 1)
            out.append(f"create table {q(f'{t.name}_p{y}{mo:02d}')} partition of {q(t.name)} "
                       f"for values from ('{y}-{mo:02d}-01') to ('{y2}-{mo2:02d}-01');\n")
        out.append(f"create table {q(t.name + '_default')} partition of {q(t.name)} default;\n")
    for key, cols, using, where in t.indexes:
        out.append(index_sql(t, key, cols, using, where))
    if t.rls:
        out.append(f"alter table {q(t.name)} enable row level security;\n")
        out.append(f"alter table {q(t.name)} force row level security;\n")
        out.append(f"create policy tenant_isolation on {q(t.name)} using "
                   f"(tenant_id = current_setting('app.tenant_id')::uuid);\n")
        if t.restrictive:
            out.append(f"create policy hide_inactive on {q(t.name)} as restrictive for select using "
                       f"({t.restrictive_expr});\n")
    if t.trigger:
        out.append(f"create trigger {q(t.name + '_touch')} before update on {q(t.name)} "
                   f"for each row execute function touch_updated();\n")
    if t.comment:
        out.append(f"comment on table {q(t.name)} is {lit(t.comment)};\n")
        out.append(f"comment on column {q(t.name)}.{q(t.col_comment)} is {lit('Set by the application.')};\n")
    return "".join(out)


HEADER = """\
create table tenants (
    id uuid primary key default gen_random_uuid(),
    name text not null,
    created timestamptz not null default now()
);
create function touch_updated() returns trigger language plpgsql as $$
begin
    new.updated := now();
    return new;
end
$$;
"""


def side_b(seed, tables, names, n, n_parts):
    """Edit `tables` into side B; return the SQL that turns A into B."""
    rng = random.Random(f"{seed}:b")
    delta = []
    old = tables[:n]
    for t in rng.sample(old, max(1, n * 5 // 100)):
        name, ty = rng.choice(NEW_COLUMNS)
        if name not in t.cols:
            notnull = "not null" in ty
            base = ty.split(" ")[0]
            t.cols[name] = (base, notnull, "3" if notnull else None, None)
            delta.append(f"alter table {q(t.name)} add column {q(name)} {ty};\n")
    widen = [t for t in old if any(v[0] == "varchar(100)" for v in t.cols.values())]
    for t in rng.sample(widen, min(len(widen), max(1, n // 100))):
        c = next(c for c, v in t.cols.items() if v[0] == "varchar(100)")
        t.cols[c] = ("varchar(200)",) + t.cols[c][1:]
        delta.append(f"alter table {q(t.name)} alter column {q(c)} type varchar(200);\n")
    for t in rng.sample(old, max(1, n * 2 // 100)):
        t.indexes.append(("updated", "(tenant_id, updated desc)", None, None))
        delta.append(f"create index {q(t.name + '_updated_idx')} on {q(t.name)} (tenant_id, updated desc);\n")
    droppable = [t for t in old if len(t.indexes) > 2 and t.indexes[-1][0] != "updated"]
    for t in rng.sample(droppable, min(len(droppable), max(1, n // 100))):
        key = t.indexes.pop()[0]
        delta.append(f"drop index {q(f'{t.name}_{key}_idx')};\n")
    checked = [t for t in old if "quantity" in t.cols and t.cols["quantity"][3]]
    for t in rng.sample(checked, min(len(checked), max(1, n // 100))):
        t.cols["quantity"] = t.cols["quantity"][:3] + ("quantity between 0 and 1000000",)
        delta.append(f"alter table {q(t.name)} drop constraint {q(t.name + '_quantity_check')};\n"
                     f"alter table {q(t.name)} add constraint {q(t.name + '_quantity_check')} "
                     f"check (quantity between 0 and 1000000);\n")
    ruled = [t for t in old if t.rls]
    for t in rng.sample(ruled, min(len(ruled), max(1, n * 2 // 100))):
        if t.restrictive:
            t.restrictive_expr = "tenant_id is not null"
            delta.append(f"alter policy hide_inactive on {q(t.name)} using (tenant_id is not null);\n")
        else:
            t.restrictive = True
            delta.append(f"create policy hide_inactive on {q(t.name)} as restrictive for select using "
                         f"({t.restrictive_expr});\n")
    for t in old:
        if t.partitioned and (t.i // 100) % 2 == 0:
            t.months = 13
            delta.append(f"create table {q(t.name + '_p202601')} partition of {q(t.name)} "
                         f"for values from ('2026-01-01') to ('2026-02-01');\n")
        elif t.partitioned:
            # the first index gains a column: dropped and built again
            key, cols, using, where = t.indexes[0]
            t.indexes[0] = (key, cols[:-1] + ", id)", using, where)
            delta.append(f"drop index {q(f'{t.name}_{key}_idx')};\n")
            delta.append(index_sql(t, *t.indexes[0]))
    extra = max(1, n // 100)
    for i in range(n, n + extra):
        t = make_table(seed, i, n_parts, names)
        t.restrictive_expr = "created > '2000-01-01'"
        tables.append(t)
        delta.append(table_sql(t))
    return "".join(delta)


def generate(out, n, seed):
    n_parts = {(k * n) // max(1, n // 100) for k in range(max(1, n // 100))}
    extra = max(1, n // 100)
    names = [f"{NOUNS[i % len(NOUNS)]}_{i:05d}" for i in range(n + extra)]
    os.makedirs(out, exist_ok=True)
    for side in ("a", "b"):
        tables = [make_table(seed, i, n_parts, names) for i in range(n)]
        for t in tables:
            t.restrictive_expr = "created > '2000-01-01'" if "is_active" not in t.cols else "is_active"
        if side == "b":
            with open(os.path.join(out, "a-to-b.sql"), "w") as f:
                f.write(side_b(seed, tables, names, n, n_parts))
        with open(os.path.join(out, f"{side}.sql"), "w") as f:
            f.write(HEADER)
            for t in tables:
                f.write(table_sql(t))
    return n_parts


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("out")
    ap.add_argument("--tables", type=int, default=1000)
    ap.add_argument("--seed", default="schemac-peer")
    a = ap.parse_args()
    if a.tables < 100:
        ap.error("--tables must be at least 100")
    parts = generate(a.out, a.tables, a.seed)
    print(f"{a.out}: {a.tables} tables ({len(parts)} partitioned), a.sql, b.sql and a-to-b.sql")


if __name__ == "__main__":
    main()
