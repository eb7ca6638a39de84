-- JobQueue: the progress a running job's handler reports (JobContext.progress), shown on the job.
-- Nullable columns without a default: adding them changes only the catalogue, not the rows, so the
-- migration takes its lock for a moment whatever the table's size. No CHECK constraint (adding one
-- would read the whole table under that lock): JobProgress checks the values before any store sees
-- them. No index names these columns, so a progress write can be a HOT update.
ALTER TABLE iris_jobs ADD COLUMN progress_percent smallint;

ALTER TABLE iris_jobs ADD COLUMN progress_message varchar;

ALTER TABLE iris_jobs ADD COLUMN progress_at timestamptz;
