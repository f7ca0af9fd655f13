DROP {% if view.materialized %}MATERIALIZED {% endif %}VIEW {{ view.name | qualify }};
