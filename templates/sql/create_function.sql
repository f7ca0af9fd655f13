CREATE OR REPLACE FUNCTION {{ function.name | qualify }}() RETURNS {{ function.returns | keyword }}
LANGUAGE {{ function.language | keyword }} AS $schemac$
{{ function.body | sql }}
$schemac$;
