#!/usr/bin/env python3
"""Generate a large, realistic schemac project for benchmarking.

    python3 bench/gen.py OUT_DIR [--tables 5000] [--variant 1|2] [--seed S]

Variant 1 is the baseline. Variant 2 is the same project a release later:
~5% of tables gain a column, ~2% gain an index, ~1% widen a varchar(100) to
varchar(200), ~1% more tables exist, a few columns are renamed (with `was:`)
and a few defaults change. Both variants are deterministic for a given seed
and table count, and every table is generated from its own random stream, so
the v1 part of v2 is byte-for-byte the v1 project plus the listed changes.

Layout: OUT_DIR/schemac.yaml and one folder per tier (oltp, content, queue,
olap), each holding an enums file and one file per module of 20 tables
(e.g. oltp/billing03.yaml with billing03_invoices, billing03_payments, ...).
Standard library only.
"""

import argparse
import json
import os
import random
import re
import shutil
import sys

# ---------------------------------------------------------------------------
# vocabulary

TIERS = {
    # tier: (database, share of the tables, module words, 20 plural nouns)
    "oltp": (
        "bench_oltp",
        0.40,
        ["crm", "billing", "sales", "support", "catalog", "hr", "ledger", "shipping"],
        ["accounts", "contacts", "invoices", "orders", "products", "projects",
         "tasks", "tickets", "members", "teams", "notes", "payments",
         "subscriptions", "vendors", "shipments", "addresses", "quotes",
         "contracts", "refunds", "coupons"],
    ),
    "content": (
        "bench_content",
        0.25,
        ["docs", "media", "mail", "wiki", "forms", "assets", "posts", "files"],
        ["documents", "revisions", "attachments", "images", "videos", "pages",
         "comments", "drafts", "templates", "messages", "threads", "folders",
         "uploads", "thumbnails", "captions", "translations", "snippets",
         "embeds", "bookmarks", "signatures"],
    ),
    "queue": (
        "bench_queue",
        0.15,
        ["jobs", "sync", "export", "import", "notify", "webhook", "batch", "cron"],
        ["tasks", "runs", "attempts", "schedules", "batches", "locks",
         "leases", "events", "deliveries", "retries", "checkpoints", "cursors",
         "outboxes", "inboxes", "claims", "workers", "heartbeats",
         "dependencies", "triggers", "results"],
    ),
    "olap": (
        "bench_olap",
        0.20,
        ["funnel", "revenue", "traffic", "cohort", "usage", "growth", "churn", "retain"],
        ["sessions", "pageviews", "conversions", "impressions", "rollups",
         "snapshots", "forecasts", "cohorts", "facts", "aggregates",
         "summaries", "measurements", "segments", "scores", "signals",
         "goals", "experiments", "variants", "attributions", "benchmarks"],
    ),
}

ENUMS = {
    # tier: {enum name: (values, column name, default)}
    "oltp": {
        "record_status": (["draft", "active", "suspended", "closed"], "status", "active"),
        "priority_level": (["low", "normal", "high", "urgent"], "priority_band", "normal"),
    },
    "content": {
        "content_state": (["draft", "review", "published", "archived"], "state", "draft"),
        "visibility_level": (["private", "team", "tenant", "public"], "visibility", "private"),
    },
    "queue": {
        "run_state": (["queued", "running", "succeeded", "failed", "cancelled"], "state", "queued"),
        "priority_level": (["low", "normal", "high", "urgent"], "priority_band", "normal"),
    },
    "olap": {
        "grain": (["hour", "day", "week", "month"], "grain", "day"),
        "channel_kind": (["web", "mobile", "email", "api", "partner"], "channel", "web"),
    },
}

# name -> column spec. One type per name across the project (keeps N106 quiet
# and is what a real project converges on). Columns named in checks below
# must exist for the check to be added.
POOL = {
    "name": {"type": "text"},
    "title": {"type": "text"},
    "code": {"type": "varchar(100)"},
    "external_ref": {"type": "varchar(100)", "nullable": True,
                     "comment": "Identifier of the record in the upstream system."},
    "label": {"type": "varchar(100)"},
    "slug": {"type": "varchar(100)", "check": "slug ~ '^[a-z0-9-]+$'"},
    "description": {"type": "text", "nullable": True},
    "notes": {"type": "text", "nullable": True},
    "summary": {"type": "text", "nullable": True},
    "priority": {"type": "smallint", "default": "0", "check": "priority between 0 and 10"},
    "amount": {"type": "numeric(12,2)", "default": "0", "check": "amount >= 0"},
    "total": {"type": "numeric(12,2)", "default": "0"},
    "balance": {"type": "numeric(12,2)", "nullable": True},
    "discount": {"type": "numeric(12,2)", "default": "0", "check": "discount >= 0"},
    "quantity": {"type": "integer", "default": "0", "check": "quantity >= 0"},
    "position": {"type": "integer", "default": "0"},
    "version": {"type": "integer", "default": "1", "check": "version > 0"},
    "counter": {"type": "bigint", "default": "0"},
    "score": {"type": "numeric(5,2)", "nullable": True, "check": "score between 0 and 100"},
    "metadata": {"type": "jsonb", "default": "'{}'"},
    "attributes": {"type": "jsonb", "default": "'{}'",
                   "comment": "Free-form attributes set by integrations."},
    "settings": {"type": "jsonb", "default": "'{}'"},
    "tags": {"type": "text[]", "default": "'{}'"},
    "aliases": {"type": "text[]", "nullable": True},
    "is_active": {"type": "boolean", "default": "true"},
    "is_locked": {"type": "boolean", "default": "false"},
    "currency": {"type": "char(3)", "default": "'USD'", "check": "currency ~ '^[A-Z]{3}$'"},
    "locale": {"type": "varchar(100)", "default": "'en'"},
    "url": {"type": "text", "nullable": True},
    "email": {"type": "text", "nullable": True, "check": "email like '%@%'"},
    "owner_id": {"type": "uuid", "nullable": True,
                 "comment": "User responsible for the record (oltp users, not enforced)."},
    "source_id": {"type": "uuid", "nullable": True},
    "starts_on": {"type": "date", "nullable": True},
    "ends_on": {"type": "date", "nullable": True},
    "published": {"type": "timestamptz", "nullable": True},
    "archived": {"type": "timestamptz", "nullable": True},
    "expires": {"type": "timestamptz", "nullable": True},
    "processed": {"type": "timestamptz", "nullable": True},
    "deleted": {"type": "timestamptz", "nullable": True},
    "checksum": {"type": "bytea", "nullable": True},
    "ip_address": {"type": "inet", "nullable": True},
    "duration": {"type": "interval", "nullable": True},
}
POOL_NAMES = sorted(POOL)

# Columns v2 adds to ~5% of tables (never present in v1).
NEW_COLUMNS = [
    ("review_notes", {"type": "text", "nullable": True}),
    ("risk_score", {"type": "numeric(12,2)", "nullable": True}),
    ("retry_budget", {"type": "integer", "default": "3"}),
    ("import_batch", {"type": "text", "nullable": True}),
    ("flags", {"type": "jsonb", "default": "'{}'"}),
    ("reviewed", {"type": "timestamptz", "nullable": True}),
]
# Renames v2 applies with `was:` (old -> new); only to columns nothing else names.
RENAMES = {"notes": "remarks", "summary": "abstract", "description": "details",
           "aliases": "alternate_names", "url": "homepage_url"}
# Defaults v2 changes.
NEW_DEFAULTS = {"priority": "5", "version": "2", "locale": "'en-US'",
                "is_active": "false", "quantity": "1", "currency": "'EUR'"}

# ---------------------------------------------------------------------------
# model

SAFE = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*(\?|\(\))?$")


def q(value):
    """A YAML scalar, quoted unless it is a plain word."""
    s = str(value)
    if SAFE.match(s) and s not in ("true", "false", "null", "yes", "no", "on", "off"):
        return s
    return json.dumps(s)


def singular(word):
    if word.endswith("ies"):
        return word[:-3] + "y"
    for suf in ("sses", "ches", "shes", "xes"):
        if word.endswith(suf):
            return word[:-2]
    return word[:-1] if word.endswith("s") else word


class Table:
    def __init__(self, tier, module, noun, idx):
        self.tier, self.module, self.noun, self.idx = tier, module, noun, idx
        self.name = f"{module}_{noun}"
        self.comment = None
        self.columns = {}          # name -> spec dict
        self.primary_key = ["tenant_id", "id"]
        self.unique = []
        self.checks = []           # str or (name, expr)
        self.foreign_keys = []     # (cols, references, on_delete)
        self.indexes = []          # list of keys, or dict
        self.partition = None
        self.used = set()          # columns named by keys, checks, indexes, views

    def index_keys(self):
        out = []
        for i in self.indexes:
            out.append(tuple(i["columns"]) if isinstance(i, dict) else tuple(i))
        return out


def pick_module(tier_modules, nouns, i):
    """The i-th table of a tier: module (word + number) and noun."""
    per = len(nouns)
    m = i // per
    word = tier_modules[m % len(tier_modules)]
    return f"{word}{m // len(tier_modules) + 1:02d}", nouns[i % per]


def tier_counts(n):
    counts = {t: int(n * spec[1]) for t, spec in TIERS.items()}
    counts["oltp"] += n - sum(counts.values())
    return counts


def make_table(seed, tier, i, base, registry, partitioned):
    """Table i of `tier`. Uses its own random stream: independent of every
    other table and of the variant."""
    _, _, modules, nouns = TIERS[tier]
    rng = random.Random(f"{seed}:{tier}:{i}")
    module, noun = pick_module(modules, nouns, i)
    t = Table(tier, module, noun, i)
    t.comment = f"{singular(noun).capitalize()} records of the {module} module ({tier})."

    cols = t.columns
    cols["id"] = {"type": "uuid", "default": "gen_random_uuid()"}

    # in-tier foreign keys to earlier, non-partitioned tables (composite, with tenant)
    targets = [j for j in range(max(0, i - 200), i) if j not in partitioned.get(tier, ())]
    nfk = rng.choices([0, 1, 2], weights=[45, 40, 15])[0] if targets else 0
    for j in sorted(set(rng.sample(targets, min(nfk, len(targets))))):
        target = registry[tier][j]
        col = f"{singular(target)}_id"
        if col in cols:
            continue
        nullable = rng.random() < 0.3
        cols[col] = {"type": "uuid", "nullable": nullable}
        action = "set_null" if nullable else rng.choice(["cascade", "restrict", "no_action"])
        t.foreign_keys.append((["tenant_id", col], target, action))
        t.used.add(col)

    # soft references into another tier (another database)
    if tier != "oltp" and rng.random() < 0.35:
        j = rng.randrange(base["oltp"])
        if j not in partitioned["oltp"]:
            target = registry["oltp"][j]
            col = f"{singular(target)}_id"
            if col not in cols:
                cols[col] = {"type": "uuid", "nullable": True,
                             "comment": f"Soft reference to oltp.{target}."}
                t.foreign_keys.append((["tenant_id", col], f"oltp.{target}", None))
                t.used.add(col)
    if tier == "olap" and rng.random() < 0.2:
        j = rng.randrange(base["content"])
        if j not in partitioned["content"]:
            target = registry["content"][j]
            col = f"{singular(target)}_id"
            if col not in cols:
                cols[col] = {"type": "uuid", "nullable": True}
                t.foreign_keys.append((["tenant_id", col], f"content.{target}", None))
                t.used.add(col)

    # the tier's enum column(s)
    enums = list(ENUMS[tier].items())
    for ename, (values, cname, default) in enums[: rng.choice([1, 1, 2])]:
        cols[cname] = {"type": ename, "default": f"'{default}'"}

    # mixed columns from the pool: 8-20 columns in all
    total = rng.randint(8, 20)
    room = max(0, total - len(cols) - 2)
    for name in rng.sample(POOL_NAMES, min(room, len(POOL_NAMES))):
        cols[name] = dict(POOL[name])
    cols["created"] = {"type": "timestamptz", "default": "now()"}
    cols["updated"] = {"type": "timestamptz", "default": "now()"}

    for name, spec in cols.items():
        if "check" in spec:
            t.used.add(name)

    # table-level checks
    if "starts_on" in cols and "ends_on" in cols:
        t.checks.append((f"{t.name}_period_check",
                         "ends_on is null or starts_on is null or ends_on >= starts_on"))
        t.used |= {"starts_on", "ends_on"}
    if "total" in cols and "discount" in cols:
        t.checks.append("discount <= total")
        t.used |= {"total", "discount"}
    if "archived" in cols and "is_active" in cols:
        t.checks.append("archived is null or not is_active")
        t.used |= {"archived", "is_active"}

    if partitioned.get(tier) and i in partitioned[tier]:
        t.primary_key = ["tenant_id", "id", "created"]
        t.partition = {"by": "range(created)", "interval": "month",
                       "from": "2025-01", "count": 12}
        t.comment += " Partitioned by month of creation."

    # unique key on a code (not on partitioned tables: it would need `created`)
    if t.partition is None and "code" in cols and rng.random() < 0.6:
        t.unique.append(["tenant_id", "code"])
        t.used.add("code")

    # 2-4 indexes
    cands = []
    for cols_, _, _ in t.foreign_keys:
        cands.append(list(cols_))
    cands.append(["tenant_id", "created desc"])
    enum_col = enums[0][1][1]
    if "deleted" in cols:
        cands.append({"columns": ["tenant_id", enum_col], "where": "deleted is null"})
        t.used.add("deleted")
    else:
        cands.append(["tenant_id", enum_col])
    if "metadata" in cols:
        cands.append({"columns": ["metadata"], "using": "gin"})
        t.used.add("metadata")
    if "attributes" in cols:
        cands.append({"columns": ["attributes jsonb_path_ops"], "using": "gin"})
        t.used.add("attributes")
    if "tags" in cols:
        cands.append({"columns": ["tags"], "using": "gin"})
        t.used.add("tags")
    if "published" in cols:
        cands.append({"columns": ["tenant_id", "published desc"], "where": "published is not null"})
        t.used.add("published")
    if "expires" in cols:
        cands.append({"columns": ["expires"], "where": "expires is not null"})
        t.used.add("expires")
    if "name" in cols:
        cands.append(["tenant_id", "name"])
        t.used.add("name")
    if "owner_id" in cols:
        cands.append({"columns": ["tenant_id", "owner_id"], "where": "owner_id is not null"})
        t.used.add("owner_id")
    want = rng.randint(2, 4)
    first = cands[: min(len(t.foreign_keys), want)]  # index every FK first
    rest = [c for c in cands if c not in first]
    t.indexes = first + rng.sample(rest, min(want - len(first), len(rest)))
    t.used.add(enum_col)
    return t


def make_views(tier, tables, rng):
    views = []
    plain = [t for t in tables if t.partition is None]
    for k, t in enumerate(rng.sample(plain, min(5, len(plain)))):
        if k % 2 == 0:
            name = f"{t.module}_recent_{t.noun}"
            sql = (f"select tenant_id, id, created, updated\n"
                   f"from {t.name}\n"
                   f"where created > now() - interval '30 days'\n")
        else:
            name = f"{t.module}_{singular(t.noun)}_stats"
            sql = (f"select tenant_id,\n"
                   f"       count(*) as row_count,\n"
                   f"       min(created) as first_created,\n"
                   f"       max(updated) as last_updated\n"
                   f"from {t.name}\n"
                   f"group by tenant_id\n")
        views.append((t.module, name, f"Reporting view over {t.name}.", sql))
    return views


# ---------------------------------------------------------------------------
# variant 2

def apply_variant2(seed, tables_by_tier, base):
    rng = random.Random(f"{seed}:v2")
    old = [t for tier in TIERS for t in tables_by_tier[tier][: base[tier]]]
    n = len(old)

    def pct(p):
        return max(1, round(n * p))

    for t in rng.sample(old, pct(0.05)):
        name, spec = rng.choice(NEW_COLUMNS)
        if name not in t.columns:
            # before the timestamps, as a person would add it
            items = list(t.columns.items())
            items.insert(len(items) - 2, (name, dict(spec)))
            t.columns = dict(items)

    for t in rng.sample(old, pct(0.02)):
        for cand in (["tenant_id", "updated desc"], ["tenant_id", "id", "updated"],
                     ["updated"]):
            if tuple(cand) not in t.index_keys():
                t.indexes.append(cand)
                break

    widen = [t for t in old if any(s["type"] == "varchar(100)" for s in t.columns.values())]
    for t in rng.sample(widen, min(len(widen), pct(0.01))):
        name = next(c for c, s in t.columns.items() if s["type"] == "varchar(100)")
        t.columns[name]["type"] = "varchar(200)"

    renamable = [t for t in old if any(c in RENAMES and c not in t.used for c in t.columns)]
    for t in rng.sample(renamable, min(len(renamable), max(3, n // 500))):
        old_name = next(c for c in t.columns if c in RENAMES and c not in t.used)
        new_name = RENAMES[old_name]
        if new_name in t.columns:
            continue
        t.columns = {(new_name if c == old_name else c): (dict(s, was=old_name) if c == old_name else s)
                     for c, s in t.columns.items()}

    changeable = [t for t in old if any(c in NEW_DEFAULTS for c in t.columns)]
    for t in rng.sample(changeable, min(len(changeable), max(3, n // 500))):
        c = next(c for c in t.columns if c in NEW_DEFAULTS)
        t.columns[c]["default"] = NEW_DEFAULTS[c]


# ---------------------------------------------------------------------------
# YAML

def column_yaml(name, spec):
    keys = set(spec) - {"type", "nullable"}
    ty = spec["type"] + ("?" if spec.get("nullable") else "")
    if not keys:
        return f"      {name}: {q(ty)}\n"
    parts = [f"type: {q(ty)}"]
    for k in ("default", "check", "was", "comment"):
        if k in spec:
            parts.append(f"{k}: {q(spec[k])}")
    return f"      {name}: {{ {', '.join(parts)} }}\n"


def flow_list(items):
    return "[" + ", ".join(q(i) for i in items) + "]"


def table_yaml(t):
    out = [f"  {t.name}:\n", f"    comment: {q(t.comment)}\n", "    columns:\n"]
    out += [column_yaml(n, s) for n, s in t.columns.items()]
    out.append(f"    primary_key: {flow_list(t.primary_key)}\n")
    if t.unique:
        out.append("    unique:\n")
        out += [f"      - {flow_list(u)}\n" for u in t.unique]
    if t.foreign_keys:
        out.append("    foreign_keys:\n")
        for cols, target, action in t.foreign_keys:
            # set_null clears only the nullable column: tenant_id stays (R112).
            only = f", on_delete_columns: [{q(cols[-1])}]" if action == "set_null" else ""
            ref = f"{{ table: {q(target)}, on_delete: {action}{only} }}" if action else q(target)
            out.append(f"      - {{ columns: {flow_list(cols)}, references: {ref} }}\n")
    if t.checks:
        out.append("    checks:\n")
        for c in t.checks:
            if isinstance(c, tuple):
                out.append(f"      - {{ name: {q(c[0])}, expr: {q(c[1])} }}\n")
            else:
                out.append(f"      - {q(c)}\n")
    out.append("    indexes:\n")
    for i in t.indexes:
        if isinstance(i, dict):
            parts = [f"columns: {flow_list(i['columns'])}"]
            for k in ("using", "where"):
                if k in i:
                    parts.append(f"{k}: {q(i[k])}")
            out.append(f"      - {{ {', '.join(parts)} }}\n")
        else:
            out.append(f"      - {flow_list(i)}\n")
    if t.partition:
        p = t.partition
        out.append("    partition:\n")
        out.append(f"      by: {p['by']}\n      interval: {p['interval']}\n")
        out.append(f"      from: {q(p['from'])}\n      count: {p['count']}\n")
    return "".join(out)


PROJECT_YAML = """\
# Generated by bench/gen.py: {n} tables over four databases.
project: bench
postgres: 16

tenancy:
  root: oltp.tenants
  key: tenant_id
  type: uuid
  setting: app.current_tenant_id

conventions:
  timestamps: bare
  tables: plural
  touch_updated: true

migrations:
  lock_timeout: 5s
  statement_timeout: 15min

tiers:
  oltp:
    database: bench_oltp
    url_env: BENCH_OLTP_DATABASE_URL
  content:
    database: bench_content
    url_env: BENCH_CONTENT_DATABASE_URL
  queue:
    database: bench_queue
    url_env: BENCH_QUEUE_DATABASE_URL
  olap:
    database: bench_olap
    url_env: BENCH_OLAP_DATABASE_URL
"""

TENANTS_YAML = """\
# The tenant root: every scoped table of every tier carries tenant_id.
tables:
  tenants:
    tenancy: global
    comment: One row per customer organisation.
    columns:
      id: { type: uuid, primary_key: true, default: gen_random_uuid() }
      name: text
      slug: { type: text, check: "slug ~ '^[a-z0-9-]+$'" }
      plan: { type: text, default: "'starter'" }
      settings: { type: jsonb, default: "'{}'" }
      created: { type: timestamptz, default: now() }
      updated: { type: timestamptz, default: now() }
    unique:
      - [slug]
"""


def generate(out, n, variant, seed):
    base = tier_counts(n)
    counts = dict(base)
    if variant == 2:
        counts = {t: c + max(1, round(c * 0.01)) for t, c in base.items()}
    # partitioned: five tables spread over each tier's v1 tables
    partitioned = {t: {(k * c) // 5 + c // 10 for k in range(5)} for t, c in base.items()}

    # names first, so foreign keys and soft references can point anywhere
    registry = {}
    for tier, (_, _, modules, nouns) in TIERS.items():
        registry[tier] = ["_".join(pick_module(modules, nouns, i)) for i in range(counts[tier])]

    tables_by_tier = {
        tier: [make_table(seed, tier, i, base, registry, partitioned) for i in range(counts[tier])]
        for tier in TIERS
    }
    views_by_tier = {
        tier: make_views(tier, tables_by_tier[tier][: base[tier]], random.Random(f"{seed}:views:{tier}"))
        for tier in TIERS
    }
    if variant == 2:
        apply_variant2(seed, tables_by_tier, base)

    if os.path.exists(out):
        shutil.rmtree(out)
    os.makedirs(out)
    with open(os.path.join(out, "schemac.yaml"), "w") as f:
        f.write(PROJECT_YAML.format(n=sum(counts.values())))
    files = 1
    for tier in TIERS:
        d = os.path.join(out, tier)
        os.makedirs(d)
        with open(os.path.join(d, "enums.yaml"), "w") as f:
            f.write("enums:\n")
            for ename, (values, cname, _) in ENUMS[tier].items():
                f.write(f"  {ename}:\n    values: {flow_list(values)}\n"
                        f"    comment: {q(f'Allowed values of `{cname}` columns.')}\n")
        files += 1
        if tier == "oltp":
            with open(os.path.join(d, "tenants.yaml"), "w") as f:
                f.write(TENANTS_YAML)
            files += 1
        modules = {}
        for t in tables_by_tier[tier]:
            modules.setdefault(t.module, []).append(t)
        for module, tables in modules.items():
            parts = [f"# {tier} module {module}: {len(tables)} tables.\n", "tables:\n"]
            for t in tables:
                parts.append(table_yaml(t))
                parts.append("\n")
            views = [v for v in views_by_tier[tier] if v[0] == module]
            if views:
                parts.append("views:\n")
                for _, name, comment, sql in views:
                    parts.append(f"  {name}:\n    comment: {q(comment)}\n    sql: |\n")
                    parts += [f"      {line}\n" for line in sql.splitlines()]
            with open(os.path.join(d, f"{module}.yaml"), "w") as f:
                f.write("".join(parts))
            files += 1
    total = sum(counts.values())
    print(f"{out}: variant {variant}, {total} tables (+ tenants), "
          f"{sum(len(v) for v in views_by_tier.values())} views, {files} files", file=sys.stderr)
    return total


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("out", help="project directory to (re)create")
    ap.add_argument("--tables", type=int, default=5000, help="number of tables (default 5000)")
    ap.add_argument("--variant", type=int, choices=[1, 2], default=1)
    ap.add_argument("--seed", default="schemac-bench")
    a = ap.parse_args()
    if a.tables < 40:
        ap.error("--tables must be at least 40")
    # the number of tables (tenant root excluded) on standard output, for run.sh
    print(generate(a.out, a.tables, a.variant, a.seed))


if __name__ == "__main__":
    main()
