ALTER TABLE {{ table | qualify }} REPLICA IDENTITY {% if identity.index is defined %}USING INDEX {{ identity.index | ident }}{% else %}{{ identity | keyword }}{% endif %};
