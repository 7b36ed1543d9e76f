def __get__(self, obj, objtype=None):
    if obj is None:
        return self
    if self.fget is None:
        raise AttributeError('unreadable attribute')
    return self.fget(obj)