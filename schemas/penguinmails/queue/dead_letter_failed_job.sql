BEGIN
  INSERT INTO dead_letter_jobs
         (tenant_id, job_id, queue_name, priority, payload, attempts, last_error)
  VALUES (NEW.tenant_id, NEW.id, NEW.queue_name, NEW.priority, NEW.payload,
          NEW.attempts, coalesce(NEW.last_error, 'no error recorded'))
  ON CONFLICT (tenant_id, job_id) DO NOTHING;
  RETURN NULL;
END
