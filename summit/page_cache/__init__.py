"""The shared cache of public pages (see ``middleware``): a page is kept until something
public changes (``version``) and served compressed (``encoding``)."""
