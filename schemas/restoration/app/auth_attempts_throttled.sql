select (select count(*)
          from auth_attempts
         where email = p_email
           and not succeeded
           and attempted_at > now() - interval '15 minutes') >= 5
    or (select count(*)
          from auth_attempts
         where ip_address = p_ip
           and not succeeded
           and attempted_at > now() - interval '15 minutes') >= 20
