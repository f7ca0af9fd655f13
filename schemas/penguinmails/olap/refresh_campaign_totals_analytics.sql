with changed as (
  select distinct tenant_id, campaign_id
    from campaign_analytics
   where day >= p_since
), totals as (
  select a.tenant_id,
         a.campaign_id,
         (array_agg(a.company_id order by a.day desc))[1] as company_id,
         min(a.day) as first_day,
         max(a.day) as last_day,
         sum(a.sent_count) as sent_count,
         sum(a.delivered_count) as delivered_count,
         sum(a.opened_count) as opened_count,
         sum(a.clicked_count) as clicked_count,
         sum(a.replied_count) as replied_count,
         sum(a.bounced_count) as bounced_count,
         sum(a.unsubscribed_count) as unsubscribed_count
    from campaign_analytics a
    join changed c on c.tenant_id = a.tenant_id and c.campaign_id = a.campaign_id
   group by a.tenant_id, a.campaign_id
), written as (
  insert into campaign_totals_analytics as t
         (tenant_id, campaign_id, company_id, first_day, last_day, sent_count,
          delivered_count, opened_count, clicked_count, replied_count,
          bounced_count, unsubscribed_count, refreshed)
  select tenant_id, campaign_id, company_id, first_day, last_day, sent_count,
         delivered_count, opened_count, clicked_count, replied_count,
         bounced_count, unsubscribed_count, now()
    from totals
  on conflict (tenant_id, campaign_id) do update
     set company_id = excluded.company_id,
         first_day = excluded.first_day,
         last_day = excluded.last_day,
         sent_count = excluded.sent_count,
         delivered_count = excluded.delivered_count,
         opened_count = excluded.opened_count,
         clicked_count = excluded.clicked_count,
         replied_count = excluded.replied_count,
         bounced_count = excluded.bounced_count,
         unsubscribed_count = excluded.unsubscribed_count,
         refreshed = excluded.refreshed
  returning 1
)
select count(*)::integer from written
