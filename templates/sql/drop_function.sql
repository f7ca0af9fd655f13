DROP FUNCTION {{ function.name | qualify }}();
