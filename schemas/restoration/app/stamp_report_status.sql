BEGIN
  IF NEW.status IN ('submitted', 'approved', 'invoiced') AND NEW.submitted_at IS NULL THEN
    NEW.submitted_at := now();
  END IF;
  IF NEW.status IN ('approved', 'invoiced') AND NEW.approved_at IS NULL THEN
    NEW.approved_at := now();
  END IF;
  RETURN NEW;
END
