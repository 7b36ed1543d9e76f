def __get__(self, obj, objtype=None):
    if obj is None:
        return self
    print(f'__get__ called for {self.name}')
    value = self.function(obj)
    obj.__dict__[self.name] = value
    return value