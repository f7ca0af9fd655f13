CREATE TRIGGER {{ trigger.name | ident }} {{ trigger.timing | keyword }} {% for e in trigger.events %}{{ e | keyword }}{% if not loop.last %} OR {% endif %}{% endfor %} ON {{ table | qualify }}
    FOR EACH ROW EXECUTE FUNCTION {{ trigger.function | qualify_home }}();
