def __get__(self, obj, owner=None):
    if obj is None:
        return self
    if self.cache_name in obj.__dict__:
        return obj.__dict__[self.cache_name]

    pk = self._pk(obj)
    if pk is None:
        return None

    raw = self.store.get(self.key_template % pk)
    if raw is None:
        return None

    value = json.loads(raw)
    obj.__dict__[self.cache_name] = value
    return value