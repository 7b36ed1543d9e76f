def __getattr__(cls, name):
    members = cls.__dict__.get('members', ())
    if name in members:
        return members.index(name)
    raise AttributeError(f'{cls.__name__} has no member {name!r}')