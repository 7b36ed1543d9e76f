def __getattr__(self, name):
    fields = self.__dict__.get('_fields', {})
    if name in fields:
        return fields[name]
    if name == 'broken':
        raise KeyError(name)
    raise AttributeError(f'record has no field {name!r}')