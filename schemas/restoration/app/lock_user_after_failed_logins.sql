BEGIN
  -- 15 minutes at the fifth failure, doubling with each further one (the
  -- exponent is capped so the interval cannot overflow), at most a day.
  NEW.locked_until := now() + least(
    interval '1 day',
    interval '15 minutes' * power(2, least(NEW.failed_login_attempts - 5, 7)));
  RETURN NEW;
END
