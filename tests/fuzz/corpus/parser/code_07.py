def __get__(self, obj, objtype=None):
    if objtype is None:
        objtype = type(obj)
    def bound(*args, **kwargs):
        return self.function(objtype, *args, **kwargs)
    return bound