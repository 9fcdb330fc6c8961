extension PostgresMigrations {
    /// The migration that partitions lab readings and dose entries by year; from it on, every run of the migrator
    /// also calls `sievert_ensure_year_partitions()`.
    static let yearPartitions = "0009_year_partitions"

    // Lab readings and dose entries partitioned by the calendar year their period ends in: a year's rows sit
    // together (reports read a year or five, the rest stays cold), old years can be moved, archived or vacuumed
    // on their own, and no table or index grows past one year's size. A default partition takes any row whose
    // year has no partition yet, so no insert ever fails. The conversion makes the partitions of the years the rows
    // span; after every migration the migrator makes last year to two years ahead and the years of rows waiting in
    // the default partition, moving those rows to their own (`sievert_ensure_year_partitions()` does the same in one
    // call, for an operator). Each year's partitions take some 40 locks, so the migrator makes one year per
    // transaction; the conversion of a database spanning many years holds that many per year at once.
    //
    // A unique constraint of a partitioned table must include the partition key. The uniqueness rules that do not
    // (an entry's id, a reading's id, a reading's serial and version in its organisation) move to narrow key tables
    // that are not partitioned, filled by a statement trigger in the same statement as the rows, and the references
    // that pointed at the partitioned tables (an entry's `supersedes` and `reading_id`) point at those. The entry
    // that supersedes another may arrive in the same statement, before the trigger has run, so that reference is
    // checked at commit. The tables are replaced with their rows moved, indexes, references, row-level security
    // (FORCE, the same policy, on every partition too) and grants as before: the application still may only read
    // and add rows, re-seal a reading's cells (0008, key rotation), and only add to the key tables, never read them.
    static let v0009 = """
        SELECT set_config('sievert.all_organisations', 'on', true);
        ALTER TABLE dose_entries RENAME TO dose_entries_0007;
        ALTER TABLE lab_readings RENAME TO lab_readings_0007;

        CREATE TABLE lab_reading_ids (
            id uuid PRIMARY KEY,
            organisation_id uuid NOT NULL REFERENCES organisations(id),
            serial text NOT NULL,
            version integer NOT NULL,
            UNIQUE (organisation_id, serial, version)
        );
        CREATE TABLE dose_entry_ids (
            id uuid PRIMARY KEY
        );

        CREATE TABLE lab_readings (
            id uuid NOT NULL,
            organisation_id uuid NOT NULL,
            serial text NOT NULL,
            version integer NOT NULL,
            participant_code text,
            dosemeter_type text,
            position text NOT NULL,
            period_begin date NOT NULL,
            period_end date NOT NULL,
            status text NOT NULL,
            cells bytea NOT NULL,
            imported_at timestamptz NOT NULL
        ) PARTITION BY RANGE (period_end);
        CREATE TABLE lab_readings_default PARTITION OF lab_readings DEFAULT;
        CREATE TABLE dose_entries (
            id uuid NOT NULL,
            organisation_id uuid NOT NULL,
            employment_id uuid NOT NULL,
            person_id uuid NOT NULL,
            period_begin date NOT NULL,
            period_end date NOT NULL,
            quantity text NOT NULL,
            kind text NOT NULL,
            supersedes uuid,
            amount bytea NOT NULL,
            recorded_at timestamptz NOT NULL,
            reading_id uuid
        ) PARTITION BY RANGE (period_end);
        CREATE TABLE dose_entries_default PARTITION OF dose_entries DEFAULT;

        CREATE FUNCTION sievert_record_lab_reading_ids() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            INSERT INTO lab_reading_ids (id, organisation_id, serial, version)
                SELECT id, organisation_id, serial, version FROM inserted;
            RETURN NULL;
        END
        $$;
        CREATE TRIGGER record_ids AFTER INSERT ON lab_readings REFERENCING NEW TABLE AS inserted
            FOR EACH STATEMENT EXECUTE FUNCTION sievert_record_lab_reading_ids();
        CREATE FUNCTION sievert_record_dose_entry_ids() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            INSERT INTO dose_entry_ids (id) SELECT id FROM inserted;
            RETURN NULL;
        END
        $$;
        CREATE TRIGGER record_ids AFTER INSERT ON dose_entries REFERENCING NEW TABLE AS inserted
            FOR EACH STATEMENT EXECUTE FUNCTION sievert_record_dose_entry_ids();

        CREATE FUNCTION sievert_create_year_partitions(first_year integer, last_year integer) RETURNS integer
            LANGUAGE plpgsql AS $$
        DECLARE
            scope text := current_setting('sievert.all_organisations', true);
            parent text;
            y integer;
            part text;
            created integer := 0;
        BEGIN
            -- Rows of every organisation move out of the default partition; the caller's scope is restored after.
            PERFORM set_config('sievert.all_organisations', 'on', true);
            FOREACH parent IN ARRAY ARRAY['lab_readings', 'dose_entries'] LOOP
                FOR y IN first_year .. last_year LOOP
                    part := parent || '_y' || y;
                    CONTINUE WHEN to_regclass(part) IS NOT NULL;
                    EXECUTE format('CREATE TABLE %I (LIKE %I)', part, parent);
                    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', part);
                    EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', part);
                    EXECUTE format('CREATE POLICY tenant ON %I USING (sievert_in_scope(organisation_id)) '
                        || 'WITH CHECK (sievert_in_scope(organisation_id))', part);
                    EXECUTE format('WITH moved AS (DELETE FROM %I WHERE period_end >= %L AND period_end < %L '
                        || 'RETURNING *) INSERT INTO %I SELECT * FROM moved',
                        parent || '_default', make_date(y, 1, 1), make_date(y + 1, 1, 1), part);
                    EXECUTE format('ALTER TABLE %I ATTACH PARTITION %I FOR VALUES FROM (%L) TO (%L)',
                        parent, part, make_date(y, 1, 1), make_date(y + 1, 1, 1));
                    created := created + 1;
                END LOOP;
            END LOOP;
            PERFORM set_config('sievert.all_organisations', coalesce(scope, ''), true);
            RETURN created;
        END
        $$;
        CREATE FUNCTION sievert_waiting_years() RETURNS SETOF integer LANGUAGE plpgsql AS $$
        DECLARE
            scope text := current_setting('sievert.all_organisations', true);
            waiting integer[];
        BEGIN
            PERFORM set_config('sievert.all_organisations', 'on', true);
            SELECT coalesce(array_agg(DISTINCT w ORDER BY w), '{}') INTO waiting FROM (
                SELECT extract(year FROM period_end)::integer AS w FROM lab_readings_default
                UNION ALL SELECT extract(year FROM period_end)::integer FROM dose_entries_default) AS years;
            PERFORM set_config('sievert.all_organisations', coalesce(scope, ''), true);
            RETURN QUERY SELECT unnest(waiting);
        END
        $$;
        CREATE FUNCTION sievert_ensure_year_partitions() RETURNS integer LANGUAGE plpgsql AS $$
        DECLARE
            this_year integer := extract(year FROM current_date)::integer;
            y integer;
            created integer;
        BEGIN
            created := sievert_create_year_partitions(this_year - 1, this_year + 2);
            FOR y IN SELECT * FROM sievert_waiting_years() LOOP
                created := created + sievert_create_year_partitions(y, y);
            END LOOP;
            RETURN created;
        END
        $$;
        REVOKE EXECUTE ON FUNCTION sievert_create_year_partitions(integer, integer) FROM PUBLIC;
        REVOKE EXECUTE ON FUNCTION sievert_ensure_year_partitions() FROM PUBLIC;
        REVOKE EXECUTE ON FUNCTION sievert_waiting_years() FROM PUBLIC;

        SELECT sievert_create_year_partitions(first_year, last_year) FROM (
            SELECT min(extract(year FROM period_end))::integer AS first_year,
                max(extract(year FROM period_end))::integer AS last_year
            FROM (SELECT period_end FROM lab_readings_0007 UNION ALL SELECT period_end FROM dose_entries_0007) AS ends
        ) AS years WHERE first_year IS NOT NULL;
        INSERT INTO lab_readings (id, organisation_id, serial, version, participant_code, dosemeter_type, position,
            period_begin, period_end, status, cells, imported_at)
        SELECT id, organisation_id, serial, version, participant_code, dosemeter_type, position,
            period_begin, period_end, status, cells, imported_at
        FROM lab_readings_0007;
        INSERT INTO dose_entries (id, organisation_id, employment_id, person_id, period_begin, period_end, quantity,
            kind, supersedes, amount, recorded_at, reading_id)
        SELECT id, organisation_id, employment_id, person_id, period_begin, period_end, quantity,
            kind, supersedes, amount, recorded_at, reading_id
        FROM dose_entries_0007;
        DROP TABLE dose_entries_0007;
        DROP TABLE lab_readings_0007;

        ALTER TABLE lab_readings ADD CONSTRAINT lab_readings_pkey PRIMARY KEY (id, period_end);
        ALTER TABLE lab_readings ADD CONSTRAINT lab_readings_organisation_id_fkey
            FOREIGN KEY (organisation_id) REFERENCES organisations(id);
        CREATE INDEX lab_readings_by_organisation ON lab_readings(organisation_id, serial, version);
        ALTER TABLE dose_entries ADD CONSTRAINT dose_entries_pkey PRIMARY KEY (id, period_end);
        ALTER TABLE dose_entries ADD CONSTRAINT dose_entries_organisation_id_fkey
            FOREIGN KEY (organisation_id) REFERENCES organisations(id);
        ALTER TABLE dose_entries ADD CONSTRAINT dose_entries_employment_id_fkey
            FOREIGN KEY (employment_id) REFERENCES employments(id);
        ALTER TABLE dose_entries ADD CONSTRAINT dose_entries_person_id_fkey
            FOREIGN KEY (person_id) REFERENCES people(id);
        ALTER TABLE dose_entries ADD CONSTRAINT dose_entries_supersedes_fkey
            FOREIGN KEY (supersedes) REFERENCES dose_entry_ids(id) DEFERRABLE INITIALLY DEFERRED;
        ALTER TABLE dose_entries ADD CONSTRAINT dose_entries_reading_id_fkey
            FOREIGN KEY (reading_id) REFERENCES lab_reading_ids(id);
        CREATE INDEX dose_entries_by_person ON dose_entries(person_id, period_end);
        CREATE INDEX dose_entries_by_organisation ON dose_entries(organisation_id, period_end);
        CREATE INDEX dose_entries_by_reading ON dose_entries(reading_id) WHERE reading_id IS NOT NULL;

        ALTER TABLE lab_readings ENABLE ROW LEVEL SECURITY;
        ALTER TABLE lab_readings FORCE ROW LEVEL SECURITY;
        CREATE POLICY tenant ON lab_readings
            USING (sievert_in_scope(organisation_id)) WITH CHECK (sievert_in_scope(organisation_id));
        ALTER TABLE lab_readings_default ENABLE ROW LEVEL SECURITY;
        ALTER TABLE lab_readings_default FORCE ROW LEVEL SECURITY;
        CREATE POLICY tenant ON lab_readings_default
            USING (sievert_in_scope(organisation_id)) WITH CHECK (sievert_in_scope(organisation_id));
        ALTER TABLE lab_reading_ids ENABLE ROW LEVEL SECURITY;
        ALTER TABLE lab_reading_ids FORCE ROW LEVEL SECURITY;
        CREATE POLICY tenant ON lab_reading_ids
            USING (sievert_in_scope(organisation_id)) WITH CHECK (sievert_in_scope(organisation_id));
        ALTER TABLE dose_entries ENABLE ROW LEVEL SECURITY;
        ALTER TABLE dose_entries FORCE ROW LEVEL SECURITY;
        CREATE POLICY tenant ON dose_entries
            USING (sievert_in_scope(organisation_id)) WITH CHECK (sievert_in_scope(organisation_id));
        ALTER TABLE dose_entries_default ENABLE ROW LEVEL SECURITY;
        ALTER TABLE dose_entries_default FORCE ROW LEVEL SECURITY;
        CREATE POLICY tenant ON dose_entries_default
            USING (sievert_in_scope(organisation_id)) WITH CHECK (sievert_in_scope(organisation_id));
        GRANT SELECT, INSERT ON lab_readings, dose_entries TO {app};
        GRANT UPDATE (cells) ON lab_readings TO {app};
        GRANT INSERT ON lab_reading_ids, dose_entry_ids TO {app};
        """
}
