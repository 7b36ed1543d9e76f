def __set__(self, obj, value):
    pk = self._pk(obj)
    if pk is None:
        raise ValueError("primary key must exist before writing external state")

    self.store.set(self.key_template % pk, json.dumps(value))
    obj.__dict__[self.cache_name] = value