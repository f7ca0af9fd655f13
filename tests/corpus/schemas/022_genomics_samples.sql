-- Sequencing lab LIMS: identifiers compared byte-wise (COLLATE "C" and "POSIX"),
-- display names with ICU ordering, array and regex checks on barcodes.
CREATE TABLE projects (
    project_code text COLLATE "C" PRIMARY KEY CHECK (project_code ~ '^P[0-9]{5}$'),
    title        text COLLATE "und-x-icu" NOT NULL,
    pi_name      text COLLATE "en-x-icu",
    started_on   date NOT NULL
);

CREATE TABLE specimens (
    specimen_id  text COLLATE "C" PRIMARY KEY,
    project_code text COLLATE "C" NOT NULL REFERENCES projects (project_code),
    organism     text NOT NULL DEFAULT 'Homo sapiens',
    tissue       text,
    collected_on date,
    CONSTRAINT specimens_id_format CHECK (specimen_id ~ '^S-[0-9]{4}-[A-Z]{3}$')
);

CREATE TABLE libraries (
    library_id   text COLLATE "POSIX" PRIMARY KEY,
    specimen_id  text COLLATE "C" NOT NULL REFERENCES specimens (specimen_id),
    kit          text NOT NULL,
    i7_index     varchar(12) COLLATE "C" NOT NULL CHECK (i7_index ~ '^[ACGT]{6,12}$'),
    i5_index     varchar(12) COLLATE "C" CHECK (i5_index ~ '^[ACGT]{6,12}$'),
    insert_sizes integer[] CHECK (insert_sizes IS NULL OR 0 < ALL (insert_sizes)),
    UNIQUE (i7_index, i5_index)
);

CREATE TABLE flowcells (
    flowcell_id  text COLLATE "C" PRIMARY KEY,
    instrument   text NOT NULL,
    lanes        smallint NOT NULL CHECK (lanes IN (1, 2, 4, 8)),
    run_date     date NOT NULL
);

CREATE TABLE lane_loads (
    flowcell_id  text COLLATE "C" NOT NULL REFERENCES flowcells (flowcell_id),
    lane         smallint NOT NULL,
    library_id   text COLLATE "POSIX" NOT NULL REFERENCES libraries (library_id),
    fraction     real NOT NULL CHECK (fraction > 0 AND fraction <= 1),
    PRIMARY KEY (flowcell_id, lane, library_id)
);

CREATE TABLE qc_metrics (
    library_id   text COLLATE "POSIX" NOT NULL REFERENCES libraries (library_id),
    metric       text COLLATE "C" NOT NULL,
    value        double precision NOT NULL,
    thresholds   double precision[2],
    PRIMARY KEY (library_id, metric),
    CHECK (thresholds IS NULL OR array_length(thresholds, 1) = 2)
);
CREATE INDEX qc_metrics_metric_idx ON qc_metrics (metric COLLATE "C", value);
CREATE INDEX projects_title_idx ON projects (title COLLATE "und-x-icu");
