select least(100, greatest(0,
         case l.status
           when 'new' then 10
           when 'contacted' then 20
           when 'qualified' then 35
           when 'appointment' then 50
           when 'negotiating' then 60
           when 'sold' then 100
           else 0
         end
         + least(25, 5 * (
             select count(*)
               from messages m
               join conversations c
                 on c.dealership_id = m.dealership_id and c.id = m.conversation_id
              where c.dealership_id = l.dealership_id
                and c.lead_id = l.id
                and m.direction = 'inbound'
                and m.created_at > now() - interval '30 days'))
         + case when l.last_contacted_at > now() - interval '7 days' then 10 else 0 end
         + case when l.vehicle_id is not null then 5 else 0 end
       ))::numeric(5,2)
  from leads l
 where l.id = p_lead_id
