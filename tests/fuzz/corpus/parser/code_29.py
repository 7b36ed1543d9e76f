def __get__(self, obj, owner=None):
    if obj is None:
        return ('class access', owner.__name__)
    return ('instance access', type(obj).__name__, self.value)